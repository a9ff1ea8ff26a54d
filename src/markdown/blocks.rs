//! Finding `::: name` … `:::` blocks. Marker lines are recognised outside code and HTML
//! blocks only; which lines those are comes from pulldown-cmark's own events, so a `:::`
//! inside a code example is never taken for a block.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::blocks::{self, Kind, Written, KINDS};
use crate::diagnostic::Diagnostic;

/// How deep blocks may be nested. Each level is rendered by a nested call, so a limit keeps
/// a runaway file (thousands of unclosed `::: quote` lines) from overflowing the stack;
/// real pages nest two or three deep.
pub const MAX_NESTING: usize = 16;

/// One block found in the text, with its body still as Markdown source.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: &'static Kind,
    /// Its settings as written; `crate::blocks::Reader` reads them into the kind's types.
    pub settings: Vec<Written>,
    /// Line of the opening `:::` (1-based, in the whole file).
    pub line: usize,
    /// Byte range of the whole block in the text, marker lines included.
    pub range: Range<usize>,
    /// Byte range of the body (after the settings, before the closing line).
    pub body: Range<usize>,
    /// Line on which the body starts.
    pub body_line: usize,
    /// Spaces before the opening `:::` (a block inside a list item is indented with it).
    pub indent: usize,
}

impl Block {
    /// The value of setting `key` as written.
    pub fn written(&self, key: &str) -> Option<&str> {
        self.settings.iter().find(|setting| setting.key == key).map(|setting| setting.value.as_str())
    }
}

/// The top-level blocks of a text, and every problem with the markers and setting names of
/// its blocks at any depth. Reading goes on after a problem, so one run reports them all;
/// a block with a wrong setting name is still found (its other settings and its body may
/// hold more problems), an unknown block is not.
#[derive(Debug, Default)]
pub struct Found {
    pub blocks: Vec<Block>,
    pub problems: Vec<Diagnostic>,
}

/// A marker line: `::: name` opens, `:::` alone closes.
enum Marker<'a> {
    Open(&'a str),
    Close,
}

fn marker(line: &str) -> Option<Marker<'_>> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let trimmed = line.trim();
    let colons = trimmed.chars().take_while(|c| *c == ':').count();
    if colons < 3 {
        return None;
    }
    let rest = trimmed[colons..].trim();
    if rest.is_empty() {
        Some(Marker::Close)
    } else {
        Some(Marker::Open(rest))
    }
}

/// Byte ranges of code blocks and HTML blocks, where `:::` means nothing.
fn literal_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) = event {
            ranges.push(range);
        }
    }
    ranges
}

/// A block whose closing `:::` is not reached yet. `kind` is `None` for an unknown block,
/// which is only followed to its closing line.
struct Open {
    kind: Option<&'static Kind>,
    settings: Vec<Written>,
    line: usize,
    start: usize,
    body_start: usize,
    body_line: usize,
    indent: usize,
}

/// Finds the top-level blocks of `text` (nested ones stay inside their parent's body).
/// `first_line` is the file line on which `text` starts.
pub fn find(text: &str, path: &Path, first_line: usize) -> Found {
    let literal = literal_ranges(text);
    let mut found = Found::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut offset = 0;
    let mut line_number = first_line;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let this_line = line_number;
        line_number += 1;
        if literal.iter().any(|r| r.start <= start && start < r.end) {
            continue;
        }
        match marker(line) {
            Some(Marker::Open(name)) => {
                if stack.len() >= MAX_NESTING {
                    found.problems.push(
                        Diagnostic::error(path, format!("blocks are nested more than {MAX_NESTING} deep here"))
                            .at_line(this_line)
                            .help("close the blocks above with a line that holds only `:::` before opening another one"),
                    );
                    // What follows cannot be told apart from the runaway nesting.
                    return found;
                }
                let kind = blocks::kind(name);
                if kind.is_none() {
                    found.problems.push(unknown_block(name, path, this_line));
                }
                // Settings: `key: value` lines right after the opening line, indented as it is.
                let indent = line.len() - line.trim_start_matches(' ').len();
                let mut open = Open { kind, settings: Vec::new(), line: this_line, start, body_start: 0, body_line: 0, indent };
                while let Some(next) = lines.peek() {
                    let Some((key, value)) = next.strip_prefix(&" ".repeat(indent)).and_then(setting) else { break };
                    if let Some(kind) = kind {
                        if let Some(problem) = setting_problem(kind, key, &value, &open.settings, path, line_number) {
                            found.problems.push(problem);
                        }
                    }
                    open.settings.push(Written { key: key.to_string(), value, line: line_number });
                    offset += next.len();
                    line_number += 1;
                    lines.next();
                }
                (open.body_start, open.body_line) = (offset, line_number);
                stack.push(open);
            }
            Some(Marker::Close) => {
                let Some(open) = stack.pop() else {
                    found.problems.push(
                        Diagnostic::error(path, "a closing `:::` without an opening block")
                            .at_line(this_line)
                            .help("remove this line, or add an opening line such as `::: quote` above the text"),
                    );
                    continue;
                };
                if let (true, Some(kind)) = (stack.is_empty(), open.kind) {
                    found.blocks.push(Block {
                        kind,
                        settings: open.settings,
                        line: open.line,
                        range: open.start..offset,
                        body: open.body_start..start,
                        body_line: open.body_line,
                        indent: open.indent,
                    });
                }
            }
            None => {}
        }
    }
    for open in stack.iter().rev() {
        let name = open.kind.map_or("?", |kind| kind.name);
        found.problems.push(
            Diagnostic::error(path, format!("the `{name}` block is not closed"))
                .at_line(open.line)
                .help("end the block with a line that holds only `:::`"),
        );
    }
    found
}

