//! The change since the year before, per option of a percentage question: a two-proportion
//! z-test of the two newest years that have figures and n. The data files hold shares and n
//! per year, so the counts are share × n, rounded (a share is itself rounded from a count,
//! so this gives the count back whenever n is below 200). The tests join the report's
//! Benjamini–Hochberg family; a significant change is marked in the chapter's table.

use std::collections::HashMap;

use super::report_breakdowns::p_text;
use super::report_precision::effect_text;
use super::report_words::{fill, ReportWords};
use super::significance::{self, Method, Test};
use crate::data::model::{Question, Unit, Year};
use crate::locale::NumberFormat;

/// The change of one option between two years.
#[derive(Debug, Clone)]
pub(super) struct Change {
    pub(super) option: String,
    /// `to` minus `from`, in percentage points.
    pub(super) points: f64,
    pub(super) test: Test,
}

/// The changes of one question, per (item id, option id), and the two years compared.
#[derive(Debug, Clone, Default)]
pub(super) struct QuestionChanges {
    pub(super) from: Year,
    pub(super) to: Year,
    pub(super) changes: HashMap<(String, String), Change>,
}

/// The changes between the two newest years of every percentage question that has n in both
/// (per item for a matrix). NPS groups and scores are not tested this way.
pub(super) fn question_changes(question: &Question, min_expected: f64) -> Option<QuestionChanges> {
    if question.unit != Unit::Percentage {
        return None;
    }
    let mut years = question.years();
    years.sort_unstable();
    let [.., from, to] = years.as_slice() else { return None };
    let (from, to) = (*from, *to);
    let mut found = QuestionChanges { from, to, changes: HashMap::new() };
    for item in &question.items {
        let n = |year: Year| item.n.get(&year).or_else(|| question.n.get(&year)).copied();
        let (Some(n_from), Some(n_to)) = (n(from), n(to)) else { continue };
        for option in &item.options {
            let (Some(share_from), Some(share_to)) = (option.values.get(&from), option.values.get(&to)) else { continue };
            let count = |share: f64, n: u32| (share / 100.0 * f64::from(n)).round().clamp(0.0, f64::from(n)) as u32;
            if let Some(test) = significance::change(count(*share_to, n_to), n_to, count(*share_from, n_from), n_from, min_expected) {
                // A matrix's option is named with its item: "Meerzorg: Ja", not a bare "Ja".
                let name = if item.id.is_empty() { option.label.clone() } else { format!("{}: {}", item.label, option.label) };
                let change = Change { option: name, points: share_to - share_from, test };
                found.changes.insert((item.id.clone(), option.id.clone()), change);
            }
        }
    }
    (!found.changes.is_empty()).then_some(found)
}

/// " ▲" after a share that rose significantly since the year before, "▼" after one that fell.
pub(super) fn marker(change: Option<&Change>, level: f64) -> &'static str {
    match change {
        Some(change) if change.test.significant(level) && change.points > 0.0 => " ▲",
        Some(change) if change.test.significant(level) && change.points < 0.0 => " ▼",
        _ => "",
    }
}

/// The note under a chapter's table: every option's change with its p and effect size; a
/// change that is not significant while a year had few respondents is "too few to tell".
pub(super) fn change_note(
    changes: &QuestionChanges,
    order: &[(String, String)],
    level: f64,
    indicative_below: u32,
    format: &NumberFormat,
    w: &ReportWords,
) -> String {
    let parts: Vec<String> = order
        .iter()
        .filter_map(|key| changes.changes.get(key))
        .map(|change| {
            let points = format.format_signed(change.points, NumberFormat::natural_decimals(change.points).min(1));
            let (adjusted, raw) = (p_text(change.test.decisive_p(), format), p_text(change.test.p_value, format));
            let effect = change.test.effect.map(|e| format!("; {}", effect_text(&e, format, w))).unwrap_or_default();
            let too_few = match change.test.low_power(indicative_below) {
                Some(_) if !change.test.significant(level) => w.change_too_few.as_str(),
                _ => "",
            };
            fill(
                &w.change_part,
                &[
                    ("option", &change.option),
                    ("points", &points),
                    ("p", &adjusted),
                    ("raw", &raw),
                    ("exact", if change.test.method == Method::FisherExact { &w.change_exact } else { "" }),
                    ("effect", &effect),
                    ("too_few", too_few),
                ],
            )
        })
        .collect();
    let significant = changes.changes.values().any(|c| c.test.significant(level));
    fill(
        &w.change_note,
        &[
            ("to", &changes.to.to_string()),
            ("from", &changes.from.to_string()),
            ("marks", if significant { &w.change_marks } else { &w.change_none }),
            ("changes", &parts.join(", ")),
            ("panel", &w.change_panel),
        ],
    )
}
