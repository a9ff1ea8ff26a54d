//! Finding `::: name` … `:::` blocks. Marker lines are recognised outside code and HTML
//! blocks only; which lines those are comes from pulldown-cmark's own events, so a `:::`
//! inside a code example is never taken for a block.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;

/// Every block an author can write, with the settings it accepts.
pub const DIRECTIVES: &[(&str, &[&str])] = &[
    ("quote", &["name", "function", "portrait", "span"]),
    ("result", &["label", "finding", "text", "span"]),
    ("columns", &["count"]),
    ("stack", &["span"]),
    ("box", &["title", "variant", "span"]),
    ("cards", &[]),
    ("footnotes", &[]),
    ("chart", &["question", "kind", "years", "options", "items", "title", "changes", "order"]),
    ("table", &["id", "caption", "source"]),
    ("figure", &["id", "caption", "source"]),
];

/// Settings that were renamed, as (block, old name, new name, what the old name means now):
/// the old name gets a message that says what to write instead of "unknown setting".
const RENAMED: &[(&str, &str, &str, &str)] =
    &[("result", "question", "text", "`question:` now only names a question from data/ in a `::: chart`")];

/// How deep blocks may be nested. Each level is rendered by a nested call, so a limit keeps
/// a runaway file (thousands of unclosed `::: quote` lines) from overflowing the stack;
/// real pages nest two or three deep.
pub const MAX_NESTING: usize = 16;

/// One block found in the text, with its body still as Markdown source.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub name: String,
    pub attrs: Vec<(String, String)>,
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
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => ranges.push(range),
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {}
            _ => {}
        }
    }
    ranges
}

/// A block whose closing `:::` is not reached yet: (name, opening line, start offset, body
/// start, body line, attrs).
type OpenBlock = (String, usize, usize, usize, usize, Vec<(String, String)>, usize);

/// Finds the top-level blocks of `text` (nested ones stay inside their parent's body).
/// `first_line` is the file line on which `text` starts.
pub fn find(text: &str, path: &Path, first_line: usize) -> Result<Vec<Block>, Diagnostic> {
    let literal = literal_ranges(text);
    let mut blocks = Vec::new();
    let mut stack: Vec<OpenBlock> = Vec::new();
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
                let allowed = settings_of(name).ok_or_else(|| unknown_directive(name, path, this_line))?;
                if stack.len() >= MAX_NESTING {
                    return Err(Diagnostic::error(path, format!("blocks are nested more than {MAX_NESTING} deep here"))
                        .at_line(this_line)
                        .help("close the blocks above with a line that holds only `:::` before opening another one"));
                }
                // Settings: `key: value` lines right after the opening line, indented as it is.
                let indent = line.len() - line.trim_start_matches(' ').len();
                let mut attrs = Vec::new();
                while let Some(next) = lines.peek() {
                    let Some((key, value)) = next.strip_prefix(&" ".repeat(indent)).and_then(setting) else { break };
                    if let Some(renamed) = renamed_setting(name, key, &value, path, line_number) {
                        return Err(renamed);
                    }
                    if !allowed.contains(&key) {
                        return Err(Diagnostic::error(path, format!("unknown setting `{key}` for a `{name}` block"))
                            .at_line(line_number)
                            .help(if allowed.is_empty() {
                                format!("a `{name}` block takes no settings; leave a blank line between `::: {name}` and the text")
                            } else {
                                format!("use one of: {}", allowed.join(", "))
                            }));
                    }
                    if attrs.iter().any(|(k, _): &(String, String)| k == key) {
                        return Err(Diagnostic::error(path, format!("the setting `{key}` appears twice"))
                            .at_line(line_number)
                            .help("keep one of the two lines"));
                    }
                    attrs.push((key.to_string(), value));
                    offset += next.len();
                    line_number += 1;
                    lines.next();
                }
                stack.push((name.to_string(), this_line, start, offset, line_number, attrs, indent));
            }
            Some(Marker::Close) => {
                let Some((name, line, block_start, body_start, body_line, attrs, indent)) = stack.pop() else {
                    return Err(Diagnostic::error(path, "a closing `:::` without an opening block")
                        .at_line(this_line)
                        .help("remove this line, or add an opening line such as `::: quote` above the text"));
                };
                if stack.is_empty() {
                    blocks.push(Block { name, attrs, line, range: block_start..offset, body: body_start..start, body_line, indent });
                }
            }
            None => {}
        }
    }
    if let Some((name, line, ..)) = stack.pop() {
        return Err(Diagnostic::error(path, format!("the `{name}` block is not closed"))
            .at_line(line)
            .help("end the block with a line that holds only `:::`"));
    }
    Ok(blocks)
}

