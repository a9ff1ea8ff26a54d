//! The research report's chapter tables: one numbered table per question with the years
//! side by side, n per year in the caption, the 95% interval under each share, ▲/▼ for a
//! significant change and the notes that explain the table. The figures come from `data/`.

use std::collections::{BTreeMap, HashMap};

use super::codebook::{nps_groups_id, Codebook, CodebookQuestion, QuestionType};
use super::report::{row, RowView, TableView};
use super::report_changes::{self, QuestionChanges};
use super::report_precision::{self as precision_text, data_share_interval, marked_head};
use super::report_words::{fill, ReportWords};
use crate::charts::value_text;
use crate::data::model::{Question, Unit, Year};
use crate::locale::NumberFormat;

/// The chapter table of one question; none for an open question or one without data.
pub(super) fn question_table(
    question: &CodebookQuestion,
    codebook: &Codebook,
    by_id: &HashMap<&str, &Question>,
    survey_year: Option<Year>,
    changes: Option<&QuestionChanges>,
    format: &NumberFormat,
    w: &ReportWords,
) -> Option<TableView> {
    if question.kind == QuestionType::Open {
        return None;
    }
    let data = *by_id.get(question.id.as_str())?;
    let answered = data.years();
    let groups = (question.kind == QuestionType::Nps).then(|| by_id.get(nps_groups_id(&question.id).as_str()).copied()).flatten();
    // The export's year is shown even when nobody answered: its column then says so.
    let mut years: Vec<Year> = answered.iter().copied().chain(survey_year).collect();
    if let Some(groups) = groups {
        years.extend(groups.years());
    }
    years.sort_unstable();
    years.dedup();
    let cells = |values: &std::collections::BTreeMap<u16, f64>, unit: &Unit| {
        years.iter().map(|y| values.get(y).map_or("–".to_string(), |v| value_text(*v, unit, format))).collect::<Vec<_>>()
    };
    let level = codebook.survey.significance;
    // Under each share its interval, from the share and the year's n (the item's, else the question's).
    let share_intervals = |question: &Question, item: &crate::data::model::Item, option: &crate::data::model::AnswerOption| {
        years
            .iter()
            .map(|y| match (option.values.get(y), item.n.get(y).or_else(|| question.n.get(y))) {
                (Some(share), Some(&n)) if question.unit == Unit::Percentage => data_share_interval(*share, n, format),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
    };
    // A share that changed significantly since the year before is marked in its newest cell.
    let option_row = |item: &crate::data::model::Item, option: &crate::data::model::AnswerOption| {
        let mut cells = cells(&option.values, &data.unit);
        if let Some(changes) = changes {
            let change = changes.changes.get(&(item.id.clone(), option.id.clone()));
            if let (Some(at), Some(cell)) = (years.iter().position(|y| *y == changes.to), change) {
                cells[at].push_str(report_changes::marker(Some(cell), level));
            }
        }
        let intervals = match groups {
            Some(groups) if data.unit == Unit::Nps => nps_intervals(groups, &years, format, w),
            _ => share_intervals(data, item, option),
        };
        row(&option.label, cells).with_intervals(intervals)
    };
    let mut rows = Vec::new();
    if let Some(groups) = groups {
        for item in &groups.items {
            for option in &item.options {
                // The groups are folio's own, so they take the report's words, not the data's labels.
                let label = match option.id.as_str() {
                    "critici" => &w.critics,
                    "neutralen" => &w.passives,
                    "fans" => &w.promoters,
                    _ => &option.label,
                };
                rows.push(row(label, cells(&option.values, &groups.unit)).with_intervals(share_intervals(groups, item, option)));
            }
        }
    }
    let simple = data.items.len() == 1 && data.items[0].id.is_empty();
    for item in &data.items {
        if simple {
            rows.extend(item.options.iter().map(|o| option_row(item, o)));
        } else if item.options.len() == 1 {
            let mut single = option_row(item, &item.options[0]);
            single.label = with_n(&item.label, &item.n);
            rows.push(single);
        } else {
            rows.push(RowView { label: with_n(&item.label, &item.n), cells: Vec::new(), intervals: Vec::new(), group: true });
            rows.extend(item.options.iter().map(|o| option_row(item, o)));
        }
    }
    let mut notes = Vec::new();
    if data.multiple {
        notes.push(w.several_answers.clone());
    }
    if let Unit::Score { min, max } = data.unit {
        notes.push(fill(&w.scale_note, &[("min", &format.format(min, 0)), ("max", &format.format(max, 0))]));
    }
    if let Some(year) = question.wording_changed.filter(|year| years.iter().any(|y| y < year)) {
        notes.push(fill(&w.wording_changed, &[("year", &year.to_string())]));
    }
    if let Some(note) = routing_note(question, codebook, w) {
        notes.push(note);
    }
    notes.extend(data.footnotes.iter().cloned());
    if let Some(changes) = changes {
        let order: Vec<(String, String)> = data.items.iter().flat_map(|i| i.options.iter().map(|o| (i.id.clone(), o.id.clone()))).collect();
        notes.push(report_changes::change_note(changes, &order, level, codebook.survey.indicative_below, format, w));
    }
    let indicative_below = codebook.survey.indicative_below;
    let year_n = |year: &Year| data.n.get(year).or_else(|| groups.and_then(|g| g.n.get(year))).copied().unwrap_or(0);
    if years.iter().any(|y| precision_text::is_indicative(year_n(y), indicative_below)) {
        notes.push(precision_text::indicative_note(indicative_below, matches!(data.unit, Unit::Percentage | Unit::Nps), w));
    }
    let mut head = vec![if simple || groups.is_some() { &w.answer } else { &w.part }.clone()];
    head.extend(years.iter().map(|year| marked_head(year.to_string(), year_n(year), indicative_below)));
    let caption = format!("{}{}", data.text, caption_n(&data.n, &years, &answered, w));
    Some(TableView { caption, head, rows, notes, ..TableView::default() })
}

/// The interval of the NPS per year, from the shares of critici, neutralen and fans of that year.
fn nps_intervals(groups: &Question, years: &[Year], format: &NumberFormat, w: &ReportWords) -> Vec<String> {
    let options: Vec<&crate::data::model::AnswerOption> = groups.items.iter().flat_map(|i| &i.options).collect();
    years
        .iter()
        .map(|year| {
            let shares: Option<Vec<f64>> = options.iter().map(|o| o.values.get(year).copied()).collect();
            match (shares.as_deref(), groups.n.get(year)) {
                (Some([critics, passives, promoters]), Some(&n)) => {
                    let count = |share: f64| (share / 100.0 * f64::from(n)).round();
                    precision_text::nps_interval(count(*critics), count(*passives), count(*promoters), format, w)
                }
                _ => String::new(),
            }
        })
        .collect()
}

/// n per year for a caption, "geen antwoorden" for a year nobody answered:
/// " (2025: n=112, 2026: geen antwoorden)".
fn caption_n(n: &BTreeMap<Year, u32>, years: &[Year], answered: &[Year], w: &ReportWords) -> String {
    if answered.is_empty() {
        return format!(" ({})", w.no_answers);
    }
    let mut parts: BTreeMap<Year, String> = n.iter().map(|(year, n)| (*year, format!("{year}: n={n}"))).collect();
    for year in years.iter().filter(|y| !answered.contains(y) && !n.contains_key(y)) {
        parts.insert(*year, format!("{year}: {}", w.no_answers));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(" ({})", parts.into_values().collect::<Vec<_>>().join(", "))
}

/// "Alleen gevraagd aan wie bij ‘Verzoek om maatwerk’ antwoordde: Ja."
fn routing_note(question: &CodebookQuestion, codebook: &Codebook, w: &ReportWords) -> Option<String> {
    let condition = question.asked_if.as_ref()?;
    let earlier = codebook.questions.iter().find(|q| q.id == condition.question)?;
    let wanted: Vec<String> = condition.answer.to_vec().into_iter().map(|s| s.0).collect();
    let answers: Vec<String> =
        earlier.options.iter().filter(|o| wanted.iter().any(|x| *x == o.id() || o.code.0.contains(x))).map(|o| o.label.clone()).collect();
    Some(fill(&w.routing_note, &[("question", &earlier.label), ("answers", &answers.join(&format!(" {} ", w.or)))]))
}

fn with_n(label: &str, n: &std::collections::BTreeMap<u16, u32>) -> String {
    format!("{label}{}", n_text(n))
}

/// " (2024: n=107, 2025: n=112)", or nothing without n.
fn n_text(n: &std::collections::BTreeMap<u16, u32>) -> String {
    if n.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = n.iter().map(|(year, n)| format!("{year}: n={n}")).collect();
    format!(" ({})", parts.join(", "))
}
