//! The codebook (`survey/codebook.yaml`): what each column of the survey export means.
//! Its shape is documented for authors in docs/survey.md.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::data::model::Year;
use crate::data::yaml;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::slugify;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codebook {
    #[serde(default)]
    pub survey: SurveySettings,
    pub chapters: Vec<Chapter>,
    #[serde(default)]
    pub segments: Vec<Segment>,
    pub questions: Vec<CodebookQuestion>,
    /// Where the codebook was read from and the line of each year under `response:`, for
    /// messages about the response figures that only the export can reveal.
    #[serde(skip)]
    pub origin: std::path::PathBuf,
    #[serde(skip)]
    pub response_lines: BTreeMap<Year, usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SurveySettings {
    /// Title of the research report.
    pub title: Option<String>,
    /// Written as `source:` on every question that has none yet.
    pub source: Option<String>,
    /// The export column that names the organisation; only used in the private open-answers file.
    pub id_column: Option<String>,
    /// A breakdown counts as significant when p is below this level.
    pub significance: f64,
    /// Cochran's rule: when more than 20% of a breakdown's cells expect fewer answers than
    /// this (or any cell fewer than 1), Pearson's chi-square test gives way to an exact or
    /// permutation test.
    pub min_expected: f64,
    /// A group (or a year's respondents) smaller than this is marked "indicatief": its
    /// figures are uncertain, and a test that involves it can easily miss a real difference.
    pub indicative_below: u32,
    /// Response figures per year: organisations approached and (for years without an export) responded.
    pub response: BTreeMap<Year, ResponseFigures>,
}

impl Default for SurveySettings {
    fn default() -> Self {
        SurveySettings {
            title: None,
            source: None,
            id_column: None,
            significance: 0.05,
            min_expected: 5.0,
            indicative_below: 30,
            response: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ResponseFigures {
    pub approached: u32,
    #[serde(default)]
    pub responded: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub id: String,
    pub title: String,
    /// Name of the file in data/ (without `.yaml`) that receives this chapter's results; defaults to the id.
    #[serde(default)]
    pub data_file: Option<String>,
}

impl Chapter {
    pub fn data_file(&self) -> String {
        self.data_file.clone().unwrap_or_else(|| self.id.clone())
    }
}

/// A background variable results are broken down by (annual revenue class, zorgkantoor, …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub column: Option<String>,
    /// Title of the report's appendix; "Verschillen naar <label>" when not given.
    #[serde(default)]
    pub appendix_title: Option<String>,
    pub options: Vec<CodedOption>,
}

impl Segment {
    pub fn column(&self) -> &str {
        self.column.as_deref().unwrap_or(&self.id)
    }

    /// The label inside a sentence: "Jaaromzet" → "jaaromzet"; a word such as "Wlz-uitvoerder"
    /// or "CZ" keeps its capital.
    pub fn label_in_sentence(&self) -> String {
        let first_word = self.label.split_whitespace().next().unwrap_or("");
        let plain = first_word.chars().skip(1).all(|c| c.is_lowercase());
        let mut chars = self.label.chars();
        match chars.next() {
            Some(first) if plain => first.to_lowercase().chain(chars).collect(),
            _ => self.label.clone(),
        }
    }

    pub fn appendix_title(&self) -> String {
        self.appendix_title.clone().unwrap_or_else(|| format!("Verschillen naar {}", self.label_in_sentence()))
    }
}

/// An answer option and the code(s) the export writes for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodedOption {
    pub code: Codes,
    #[serde(default)]
    pub id: Option<String>,
    pub label: String,
}

impl CodedOption {
    pub fn id(&self) -> String {
        self.id.clone().unwrap_or_else(|| slugify(&self.label))
    }

    /// Whether a cell's text means this option: one of its codes, or its label written out
    /// (compared [`normalized`]: `’t Gooi` matches `'t gooi`).
    pub fn matches(&self, cell: &str) -> bool {
        if self.code.0.iter().any(|code| code == cell) {
            return true;
        }
        let cell = normalized(cell);
        self.code.0.iter().any(|code| normalized(code) == cell) || normalized(&self.label) == cell
    }
}

/// One code or several (several zorgkantoren grouped under one Wlz-uitvoerder).
#[derive(Debug, Clone, PartialEq)]
pub struct Codes(pub Vec<String>);

impl<'de> Deserialize<'de> for Codes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match OneOrMany::<Scalar>::deserialize(deserializer)? {
            OneOrMany::One(code) => Ok(Codes(vec![code.0])),
            OneOrMany::Many(codes) => Ok(Codes(codes.into_iter().map(|c| c.0).collect())),
        }
    }
}

