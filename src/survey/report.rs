//! The research report behind the monitor (`onderzoeksrapport/index.html`): every question
//! as a numbered table per chapter with n per year in the caption, the response figures,
//! and appendices that break answers down by segment with a significance note. Tables
//! come from `data/*.yaml` (so earlier years are in them); breakdowns from the newest export.
//! This module gathers the figures; the theme's `report.html` lays them out (render::report).

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use super::codebook::{nps_groups_id, Codebook, CodebookQuestion, QuestionType};
use super::crosstab::{self, Breakdown};
use super::responses::Responses;
use crate::charts::value_text;
use crate::config::SiteConfig;
use crate::data::model::{Question, Unit, Year};
use crate::diagnostic::Diagnostic;
use crate::locale::NumberFormat;

pub const REPORT_PATH: &str = "onderzoeksrapport/index.html";

/// The report as its template sees it.
#[derive(Serialize)]
pub struct ReportView {
    lang: String,
    title: String,
    monitor: String,
    chapters: Vec<ChapterView>,
    method: Vec<String>,
    response: Option<TableView>,
    distributions: Vec<TableView>,
    appendices: Vec<AppendixView>,
}

#[derive(Serialize)]
struct ChapterView {
    number: usize,
    title: String,
    tables: Vec<TableView>,
}

#[derive(Serialize)]
struct AppendixView {
    number: usize,
    title: String,
    intro: String,
    tables: Vec<TableView>,
}

#[derive(Serialize, Default)]
struct TableView {
    id: String,
    caption: String,
    head: Vec<String>,
    rows: Vec<RowView>,
    notes: Vec<String>,
    /// Significance verdict under a breakdown table.
    verdict: Option<String>,
    significant: bool,
    caution: Option<String>,
}

#[derive(Serialize)]
struct RowView {
    label: String,
    cells: Vec<String>,
    /// A heading row (the theme of a matrix question) spanning the table.
    group: bool,
}

fn row(label: impl Into<String>, cells: Vec<String>) -> RowView {
    RowView { label: label.into(), cells, group: false }
}

/// The report's contents, from already loaded parts; the theme's `report.html` lays it out
/// (see `render::report`).
pub fn view(
    codebook: &Codebook,
    questions: &[Question],
    responses: Option<&Responses>,
    config: &SiteConfig,
) -> Result<ReportView, Diagnostic> {
    let format = NumberFormat::for_language(&config.language);
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut chapters = Vec::new();
    let mut table_number = 0;
    for chapter in &codebook.chapters {
        let mut tables = Vec::new();
        for question in codebook.questions.iter().filter(|q| q.chapter == chapter.id) {
            if let Some(mut table) = question_table(question, codebook, &by_id, responses.map(|r| r.year), &format) {
                table_number += 1;
                table.id = format!("tabel-{table_number}");
                table.caption = format!("Tabel {table_number} – {}", table.caption);
                tables.push(table);
            }
        }
        if !tables.is_empty() {
            chapters.push(ChapterView { number: chapters.len() + 1, title: chapter.title.clone(), tables });
        }
    }
    let mut appendix_number = 0;
    let mut next_b = || {
        appendix_number += 1;
        appendix_number
    };
    let response = response_table(codebook, responses, &format).map(|mut table| {
        let number = next_b();
        table.id = format!("tabel-b{number}");
        table.caption = format!("Tabel B{number} – {}", table.caption);
        table
    });
    let mut distributions = Vec::new();
    let mut appendices = Vec::new();
    if let Some(responses) = responses {
        for segment in &codebook.segments {
            let (rows, merged) = crosstab::distribution(codebook, responses, &segment.id, config.survey.min_group);
            let total: u32 = rows.iter().map(|(_, count)| count).sum();
            let counts: Vec<u32> = rows.iter().map(|(_, count)| *count).collect();
            let shares = super::aggregate::largest_remainder(&counts, 0);
            let number = next_b();
            distributions.push(TableView {
                id: format!("tabel-b{number}"),
                caption: format!("Tabel B{number} – Verdeling respondenten naar {} (n={total})", segment.label_in_sentence()),
                head: vec![segment.label.clone(), "Aantal".into(), "Percentage".into()],
                rows: rows
                    .iter()
                    .zip(shares)
                    .map(|((label, count), share)| {
                        // Without any respondent there is no distribution to show.
                        let percent = if total == 0 { "–".to_string() } else { value_text(share, &Unit::Percentage, &format) };
                        row(label, vec![count.to_string(), percent])
                    })
                    .collect(),
                notes: merged_note(&merged, config.survey.min_group).into_iter().collect(),
                ..TableView::default()
            });
        }
        let all = crosstab::breakdowns(codebook, responses, config.survey.min_group);
        for segment in &codebook.segments {
            let tables: Vec<TableView> = all
                .iter()
                .filter(|b| b.segment == segment.id)
                .map(|breakdown| {
                    let number = next_b();
                    breakdown_table(breakdown, codebook, number, config.survey.min_group, &format)
                })
                .collect();
            if !tables.is_empty() {
                appendices.push(AppendixView {
                    number: appendices.len() + 2,
                    title: segment.appendix_title(),
                    intro: format!(
                        "Per vraag de verdeling van de antwoorden binnen elke groep ({}). Onder elke tabel staat of de verschillen tussen de groepen statistisch significant zijn (chi-kwadraattoets, significantieniveau {}).",
                        segment.label_in_sentence(),
                        percent_text(codebook.survey.significance, &format)
                    ),
                    tables,
                });
            }
        }
    }
    Ok(ReportView {
        lang: config.language.clone(),
        title: codebook.survey.title.clone().unwrap_or_else(|| format!("Onderzoeksrapport {}", config.title)),
        monitor: config.title.clone(),
        chapters,
        method: method_text(codebook, &format),
        response,
        distributions,
        appendices,
    })
}

