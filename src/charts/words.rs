//! The words charts print: chart types in the text alternative, table headers, and the
//! small words that join figures ("en", "van 2025 naar 2026"). They follow the site's
//! `language`: English for `en` and `en-…`, Dutch otherwise (folio's default language).

/// Every word a chart, its table or its text alternative prints.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartWords {
    pub bars: &'static str,
    pub donut: &'static str,
    pub stacked: &'static str,
    pub diverging: &'static str,
    pub score: &'static str,
    /// `{min}` and `{max}` stand for the ends of the scale.
    pub score_on_scale: &'static str,
    pub kpi: &'static str,
    pub options: &'static str,
    pub range: &'static str,
    pub table: &'static str,
    /// Joins the last two parts of a list: "a, b en c".
    pub and: &'static str,
    /// Before the changes between years in a KPI's text alternative.
    pub change: &'static str,
    /// `{older}` and `{newer}` stand for the years.
    pub from_to: &'static str,
    pub several_answers: &'static str,
    /// The unit of a change between percentages: "+5 %-punt".
    pub percentage_points: &'static str,
    /// First column of a table of answer options, of items (themes), and of rated things.
    pub answer: &'static str,
    pub subject: &'static str,
    pub part: &'static str,
    /// A year the data marks as measured without a value (`~`), in text alternatives.
    pub no_value: &'static str,
    /// A value marked ▲ or ▼ (`{year}`: the year it is compared with), in text alternatives.
    pub rose_since: &'static str,
    pub fell_since: &'static str,
    /// Under a chart with ▲/▼ marks.
    pub changes_note: &'static str,
}

impl Default for ChartWords {
    fn default() -> Self {
        ChartWords::DUTCH
    }
}

impl ChartWords {
    pub const DUTCH: ChartWords = ChartWords {
        bars: "Staafdiagram",
        donut: "Ringdiagram",
        stacked: "Gestapeld staafdiagram (100%)",
        diverging: "Divergerend staafdiagram",
        score: "Gemiddelde score",
        score_on_scale: "Gemiddelde score op een schaal van {min} tot {max}",
        kpi: "Kerncijfer",
        options: "Staafdiagram, meerdere antwoorden mogelijk",
        range: "Bereik van minimum tot maximum met gemiddelde",
        table: "Tabel",
        and: "en",
        change: "verandering",
        from_to: "van {older} naar {newer}",
        several_answers: "meerdere antwoorden mogelijk",
        percentage_points: "%-punt",
        answer: "Antwoord",
        subject: "Onderwerp",
        part: "Onderdeel",
        no_value: "geen gegevens",
        rose_since: "significant gestegen sinds {year}",
        fell_since: "significant gedaald sinds {year}",
        changes_note: "\u{25b2} \u{25bc} Significant gestegen of gedaald sinds {year} (toets voor twee proporties, gecorrigeerd voor meervoudig toetsen; zie het onderzoeksrapport).",
    };

    pub const ENGLISH: ChartWords = ChartWords {
        bars: "Bar chart",
        donut: "Donut chart",
        stacked: "Stacked bar chart (100%)",
        diverging: "Diverging bar chart",
        score: "Mean score",
        score_on_scale: "Mean score on a scale from {min} to {max}",
        kpi: "Key figure",
        options: "Bar chart, several answers possible",
        range: "Range from minimum to maximum with mean",
        table: "Table",
        and: "and",
        change: "change",
        from_to: "from {older} to {newer}",
        several_answers: "several answers possible",
        percentage_points: "pp",
        answer: "Answer",
        subject: "Subject",
        part: "Item",
        no_value: "no data",
        rose_since: "a significant rise since {year}",
        fell_since: "a significant fall since {year}",
        changes_note: "\u{25b2} \u{25bc} A significant rise or fall since {year} (two-proportion test, corrected for multiple testing; see the research report).",
    };

    /// The words for a `language` code from site.toml.
    pub fn for_language(language: &str) -> ChartWords {
        if crate::locale::is_english(language) {
            ChartWords::ENGLISH
        } else {
            ChartWords::DUTCH
        }
    }

    /// "a", "a en b", "a, b en c".
    pub(crate) fn join(&self, parts: &[String]) -> String {
        match parts {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.and),
        }
    }
}
