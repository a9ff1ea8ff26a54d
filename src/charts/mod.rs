//! Charts: turn one survey question plus the author's `::: chart` settings into an
//! accessible inline SVG, a text alternative in the site's language and a data table with the same figures.
//!
//! The flow is always the same: `select` validates the author's selection against the data
//! (so a chart can never show figures that do not exist), one module per chart kind lays
//! out and draws, `svg::finish` makes the result a self-describing `<svg role="img">`, and
//! `table` derives the table and description from the same selection and the same
//! `value_text`, so chart, table and cited numbers in the text cannot disagree.

mod bars;
mod base;
mod canvas;
mod colors;
mod diverging;
pub(crate) mod donut;
mod hbars;
mod kpi;
mod layout;
mod options;
mod range;
mod scores;
mod select;
mod stacked;
mod svg;
mod table;
mod words;

#[cfg(test)]
mod tests;

use crate::data::model::{Question, SignificantChange, Tone, Unit, Year};
use crate::locale::NumberFormat;

pub use colors::{assign_labels, label_key, neighbour_problem, ChartColourRole, MIN_NEIGHBOUR_CONTRAST, MIN_ON_WHITE, MIN_TEXT_ON_COLOUR};
pub use svg::contrast_ratio;
pub use words::ChartWords;

/// The chart kinds an author can ask for in a `::: chart` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Bars,
    BarsHorizontal,
    Donut,
    Stacked,
    Diverging,
    Scores,
    Kpi,
    Options,
    Range,
    Table,
}

/// Every chart kind, in the order the docs list them.
pub const KINDS: [ChartKind; 10] = [
    ChartKind::Bars,
    ChartKind::BarsHorizontal,
    ChartKind::Donut,
    ChartKind::Stacked,
    ChartKind::Diverging,
    ChartKind::Scores,
    ChartKind::Kpi,
    ChartKind::Options,
    ChartKind::Range,
    ChartKind::Table,
];

impl ChartKind {
    /// Parses the `kind:` setting; the error lists every known kind so a typo is easy to fix.
    pub fn parse(name: &str) -> Result<ChartKind, String> {
        let wanted = name.trim();
        KINDS.iter().copied().find(|kind| kind.name() == wanted).ok_or_else(|| {
            let known: Vec<&str> = KINDS.iter().map(|kind| kind.name()).collect();
            format!("unknown chart kind `{wanted}` (known: {})", known.join(", "))
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Bars => "bars",
            ChartKind::BarsHorizontal => "bars-horizontal",
            ChartKind::Donut => "donut",
            ChartKind::Stacked => "stacked",
            ChartKind::Diverging => "diverging",
            ChartKind::Scores => "scores",
            ChartKind::Kpi => "kpi",
            ChartKind::Options => "options",
            ChartKind::Range => "range",
            ChartKind::Table => "table",
        }
    }
}

/// What the author asked for in a `::: chart` block (unvalidated selections).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// `None` = every year in the data. Charts show years oldest → newest, whatever the order.
    pub years: Option<Vec<Year>>,
    /// Option ids, in this order; `None` = all, ordered as `order` says.
    pub options: Option<Vec<String>>,
    /// How options without a tone are ordered when `options` does not name them.
    pub order: Order,
    /// Item ids for matrix questions; `None` = all.
    pub items: Option<Vec<String>>,
    /// `None` = the question's label.
    pub title: Option<String>,
    /// `changes: true`: the research report's significant changes since the year before,
    /// to mark ▲/▼ beside the values they concern; `None` when the author did not ask.
    pub changes: Option<Vec<SignificantChange>>,
}

impl ChartSpec {
    /// A spec that shows everything with the given kind.
    pub fn new(kind: ChartKind) -> ChartSpec {
        ChartSpec { kind, years: None, options: None, items: None, title: None, changes: None, order: Order::Value }
    }
}

