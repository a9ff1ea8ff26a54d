//! `theme.toml`: chart colours, the sheet's grid and the box variants. A site's theme.toml
//! holds only the settings it changes: it is laid over the built-in one setting by setting
//! (tables merge, a value or a list replaces the built-in one), so a theme that adds a box
//! variant does not have to copy the palette. The built-in theme.toml is the only place
//! of every default: there are no others here.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// `theme.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeSettings {
    pub charts: ChartColours,
    pub sheet: SheetGeometry,
    pub boxes: Boxes,
}

/// `[boxes]`: the variants of `::: box` that the theme styles (`.box-<variant>` in its CSS).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boxes {
    pub variants: Vec<String>,
}

/// The sheet's grid in sheet units (a sheet is 1000 units wide): `[sheet]`. Charts are drawn
/// for the slot they occupy from these numbers, and the templates write the same numbers
/// as CSS variables for the grid of style.css (templates/partials/grid.html), so the two
/// cannot differ.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SheetGeometry {
    /// Width of the content area: the sheet less its side padding.
    pub content: f64,
    /// Columns of the results grid, and the gap between them.
    pub columns: u8,
    pub gap: f64,
    /// Width of the one column a phone shows.
    pub phone: f64,
    /// Width of a report's article column (`mode = "report"`), where every block takes
    /// the whole width.
    pub article: f64,
}

/// The most columns a grid may have: `span:` classes are written for each of them.
pub const MAX_COLUMNS: u8 = 12;

impl SheetGeometry {
    /// The slot of a chart in a block `span` columns wide.
    pub fn slot(&self, span: u8) -> crate::charts::Frame {
        crate::charts::Frame::new(self.span_width(span), self.phone)
    }

    /// What is wrong with the numbers, as (setting, message, help).
    fn problem(&self) -> Option<(&'static str, String, String)> {
        if !(1..=MAX_COLUMNS).contains(&self.columns) {
            let message = format!("`columns = {}` is not a number of grid columns", self.columns);
            return Some(("columns", message, format!("write a whole number from 1 to {MAX_COLUMNS}, e.g. `columns = 3`")));
        }
        if !(self.content > 0.0 && self.content <= 1000.0) {
            let message = format!("`content = {}` is not a width on a sheet 1000 units wide", self.content);
            return Some(("content", message, "write the sheet's width less its side padding, e.g. `content = 920`".into()));
        }
        let column = (self.content - self.gap * f64::from(self.columns - 1)) / f64::from(self.columns);
        if !(self.gap >= 0.0 && column >= 100.0) {
            let message = format!("`gap = {}` leaves columns of {column:.0} units, too narrow for a chart", self.gap);
            return Some(("gap", message, "make the gap or the number of columns smaller: a column needs 100 units or more".into()));
        }
        if !(self.phone >= 200.0 && self.phone <= 1000.0) {
            let message = format!("`phone = {}` is not the width of a phone's column", self.phone);
            return Some(("phone", message, "write a width from 200 to 1000 units, e.g. `phone = 320`".into()));
        }
        if !(self.article >= 200.0 && self.article <= 1000.0) {
            let message = format!("`article = {}` is not the width of a report's text column", self.article);
            return Some(("article", message, "write a width from 200 to 1000 units, e.g. `article = 500`".into()));
        }
        None
    }

    /// Width of `span` columns of the results grid.
    pub fn span_width(&self, span: u8) -> f64 {
        let span = f64::from(span.clamp(1, self.columns.max(1)));
        let column = (self.content - self.gap * f64::from(self.columns.max(1) - 1)) / f64::from(self.columns.max(1));
        span * column + (span - 1.0) * self.gap
    }

