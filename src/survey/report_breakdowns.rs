//! The research report's breakdown tables: per group the shares, choices, mean scores or NPS
//! of one question, with the test that suits the table named under it, its p adjusted over
//! all tests of the report (Benjamini–Hochberg), and the unadjusted p beside it.

use std::collections::HashMap;

use super::codebook::{Codebook, QuestionType};
use super::crosstab::{Breakdown, Figures};
use super::report::{row, RowView, TableView};
use super::significance::{Method, Test};
use crate::charts::value_text;
use crate::data::model::{Question, Unit, Year};
use crate::diagnostic::Diagnostic;
use crate::locale::NumberFormat;

pub(super) fn breakdown_table(
    breakdown: &Breakdown,
    codebook: &Codebook,
    number: usize,
    min_group: u32,
    format: &NumberFormat,
) -> TableView {
    let question = codebook.questions.iter().find(|q| q.id == breakdown.question);
    let text = question.map_or(breakdown.question.clone(), |q| q.text.clone());
    let kind = question.map_or(QuestionType::Single, |q| q.kind);
    let sizes = breakdown.group_sizes();
    let mut head = vec![if kind == QuestionType::Scale { "Onderdeel" } else { "Antwoord" }.to_string()];
    head.extend(breakdown.groups.iter().cloned());
    head.push(match breakdown.unknown {
        0 => "Totaal".to_string(),
        unknown => format!("Totaal excl. onbekend (n = {unknown})"),
    });
    let mut notes = Vec::new();
    let mut rows = match &breakdown.figures {
        Figures::Counts(_) if kind == QuestionType::Nps => nps_rows(breakdown, &sizes, format),
        Figures::Counts(_) => share_rows(breakdown, &sizes, format),
        Figures::Choices { chosen, answered } => {
            notes.push("Meerdere antwoorden mogelijk: per groep het percentage dat het antwoord koos.".to_string());
            choice_rows(breakdown, chosen, answered, format)
        }
        Figures::Scores { scores, .. } => {
            let (low, high) = question.map_or((1.0, 5.0), |q| q.scale());
            notes.push(format!("Gemiddelde score op een schaal van {} tot {}.", format.format(low, 0), format.format(high, 0)));
            let (rows, suppressed) = score_rows(breakdown, scores, low, high, min_group, format);
            if suppressed {
                notes.push(format!("–: minder dan {min_group} scores in deze groep; het gemiddelde wordt niet getoond."));
            }
            rows
        }
    };
    rows.push(row("n", sizes.iter().map(u32::to_string).collect()));
    notes.extend(super::report::merged_note(&breakdown.merged, min_group));
    if breakdown.unknown > 0 {
        let who = if breakdown.unknown == 1 {
            "1 respondent zonder bekende groep telt".to_string()
        } else {
            format!("{} respondenten zonder bekende groep tellen", breakdown.unknown)
        };
        notes.push(format!("Totaal excl. onbekend: {who} niet mee in deze tabel; de tabel in het hoofdstuk telt ook hun antwoorden."));
    }
    let level = codebook.survey.significance;
    let (verdict, significant, method) = if breakdown.tests.len() == 1 {
        single_verdict(breakdown.tests[0].as_ref(), breakdown.n(), level, format)
    } else {
        per_row_verdict(breakdown, level, format)
    };
    TableView {
        id: format!("tabel-b{number}"),
        caption: format!("Tabel B{number} – {text} (n={})", breakdown.n()),
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

fn share_rows(breakdown: &Breakdown, sizes: &[u32], format: &NumberFormat) -> Vec<RowView> {
    let shares = breakdown.column_shares();
    breakdown
        .rows
        .iter()
        .enumerate()
        .map(|(option, label)| {
            row(label, shares.iter().zip(sizes).map(|(shares, &size)| percent_or_dash(shares[option], size, format)).collect())
        })
        .collect()
}

/// NPS per group first (fans minus critici of the printed shares, as in the chapter's table),
/// then the three shares.
fn nps_rows(breakdown: &Breakdown, sizes: &[u32], format: &NumberFormat) -> Vec<RowView> {
    let shares = breakdown.column_shares();
    let nps = shares
        .iter()
        .zip(sizes)
        .map(|(shares, &size)| match size {
            0 => "–".to_string(),
            _ => value_text(shares[2] - shares[0], &Unit::Nps, format),
        })
        .collect();
    let mut rows = vec![row("NPS", nps)];
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
            row(label, cells)
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

/// The verdict of a table with one test, and the line naming the method.
fn single_verdict(test: Option<&Test>, n: u32, level: f64, format: &NumberFormat) -> (String, bool, Vec<String>) {
    let Some(test) = test else {
        let verdict = if n == 0 {
            "Geen toets: niemand heeft deze vraag beantwoord (geen antwoorden)."
        } else {
            "Geen toets mogelijk: te weinig verschillende antwoorden of groepen."
        };
        return (verdict.to_string(), false, Vec::new());
    };
    let significant = test.significant(level);
    let adjusted = p_text(test.decisive_p(), format);
    let verdict = if significant {
        format!("Dit is een statistisch significant verschil ({adjusted}, gecorrigeerd voor meervoudig toetsen).")
    } else {
        format!("Geen statistisch significant verschil ({adjusted}, gecorrigeerd voor meervoudig toetsen).")
    };
    (verdict, significant, vec![format!("Toets: {}.", method_text(test, format))])
}

/// Multiple choice and scale items: one test per row; the verdict names the rows that differ.
fn per_row_verdict(breakdown: &Breakdown, level: f64, format: &NumberFormat) -> (String, bool, Vec<String>) {
    let mut method = Vec::new();
    let mut differing = Vec::new();
    for (label, test) in breakdown.rows.iter().zip(&breakdown.tests) {
        match test {
            Some(test) => {
                let adjusted = p_text(test.decisive_p(), format);
                method.push(format!("{label}: {adjusted} gecorrigeerd; {}.", method_text(test, format)));
                if test.significant(level) {
                    differing.push(label.clone());
                }
            }
            None => method.push(format!("{label}: geen toets mogelijk (te weinig verschillende antwoorden of groepen).")),
        }
    }
    let verdict = match differing.as_slice() {
        [] if breakdown.n() == 0 => "Geen toets: niemand heeft deze vraag beantwoord (geen antwoorden).".to_string(),
        [] => "Bij geen van de onderdelen een statistisch significant verschil tussen de groepen (gecorrigeerd voor meervoudig toetsen)."
            .to_string(),
        rows => {
            format!("Statistisch significant verschil tussen de groepen bij: {} (gecorrigeerd voor meervoudig toetsen).", rows.join(", "))
        }
    };
    (verdict, !differing.is_empty(), method)
}

/// The method and its figures, with the unadjusted p: "chi-kwadraattoets (χ² = 5,50; df = 4;
/// p zonder correctie = 0,240)".
pub fn method_text(test: &Test, format: &NumberFormat) -> String {
    let raw = p_text(test.p_value, format).replacen("p ", "p zonder correctie ", 1);
    let statistic = |symbol: &str| test.statistic.map(|s| format!("{symbol} = {}; ", format.format(s, 2))).unwrap_or_default();
    let df = test.degrees_of_freedom.map(|df| format!("df = {df}; ")).unwrap_or_default();
    let why = test.pearson.map(|p| {
        format!(
            "in {} van de {} cellen worden minder dan 5 antwoorden verwacht, het kleinste verwachte aantal is {}",
            p.cells_below_5,
            p.cells,
            format.format(p.min_expected, 1)
        )
    });
    match test.method {
        Method::Pearson => format!("chi-kwadraattoets van Pearson ({}{df}{raw})", statistic("χ²")),
        Method::FisherExact => format!(
            "exacte toets van Fisher, omdat de chi-kwadraattoets hier niet betrouwbaar is ({}; {raw})",
            why.unwrap_or_default()
        ),
        Method::MonteCarlo { permutations } => format!(
            "permutatietoets (Monte Carlo, {} permutaties met vaste startwaarde) op de chi-kwadraatwaarde, omdat de chi-kwadraatverdeling hier niet betrouwbaar is ({}; {}{df}{raw})",
            format.format(f64::from(permutations), 0),
            why.unwrap_or_default(),
            statistic("χ²")
        ),
        Method::KruskalWallis => format!("Kruskal–Wallis-toets ({}{df}{raw})", statistic("H")),
        Method::TwoProportions => format!("toets voor twee proporties ({}{raw})", statistic("z")),
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