/// What is wrong with the setting `key` of a `kind` block, if anything: a renamed, unknown
/// or repeated setting.
fn setting_problem(kind: &Kind, key: &str, value: &str, before: &[Written], path: &Path, line: usize) -> Option<Diagnostic> {
    let name = kind.name;
    if let Some(renamed) = kind.renamed.iter().find(|renamed| renamed.old == key) {
        let (old, new) = (renamed.old, renamed.new);
        return Some(
            Diagnostic::error(path, format!("`{old}:` in a `{name}` block is called `{new}:` now"))
                .at_line(line)
                .help(format!("write `{new}: {value}` on this line; {}", renamed.old_now)),
        );
    }
    if kind.setting(key).is_none() {
        return Some(Diagnostic::error(path, format!("unknown setting `{key}` for a `{name}` block")).at_line(line).help(
            if kind.settings.is_empty() {
                format!("a `{name}` block takes no settings; leave a blank line between `::: {name}` and the text")
            } else {
                format!("use one of: {}", kind.setting_names().join(", "))
            },
        ));
    }
    if before.iter().any(|written| written.key == key) {
        return Some(Diagnostic::error(path, format!("the setting `{key}` appears twice")).at_line(line).help("keep one of the two lines"));
    }
    None
}

fn unknown_block(name: &str, path: &Path, line: usize) -> Diagnostic {
    let known: Vec<&str> = KINDS.iter().map(|kind| kind.name).collect();
    Diagnostic::error(path, format!("unknown block `::: {name}`")).at_line(line).help(format!("use one of: {}", known.join(", ")))
}

/// `key: value` with a lowercase key; quotes around the value are removed.
fn setting(line: &str) -> Option<(&str, String)> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    let (key, value) = line.split_once(':')?;
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return None;
    }
    let value = value.trim();
    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    Some((key, value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(settings: &[(&str, &str, usize)]) -> Vec<Written> {
        settings.iter().map(|(key, value, line)| Written { key: key.to_string(), value: value.to_string(), line: *line }).collect()
    }

    fn problems(text: &str) -> Vec<Diagnostic> {
        find(text, Path::new("p.md"), 1).problems
    }

    #[test]
    fn finds_nested_blocks_at_top_level_only() {
        let text = "Intro\n\n::: result\nlabel: Tarief\ntext: Welk tarief?\n\n::: chart\nquestion: tarief\n:::\n\nUitleg.\n:::\n";
        let found = find(text, Path::new("p.md"), 5);
        assert!(found.problems.is_empty());
        assert_eq!(found.blocks.len(), 1);
        let block = &found.blocks[0];
        assert_eq!(block.kind.name, "result");
        assert_eq!(block.line, 7);
        assert_eq!(block.settings, written(&[("label", "Tarief", 8), ("text", "Welk tarief?", 9)]));
        assert!(text[block.body.clone()].contains("::: chart"));
        assert!(text[block.body.clone()].ends_with("Uitleg.\n"));
        assert_eq!(block.body_line, 10);
    }

    #[test]
    fn a_block_in_a_list_item_keeps_its_settings() {
        let text = "- Punt een\n\n  ::: box\n  title: Let op\n\n  Tekst.\n  :::\n- Punt twee\n";
        let blocks = find(text, Path::new("p.md"), 1).blocks;
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].indent, 2);
        assert_eq!(blocks[0].settings, written(&[("title", "Let op", 4)]));
    }

    #[test]
    fn colons_in_code_are_not_blocks() {
        let found = find("```\n::: quote\n```\n", Path::new("p.md"), 1);
        assert!(found.blocks.is_empty() && found.problems.is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let err = &problems("a\n\n::: qoute\n:::\n")[0];
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().contains("unknown block `::: qoute`"));
        let err = &problems("::: quote\nnaam: X\n:::\n")[0];
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("name, function, portrait"));
        assert!(problems("::: quote\ntext\n")[0].message.contains("not closed"));
        assert!(problems("text\n:::\n")[0].message.contains("without an opening"));
    }

    #[test]
    fn every_problem_is_found_in_one_pass() {
        let text = "::: result\nquestion: Welk?\nsapn: 2\nlabel: A\nlabel: B\n\n::: qoute\n:::\n:::\n\n::: quote\nnaam: X\n:::\n:::\n";
        let found: Vec<(Option<usize>, String)> = problems(text).into_iter().map(|p| (p.line, p.message)).collect();
        assert_eq!(
            found,
            [
                (Some(2), "`question:` in a `result` block is called `text:` now".to_string()),
                (Some(3), "unknown setting `sapn` for a `result` block".to_string()),
                (Some(5), "the setting `label` appears twice".to_string()),
                (Some(7), "unknown block `::: qoute`".to_string()),
                (Some(12), "unknown setting `naam` for a `quote` block".to_string()),
                (Some(14), "a closing `:::` without an opening block".to_string()),
            ]
        );
        // The blocks with a wrong setting name are still found, so their bodies are read.
        assert_eq!(find(text, Path::new("p.md"), 1).blocks.len(), 2);
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |depth: usize| format!("{}x\n{}", "::: quote\n".repeat(depth), ":::\n".repeat(depth));
        let found = find(&nested(MAX_NESTING), Path::new("p.md"), 1);
        assert_eq!((found.blocks.len(), found.problems.len()), (1, 0));
        let err = &problems(&nested(5000))[0];
        assert_eq!(err.line, Some(MAX_NESTING + 1));
        assert!(err.message.contains("nested more than 16 deep"), "{}", err.message);
    }
}
