//! The data table and the text alternative of a chart. Both are derived from the same
//! selection and printed with the same `value_text` as the chart, so they cannot disagree.

use super::kpi::{change_text, trend};
use super::select::{Mark, Selection, Series};
use super::{value_text, ChartKind, ChartWords, DataTable, Style};
use crate::data::model::{Unit, Year};
use crate::locale::NumberFormat;

fn kind_name(kind: ChartKind, unit: &Unit, style: &Style) -> String {
    let words = &style.words;
    match kind {
        ChartKind::Bars | ChartKind::BarsHorizontal => words.bars.into(),
        ChartKind::Donut => words.donut.into(),
        ChartKind::Stacked => words.stacked.into(),
        ChartKind::Diverging => words.diverging.into(),
        ChartKind::Scores => match unit {
            Unit::Score { min, max } => {
                let end = |value: f64| style.format.format(value, NumberFormat::natural_decimals(value));
                words.score_on_scale.replace("{min}", &end(*min)).replace("{max}", &end(*max))
            }
            _ => words.score.into(),
        },
        ChartKind::Kpi => words.kpi.into(),
        ChartKind::Options => words.options.into(),
        ChartKind::Range => words.range.into(),
        ChartKind::Table => words.table.into(),
    }
}

/// "significant gestegen sinds 2025".
fn mark_words(mark: Mark, words: &ChartWords) -> String {
    let phrase = if mark.rose { words.rose_since } else { words.fell_since };
    phrase.replace("{year}", &mark.since.to_string())
}

/// What the ▲/▼ of a chart mean, when it shows any: "▲ ▼ significant gestegen of gedaald
/// sinds 2025 (zie het onderzoeksrapport)".
pub(crate) fn change_note(selection: &Selection, style: &Style) -> Option<String> {
    let marks: Vec<Mark> =
        selection.items.iter().flat_map(|item| item.options.iter()).flat_map(|series| series.marks.iter().flatten().copied()).collect();
    let since = marks.first()?.since;
    Some(style.words.changes_note.replace("{year}", &since.to_string()))
}

/// "Ja 61% in 2026 en 56% in 2025", or "Ja 61%" when only one year is shown.
fn series_phrase(series: &Series, years: &[Year], unit: &Unit, words: &ChartWords, format: &NumberFormat) -> String {
    // A year the data marks missing is said in words; a score item's unrated years are left out.
    let values: Vec<String> = (0..years.len())
        .filter(|&i| series.value(i).is_some() || series.marked_missing[i])
        .map(|i| {
            let (year, text) = (years[i], series.value(i).map_or_else(|| words.no_value.to_string(), |v| value_text(v, unit, format)));
            let text = if years.len() == 1 { text } else { format!("{text} in {year}") };
            match series.marks[i] {
                Some(mark) => format!("{text} ({})", mark_words(mark, words)),
                None => text,
            }
        })
        .collect();
    format!("{} {}", series.label, words.join(&values))
}

/// The short text alternative, e.g. "Staafdiagram: Landelijk 30% in 2026 en 35% in
/// 2025; Anders 29% in 2026 en 13% in 2025."
pub(crate) fn describe(kind: ChartKind, selection: &Selection, style: &Style) -> String {
    let (format, words) = (&style.format, &style.words);
    let unit = selection.unit();
    let years = &selection.years;
    let mut parts: Vec<String> = Vec::new();
    for item in &selection.items {
        let phrases: Vec<String> = item.options.iter().map(|s| series_phrase(s, years, unit, words, format)).collect();
        if selection.matrix {
            parts.push(format!("{}: {}", item.label, phrases.join(", ")));
        } else {
            parts.extend(phrases);
        }
    }
    let mut text = format!("{}: {}", kind_name(kind, unit, style), parts.join("; "));
    if years.len() == 1 {
        text.push_str(&format!(" ({})", years[0]));
    }
    if kind == ChartKind::Kpi {
        let series = &selection.items[0].options[0];
        let changes: Vec<String> = (1..years.len())
            .filter_map(|i| Some((i, series.value(i - 1)?, series.value(i)?)))
            .map(|(i, earlier, later)| {
                let (newer, older, delta) = trend((years[i - 1], earlier), (years[i], later));
                let from_to = words.from_to.replace("{older}", &older.to_string()).replace("{newer}", &newer.to_string());
                format!("{from_to} {}", change_text(delta, unit, format, words))
            })
            .collect();
        if !changes.is_empty() {
            text.push_str(&format!("; {} {}", words.change, words.join(&changes)));
        }
    }
    text.push('.');
    text
}

