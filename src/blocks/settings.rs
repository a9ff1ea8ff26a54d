//! Reading a block's settings into typed values: one reader per kind of value, each naming
//! the file and line of a value that is wrong and what to write instead.

use std::path::Path;

use super::{Block, Kind, Rules, Value};
use crate::charts::{ChartKind, Order};
use crate::data::model::Year;
use crate::diagnostic::Diagnostic;
use crate::slug::is_slug;

/// A setting as written: `key: value` on line `line` of the file (quotes around the value
/// removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// A value with the file line it was written on, for problems found when the block is
/// rendered (a question that is not in data/, a picture that does not exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub line: usize,
}

/// A block with its settings read, or every problem with them.
pub type Read = Result<Box<dyn Block>, Vec<Diagnostic>>;

/// Reads the settings of one block; every wrong value is noted, so one run reports all.
pub struct Reader<'a> {
    kind: &'static Kind,
    written: &'a [Written],
    rules: &'a Rules<'a>,
    path: &'a Path,
    /// Line of the block's opening `:::`.
    line: usize,
    errors: Vec<Diagnostic>,
    /// The settings asked for, so a test can check that a kind reads every setting it lists.
    asked: Vec<&'static str>,
}

impl<'a> Reader<'a> {
    /// The block of `kind` with the settings `written`, or every problem with them.
    pub fn read(kind: &'static Kind, written: &'a [Written], rules: &'a Rules<'a>, path: &'a Path, line: usize) -> Read {
        Self::read_asking(kind, written, rules, path, line).0
    }

    /// [`Reader::read`], and the names of the settings the kind asked for.
    pub(super) fn read_asking(
        kind: &'static Kind,
        written: &'a [Written],
        rules: &'a Rules<'a>,
        path: &'a Path,
        line: usize,
    ) -> (Read, Vec<&'static str>) {
        let mut reader = Reader { kind, written, rules, path, line, errors: Vec::new(), asked: Vec::new() };
        let block = (kind.read)(&mut reader);
        let result = if reader.errors.is_empty() { Ok(block) } else { Err(reader.errors) };
        (result, reader.asked)
    }