/// The `order:` setting of a chart. Options with a tone always keep the scale's order (the
/// data's), with non-answers after the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Nominal options (no tone) by value in the newest year shown, largest first.
    #[default]
    Value,
    /// As in the data file (`order: data`).
    Data,
}

impl Order {
    /// Parses `order:`; `None` (not set) is by value.
    pub fn parse(text: Option<&str>) -> Result<Order, String> {
        match text.map(str::trim) {
            None | Some("value") => Ok(Order::Value),
            Some("data") => Ok(Order::Data),
            Some(other) => Err(format!(
                "`order: {other}` is not understood: write `order: data` to keep the order of the data file, or `order: value`"
            )),
        }
    }
}

/// Colours, number format and words, from the theme and the site's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// `#rrggbb`: the data accent, the current year's colour; earlier years get tints of it.
    pub accent: String,
    /// The year drawn in the accent where a chart shows it (the edition); otherwise the
    /// newest year shown is.
    pub current_year: Option<Year>,
    /// The qualitative set, `#rrggbb`, for options without a tone (nominal answers).
    pub palette: Vec<String>,
    /// The colour of each nominal label throughout the publication (by `colors::label_key`),
    /// from `colors::assign_labels`; a label not in it takes a free palette colour.
    pub label_colors: std::collections::HashMap<String, String>,
    /// Colours of options the author marked with a `tone:`.
    pub tones: Tones,
    pub text_color: String,
    pub format: NumberFormat,
    /// Chart types, table headers and joining words of the text alternative.
    pub words: ChartWords,
}

impl Style {
    /// Colours nominal labels as the whole publication does (see `colors::assign_labels`).
    pub fn with_labels(mut self, questions: &[Question]) -> Style {
        self.label_colors = colors::assign_labels(questions, &self.palette);
        self
    }
}

impl Default for Style {
    /// The default theme's colours (themes/default/theme.toml; a test keeps them equal).
    fn default() -> Self {
        Style {
            accent: "#1f4e79".into(),
            current_year: None,
            palette: DEFAULT_PALETTE.map(String::from).to_vec(),
            label_colors: Default::default(),
            tones: Tones::default(),
            text_color: "#1a1a1a".into(),
            format: NumberFormat::default(),
            words: ChartWords::default(),
        }
    }
}

/// The default qualitative set: no orange or brown (the UI accent's hues), no green or red
/// (the answer scale's), no grey (non-answers), no navy (the current year). Each has at least
/// 3:1 contrast with white and carries a value at 4.5:1 (white on the dark ones, the text
/// colour on the mid ones); dark and mid alternate, so neighbours differ by 2:1 or more in
/// lightness, the last and the first too.
const DEFAULT_PALETTE: [&str; 8] = [
    "#5a88c0", // mid blue
    "#3f2f80", // indigo
    "#2a9497", // teal
    "#74295c", // plum
    "#bd6aa9", // mauve
    "#1f4f5a", // dark slate
    "#9580c9", // lavender
    "#4d5218", // dark olive
];

/// `[charts.tones]` of theme.toml: the colour of each tone. A theme may leave any out.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tones {
    pub positive: String,
    pub neutral: String,
    pub negative: String,
    /// Not applicable / don't know.
    pub none: String,
}

impl Default for Tones {
    /// One diverging ramp: dark green for good, light grey for neither, red for bad, and a
    /// lighter grey for no answer (drawn apart from the scale). Positive and negative differ in
    /// hue and by 2:1 in lightness, so they stay apart for colour-blind readers too; the
    /// light ones carry their values in the text colour.
    fn default() -> Self {
        Tones { positive: "#1a6034".into(), neutral: "#bcbcbc".into(), negative: "#e0607a".into(), none: "#e0e0e0".into() }
    }
}

impl Tones {
    pub fn of(&self, tone: Tone) -> &str {
        match tone {
            Tone::Positive => &self.positive,
            Tone::Neutral => &self.neutral,
            Tone::Negative => &self.negative,
            Tone::None => &self.none,
        }
    }