/// "Title (extras)": the scale, "meerdere antwoorden mogelijk" and n per year, leaving out
/// what the title already says.
fn caption(kind: ChartKind, selection: &Selection, title: &str, style: &Style) -> String {
    let words = &style.words;
    let lower = title.to_lowercase();
    let mut extras = Vec::new();
    if let Unit::Score { .. } = selection.unit() {
        extras.push(kind_name(ChartKind::Scores, selection.unit(), style).to_lowercase());
    }
    // Left out where the title says it already.
    let said = ["meerdere antwoorden", "several answers"].iter().any(|phrase| lower.contains(phrase));
    if selection.question.multiple && kind != ChartKind::Table && !said {
        extras.push(words.several_answers.to_string());
    }
    let n: Vec<String> =
        selection.years.iter().filter_map(|year| selection.question.n.get(year).map(|n| format!("{n} in {year}"))).collect();
    if !n.is_empty() {
        extras.push(format!("n = {}", words.join(&n)));
    } else if selection.years.len() == 1 && !lower.contains(&selection.years[0].to_string()) {
        // A one-year table without year columns must still say which year it shows.
        extras.push(selection.years[0].to_string());
    }
    if extras.is_empty() {
        title.to_string()
    } else {
        format!("{title} ({})", extras.join("; "))
    }
}

/// Same answer options (by id, in order) in every selected item: then a wide table works.
fn uniform(selection: &Selection) -> bool {
    let ids = |i: usize| selection.items[i].options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>();
    (1..selection.items.len()).all(|i| ids(i) == ids(0))
}

pub(crate) fn data_table(kind: ChartKind, selection: &Selection, title: &str, style: &Style) -> DataTable {
    let (format, words) = (&style.format, &style.words);
    let unit = selection.unit();
    let years = &selection.years;
    // A year without a value gets a dash, so the columns stay in line.
    let cells = |series: &Series| (0..series.values.len()).map(|i| series.label(i, unit, format)).collect::<Vec<_>>();
    let scores = matches!(unit, Unit::Score { .. });
    let first = if scores { words.part } else { words.answer };
    let year_header = || years.iter().map(|y| y.to_string()).collect::<Vec<_>>();

    let (header, rows) = if !selection.matrix {
        let rows =
            selection.items[0].options.iter().map(|series| std::iter::once(series.label.clone()).chain(cells(series)).collect()).collect();
        (std::iter::once(first.to_string()).chain(year_header()).collect(), rows)
    } else if uniform(selection) && !scores {
        // Matrix: a row per item, a column per option (and year).
        let mut header = vec![words.subject.to_string()];
        for series in &selection.items[0].options {
            for year in years {
                header.push(if years.len() == 1 { series.label.clone() } else { format!("{} {year}", series.label) });
            }
        }
        let rows = selection
            .items
            .iter()
            .map(|item| std::iter::once(item.label.clone()).chain(item.options.iter().flat_map(cells)).collect())
            .collect();
        (header, rows)
    } else {
        // Scores, or items with different options: a row per item and option.
        let mut rows = Vec::new();
        for item in &selection.items {
            for series in &item.options {
                let label = if item.options.len() == 1 { item.label.clone() } else { format!("{}: {}", item.label, series.label) };
                rows.push(std::iter::once(label).chain(cells(series)).collect());
            }
        }
        (std::iter::once(if scores { words.part } else { words.subject }.to_string()).chain(year_header()).collect(), rows)
    };
    let caption = caption(kind, selection, title, style);
    DataTable { caption, header, rows }
}