fn question_table(
    question: &CodebookQuestion,
    codebook: &Codebook,
    by_id: &HashMap<&str, &Question>,
    survey_year: Option<Year>,
    format: &NumberFormat,
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
    let mut rows = Vec::new();
    if let Some(groups) = groups {
        for option in groups.items.iter().flat_map(|i| &i.options) {
            rows.push(row(&option.label, cells(&option.values, &groups.unit)));
        }
    }
    let simple = data.items.len() == 1 && data.items[0].id.is_empty();
    for item in &data.items {
        if simple {
            rows.extend(item.options.iter().map(|o| row(&o.label, cells(&o.values, &data.unit))));
        } else if item.options.len() == 1 {
            rows.push(row(with_n(&item.label, &item.n), cells(&item.options[0].values, &data.unit)));
        } else {
            rows.push(RowView { label: with_n(&item.label, &item.n), cells: Vec::new(), group: true });
            rows.extend(item.options.iter().map(|o| row(&o.label, cells(&o.values, &data.unit))));
        }
    }
    let mut notes = Vec::new();
    if data.multiple {
        notes.push("Meerdere antwoorden mogelijk: de percentages tellen niet op tot 100%.".to_string());
    }
    if let Unit::Score { min, max } = data.unit {
        notes.push(format!("Gemiddelde score op een schaal van {} tot {}.", format.format(min, 0), format.format(max, 0)));
    }
    if let Some(note) = routing_note(question, codebook) {
        notes.push(note);
    }
    notes.extend(data.footnotes.iter().cloned());
    let mut head = vec![if simple || groups.is_some() { "Antwoord" } else { "Onderdeel" }.to_string()];
    head.extend(years.iter().map(u16::to_string));
    let caption = format!("{}{}", data.text, caption_n(&data.n, &years, &answered));
    Some(TableView { caption, head, rows, notes, ..TableView::default() })
}

