//! Plain data types for survey results. These cross module boundaries
//! (data -> charts -> render), so they carry no behaviour beyond lookups.

use std::collections::{BTreeMap, BTreeSet};

/// A survey year, e.g. 2026.
pub type Year = u16;

/// What a value means, which decides how it is checked and printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// Share of respondents, 0–100.
    Percentage,
    /// Mean score on a scale, e.g. 1–5.
    Score { min: f64, max: f64 },
    /// A plain count (of organisations, places, …).
    Count,
    /// Net Promoter Score, −100 … +100.
    Nps,
}

/// One answer option (or, in a score list, one rated item) with a value per year.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerOption {
    /// Short identifier used in charts and citations, unique within its item.
    pub id: String,
    pub label: String,
    pub values: BTreeMap<Year, f64>,
    /// Years the author marked as measured but without a value (`~` in the data): charts
    /// and tables show "–" for them instead of asking for the figure.
    pub missing: BTreeSet<Year>,
    /// What the answer means, so charts can colour it by meaning; `None` when unmarked.
    pub tone: Option<Tone>,
}

/// The meaning of an answer option, marked by the author with `tone:`. Charts colour
/// options by tone, so "Ja" and "Nee" get the same colours in every chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Positive,
    Neutral,
    Negative,
    /// Not applicable, don't know, no answer.
    None,
}

impl Tone {
    /// The word authors write after `tone:`.
    pub fn name(self) -> &'static str {
        match self {
            Tone::Positive => "positive",
            Tone::Neutral => "neutral",
            Tone::Negative => "negative",
            Tone::None => "none",
        }
    }
}

/// A change since the year before that the research report's test found significant
/// (a two-proportion test, corrected with the report's other tests), for charts to mark.
#[derive(Debug, Clone, PartialEq)]
pub struct SignificantChange {
    pub item: String,
    pub option: String,
    pub from: Year,
    pub to: Year,
    /// Up (▲) or down (▼).
    pub rose: bool,
}

/// One row of a question. A simple question has exactly one item with an empty
/// label; a matrix question ("rate each of these themes") has one item per theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub label: String,
    /// Respondents per year for this item; empty means "same as the question".
    pub n: BTreeMap<Year, u32>,
    /// Years for which the author wrote `n: unknown`: nothing is printed and nothing warned.
    pub n_unknown: BTreeSet<Year>,
    pub options: Vec<AnswerOption>,
}

/// One survey question with its results over the years.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    /// Short label shown before the question, e.g. "Tariefpercentage".
    pub label: String,
    /// The question as asked (or a one-line description of it).
    pub text: String,
    pub unit: Unit,
    /// Several answers allowed: percentages need not sum to 100.
    pub multiple: bool,
    /// Respondents per year.
    pub n: BTreeMap<Year, u32>,
    /// Years for which the author wrote `n: unknown` (or `n: unknown` for every year).
    pub n_unknown: BTreeSet<Year>,
    pub items: Vec<Item>,
    pub notes: Vec<String>,
    pub footnotes: Vec<String>,
    /// Where the figures come from: the question's `source:`, else the data file's.
    pub source: Option<String>,
    /// Who was asked, when only part of the respondents were (`base: wie 'Ja' antwoordde`),
    /// printed after the n under every chart of the question.
    pub base: Option<String>,
    /// How far this question's single-answer percentages may stray from 100; `None`: the
    /// site's `[data] sum_tolerance`.
    pub sum_tolerance: Option<f64>,
    /// Where it was defined, for error messages: (file, line).
    pub origin: (std::path::PathBuf, usize),
}

impl Question {
    /// Every year for which any value exists or is marked missing, ascending.
    pub fn years(&self) -> Vec<Year> {
        let mut years: Vec<Year> = self
            .items
            .iter()
            .flat_map(|item| item.options.iter())
            .flat_map(|option| option.values.keys().chain(option.missing.iter()).copied())
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Whether the number of respondents for `year` is known to be unknown (for `item`, or
    /// the whole question), so no n is asked for.
    pub fn n_is_unknown(&self, item: &Item, year: Year) -> bool {
        item.n_unknown.contains(&year) || self.n_unknown.contains(&year)
    }

    /// A plain count or amount series (not answers of respondents) needs no n at all.
    pub fn needs_n(&self) -> bool {
        self.unit != Unit::Count
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }
}

impl Item {
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|option| option.id == id)
    }
}
