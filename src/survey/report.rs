//! The research report behind the monitor (`onderzoeksrapport/index.html`): every question
//! as a numbered table per chapter with n per year in the caption, the response figures,
//! and appendices that break answers down by segment with a significance note. Tables
//! come from `data/*.yaml` (so earlier years are in them); breakdowns from the newest export.
//! This module gathers the figures; the theme's `report.html` lays them out (render::report).

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use super::codebook::Codebook;
use super::crosstab::{self, Breakdown};
use super::report_breakdowns;
use super::report_changes::{self, QuestionChanges};
use super::report_method::{self, merged_note, percent_text, response_table};
use super::report_print::{print_parts, TablePart};
use super::report_questions::question_table;
use super::report_words::fill;
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
    pub(super) label: String,
    pub(super) cells: Vec<String>,
    /// The 95% interval printed under each cell ("" under a cell without one); empty when
    /// the row has none (counts, scores).
    pub(super) intervals: Vec<String>,
    /// A heading row (the theme of a matrix question) spanning the table.
    pub(super) group: bool,
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
