//! The one place that talks to serde_yaml (published as deprecated; keeping it behind
//! one function means it can be swapped without touching the rest of folio).

mod expansion;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

/// Parses `text` (taken from `path`, starting at 1-based line `first_line`) into `T`.
/// Errors carry the file, line and column of the problem.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Result<T, Diagnostic> {
    if let Some((line, column)) = too_deep(text) {
        return Err(Diagnostic::error(
            path,
            format!("lists and maps in `[ ]` and `{{ }}` are nested more than {MAX_FLOW_DEPTH} deep here"),
        )
        .at(first_line + line - 1, column)
        .help("close the brackets that are opened above, or write the values one per line"));
    }
    if let Err(place) = expansion::check(text) {
        let diagnostic = Diagnostic::error(
            path,
            "the aliases (`*name`, repeating what `&name` marks) make this file grow far beyond its size; reading stopped here",
        )
        .help("write the values out, or use an alias only for a value without aliases of its own");
        return Err(diagnostic.at(first_line + place.0 - 1, place.1));
    }
    serde_yaml::from_str(text).map_err(|err| yaml_diagnostic(&err, text, path, first_line))
}

fn yaml_diagnostic(err: &serde_yaml::Error, text: &str, path: &Path, first_line: usize) -> Diagnostic {
    // serde_yaml appends " at line X column Y" to its message; we report the place ourselves.
    let raw = err.to_string();
    let message = match raw.find(" at line ") {
        Some(cut) => raw[..cut].to_string(),
        None => raw.clone(),
    };
    // An unclosed quote runs to the end of the file; the place to fix is where it opens.
    if let Some((line, column)) = raw.split_once(", while scanning a quoted scalar at line ").and_then(|(_, at)| line_and_column(at)) {
        return Diagnostic::error(path, "this quoted text is never closed")
            .at(first_line + line - 1, column)
            .help("end it with the same quote mark on the same line, or leave out the opening quote");
    }
    // What went wrong is read from the line itself where the message does not say it plainly.
    let line_text = err.location().and_then(|l| text.lines().nth(l.line().saturating_sub(1))).unwrap_or_default();
    if let Some((key, value)) = unquoted_colon(line_text) {
        return place(
            Diagnostic::error(path, format!("the value of `{key}` holds `: `, which YAML reads as the start of another setting"))
                .help(format!("put the value between quotes: {key}: \"{}\"", value.replace('"', "\\\""))),
            err,
            first_line,
        );
    }
    if let Some((plain, help)) = crate::diagnostic::plain_type_error(&message) {
        return place(Diagnostic::error(path, plain).help(help), err, first_line);
    }
    let help = if line_text.starts_with(|c: char| c.is_whitespace()) && line_text.trim_start_matches(' ').starts_with('\t') {
        "YAML does not allow tabs for indentation: indent with spaces"
    } else if message.contains("unknown field") {
        "check the spelling of this setting; the message lists the settings that are allowed"
    } else if message.contains("unknown variant") {
        "use one of the values that the message lists"
    } else if let Some(key) = message.split_once("duplicate field `").and_then(|(_, rest)| rest.split('`').next()) {
        let diagnostic = Diagnostic::error(path, message.clone()).help("each setting may appear only once: remove one of them");
        // serde_yaml points at the start of the group; point at the second `key:` instead.
        return match err.location().and_then(|l| second_key(text, key, l.line(), l.column())) {
            Some((line, column)) => diagnostic.at(first_line + line - 1, column),
            None => place(diagnostic, err, first_line),
        };
    } else if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
        return place(Diagnostic::error(path, message.clone()).help(format!("add the required setting `{field}: …`")), err, first_line);
    } else if message.contains("invalid type") {
        "check the kind of value: text, a number, true/false, or a list"
    } else {
        "check the YAML syntax around this line: indentation with spaces, a colon after each name, quotes closed"
    };
    place(Diagnostic::error(path, message).help(help), err, first_line)
}