    /// (name in theme.toml, colour) of every tone, for checks.
    pub fn named(&self) -> [(&'static str, &str); 4] {
        [("positive", &self.positive), ("neutral", &self.neutral), ("negative", &self.negative), ("none", &self.none)]
    }
}

/// A chart's figures as a table: the accessible twin of the SVG, printed in the appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTable {
    pub caption: String,
    pub header: Vec<String>,
    /// First cell of each row is the row label.
    pub rows: Vec<Vec<String>>,
}

/// A rendered chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Inline `<svg>` with viewBox, `role="img"` and `aria-labelledby`; empty for `table`.
    pub svg: String,
    /// The same chart drawn for a phone's width; empty when `svg` serves phones too.
    pub narrow_svg: String,
    pub title: String,
    /// Short text alternative generated from the data, in the site's language.
    pub description: String,
    /// The same figures, formatted exactly as on the chart.
    pub table: DataTable,
    /// Lines for under the chart: what its ▲/▼ marks mean, when it shows any.
    pub notes: Vec<String>,
    /// The base, for under the chart: "n = 122 (2026), 112 (2025)", with who was asked
    /// when it was part of the respondents; `None` when the n is unknown.
    pub base: Option<String>,
}

/// Why a chart cannot be drawn; every message names the problem and the fix.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum ChartError {
    #[error("question `{question}` has no option `{option}` (known: {known})")]
    UnknownOption { question: String, option: String, known: String },
    #[error("question `{question}` has no item `{item}` (known: {known})")]
    UnknownItem { question: String, item: String, known: String },
    #[error("question `{question}` has no items to choose from: remove `items:` (it is only for questions about several themes)")]
    NotMatrix { question: String },
    #[error(
        "question `{question}` has no answers in any year (geen antwoorden): leave the chart out, or show a text until there are figures"
    )]
    NoAnswers { question: String },
    #[error("question `{question}` has no values for {year} (years: {years})")]
    UnknownYear { question: String, year: Year, years: String },
    #[error("question `{question}` has no value for option `{option}`{item} in {year} (it has: {has}); leave {year} out of `years:`, add the value to the data, or write `{year}: ~` in the data to show it as missing (–)")]
    MissingValue { question: String, option: String, item: String, year: Year, has: String },
    #[error("the chart of question `{question}` selects no {what}: name at least one, or leave the `{what}:` line out to show all")]
    EmptySelection { question: String, what: &'static str },
    #[error("`changes: true` marks significant changes in kinds bars, bars-horizontal, options and table, not in `{kind}`")]
    ChangesNotShown { kind: &'static str },
    #[error("kind `{kind}` needs {needs}; question `{question}` {has}: {hint}")]
    WrongKind { kind: &'static str, question: String, needs: &'static str, has: String, hint: String },
    #[error("could not draw the chart of question `{question}`: {message}")]
    Draw { question: String, message: String },
}

/// The slot a chart is drawn for, in sheet units (the sheet is 1000 units wide; on screen and
/// paper a unit is at least one CSS px, so text drawn at 12 units reads at 12 px or more).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Width of the slot on a sheet.
    pub width: f64,
    /// Width of a phone screen's column: where the slot is much wider, a second, narrow
    /// drawing is made for phones.
    pub narrow_width: f64,
}

impl Frame {
    pub fn new(width: f64, narrow_width: f64) -> Frame {
        Frame { width: width.max(MIN_WIDTH), narrow_width: narrow_width.max(MIN_WIDTH) }
    }

    /// The narrow drawing is worth its bytes only when the slot is clearly wider.
    fn needs_narrow(&self) -> bool {
        self.width > self.narrow_width * 1.1
    }
}

impl Default for Frame {
    /// One column of the default theme's three-column results grid.
    fn default() -> Self {
        Frame { width: 290.0, narrow_width: 320.0 }
    }
}

/// No chart is drawn narrower than this: its labels would not fit.
const MIN_WIDTH: f64 = 200.0;

