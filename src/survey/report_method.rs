//! The research report's method appendix: the response table, the note on merged groups,
//! and the paragraphs that say how the figures and tests were made, in the site's words.

use std::collections::BTreeMap;

use super::codebook::{Codebook, QuestionType};
use super::report::{row, TableView};
use super::report_precision as precision_text;
use super::report_words::{fill, ReportWords};
use super::responses::Responses;
use crate::charts::value_text;
use crate::data::model::{Unit, Year};
use crate::locale::NumberFormat;

/// Approached, responded and the response rate per year. Who responded comes from the
/// newest export, else the codebook's `responded:`, else the rows of that year's export.
pub(super) fn response_table(
    codebook: &Codebook,
    responses: Option<&Responses>,
    earlier_respondents: &BTreeMap<Year, u32>,
    format: &NumberFormat,
    w: &ReportWords,
) -> Option<TableView> {
    let mut years: Vec<u16> = codebook.survey.response.keys().copied().collect();
    years.extend(responses.map(|r| r.year));
    years.extend(earlier_respondents.keys());
    years.sort_unstable();
    years.dedup();
    let figures: Vec<(Option<u32>, Option<u32>)> = years
        .iter()
        .map(|year| {
            let set = codebook.survey.response.get(year);
            let responded = responses
                .filter(|r| r.year == *year)
                .map(|r| r.respondents.len() as u32)
                .or(set.and_then(|s| s.responded))
                .or(earlier_respondents.get(year).copied());
            (set.map(|s| s.approached), responded)
        })
        .collect();
    if years.is_empty() {
        return None;
    }
    let show = |value: Option<u32>| value.map_or("–".to_string(), |v| format.format(f64::from(v), 0));
    let rate = |(approached, responded): &(Option<u32>, Option<u32>)| match (approached, responded) {
        (Some(a), Some(r)) if *a > 0 => value_text((f64::from(*r) * 100.0 / f64::from(*a)).round(), &Unit::Percentage, format),
        _ => "–".to_string(),
    };
    let mut head = vec![w.response.clone()];
    head.extend(years.iter().map(u16::to_string));
    Some(TableView {
        caption: w.response_caption.clone(),
        head,
        rows: vec![
            row(&w.approached, figures.iter().map(|f| show(f.0)).collect()),
            row(&w.responded, figures.iter().map(|f| show(f.1)).collect()),
            row(&w.response_rate, figures.iter().map(rate).collect()),
        ],
        ..TableView::default()
    })
}

/// Which groups "Overig" holds, and why: "Overig omvat Zorgkantoor A en Zorgkantoor B: …".
pub(super) fn merged_note(merged: &[String], min_group: u32, w: &ReportWords) -> Option<String> {
    if merged.is_empty() {
        return None;
    }
    let names = w.join(merged, &w.and);
    Some(fill(&w.merged_note, &[("names", &names), ("min_group", &min_group.to_string())]))
}

pub(super) fn percent_text(share: f64, format: &NumberFormat) -> String {
    format!("{}%", format.format(share * 100.0, NumberFormat::natural_decimals(share * 100.0).min(1)))
}

/// The method appendix's paragraphs, as they apply to this report.
pub(super) fn method_text(
    codebook: &Codebook,
    format: &NumberFormat,
    min_group: u32,
    tests: usize,
    changes: bool,
    w: &ReportWords,
) -> Vec<String> {
    let level = percent_text(codebook.survey.significance, format);
    let mut lines = vec![w.method_n.clone(), w.method_rounding.clone()];
    if codebook.questions.iter().any(|q| q.kind == QuestionType::Nps) {
        lines.push(w.method_nps.clone());
    }
    if !codebook.segments.is_empty() {
        lines.push(fill(
            &w.method_breakdowns,
            &[
                ("min_group", &min_group.to_string()),
                ("level", &level),
                ("min_expected", &format.format(codebook.survey.min_expected, 0)),
                ("permutations", &format.format(f64::from(super::stats::PERMUTATIONS), 0)),
            ],
        ));
    }
    if changes {
        lines.push(w.method_changes.clone());
    }
    lines.extend(precision_text::method_lines(codebook.survey.indicative_below, w));
    if tests > 0 {
        lines.push(fill(&w.method_many_tests, &[("tests", &tests.to_string()), ("level", &level)]));
    }
    lines
}