/// serde_yaml refuses deeper nesting anyway, but only after libyaml has scanned it, which
/// takes quadratic time: 40 kB of `{` took two seconds.
const MAX_FLOW_DEPTH: usize = 128;

/// The 1-based (line, column) of the `[` or `{` that nests flow collections more than
/// MAX_FLOW_DEPTH deep. A quick scan: quoted text and comments are skipped, a bracket
/// counts only where a value can start (so `label: a [b` opens nothing), and a line that
/// starts with a name or a word starts again from zero (so brackets left open in text do
/// not add up).
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    let mut value_start = true;
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if line_start && !matches!(c, ' ' | '\t' | '\r' | '\n') {
            line_start = false;
            if c.is_alphanumeric() {
                depth = 0;
            }
        }
        match c {
            '\n' => {
                (line, column) = (line + 1, 0);
                value_start = true;
                line_start = true;
            }
            ' ' | '\t' | '\r' => {}
            '#' if value_start || column == 1 => while chars.next_if(|&c| c != '\n').is_some() {},
            '"' | '\'' if value_start => {
                while let Some(q) = chars.next() {
                    match q {
                        '\n' => (line, column) = (line + 1, 0),
                        '\\' if c == '"' => {
                            chars.next_if(|&c| c != '\n');
                        }
                        q if q == c => break,
                        _ => column += 1,
                    }
                }
                value_start = false;
            }
            '[' | '{' if value_start => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((line, column));
                }
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                value_start = false;
            }
            ':' | '-' | '?' | ',' => value_start = true,
            _ => value_start = false,
        }
    }
    None
}

/// "4 column 11…" → (4, 11).
fn line_and_column(at: &str) -> Option<(usize, usize)> {
    let (line, rest) = at.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The place of the second `key:` of the group that starts at (`line`, `column`).
fn second_key(text: &str, key: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let indent = column.checked_sub(1)?;
    let wanted = format!("{key}:");
    text.lines()
        .enumerate()
        .skip(line.checked_sub(1)?)
        .filter(|(_, l)| l.get(indent..).is_some_and(|rest| rest.starts_with(&wanted)) && l[..indent].chars().all(|c| c == ' ' || c == '-'))
        .nth(1)
        .map(|(index, _)| (index + 1, column))
}

/// `title: Een pagina: met dubbele punt` → ("title", "Een pagina: met dubbele punt"): a plain
/// (unquoted) value that holds `: ` itself.
fn unquoted_colon(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.trim_start().trim_start_matches("- ").split_once(": ")?;
    let value = value.trim();
    let plain = !value.starts_with(['"', '\'', '{', '[', '|', '>', '&', '*', '!']);
    let key_ok = !key.is_empty() && !key.contains([' ', '"', '\'', '{', '[']);
    (plain && key_ok && value.contains(": ")).then_some((key, value))
}

fn place(diagnostic: Diagnostic, err: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    match err.location() {
        Some(location) => diagnostic.at(first_line + location.line() - 1, location.column()),
        None => diagnostic.at_line(first_line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        let deep = format!("questions: {}", "[".repeat(40_000));
        let started = std::time::Instant::now();
        let err = parse::<serde_yaml::Value>(&deep, Path::new("data/x.yaml"), 1).unwrap_err();
        assert!(started.elapsed().as_millis() < 500, "{:?}", started.elapsed());
        assert!(err.message.contains("nested more than 128 deep"), "{}", err.message);
        assert_eq!((err.line, err.column), (Some(1), Some(12 + MAX_FLOW_DEPTH)));
        // Brackets in text and quotes, and ordinary flow lists, are left to serde_yaml.
        let text = format!("a: [1, [2, {{b: 3}}]]\nc: \"{}\"\nd: x {}\n{}", "[".repeat(300), "[".repeat(300), "e: [x\n".repeat(300));
        assert_eq!(too_deep(&text), None);
        assert_eq!(too_deep(&"- [\n".repeat(129)), Some((129, 3)));
    }
}