    /// Width of one of `count` columns sharing `width`.
    pub fn share(&self, width: f64, count: u8) -> f64 {
        let count = f64::from(count.max(1));
        (width - self.gap * (count - 1.0)) / count
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartColours {
    /// The data accent: the current year's colour.
    pub accent: String,
    pub palette: Vec<String>,
    pub text_color: String,
    /// `[charts.tones]`: colours of options marked positive, neutral, negative or none.
    #[serde(default)]
    pub tones: crate::charts::Tones,
}

/// The settings: the built-in theme.toml with the site's one (its shown path and bytes),
/// if any, laid over it.
impl ThemeSettings {
    /// The built-in theme's settings (themes/default/theme.toml, compiled in).
    pub fn built_in() -> ThemeSettings {
        load(None).expect("the built-in theme.toml has every setting right")
    }
}

pub(super) fn load(site: Option<(PathBuf, &Vec<u8>)>) -> Result<ThemeSettings, Diagnostic> {
    let (_, built_in) = super::DEFAULT_THEME.iter().find(|(name, _)| *name == "theme.toml").expect("the built-in theme has a theme.toml");
    let built_in = std::str::from_utf8(built_in).expect("the built-in theme.toml is UTF-8");
    let mut merged: toml::Table = toml::from_str(built_in).expect("the built-in theme.toml parses");
    let Some((shown, bytes)) = site else {
        return Ok(ThemeSettings::deserialize(toml::Value::Table(merged)).expect("the built-in theme.toml has every setting right"));
    };
    let text = crate::text::decode_utf8(bytes.clone(), &shown)?;
    let own: toml::Table = toml::from_str(&text).map_err(|err| settings_error(&shown, &text, &err))?;
    lay_over(&mut merged, own);
    let settings = ThemeSettings::deserialize(toml::Value::Table(merged)).map_err(|err| {
        // The merged table has no places in the file; find the setting the message names.
        let mut diagnostic = Diagnostic::error(&shown, err.message().to_string()).help(HELP);
        if let Some(line) = named_setting(err.message()).and_then(|key| line_of_key(&text, key)) {
            diagnostic = diagnostic.at_line(line);
        }
        diagnostic
    })?;
    if let Some((key, message, help)) = settings.sheet.problem() {
        let mut diagnostic = Diagnostic::error(&shown, message).help(help);
        // The gap may be the built-in one, narrowed by the columns the site asks for.
        if let Some(line) = line_of_key(&text, key).or_else(|| line_of_key(&text, "columns")) {
            diagnostic = diagnostic.at_line(line);
        }
        return Err(diagnostic);
    }
    Ok(settings)
}

const HELP: &str = "see the built-in theme.toml (`folio theme export`) for the settings a theme has";

fn settings_error(shown: &std::path::Path, text: &str, err: &toml::de::Error) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(shown, err.message().to_string()).help(HELP);
    if let Some(span) = err.span() {
        let (line, column) = crate::text::line_column(text, span.start);
        diagnostic = diagnostic.at(line, column);
    }
    diagnostic
}

/// `own` laid over `base`: a table merges key by key, anything else replaces.
fn lay_over(base: &mut toml::Table, own: toml::Table) {
    for (key, value) in own {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(own_table)) => lay_over(base_table, own_table),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// The setting a message of serde names in backquotes ("unknown field `palete`").
fn named_setting(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('`')?;
    rest.split_once('`').map(|(key, _)| key)
}

/// The first line of `text` that sets `key`.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|line| line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(own: &str) -> Result<ThemeSettings, Diagnostic> {
        let bytes = own.as_bytes().to_vec();
        load(Some((PathBuf::from("themes/eigen/theme.toml"), &bytes)))
    }

    #[test]
    fn a_site_changes_only_the_settings_it_names() {
        let built_in = load(None).unwrap();
        let own = with("[boxes]\nvariants = [\"aanbeveling\", \"waarschuwing\"]\n\n[charts.tones]\npositive = \"#005a9e\"\n").unwrap();
        assert_eq!(own.boxes.variants, ["aanbeveling", "waarschuwing"]);
        assert_eq!(own.charts.tones.positive, "#005a9e");
        assert_eq!(own.charts.tones.negative, built_in.charts.tones.negative);
        assert_eq!(own.charts.palette, built_in.charts.palette, "a list not named stays the built-in one");
        assert_eq!(own.sheet.content, built_in.sheet.content);
        // A list named replaces the built-in list whole.
        assert_eq!(with("[charts]\npalette = [\"#1f4e79\"]\n").unwrap().charts.palette, ["#1f4e79"]);
    }

    #[test]
    fn mistakes_name_the_line() {
        let err = with("[charts]\n\npalete = [\"#1f4e79\"]\n").unwrap_err();
        assert!(err.message.starts_with("unknown field `palete`"), "{}", err.message);
        assert_eq!(err.line, Some(3));
        let err = with("[sheet]\ncolumns = \"drie\"\n").unwrap_err();
        assert!(err.message.contains("invalid type"), "{}", err.message);
        let err = with("[charts\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        let err = with("[sheet]\ncolumns = 0\n").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (Some(2), "`columns = 0` is not a number of grid columns"));
        let err = with("[sheet]\ncolumns = 12\ngap = 60\n").unwrap_err();
        assert_eq!(err.line, Some(3), "{}", err.message);
    }

    #[test]
    fn the_grid_is_read_from_theme_toml_only() {
        let built_in = load(None).unwrap();
        let toml = std::str::from_utf8(super::super::DEFAULT_THEME[0].1).unwrap();
        assert!(toml.contains(&format!("columns = {}", built_in.sheet.columns)));
        let four = with("[sheet]\ncolumns = 4\n").unwrap();
        assert_eq!((four.sheet.columns, four.sheet.content, four.sheet.gap), (4, built_in.sheet.content, built_in.sheet.gap));
        // Four columns of (920 - 3 × 24) / 4 = 212 units.
        assert_eq!(four.sheet.slot(1).width, 212.0);
        assert_eq!(four.sheet.slot(4).width, 920.0);
    }
}
