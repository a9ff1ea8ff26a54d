//! The research report's breakdown tables: per group the shares, choices, mean scores or NPS
//! of one question, with the test that suits the table named under it, its p adjusted over
//! all tests of the report (Benjamini–Hochberg), and the unadjusted p beside it.

use std::collections::HashMap;

use super::codebook::{Codebook, QuestionType};
use super::crosstab::{Breakdown, Figures};
use super::report::{row, RowView, TableView};
use super::report_precision::{self as precision_text, is_indicative, marked_head, nps_interval, share_interval};
use super::report_words::{fill, ReportWords};
use super::significance::{Method, Test};
use crate::charts::value_text;
use crate::data::model::{Question, Unit, Year};
use crate::diagnostic::Diagnostic;
use crate::locale::NumberFormat;

pub(super) fn breakdown_table(
    breakdown: &Breakdown,
    codebook: &Codebook,
    numbered: &str,
    number: usize,
    min_group: u32,
    format: &NumberFormat,
    w: &ReportWords,
) -> TableView {
    let question = codebook.questions.iter().find(|q| q.id == breakdown.question);
    let text = question.map_or(breakdown.question.clone(), |q| q.text.clone());
    let kind = question.map_or(QuestionType::Single, |q| q.kind);
    let sizes = breakdown.group_sizes();
    let indicative_below = codebook.survey.indicative_below;
    let mut head = vec![if kind == QuestionType::Scale { &w.part } else { &w.answer }.clone()];
    head.extend(breakdown.groups.iter().cloned());
    head.push(match breakdown.unknown {
        0 => w.total.clone(),
        unknown => fill(&w.total_without_unknown, &[("n", &unknown.to_string())]),
    });
    // Each group's head (and the total's) is marked when it is too small to be more than indicative.
    for (cell, &size) in head.iter_mut().skip(1).zip(&sizes) {
        *cell = marked_head(std::mem::take(cell), size, indicative_below);
    }
    let mut notes = Vec::new();
    let mut rows = match &breakdown.figures {
        Figures::Counts(_) if kind == QuestionType::Nps => nps_rows(breakdown, &sizes, format, w),
        Figures::Counts(_) => share_rows(breakdown, &sizes, format),
        Figures::Choices { chosen, answered } => {
            notes.push(w.several_answers_per_group.clone());
            choice_rows(breakdown, chosen, answered, format)
        }
        Figures::Scores { scores, .. } => {
            let (low, high) = question.map_or((1.0, 5.0), |q| q.scale());
            notes.push(fill(&w.scale_note, &[("min", &format.format(low, 0)), ("max", &format.format(high, 0))]));
            let (rows, suppressed) = score_rows(breakdown, scores, low, high, min_group, format);
            if suppressed {
                notes.push(fill(&w.suppressed_scores, &[("min_group", &min_group.to_string())]));
            }
            rows
        }
    };
    rows.push(row("n", sizes.iter().map(u32::to_string).collect()));
    if sizes.iter().any(|&size| is_indicative(size, indicative_below)) {
        notes.push(precision_text::indicative_note(indicative_below, kind != QuestionType::Scale, w));
    }
    notes.extend(super::report_method::merged_note(&breakdown.merged, min_group, w));
    if breakdown.unknown > 0 {
        let who = match breakdown.unknown {
            1 => w.unknown_one.clone(),
            unknown => fill(&w.unknown_many, &[("n", &unknown.to_string())]),
        };
        notes.push(fill(&w.unknown_note, &[("who", &who)]));
    }
    let level = codebook.survey.significance;
    let (verdict, significant, method) = if breakdown.tests.len() == 1 {
        single_verdict(breakdown.tests[0].as_ref(), breakdown.n(), level, indicative_below, format, w)
    } else {
        per_row_verdict(breakdown, level, indicative_below, format, w)
    };
    TableView {
        id: format!("tabel-b{number}"),
        caption: format!("{numbered} – {text} (n={})", breakdown.n()),
        head,
        rows,
        verdict: Some(verdict),
        significant,
        method,
        notes,
        ..TableView::default()
    }
}