/// Draws `question` as `spec` asks, for `frame`. `id_prefix` makes the SVG's ids unique on a
/// page and in the print document (e.g. "financiering-tarieven--chart-2").
pub fn render(spec: &ChartSpec, question: &Question, style: &Style, id_prefix: &str, frame: Frame) -> Result<Chart, ChartError> {
    let selection = select::Selection::resolve(spec, question)?;
    select::check_kind(spec.kind, &selection, spec.changes.is_some())?;
    let title = titled(spec.kind, spec.title.clone().unwrap_or_else(|| question.label.clone()), &selection);
    let table = table::data_table(spec.kind, &selection, &title, style);
    let description = table::describe(spec.kind, &selection, style);
    let svg_for = |width: f64, prefix: &str| -> Result<String, ChartError> {
        let drawing = match spec.kind {
            ChartKind::Bars => bars::draw(&selection, style, width),
            ChartKind::BarsHorizontal => hbars::draw(&selection, style, hbars::Mode::Relative, width),
            ChartKind::Options => options::draw(&selection, style, width),
            ChartKind::Donut => Ok(donut::draw(&selection, style, width)),
            ChartKind::Stacked => stacked::draw(&selection, style, width),
            ChartKind::Diverging => diverging::draw(&selection, style, width),
            ChartKind::Scores => scores::draw(&selection, style, width),
            ChartKind::Kpi => Ok(kpi::draw(&selection, style, width)),
            ChartKind::Range => Ok(range::draw(&selection, style, width)),
            ChartKind::Table => return Ok(String::new()),
        };
        let drawing = drawing.map_err(|message| ChartError::Draw { question: question.id.clone(), message })?;
        Ok(svg::finish(&drawing, spec.kind.name(), prefix, &title, &description, &style.text_color))
    };
    let svg = svg_for(frame.width, id_prefix)?;
    let narrow_svg = if frame.needs_narrow() { svg_for(frame.narrow_width, &format!("{id_prefix}-narrow"))? } else { String::new() };
    let notes = table::change_note(&selection, style).into_iter().collect();
    let base = base::base_line(&selection, style);
    Ok(Chart { svg, narrow_svg, title, description, table, notes, base })
}

/// A chart of one year whose series would be years has no legend, and a stacked chart of one
/// year per item no year label: its title names the year ("Gebruik (2026)") unless it already does.
fn titled(kind: ChartKind, title: String, selection: &select::Selection) -> String {
    let years_are_series = matches!(kind, ChartKind::Bars | ChartKind::BarsHorizontal | ChartKind::Options | ChartKind::Scores)
        || (kind == ChartKind::Stacked && selection.matrix);
    match &selection.years[..] {
        [year] if years_are_series && !title.contains(&year.to_string()) => format!("{title} ({year})"),
        _ => title,
    }
}

/// What a chart or table prints where the data has no value for a year (`~`).
pub const NO_VALUE: &str = "\u{2013}";

/// A value as printed, or "–" for a year without one.
pub(crate) fn value_or_dash(value: Option<f64>, unit: &Unit, format: &NumberFormat) -> String {
    value.map_or_else(|| NO_VALUE.to_string(), |value| value_text(value, unit, format))
}

/// The one way a value is printed, shared with citations in the text: percentage "56%" /
/// "95,5%", score "4,05", count "1.234", nps "+7" / "−3" / "0".
pub fn value_text(value: f64, unit: &Unit, format: &NumberFormat) -> String {
    let natural = NumberFormat::natural_decimals(value);
    match unit {
        // Survey percentages carry at most one decimal; more would suggest false precision.
        Unit::Percentage => format!("{}%", format.format(value, natural.min(1))),
        // Mean scores are compared side by side, so they always get two decimals.
        Unit::Score { .. } => format.format(value, 2),
        Unit::Count => format.format(value, natural.min(2)),
        Unit::Nps => format.format_signed(value, natural.min(1)),
    }
}
