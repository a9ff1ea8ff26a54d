//! The research report behind the monitor (`onderzoeksrapport/index.html`): every question
//! as a numbered table per chapter with n per year in the caption, the response figures,
//! and appendices that break answers down by segment with a significance note. Tables
//! come from `data/*.yaml` (so earlier years are in them); breakdowns from the newest export.
//! This module gathers the figures; the theme's `report.html` lays them out (render::report).

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use super::codebook::{nps_groups_id, Codebook, CodebookQuestion, QuestionType};
use super::crosstab::{self, Breakdown};
use super::report_breakdowns;
use super::report_changes::{self, QuestionChanges};
use super::report_precision::{self as precision_text, data_share_interval, marked_head};
use super::responses::Responses;
use super::significance::{self, Test};
use crate::charts::value_text;
use crate::config::SiteConfig;
use crate::data::model::{Question, SignificantChange, Unit, Year};
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
pub(super) struct TableView {
    pub(super) id: String,
    pub(super) caption: String,
    pub(super) head: Vec<String>,
    pub(super) rows: Vec<RowView>,
    pub(super) notes: Vec<String>,
    /// Significance verdict under a breakdown table.
    pub(super) verdict: Option<String>,
    pub(super) significant: bool,
    pub(super) caution: Option<String>,
    /// The test used, with its figures and the unadjusted p (one line per test).
    pub(super) method: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct RowView {
    label: String,
    cells: Vec<String>,
    /// The 95% interval printed under each cell ("" under a cell without one); empty when
    /// the row has none (counts, scores).
    intervals: Vec<String>,
    /// A heading row (the theme of a matrix question) spanning the table.
    group: bool,
}

pub(super) fn row(label: impl Into<String>, cells: Vec<String>) -> RowView {
    RowView { label: label.into(), cells, intervals: Vec::new(), group: false }
}

impl RowView {
    pub(super) fn with_intervals(mut self, intervals: Vec<String>) -> RowView {
        self.intervals = intervals;
        self
    }
}

/// Every test of the report, adjusted as one family (Benjamini–Hochberg): the breakdowns by
/// segment and the changes since the year before. Computed once per build, before the
/// pages, because charts mark the same significant changes as the report's tables.
pub struct Tested {
    breakdowns: Vec<Breakdown>,
    changes: HashMap<String, QuestionChanges>,
    count: usize,
}

/// Runs every test of the report (see [`Tested`]).
pub fn tested(
    codebook: &Codebook,
    questions: &[Question],
    responses: Option<&Responses>,
    config: &SiteConfig,
) -> Result<Tested, Diagnostic> {
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut changes: HashMap<String, QuestionChanges> = codebook
        .questions
        .iter()
        .filter_map(|q| Some((q.id.clone(), report_changes::question_changes(by_id.get(q.id.as_str())?)?)))
        .collect();
    let mut breakdowns = match responses {
        Some(responses) => crosstab::breakdowns(codebook, responses, config.survey.min_group),
        None => Vec::new(),
    };
    if let Some(responses) = responses {
        if let Some(problem) = breakdowns.iter().find_map(|b| report_breakdowns::check_total(b, codebook, &by_id, responses.year)) {
            return Err(problem);
        }
    }
    let mut family: Vec<&mut Test> = breakdowns.iter_mut().flat_map(|b| b.tests.iter_mut().flatten()).collect();
    family.extend(changes.values_mut().flat_map(|c| c.changes.values_mut().map(|change| &mut change.test)));
    let count = family.len();
    significance::adjust(&mut family);
    Ok(Tested { breakdowns, changes, count })
}

impl Tested {
    /// The changes since the year before that the report marks significant, per question id,
    /// for charts that ask for them (`changes: true`).
    pub fn significant_changes(&self, codebook: &Codebook) -> HashMap<String, Vec<SignificantChange>> {
        let level = codebook.survey.significance;
        self.changes
            .iter()
            .map(|(id, question)| {
                let mut marked: Vec<SignificantChange> = question
                    .changes
                    .iter()
                    .filter(|(_, change)| change.test.significant(level) && change.points != 0.0)
                    .map(|((item, option), change)| SignificantChange {
                        item: item.clone(),
                        option: option.clone(),
                        from: question.from,
                        to: question.to,
                        rose: change.points > 0.0,
                    })
                    .collect();
                marked.sort_by(|a, b| (&a.item, &a.option).cmp(&(&b.item, &b.option)));
                (id.clone(), marked)
            })
            .collect()
    }
}

/// The report's contents, from already loaded parts and its tests; the theme's
/// `report.html` lays it out (see `render::report`).
pub fn view(
    codebook: &Codebook,
    questions: &[Question],
    responses: Option<&Responses>,
    config: &SiteConfig,
    tested: Tested,
    earlier_respondents: &BTreeMap<Year, u32>,
) -> Result<ReportView, Diagnostic> {
    let format = NumberFormat::for_language(&config.language);
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let Tested { breakdowns: all, changes, count: test_count } = tested;
    let any_change = !changes.is_empty();
    let mut chapters = Vec::new();
    let mut table_number = 0;
    for chapter in &codebook.chapters {
        let mut tables = Vec::new();
        for question in codebook.questions.iter().filter(|q| q.chapter == chapter.id) {
            let changes = changes.get(question.id.as_str());
            if let Some(mut table) = question_table(question, codebook, &by_id, responses.map(|r| r.year), changes, &format) {
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
    let response = response_table(codebook, responses, earlier_respondents, &format).map(|mut table| {
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
        for segment in &codebook.segments {
            let tables: Vec<TableView> = all
                .iter()
                .filter(|b| b.segment == segment.id)
                .map(|breakdown| {
                    let number = next_b();
                    report_breakdowns::breakdown_table(breakdown, codebook, number, config.survey.min_group, &format)
                })
                .collect();
            if !tables.is_empty() {
                appendices.push(AppendixView {
                    number: appendices.len() + 2,
                    title: segment.appendix_title(),
                    intro: format!(
                        "Per vraag de antwoorden binnen elke groep ({}). Onder elke tabel staat of de verschillen tussen de groepen statistisch significant zijn (significantieniveau {}, gecorrigeerd voor meervoudig toetsen) en met welke toets dat is bepaald.",
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
        method: method_text(codebook, &format, config.survey.min_group, test_count, any_change),
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
    changes: Option<&QuestionChanges>,
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
            Some(groups) if data.unit == Unit::Nps => nps_intervals(groups, &years, format),
            _ => share_intervals(data, item, option),
        };
        row(&option.label, cells).with_intervals(intervals)
    };
    let mut rows = Vec::new();
    if let Some(groups) = groups {
        for item in &groups.items {
            for option in &item.options {
                rows.push(row(&option.label, cells(&option.values, &groups.unit)).with_intervals(share_intervals(groups, item, option)));
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
        notes.push("Meerdere antwoorden mogelijk: de percentages tellen niet op tot 100%.".to_string());
    }
    if let Unit::Score { min, max } = data.unit {
        notes.push(format!("Gemiddelde score op een schaal van {} tot {}.", format.format(min, 0), format.format(max, 0)));
    }
    if let Some(note) = routing_note(question, codebook) {
        notes.push(note);
    }
    notes.extend(data.footnotes.iter().cloned());
    if let Some(changes) = changes {
        let order: Vec<(String, String)> = data.items.iter().flat_map(|i| i.options.iter().map(|o| (i.id.clone(), o.id.clone()))).collect();
        notes.push(report_changes::change_note(changes, &order, level, codebook.survey.indicative_below, format));
    }
    let indicative_below = codebook.survey.indicative_below;
    let year_n = |year: &Year| data.n.get(year).or_else(|| groups.and_then(|g| g.n.get(year))).copied().unwrap_or(0);
    if years.iter().any(|y| precision_text::is_indicative(year_n(y), indicative_below)) {
        notes.push(precision_text::indicative_note(indicative_below, matches!(data.unit, Unit::Percentage | Unit::Nps)));
    }
    let mut head = vec![if simple || groups.is_some() { "Antwoord" } else { "Onderdeel" }.to_string()];
    head.extend(years.iter().map(|year| marked_head(year.to_string(), year_n(year), indicative_below)));
    let caption = format!("{}{}", data.text, caption_n(&data.n, &years, &answered));
    Some(TableView { caption, head, rows, notes, ..TableView::default() })
}

/// The interval of the NPS per year, from the shares of critici, neutralen and fans of that year.
fn nps_intervals(groups: &Question, years: &[Year], format: &NumberFormat) -> Vec<String> {
    let options: Vec<&crate::data::model::AnswerOption> = groups.items.iter().flat_map(|i| &i.options).collect();
    years
        .iter()
        .map(|year| {
            let shares: Option<Vec<f64>> = options.iter().map(|o| o.values.get(year).copied()).collect();
            match (shares.as_deref(), groups.n.get(year)) {
                (Some([critics, passives, promoters]), Some(&n)) => {
                    let count = |share: f64| (share / 100.0 * f64::from(n)).round();
                    precision_text::nps_interval(count(*critics), count(*passives), count(*promoters), format)
                }
                _ => String::new(),
            }
        })
        .collect()
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

/// Approached, responded and the response rate per year. Who responded comes from the
/// newest export, else the codebook's `responded:`, else the rows of that year's export.
fn response_table(
    codebook: &Codebook,
    responses: Option<&Responses>,
    earlier_respondents: &BTreeMap<Year, u32>,
    format: &NumberFormat,
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

/// Which groups "Overig" holds, and why: "Overig omvat Zorgkantoor A en Zorgkantoor B: …".
pub(super) fn merged_note(merged: &[String], min_group: u32) -> Option<String> {
    let (last, first) = merged.split_last()?;
    let names = if first.is_empty() { last.clone() } else { format!("{} en {last}", first.join(", ")) };
    Some(format!(
        "Overig omvat {names}: groepen met minder dan {min_group} respondenten worden samengevoegd, zodat geen antwoord van een afzonderlijke organisatie herkenbaar is."
    ))
}

fn percent_text(share: f64, format: &NumberFormat) -> String {
    format!("{}%", format.format(share * 100.0, NumberFormat::natural_decimals(share * 100.0).min(1)))
}

fn method_text(codebook: &Codebook, format: &NumberFormat, min_group: u32, tests: usize, changes: bool) -> Vec<String> {
    let mut lines = vec![
        "Het aantal respondenten (n) verschilt per vraag: sommige vragen zijn alleen gesteld aan wie een eerdere vraag op een bepaalde manier beantwoordde, en alleen wie de vraag kreeg en beantwoordde telt mee. Onder elke tabel staat n per jaar.".to_string(),
        "Percentages bij vragen met één antwoord zijn zo afgerond dat ze samen 100% zijn (methode van de grootste overschotten).".to_string(),
    ];
    if codebook.questions.iter().any(|q| q.kind == QuestionType::Nps) {
        lines.push("De Net Promoter Score (NPS) deelt de antwoorden op een schaal van 0 tot 10 in: critici (0–6), neutralen (7–8) en fans (9–10). De NPS is het percentage fans min het percentage critici.".to_string());
    }
    if !codebook.segments.is_empty() {
        lines.push(format!(
            "In de bijlagen zijn de antwoorden uitgesplitst naar groep. Groepen met minder dan {min_group} respondenten zijn samengevoegd tot ‘Overig’. Of een verschil tussen groepen statistisch significant is, is getoetst bij een significantieniveau van {}. Bij vragen met één antwoord en bij de NPS is dat de chi-kwadraattoets van Pearson, maar alleen waar die betrouwbaar is (regel van Cochran: in hoogstens 20% van de cellen minder dan {} verwachte antwoorden en in geen cel minder dan 1). Anders is voor een tabel van 2×2 de exacte toets van Fisher gebruikt, en voor een grotere tabel een permutatietoets (Monte Carlo, {} permutaties met een vaste startwaarde, zodat de uitkomst bij elke bouw dezelfde is). Bij vragen met meer antwoorden is elk antwoord apart zo getoetst; bij scores is de Kruskal–Wallis-toets gebruikt, die de rangordes van de scores tussen de groepen vergelijkt. Onder elke tabel staat welke toets is gebruikt.",
            percent_text(codebook.survey.significance, format),
            format.format(codebook.survey.min_expected, 0),
            format.format(f64::from(super::stats::PERMUTATIONS), 0),
        ));
    }
    if changes {
        lines.push("Verschillen met het vorige jaar zijn per antwoord getoetst met de toets voor twee proporties (z-toets). De gegevens van eerdere jaren zijn percentages met n; het aantal respondenten per antwoord is daarom teruggerekend als percentage × n, afgerond. Een significante stijging of daling staat in de tabel aangegeven met ▲ of ▼.".to_string());
    }
    lines.extend(precision_text::method_lines(codebook.survey.indicative_below));
    if tests > 0 {
        lines.push(format!(
            "Wie veel toetsen doet, vindt ook bij toeval af en toe een ‘significant’ verschil. Daarom zijn de p-waarden van alle {tests} toetsen in dit rapport samen gecorrigeerd met de methode van Benjamini en Hochberg; een verschil heet significant als de gecorrigeerde p-waarde onder {} ligt. Onder elke tabel staat ook de p-waarde zonder correctie.",
            percent_text(codebook.survey.significance, format),
        ));
    }
    lines
}