/// A share of nobody is no figure: a group without respondents shows "–", not 0%.
fn percent_or_dash(share: f64, size: u32, format: &NumberFormat) -> String {
    match size {
        0 => "–".to_string(),
        _ => value_text(share, &Unit::Percentage, format),
    }
}

/// The counts of each column (each group, and last the total), per row.
fn column_counts(breakdown: &Breakdown) -> Vec<Vec<u32>> {
    let counts = breakdown.counts();
    let mut columns: Vec<Vec<u32>> = (0..breakdown.groups.len()).map(|g| counts.iter().map(|row| row[g]).collect()).collect();
    columns.push(counts.iter().map(|row| row.iter().sum()).collect());
    columns
}

fn share_rows(breakdown: &Breakdown, sizes: &[u32], format: &NumberFormat) -> Vec<RowView> {
    let shares = breakdown.column_shares();
    let counts = column_counts(breakdown);
    breakdown
        .rows
        .iter()
        .enumerate()
        .map(|(option, label)| {
            let cells = shares.iter().zip(sizes).map(|(shares, &size)| percent_or_dash(shares[option], size, format)).collect();
            let intervals = counts.iter().zip(sizes).map(|(counts, &size)| share_interval(counts[option], size, format)).collect();
            row(label, cells).with_intervals(intervals)
        })
        .collect()
}

/// NPS per group first (fans minus critici of the printed shares, as in the chapter's table),
/// then the three shares.
fn nps_rows(breakdown: &Breakdown, sizes: &[u32], format: &NumberFormat, w: &ReportWords) -> Vec<RowView> {
    let shares = breakdown.column_shares();
    let nps = shares
        .iter()
        .zip(sizes)
        .map(|(shares, &size)| match size {
            0 => "–".to_string(),
            _ => value_text(shares[2] - shares[0], &Unit::Nps, format),
        })
        .collect();
    let intervals =
        column_counts(breakdown).iter().map(|c| nps_interval(f64::from(c[0]), f64::from(c[1]), f64::from(c[2]), format, w)).collect();
    let mut rows = vec![row("NPS", nps).with_intervals(intervals)];
    rows.extend(share_rows(breakdown, sizes, format));
    rows
}

fn choice_rows(breakdown: &Breakdown, chosen: &[Vec<u32>], answered: &[u32], format: &NumberFormat) -> Vec<RowView> {
    let total: u32 = answered.iter().sum();
    breakdown
        .rows
        .iter()
        .zip(chosen)
        .map(|(label, per_group)| {
            let mut cells: Vec<String> = per_group.iter().zip(answered).map(|(&c, &n)| percent_of(c, n, format)).collect();
            cells.push(percent_of(per_group.iter().sum(), total, format));
            let mut intervals: Vec<String> = per_group.iter().zip(answered).map(|(&c, &n)| share_interval(c, n, format)).collect();
            intervals.push(share_interval(per_group.iter().sum(), total, format));
            row(label, cells).with_intervals(intervals)
        })
        .collect()
}

fn percent_of(count: u32, n: u32, format: &NumberFormat) -> String {
    percent_or_dash((f64::from(count) * 100.0 / f64::from(n.max(1))).round(), n, format)
}

/// The mean of each item per group; a group with fewer than `min_group` scores for an item
/// shows "–" (its mean would be nearly its members' own answers). Returns whether any did.
fn score_rows(
    breakdown: &Breakdown,
    scores: &[Vec<Vec<f64>>],
    low: f64,
    high: f64,
    min_group: u32,
    format: &NumberFormat,
) -> (Vec<RowView>, bool) {
    let unit = Unit::Score { min: low, max: high };
    let mut suppressed = false;
    let mut mean_text = |scores: &[f64]| {
        if scores.is_empty() {
            return "–".to_string();
        }
        if (scores.len() as u32) < min_group {
            suppressed = true;
            return "–".to_string();
        }
        value_text(super::aggregate::round_to(scores.iter().sum::<f64>() / scores.len() as f64, 2), &unit, format)
    };
    let rows = breakdown
        .rows
        .iter()
        .zip(scores)
        .map(|(label, per_group)| {
            let mut cells: Vec<String> = per_group.iter().map(|s| mean_text(s)).collect();
            let all: Vec<f64> = per_group.iter().flatten().copied().collect();
            cells.push(mean_text(&all));
            row(label, cells)
        })
        .collect();
    (rows, suppressed)
}

