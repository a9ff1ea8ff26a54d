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
use super::report_method::{self, merged_note, percent_text, response_table};
use super::report_precision::{self as precision_text, data_share_interval, marked_head};
use super::report_print::{print_parts, TablePart};
use super::report_words::{fill, ReportWords};
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
    /// How a table too wide for a sheet prints: split by columns (empty when it fits).
    pub(super) print_parts: Vec<TablePart>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
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

    /// The row with only the cells (and intervals) of `columns`; a heading row stays whole.
    pub(super) fn columns(&self, columns: std::ops::Range<usize>) -> RowView {
        let pick = |values: &Vec<String>| values.get(columns.clone()).map_or_else(Vec::new, <[String]>::to_vec);
        RowView { label: self.label.clone(), cells: pick(&self.cells), intervals: pick(&self.intervals), group: self.group }
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
        .filter_map(|q| {
            let found = report_changes::question_changes(by_id.get(q.id.as_str())?, codebook.survey.min_expected)?;
            // Asked in other words between the two years, it is not the same question: no test.
            let reworded = q.wording_changed.is_some_and(|year| found.from < year && year <= found.to);
            (!reworded).then(|| (q.id.clone(), found))
        })
        .collect();
    let mut breakdowns = match responses {
        Some(responses) => crosstab::breakdowns(codebook, responses, config.survey.min_group, &config.words.research_report),
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
    let w = &config.words.research_report;
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), q)).collect();
    let Tested { breakdowns: all, changes, count: test_count } = tested;
    let any_change = !changes.is_empty();
    let mut chapters = Vec::new();
    let mut table_number = 0;
    for chapter in &codebook.chapters {
        let mut tables = Vec::new();
        for question in codebook.questions.iter().filter(|q| q.chapter == chapter.id) {
            let changes = changes.get(question.id.as_str());
            if let Some(mut table) = question_table(question, codebook, &by_id, responses.map(|r| r.year), changes, &format, w) {
                table_number += 1;
                table.id = format!("tabel-{table_number}");
                table.caption = format!("{} {table_number} – {}", config.words.table, table.caption);
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
    // "Tabel B3": the appendices' tables are numbered apart from the chapters'.
    let appendix_table = |number: usize| format!("{} {}{number}", config.words.table, w.appendix_table);
    let mut response = response_table(codebook, responses, earlier_respondents, &format, w).map(|mut table| {
        let number = next_b();
        table.id = format!("tabel-b{number}");
        table.caption = format!("{} – {}", appendix_table(number), table.caption);
        table
    });
    let mut distributions = Vec::new();
    let mut appendices = Vec::new();
    if let Some(responses) = responses {
        for segment in &codebook.segments {
            let (rows, merged) = crosstab::distribution(codebook, responses, &segment.id, config.survey.min_group, w);
            let total: u32 = rows.iter().map(|(_, count)| count).sum();
            let counts: Vec<u32> = rows.iter().map(|(_, count)| *count).collect();
            let shares = super::aggregate::largest_remainder(&counts, 0);
            let number = next_b();
            distributions.push(TableView {
                id: format!("tabel-b{number}"),
                caption: format!(
                    "{} – {}",
                    appendix_table(number),
                    fill(&w.distribution_caption, &[("segment", &segment.label_in_sentence()), ("n", &total.to_string())])
                ),
                head: vec![segment.label.clone(), w.count.clone(), w.percentage.clone()],
                rows: rows
                    .iter()
                    .zip(shares)
                    .map(|((label, count), share)| {
                        // Without any respondent there is no distribution to show.
                        let percent = if total == 0 { "–".to_string() } else { value_text(share, &Unit::Percentage, &format) };
                        row(label, vec![count.to_string(), percent])
                    })
                    .collect(),
                notes: merged_note(&merged, config.survey.min_group, w).into_iter().collect(),
                ..TableView::default()
            });
        }
        for segment in &codebook.segments {
            let tables: Vec<TableView> = all
                .iter()
                .filter(|b| b.segment == segment.id)
                .map(|breakdown| {
                    let number = next_b();
                    report_breakdowns::breakdown_table(
                        breakdown,
                        codebook,
                        &appendix_table(number),
                        number,
                        config.survey.min_group,
                        &format,
                        w,
                    )
                })
                .collect();
            if !tables.is_empty() {
                appendices.push(AppendixView {
                    number: appendices.len() + 2,
                    title: segment
                        .appendix_title
                        .clone()
                        .unwrap_or_else(|| fill(&w.differences_by, &[("segment", &segment.label_in_sentence())])),
                    intro: fill(
                        &w.appendix_intro,
                        &[("segment", &segment.label_in_sentence()), ("level", &percent_text(codebook.survey.significance, &format))],
                    ),
                    tables,
                });
            }
        }
    }
    let every_table = chapters
        .iter_mut()
        .flat_map(|c| c.tables.iter_mut())
        .chain(response.iter_mut())
        .chain(distributions.iter_mut())
        .chain(appendices.iter_mut().flat_map(|a| a.tables.iter_mut()));
    for table in every_table {
        table.print_parts = print_parts(table);
    }
    Ok(ReportView {
        lang: config.language.clone(),
        title: codebook.survey.title.clone().unwrap_or_else(|| fill(&w.title, &[("monitor", &config.title)])),
        monitor: config.title.clone(),
        chapters,
        method: report_method::method_text(codebook, &format, config.survey.min_group, test_count, any_change, w),
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
