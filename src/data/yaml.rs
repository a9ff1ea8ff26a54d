//! The one place that talks to serde_yaml (published as deprecated; keeping it behind
//! one function means it can be swapped without touching the rest of folio).

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

/// Parses `text` (taken from `path`, starting at 1-based line `first_line`) into `T`.
/// Errors carry the file, line and column of the problem.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| yaml_diagnostic(&err, path, first_line))
}

fn yaml_diagnostic(err: &serde_yaml::Error, path: &Path, first_line: usize) -> Diagnostic {
    // serde_yaml appends " at line X column Y" to its message; we report the place ourselves.
    let raw = err.to_string();
    let message = match raw.find(" at line ") {
        Some(cut) => raw[..cut].to_string(),
        None => raw,
    };
    let help = if message.contains("tab") {
        "YAML does not allow tabs for indentation: indent with spaces"
    } else if message.contains("unknown field") {
        "check the spelling of this setting; the message lists the settings that are allowed"
    } else if message.contains("unknown variant") {
        "use one of the values that the message lists"
    } else if message.contains("duplicate") {
        "each setting may appear only once: remove one of them"
    } else if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()) {
        return place(Diagnostic::error(path, message.clone()).help(format!("add the required setting `{field}: …`")), err, first_line);
    } else if message.contains("invalid type") {
        "check the kind of value: text, a number, true/false, or a list"
    } else {
        "check the YAML syntax around this line: indentation with spaces, a colon after each name, quotes closed"
    };
    place(Diagnostic::error(path, message).help(help), err, first_line)
}

fn place(diagnostic: Diagnostic, err: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    match err.location() {
        Some(location) => diagnostic.at(first_line + location.line() - 1, location.column()),
        None => diagnostic.at_line(first_line),
    }
}
