//! `theme.toml`: chart colours, the sheet's grid and the box variants. A site's theme.toml
//! holds only the settings it changes: it is laid over the built-in one setting by setting
//! (tables merge, a value or a list replaces the built-in one), so a theme that adds a box
//! variant does not have to copy the palette.

use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

/// `theme.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeSettings {
    pub charts: ChartColours,
    #[serde(default)]
    pub sheet: SheetGeometry,
    #[serde(default)]
    pub boxes: Boxes,
}

/// `[boxes]`: the variants of `::: box` that the theme styles (`.box-<variant>` in its CSS).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boxes {
    pub variants: Vec<String>,
}

impl Default for Boxes {
    fn default() -> Self {
        Boxes { variants: vec!["aanbeveling".into(), "toelichting".into(), "kader".into()] }
    }
}

/// The sheet's grid in sheet units (a sheet is 1000 units wide). Charts are drawn for the
/// slot they occupy, so these numbers must match the grid in the theme's style.css.
#[derive(Debug, Clone, Copy, Deserialize)]
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
    #[serde(default = "default_article")]
    pub article: f64,
}

fn default_article() -> f64 {
    500.0
}

impl Default for SheetGeometry {
    fn default() -> Self {
        SheetGeometry { content: 920.0, columns: 3, gap: 24.0, phone: 270.0, article: default_article() }
    }
}

impl SheetGeometry {
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
    ThemeSettings::deserialize(toml::Value::Table(merged)).map_err(|err| {
        // The merged table has no places in the file; find the setting the message names.
        let mut diagnostic = Diagnostic::error(&shown, err.message().to_string()).help(HELP);
        if let Some(line) = named_setting(err.message()).and_then(|key| line_of_key(&text, key)) {
            diagnostic = diagnostic.at_line(line);
        }
        diagnostic
    })
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
    }
}