    /// Line of the block's opening `:::`.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The setting `key`, read as `value`: the registry and the reader must agree.
    fn written(&mut self, key: &str, value: Value) -> Option<&'a Written> {
        let setting = self.kind.setting(key).filter(|setting| setting.value == value);
        debug_assert!(setting.is_some(), "the `{}` block reads `{key}` as {value:?}, which the registry does not say", self.kind.name);
        self.asked.extend(setting.map(|setting| setting.name));
        self.written.iter().find(|written| written.key == key)
    }

    fn fail(&mut self, line: usize, message: String, help: String) {
        self.errors.push(Diagnostic::error(self.path, message).at_line(line).help(help));
    }

    /// Text as written (possibly empty).
    pub fn text(&mut self, key: &str) -> Option<String> {
        self.written(key, Value::Text).map(|written| written.value.clone())
    }

    /// Text that is not empty.
    pub fn filled(&mut self, key: &str) -> Option<String> {
        self.text(key).map(|text| text.trim().to_string()).filter(|text| !text.is_empty())
    }

    /// Text the block cannot do without; a missing one is noted with `help`.
    pub fn required(&mut self, key: &str, help: String) -> Option<String> {
        let text = self.filled(key);
        if text.is_none() {
            let name = self.kind.name;
            self.fail(self.line, format!("a `{name}` block needs a {key}"), help);
        }
        text
    }

    /// A picture's path, when one is given.
    pub fn picture(&mut self, key: &str) -> Option<At<String>> {
        let written = self.written(key, Value::Picture)?;
        Some(At { value: written.value.trim().to_string(), line: written.line }).filter(|at| !at.value.is_empty())
    }

    /// `span:`: a whole number of the sheet's columns.
    pub fn span(&mut self) -> Option<u8> {
        let written = self.written("span", Value::Span)?;
        let columns = self.rules.columns;
        let span = written.value.trim().parse::<u8>().ok().filter(|n| (1..=columns).contains(n));
        if span.is_none() {
            self.fail(
                written.line,
                format!("`span: {}` is not a width on this sheet", written.value),
                format!("write how many of the sheet's {columns} columns the block takes: a whole number from 1 to {columns}"),
            );
        }
        span
    }

    /// A number of text columns: 1 to 6.
    pub fn count(&mut self, key: &str) -> Option<u8> {
        let written = self.written(key, Value::Count)?;
        let count = written.value.trim().parse::<u8>().ok().filter(|n| (1..=6).contains(n));
        if count.is_none() {
            self.fail(
                written.line,
                format!("`{key}: {}` is not a number of columns", written.value),
                format!("write a whole number from 1 to 6, e.g. `{key}: 3`"),
            );
        }
        count
    }

    /// A box variant the theme styles.
    pub fn variant(&mut self, key: &str) -> Option<String> {
        let written = self.written(key, Value::Variant)?;
        let name = written.value.trim();
        if name.is_empty() {
            return None;
        }
        if self.rules.variants.iter().any(|known| known == name) {
            return Some(name.to_string());
        }
        let message = format!("the theme has no box variant `{name}` (known: {})", self.rules.variants.join(", "));
        self.fail(
            written.line,
            message,
            "use one of the known variants, or add it to `[boxes] variants` in your theme's theme.toml and style `.box-<variant>` in its static/site.css".into(),
        );
        None
    }

    /// The id of a question in data/ (whether it exists is known when the block renders).
    pub fn question(&mut self, key: &str) -> Option<At<String>> {
        let found = self.written(key, Value::Question).map(|written| At { value: written.value.trim().to_string(), line: written.line });
        let found = found.filter(|at| !at.value.is_empty());
        if found.is_none() {
            let name = self.kind.name;
            self.fail(
                self.line,
                format!("a {name} needs a question"),
                format!("add a line `{key}: <id>` with the id of a question in data/"),
            );
        }
        found
    }

    /// A chart kind.
    pub fn chart_kind(&mut self, key: &str) -> Option<ChartKind> {
        let written = self.written(key, Value::ChartKind)?;
        match ChartKind::parse(&written.value) {
            Ok(kind) => Some(kind),
            Err(message) => {
                self.fail(written.line, message, "see docs/charts.md for the chart kinds".into());
                None
            }
        }
    }

    /// The order of a chart's options.
    pub fn order(&mut self, key: &str) -> Option<Order> {
        let written = self.written(key, Value::Order)?;
        match Order::parse(Some(&written.value)) {
            Ok(order) => Some(order),
            Err(message) => {
                self.fail(written.line, message, format!("leave `{key}:` out to sort by value"));
                None
            }
        }
    }

    /// Years in digits, separated by commas.
    pub fn years(&mut self, key: &str) -> Option<Vec<Year>> {
        let written = self.written(key, Value::Years)?;
        let mut years = Vec::new();
        for year in list(&written.value) {
            match year.parse::<Year>() {
                Ok(year) => years.push(year),
                Err(_) => self.fail(
                    written.line,
                    format!("`{year}` is not a year"),
                    format!("write years in digits, newest first, e.g. `{key}: 2026, 2025`"),
                ),
            }
        }
        Some(years)
    }

    /// Ids separated by commas (possibly none).
    pub fn ids(&mut self, key: &str) -> Option<Vec<String>> {
        let written = self.written(key, Value::Ids)?;
        Some(list(&written.value).into_iter().map(String::from).collect())
    }

    /// `true` or `false`.
    pub fn flag(&mut self, key: &str, help: &str) -> Option<At<bool>> {
        let written = self.written(key, Value::Flag)?;
        match written.value.trim() {
            "true" => Some(At { value: true, line: written.line }),
            "false" => Some(At { value: false, line: written.line }),
            other => {
                self.fail(written.line, format!("`{key}: {other}` is not understood"), help.to_string());
                None
            }
        }
    }

    /// An id for links to the block.
    pub fn id(&mut self, key: &str) -> Option<At<String>> {
        let written = self.written(key, Value::Id)?;
        let id = written.value.trim();
        if is_slug(id) {
            return Some(At { value: id.to_string(), line: written.line });
        }
        self.fail(
            written.line,
            format!("`{key}: {id}` is not an id"),
            format!("write lowercase letters, digits and hyphens only, e.g. `{key}: contractduur`"),
        );
        None
    }
}

fn list(text: &str) -> Vec<&str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}