fn settings_of(name: &str) -> Option<&'static [&'static str]> {
    DIRECTIVES.iter().find(|(known, _)| *known == name).map(|(_, settings)| *settings)
}

/// The message for a setting under its old name, if `key` is one.
fn renamed_setting(name: &str, key: &str, value: &str, path: &Path, line: usize) -> Option<Diagnostic> {
    let (_, old, new, old_now) = RENAMED.iter().find(|(block, old, ..)| *block == name && *old == key)?;
    Some(
        Diagnostic::error(path, format!("`{old}:` in a `{name}` block is called `{new}:` now"))
            .at_line(line)
            .help(format!("write `{new}: {value}` on this line; {old_now}")),
    )
}

fn unknown_directive(name: &str, path: &Path, line: usize) -> Diagnostic {
    let known: Vec<&str> = DIRECTIVES.iter().map(|(name, _)| *name).collect();
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

    #[test]
    fn finds_nested_blocks_at_top_level_only() {
        let text = "Intro\n\n::: result\nlabel: Tarief\ntext: Welk tarief?\n\n::: chart\nquestion: tarief\n:::\n\nUitleg.\n:::\n";
        let blocks = find(text, Path::new("p.md"), 5).unwrap();
        assert_eq!(blocks.len(), 1);
        let block = &blocks[0];
        assert_eq!(block.name, "result");
        assert_eq!(block.line, 7);
        assert_eq!(block.attrs, vec![("label".into(), "Tarief".into()), ("text".into(), "Welk tarief?".into())]);
        assert!(text[block.body.clone()].contains("::: chart"));
        assert!(text[block.body.clone()].ends_with("Uitleg.\n"));
        assert_eq!(block.body_line, 10);
    }

    #[test]
    fn a_block_in_a_list_item_keeps_its_settings() {
        let text = "- Punt een\n\n  ::: box\n  title: Let op\n\n  Tekst.\n  :::\n- Punt twee\n";
        let blocks = find(text, Path::new("p.md"), 1).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].indent, 2);
        assert_eq!(blocks[0].attrs, vec![("title".into(), "Let op".into())]);
    }

    #[test]
    fn colons_in_code_are_not_blocks() {
        let text = "```\n::: quote\n```\n";
        assert!(find(text, Path::new("p.md"), 1).unwrap().is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let err = find("a\n\n::: qoute\n:::\n", Path::new("p.md"), 1).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().contains("unknown block `::: qoute`"));
        let err = find("::: quote\nnaam: X\n:::\n", Path::new("p.md"), 1).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("name, function, portrait"));
        let err = find("::: quote\ntext\n", Path::new("p.md"), 1).unwrap_err();
        assert!(err.message.contains("not closed"));
        let err = find("text\n:::\n", Path::new("p.md"), 1).unwrap_err();
        assert!(err.message.contains("without an opening"));
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |depth: usize| format!("{}x\n{}", "::: quote\n".repeat(depth), ":::\n".repeat(depth));
        assert_eq!(find(&nested(MAX_NESTING), Path::new("p.md"), 1).unwrap().len(), 1);
        let err = find(&nested(5000), Path::new("p.md"), 1).unwrap_err();
        assert_eq!(err.line, Some(MAX_NESTING + 1));
        assert!(err.message.contains("nested more than 16 deep"), "{}", err.message);
    }
}