/// "p = 0,240", or "p < 0,001".
pub fn p_text(p: f64, format: &NumberFormat) -> String {
    if p < 0.001 {
        format!("p < {}", format.format(0.001, 3))
    } else {
        format!("p = {}", format.format(p, 3))
    }
}

/// The verdict of a table with one test, and the line naming the method and the effect size.
fn single_verdict(
    test: Option<&Test>,
    n: u32,
    level: f64,
    indicative_below: u32,
    format: &NumberFormat,
    w: &ReportWords,
) -> (String, bool, Vec<String>) {
    let Some(test) = test else {
        let verdict = if n == 0 { &w.nobody_answered } else { &w.no_test };
        return (verdict.clone(), false, Vec::new());
    };
    let significant = test.significant(level);
    let adjusted = p_text(test.decisive_p(), format);
    let verdict = match test.low_power(indicative_below) {
        _ if significant => fill(&w.significant, &[("p", &adjusted)]),
        Some(low) => precision_text::too_few_verdict(&adjusted, low, format, w),
        None => fill(&w.not_significant, &[("p", &adjusted)]),
    };
    let method =
        format!("{}{}", fill(&w.test_line, &[("method", &method_text(test, format, w))]), precision_text::effect_sentence(test, format, w));
    (verdict, significant, vec![method])
}

/// Multiple choice and scale items: one test per row; the verdict names the rows that differ,
/// and those where too few answered to tell.
fn per_row_verdict(
    breakdown: &Breakdown,
    level: f64,
    indicative_below: u32,
    format: &NumberFormat,
    w: &ReportWords,
) -> (String, bool, Vec<String>) {
    let mut method = Vec::new();
    let mut differing = Vec::new();
    let mut too_few = Vec::new();
    for (label, test) in breakdown.rows.iter().zip(&breakdown.tests) {
        let Some(test) = test else {
            method.push(fill(&w.row_no_test, &[("label", label)]));
            continue;
        };
        let effect = test.effect.map(|e| format!("; {}", precision_text::effect_text(&e, format, w))).unwrap_or_default();
        let low = test.low_power(indicative_below).filter(|_| !test.significant(level));
        let caveat =
            low.map(|low| fill(&w.row_too_few, &[("reason", &precision_text::low_power_reason(low, format, w))])).unwrap_or_default();
        method.push(fill(
            &w.row_test,
            &[
                ("label", label),
                ("p", &p_text(test.decisive_p(), format)),
                ("method", &method_text(test, format, w)),
                ("effect", &effect),
                ("caveat", &caveat),
            ],
        ));
        if test.significant(level) {
            differing.push(label.clone());
        } else if low.is_some() {
            too_few.push(label.clone());
        }
    }
    let mut verdict = match differing.as_slice() {
        [] if breakdown.n() == 0 => w.nobody_answered.clone(),
        [] => w.rows_none.clone(),
        rows => fill(&w.rows_differ, &[("rows", &rows.join(", "))]),
    };
    if !too_few.is_empty() && breakdown.n() > 0 {
        verdict.push_str(&fill(&w.rows_too_few, &[("rows", &too_few.join(", "))]));
    }
    (verdict, !differing.is_empty(), method)
}