/// n per year for a caption, "geen antwoorden" for a year nobody answered:
/// " (2025: n=112, 2026: geen antwoorden)".
fn caption_n(n: &BTreeMap<Year, u32>, years: &[Year], answered: &[Year]) -> String {
    if answered.is_empty() {
        return " (geen antwoorden)".to_string();
    }
    let mut parts: BTreeMap<Year, String> = n.iter().map(|(year, n)| (*year, format!("{year}: n={n}"))).collect();
    for year in years.iter().filter(|y| !answered.contains(y) && !n.contains_key(y)) {
        parts.insert(*year, format!("{year}: geen antwoorden"));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(" ({})", parts.into_values().collect::<Vec<_>>().join(", "))
}

/// "Alleen gevraagd aan wie bij ‘Verzoek om maatwerk’ antwoordde: Ja."
fn routing_note(question: &CodebookQuestion, codebook: &Codebook) -> Option<String> {
    let condition = question.asked_if.as_ref()?;
    let earlier = codebook.questions.iter().find(|q| q.id == condition.question)?;
    let wanted: Vec<String> = condition.answer.to_vec().into_iter().map(|s| s.0).collect();
    let answers: Vec<&str> =
        earlier.options.iter().filter(|o| wanted.iter().any(|w| *w == o.id() || o.code.0.contains(w))).map(|o| o.label.as_str()).collect();
    Some(format!("Alleen gevraagd aan wie bij ‘{}’ antwoordde: {}.", earlier.label, answers.join(" of ")))
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

fn response_table(codebook: &Codebook, responses: Option<&Responses>, format: &NumberFormat) -> Option<TableView> {
    let mut years: Vec<u16> = codebook.survey.response.keys().copied().collect();
    years.extend(responses.map(|r| r.year));
    years.sort_unstable();
    years.dedup();
    let figures: Vec<(Option<u32>, Option<u32>)> = years
        .iter()
        .map(|year| {
            let set = codebook.survey.response.get(year);
            let responded = responses.filter(|r| r.year == *year).map(|r| r.respondents.len() as u32).or(set.and_then(|s| s.responded));
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
    let mut head = vec!["Respons".to_string()];
    head.extend(years.iter().map(u16::to_string));
    Some(TableView {
        caption: "Respons op het onderzoek".into(),
        head,
        rows: vec![
            row("Aantal benaderde organisaties", figures.iter().map(|f| show(f.0)).collect()),
            row("Aantal deelnemende organisaties", figures.iter().map(|f| show(f.1)).collect()),
            row("Responspercentage", figures.iter().map(rate).collect()),
        ],
        ..TableView::default()
    })
}

fn breakdown_table(breakdown: &Breakdown, codebook: &Codebook, number: usize, min_group: u32, format: &NumberFormat) -> TableView {
    let text = codebook.questions.iter().find(|q| q.id == breakdown.question).map_or(breakdown.question.clone(), |q| q.text.clone());
    let shares = breakdown.column_shares();
    let sizes = breakdown.group_sizes();
    // A share of nobody is no figure: a group without respondents shows "–", not 0%.
    let share_text = |column: usize, share: f64| match sizes[column] {
        0 => "–".to_string(),
        _ => value_text(share, &Unit::Percentage, format),
    };
    let mut head = vec!["Antwoord".to_string()];
    head.extend(breakdown.groups.iter().cloned());
    head.push("Totaal".into());
    let mut rows: Vec<RowView> = breakdown
        .options
        .iter()
        .enumerate()
        .map(|(option, label)| row(label, shares.iter().enumerate().map(|(column, shares)| share_text(column, shares[option])).collect()))
        .collect();
    rows.push(row("n", sizes.iter().map(u32::to_string).collect()));
    let (verdict, significant, caution) = match &breakdown.test {
        None if breakdown.n() == 0 => ("Geen toets: niemand heeft deze vraag beantwoord (geen antwoorden).".to_string(), false, None),
        None => ("Geen toets mogelijk: te weinig verschillende antwoorden of groepen.".to_string(), false, None),
        Some(test) => {
            let figures = format!(
                "χ² = {}; df = {}; p {}",
                format.format(test.statistic, 2),
                test.degrees_of_freedom,
                if test.p_value < 0.001 {
                    format!("< {}", format.format(0.001, 3))
                } else {
                    format!("= {}", format.format(test.p_value, 3))
                }
            );
            let verdict = if breakdown.significant {
                format!("Dit is een statistisch significant verschil ({figures}).")
            } else {
                format!("Geen statistisch significant verschil ({figures}).")
            };
            let caution = breakdown.indicative.then(|| {
                format!(
                    "Indicatief: in een of meer cellen worden minder dan {} antwoorden verwacht (kleinste verwachte aantal {}), daardoor is de toets alleen richtinggevend.",
                    format.format(codebook.survey.min_expected, 0),
                    format.format(test.min_expected, 1)
                )
            });
            (verdict, breakdown.significant, caution)
        }
    };
    TableView {
        id: format!("tabel-b{number}"),
        caption: format!("Tabel B{number} – {text} (n={})", breakdown.n()),
        head,
        rows,
        verdict: Some(verdict),
        significant,
        caution,
        notes: merged_note(&breakdown.merged, min_group).into_iter().collect(),
    }
}

/// Which groups "Overig" holds, and why: "Overig omvat Zorgkantoor A en Zorgkantoor B: …".
fn merged_note(merged: &[String], min_group: u32) -> Option<String> {
    let (last, first) = merged.split_last()?;
    let names = if first.is_empty() { last.clone() } else { format!("{} en {last}", first.join(", ")) };
    Some(format!(
        "Overig omvat {names}: groepen met minder dan {min_group} respondenten worden samengevoegd, zodat geen antwoord van een afzonderlijke organisatie herkenbaar is."
    ))
}

fn percent_text(share: f64, format: &NumberFormat) -> String {
    format!("{}%", format.format(share * 100.0, NumberFormat::natural_decimals(share * 100.0).min(1)))
}

fn method_text(codebook: &Codebook, format: &NumberFormat) -> Vec<String> {
    let mut lines = vec![
        "Het aantal respondenten (n) verschilt per vraag: sommige vragen zijn alleen gesteld aan wie een eerdere vraag op een bepaalde manier beantwoordde, en alleen wie de vraag kreeg en beantwoordde telt mee. Onder elke tabel staat n per jaar.".to_string(),
        "Percentages bij vragen met één antwoord zijn zo afgerond dat ze samen 100% zijn (methode van de grootste overschotten).".to_string(),
    ];
    if codebook.questions.iter().any(|q| q.kind == QuestionType::Nps) {
        lines.push("De Net Promoter Score (NPS) deelt de antwoorden op een schaal van 0 tot 10 in: critici (0–6), neutralen (7–8) en fans (9–10). De NPS is het percentage fans min het percentage critici.".to_string());
    }
    if !codebook.segments.is_empty() {
        lines.push(format!(
            "In de bijlagen zijn de antwoorden uitgesplitst. Of een verschil tussen groepen statistisch significant is, is getoetst met de chi-kwadraattoets bij een significantieniveau van {}. Wordt in een cel minder dan {} antwoorden verwacht, dan is de uitkomst alleen indicatief.",
            percent_text(codebook.survey.significance, format),
            format.format(codebook.survey.min_expected, 0)
        ));
    }
    lines
}
