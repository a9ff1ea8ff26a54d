//! The data table and the text alternative of a chart. Both are derived from the same
//! selection and printed with the same `value_text` as the chart, so they cannot disagree.

use super::kpi::{change_text, trend};
use super::select::{Selection, Series};
use super::{value_text, ChartKind, DataTable};
use crate::data::model::{Unit, Year};
use crate::locale::NumberFormat;

/// "a", "a en b", "a, b en c".
fn join_dutch(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

fn kind_name(kind: ChartKind, unit: &Unit) -> String {
    match kind {
        ChartKind::Bars | ChartKind::BarsHorizontal => "Staafdiagram".into(),
        ChartKind::Donut => "Ringdiagram".into(),
        ChartKind::Stacked => "Gestapeld staafdiagram (100%)".into(),
        ChartKind::Diverging => "Divergerend staafdiagram".into(),
        ChartKind::Scores => match unit {
            Unit::Score { min, max } => {
                let f = NumberFormat::default();
                let (a, b) = (f.format(*min, NumberFormat::natural_decimals(*min)), f.format(*max, NumberFormat::natural_decimals(*max)));
                format!("Gemiddelde score op een schaal van {a} tot {b}")
            }
            _ => "Gemiddelde score".into(),
        },
        ChartKind::Kpi => "Kerncijfer".into(),
        ChartKind::Options => "Staafdiagram, meerdere antwoorden mogelijk".into(),
        ChartKind::Range => "Bereik van minimum tot maximum met gemiddelde".into(),
        ChartKind::Table => "Tabel".into(),
    }
}

/// "Ja 61% in 2026 en 56% in 2025", or "Ja 61%" when only one year is shown.
fn series_phrase(series: &Series, years: &[Year], unit: &Unit, format: &NumberFormat) -> String {
    let values: Vec<String> = series
        .values
        .iter()
        .zip(years)
        .map(|(value, year)| {
            let text = value_text(*value, unit, format);
            if years.len() == 1 {
                text
            } else {
                format!("{text} in {year}")
            }
        })
        .collect();
    format!("{} {}", series.label, join_dutch(&values))
}

/// The short Dutch text alternative, e.g. "Staafdiagram: Landelijk 30% in 2026 en 35% in
/// 2025; Anders 29% in 2026 en 13% in 2025."
pub(crate) fn describe(kind: ChartKind, selection: &Selection, format: &NumberFormat) -> String {
    let unit = selection.unit();
    let years = &selection.years;
    let mut parts: Vec<String> = Vec::new();
    for item in &selection.items {
        let phrases: Vec<String> = item.options.iter().map(|s| series_phrase(s, years, unit, format)).collect();
        if selection.matrix {
            parts.push(format!("{}: {}", item.label, phrases.join(", ")));
        } else {
            parts.extend(phrases);
        }
    }
    let mut text = format!("{}: {}", kind_name(kind, unit), parts.join("; "));
    if years.len() == 1 {
        text.push_str(&format!(" ({})", years[0]));
    }
    if kind == ChartKind::Kpi {
        let series = &selection.items[0].options[0];
        let changes: Vec<String> = (1..years.len())
            .map(|i| {
                let (newer, older, delta) = trend((years[i - 1], series.values[i - 1]), (years[i], series.values[i]));
                format!("van {older} naar {newer} {}", change_text(delta, unit, format))
            })
            .collect();
        if !changes.is_empty() {
            text.push_str(&format!("; verandering {}", join_dutch(&changes)));
        }
    }
    text.push('.');
    text
}

/// "Title (extras)": the scale, "meerdere antwoorden mogelijk" and n per year, leaving out
/// what the title already says.
fn caption(kind: ChartKind, selection: &Selection, title: &str) -> String {
    let lower = title.to_lowercase();
    let mut extras = Vec::new();
    if let Unit::Score { .. } = selection.unit() {
        extras.push(kind_name(ChartKind::Scores, selection.unit()).to_lowercase());
    }
    if selection.question.multiple && kind != ChartKind::Table && !lower.contains("meerdere antwoorden") {
        extras.push("meerdere antwoorden mogelijk".to_string());
    }
    let n: Vec<String> =
        selection.years.iter().filter_map(|year| selection.question.n.get(year).map(|n| format!("{n} in {year}"))).collect();
    if !n.is_empty() {
        extras.push(format!("n = {}", join_dutch(&n)));
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

pub(crate) fn data_table(kind: ChartKind, selection: &Selection, title: &str, format: &NumberFormat) -> DataTable {
    let unit = selection.unit();
    let years = &selection.years;
    let cells = |series: &Series| series.values.iter().map(|v| value_text(*v, unit, format)).collect::<Vec<_>>();
    let first = if matches!(unit, Unit::Score { .. }) { "Onderdeel" } else { "Antwoord" };
    let year_header = || years.iter().map(|y| y.to_string()).collect::<Vec<_>>();

    let (header, rows) = if !selection.matrix {
        let rows =
            selection.items[0].options.iter().map(|series| std::iter::once(series.label.clone()).chain(cells(series)).collect()).collect();
        (std::iter::once(first.to_string()).chain(year_header()).collect(), rows)
    } else if uniform(selection) && !matches!(unit, Unit::Score { .. }) {
        // Matrix: a row per item, a column per option (and year).
        let mut header = vec!["Onderwerp".to_string()];
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
        (
            std::iter::once(if first == "Antwoord" { "Onderwerp".to_string() } else { first.to_string() }).chain(year_header()).collect(),
            rows,
        )
    };
    let caption = caption(kind, selection, title);
    DataTable { caption, header, rows }
}