/// The method and its figures, with the unadjusted p: "chi-kwadraattoets van Pearson (χ² =
/// 5,50; df = 4; p zonder correctie = 0,240)".
pub(super) fn method_text(test: &Test, format: &NumberFormat, w: &ReportWords) -> String {
    let raw = p_text(test.p_value, format).replacen("p ", &format!("{} ", w.uncorrected), 1);
    let statistic = |symbol: &str| test.statistic.map(|s| format!("{symbol} = {}; ", format.format(s, 2))).unwrap_or_default();
    let df = test.degrees_of_freedom.map(|df| format!("df = {df}; ")).unwrap_or_default();
    let why = test
        .pearson
        .map(|p| {
            fill(
                &w.sparse_cells,
                &[("below", &p.cells_below_5.to_string()), ("cells", &p.cells.to_string()), ("min", &format.format(p.min_expected, 1))],
            )
        })
        .unwrap_or_default();
    match test.method {
        Method::Pearson => fill(&w.pearson, &[("figures", &format!("{}{df}{raw}", statistic("χ²")))]),
        Method::FisherExact => fill(&w.fisher, &[("why", &why), ("figures", &raw)]),
        Method::MonteCarlo { permutations } => fill(
            &w.monte_carlo,
            &[
                ("permutations", &format.format(f64::from(permutations), 0)),
                ("why", &why),
                ("figures", &format!("{}{df}{raw}", statistic("χ²"))),
            ],
        ),
        Method::KruskalWallis => fill(&w.kruskal_wallis, &[("figures", &format!("{}{df}{raw}", statistic("H")))]),
        Method::TwoProportions => fill(&w.two_proportions, &[("figures", &format!("{}{raw}", statistic("z")))]),
    }
}

/// A breakdown's Totaal must tell the same as the chapter's table for the export's year:
/// the same n (plus the respondents of unknown group, who are left out of the breakdown and
/// labelled so) and, for choice questions, the same shares. They differ when `data/` was
/// not rewritten after the export changed, or was edited by hand; the report would then
/// contradict itself.
pub(super) fn check_total(breakdown: &Breakdown, codebook: &Codebook, by_id: &HashMap<&str, &Question>, year: Year) -> Option<Diagnostic> {
    let question = codebook.questions.iter().find(|q| q.id == breakdown.question)?;
    let data = *by_id.get(question.id.as_str())?;
    let export_n = breakdown.n() + breakdown.unknown;
    let mut differences = Vec::new();
    let data_n = data.n.get(&year).copied().unwrap_or(0);
    if data_n != export_n {
        differences.push(format!("n = {data_n} in the data, {export_n} in the export"));
    }
    if breakdown.unknown == 0 && export_n > 0 {
        let totals: Vec<f64> = match &breakdown.figures {
            Figures::Counts(_) if question.kind == QuestionType::Single => breakdown.column_shares().pop().unwrap_or_default(),
            Figures::Choices { chosen, answered } => {
                let n: u32 = answered.iter().sum();
                chosen.iter().map(|row| (f64::from(row.iter().sum::<u32>()) * 100.0 / f64::from(n.max(1))).round()).collect()
            }
            _ => Vec::new(),
        };
        let options = data.items.first().map_or(&[][..], |item| item.options.as_slice());
        for (option, total) in question.options.iter().zip(totals) {
            let written = options.iter().find(|o| o.id == option.id()).and_then(|o| o.values.get(&year));
            if written.is_none_or(|value| (value - total).abs() > 0.5) {
                let written = written.map_or("none".to_string(), |v| format!("{v}%"));
                differences.push(format!("{}: {written} in the data, {total}% in the export", option.label));
            }
        }
    }
    if differences.is_empty() {
        return None;
    }
    Some(
        Diagnostic::error(
            &data.origin.0,
            format!(
                "the research report's breakdown of `{}` would contradict its chapter table for {year}: {}",
                question.id,
                differences.join("; ")
            ),
        )
        .at_line(data.origin.1)
        .help(format!(
            "run `folio data` to write the figures of survey/export-{year}.csv into data/; if the data is right, the export is outdated: replace it"
        )),
    )
}