/// A code written as a number (`1`) or as text (`"A"`); kept as the text the export holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Float(f64),
            Text(String),
        }
        Ok(Scalar(match Raw::deserialize(deserializer)? {
            Raw::Int(n) => n.to_string(),
            Raw::Float(x) => x.to_string(),
            Raw::Text(text) => text.trim().to_string(),
        }))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Clone> OneOrMany<T> {
    pub fn to_vec(&self) -> Vec<T> {
        match self {
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(many) => many.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multiple,
    Scale,
    Nps,
    Number,
    Open,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodebookQuestion {
    pub id: String,
    pub label: String,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub chapter: String,
    /// The export column; defaults to the id. Not used when the question has `items`.
    #[serde(default)]
    pub column: Option<String>,
    #[serde(default)]
    pub options: Vec<CodedOption>,
    /// For a question asked about several themes: one export column per theme.
    #[serde(default)]
    pub items: Vec<CodebookItem>,
    /// For `scale`: the lowest and highest score; `[1, 5]` when not given.
    #[serde(default)]
    pub scale: Option<[f64; 2]>,
    /// Codes that mean "no answer" (e.g. 9 = weet niet on a scale): not counted in n.
    #[serde(default)]
    pub skip_codes: Vec<Scalar>,
    /// Routing: only who gave this answer to an earlier question was asked.
    #[serde(default)]
    pub asked_if: Option<Condition>,
    /// Break the answers down by every segment in the research report's appendices.
    #[serde(default)]
    pub breakdown: bool,
    /// The first year the question was asked in other words: its answers are then not the
    /// same question's as the years before, so the report flags the table and tests no change
    /// across that year.
    #[serde(default)]
    pub wording_changed: Option<Year>,
}

impl CodebookQuestion {
    pub fn column(&self) -> &str {
        self.column.as_deref().unwrap_or(&self.id)
    }

    pub fn scale(&self) -> (f64, f64) {
        self.scale.map_or((1.0, 5.0), |[low, high]| (low, high))
    }

    /// The export columns of this question, one per item (one for a simple question).
    pub fn columns(&self) -> Vec<&str> {
        if self.items.is_empty() {
            vec![self.column()]
        } else {
            self.items.iter().map(|item| item.column.as_deref().unwrap_or("")).collect()
        }
    }

    pub fn option_index(&self, cell: &str) -> Option<usize> {
        let cell = cell.trim();
        self.options
            .iter()
            .position(|option| option.code.0.iter().any(|code| code == cell))
            .or_else(|| self.options.iter().position(|o| o.matches(cell)))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodebookItem {
    #[serde(default)]
    pub id: Option<String>,
    pub label: String,
    pub column: Option<String>,
}

impl CodebookItem {
    pub fn id(&self) -> String {
        self.id.clone().unwrap_or_else(|| slugify(&self.label))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    /// The option id(s) or code(s) that lead to the question.
    pub answer: OneOrMany<Scalar>,
}

/// Reads and checks the codebook; every problem is reported with its line.
pub fn load(path: &Path, shown: &Path) -> Result<Codebook, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::error(shown, format!("cannot read the codebook: {err}"))
            .help("write the codebook as described in docs/survey.md, or pass its place with `--codebook`")
    })?;
    let text = crate::text::decode_utf8(bytes, shown)?;
    parse(&text, shown)
}

pub fn parse(text: &str, path: &Path) -> Result<Codebook, Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut codebook: Codebook = yaml::parse(text, path, 1)?;
    codebook.origin = path.to_path_buf();
    codebook.response_lines = codebook.survey.response.keys().map(|&year| (year, response_line(text, year))).collect();
    let problems = super::validate::validate(&codebook, text, path);
    if problems.is_empty() {
        Ok(codebook)
    } else {
        Err(Diagnostics(problems))
    }
}

/// The 1-based line on which `key: value` is first written in the top-level `section`
/// (`questions`, `segments`, …); serde gives no places for values that parse fine.
pub fn line_of(text: &str, section: &str, key: &str, value: &str) -> usize {
    let header = format!("{section}:");
    let start = text.lines().position(|line| line.trim_end() == header).unwrap_or(0);
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, line)| {
            let line = line.trim_start().trim_start_matches("- ").trim_start().trim_start_matches('{').trim_start();
            line.strip_prefix(key).and_then(|rest| rest.strip_prefix(':')).is_some_and(|rest| {
                let rest = rest.split([',', '}']).next().unwrap_or("");
                rest.trim().trim_matches(['"', '\'']) == value
            })
        })
        .map_or(start + 1, |(index, _)| index + 1)
}

/// The line of `<year>:` under `response:` in the `survey:` section.
fn response_line(text: &str, year: Year) -> usize {
    let start = text.lines().position(|line| line.trim_end() == "response:" || line.trim_start().starts_with("response:")).unwrap_or(0);
    let key = format!("{year}:");
    text.lines().enumerate().skip(start).find(|(_, line)| line.trim_start().starts_with(&key)).map_or(start + 1, |(index, _)| index + 1)
}

/// The check that only the export can make: it holds more respondents than `response` says
/// were approached in its year (a response rate above 100%).
pub fn check_responded(codebook: &Codebook, year: Year, respondents: usize) -> Result<(), Diagnostic> {
    let Some(figures) = codebook.survey.response.get(&year) else { return Ok(()) };
    if respondents as u64 <= u64::from(figures.approached) {
        return Ok(());
    }
    let line = codebook.response_lines.get(&year).copied().unwrap_or(1);
    Err(Diagnostic::error(
        &codebook.origin,
        format!(
            "{year}: the export holds {respondents} respondents, but `approached: {}` says fewer organisations were approached (a response rate above 100%)",
            figures.approached
        ),
    )
    .at_line(line)
    .help(format!(
        "correct `approached` for {year} under `response:`, or check that survey/export-{year}.csv holds one row per organisation (no test rows or duplicates)"
    )))
}

/// Text as it is compared with a cell: typographic apostrophes and quotes as plain ones,
/// runs of spaces as one, letters in lower case. A spreadsheet turns `'t Gooi` into
/// `’t Gooi`; both mean the same group.
pub fn normalized(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
            '\u{A0}' => ' ',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The id of the percentage question written beside an NPS question: critici, neutralen, fans.
pub fn nps_groups_id(id: &str) -> String {
    format!("{id}-groepen")
}
