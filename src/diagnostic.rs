//! One error type for everything an author can get wrong: it names the file, the line
//! (when there is one), what is wrong and what to do about it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What the author can do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Several problems found in one pass, so an author can fix them all at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", shown(&self.0).join("\n"))
    }
}

/// The most messages shown for one file: a broken export or codebook can give one per
/// cell, hundreds of thousands of lines that hide the first, useful ones.
pub const SHOWN_PER_FILE: usize = 50;

/// `diagnostics` as printed lines: the first `SHOWN_PER_FILE` of each file in their
/// order, and after them one line per file that had more, saying how many.
pub fn shown(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut per_file: std::collections::HashMap<&Path, usize> = std::collections::HashMap::new();
    let mut lines = Vec::new();
    let mut hidden: Vec<(&Path, usize)> = Vec::new();
    for diagnostic in diagnostics {
        let count = per_file.entry(diagnostic.path.as_path()).or_default();
        *count += 1;
        if *count <= SHOWN_PER_FILE {
            lines.push(diagnostic.to_string());
        } else if *count == SHOWN_PER_FILE + 1 {
            hidden.push((diagnostic.path.as_path(), 0));
        }
    }
    for (path, more) in &mut hidden {
        *more = per_file[path] - SHOWN_PER_FILE;
        lines.push(format!("… and {more} more in {} (only the first {SHOWN_PER_FILE} of a file are shown)", path.display()));
    }
    lines
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

/// What serde is told a number of respondents is, so its type errors get the right help.
pub const RESPONDENTS: &str = "a number of respondents";
/// What serde is told a question's `n:` is.
pub const RESPONDENTS_BY_YEAR: &str = "the respondents per year";

/// serde's "invalid type: string \"vijf\", expected i64" in an author's words:
/// ("expected a whole number, found the text \"vijf\"", what to write instead). The text
/// before "invalid type"/"invalid value" (a setting's name) is kept.
pub fn plain_type_error(message: &str) -> Option<(String, &'static str)> {
    let at = message.find("invalid type: ").or_else(|| message.find("invalid value: "))?;
    let (prefix, rest) = message.split_at(at);
    let rest = rest.split_once(": ")?.1;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let found = if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(number) = found.strip_prefix("integer ").or_else(|| found.strip_prefix("floating point ")) {
        format!("the number {}", number.trim_matches('`'))
    } else if let Some(value) = found.strip_prefix("boolean ") {
        value.trim_matches('`').to_string()
    } else {
        match found {
            "sequence" => "a list".to_string(),
            "map" => "a group of settings".to_string(),
            "unit value" => "nothing".to_string(),
            other => other.to_string(),
        }
    };
    let (expected, help) = match expected.trim() {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            ("a whole number", "write a whole number, in digits and without quotes")
        }
        "f32" | "f64" => ("a number", "write a number without quotes, with a decimal point: 4.5"),
        // What the data's `n:` reader expects (src/data/load.rs).
        RESPONDENTS_BY_YEAR => (
            "`unknown` or the number of respondents per year",
            "write e.g. `n: {2026: 98, 2025: 103}`, with `unknown` for a year (or for the whole question) whose number is not known",
        ),
        RESPONDENTS => ("a whole number or `unknown`", "write the number of respondents in digits, or `unknown` when it is not known"),
        "a boolean" => ("true or false", "write `true` or `false`"),
        "a string" | "a character" => ("text", "write the text on one line; put it between quotes if it starts with [ { - or holds `: `"),
        list if list.starts_with("a sequence") || list.starts_with("an array") || list.starts_with("a tuple") => {
            ("a list", "write a list: `[a, b]`, or one `- item` per line")
        }
        group if group.starts_with("struct ") || group == "a map" || group.starts_with("a table") => {
            ("a group of settings", "write the settings of this group on the indented lines below its name")
        }
        _ => return None,
    };
    Some((format!("{prefix}expected {expected}, found {found}"), help))
}
