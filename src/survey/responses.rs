//! Turning the export's text cells into answers, with the codebook: codes become options,
//! routing decides who was asked, and every cell that means nothing is reported with its
//! line.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::codebook::{Codebook, CodebookQuestion, QuestionType};
use super::export::Export;
use crate::data::model::Year;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// One answer to one column.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Routing skipped the question for this respondent.
    NotAsked,
    /// Asked, but left empty (or answered with a code listed under `skip_codes`).
    Missing,
    /// The chosen options (one for a single-choice question), as indexes into `options`.
    Choice(Vec<usize>),
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Respondent {
    pub line: usize,
    /// The organisation's name or number, when the codebook names an `id_column`.
    pub name: Option<String>,
    /// Every answer, question after question in codebook order, one per item (see
    /// [`Respondent::answers`]). One list per respondent, not a map of lists: an export of a
    /// million rows must fit in memory.
    answers: Box<[Answer]>,
    /// Per segment id: the option index, when the cell names one.
    pub segments: Segments,
}

impl Respondent {
    /// The answers to one question: one per item (one for a simple question).
    pub fn answers(&self, question: &str) -> &[Answer] {
        self.segments.layout.answers_of(question, &self.answers)
    }
}

/// A respondent's segments: per segment id, the option index when the cell names one.
#[derive(Debug, Clone)]
pub struct Segments {
    groups: Box<[Option<usize>]>,
    layout: Arc<Layout>,
}

impl Segments {
    pub fn get(&self, segment: &str) -> Option<&Option<usize>> {
        self.layout.segments.get(segment).and_then(|&index| self.groups.get(index))
    }
}

impl std::ops::Index<&str> for Segments {
    type Output = Option<usize>;

    fn index(&self, segment: &str) -> &Option<usize> {
        self.get(segment).unwrap_or(&None)
    }
}

/// Where each question's answers and each segment sit in a respondent's lists; one for all
/// respondents.
#[derive(Debug)]
struct Layout {
    /// Per question id: the first answer and the number of answers (items).
    questions: HashMap<String, (usize, usize)>,
    segments: HashMap<String, usize>,
}

impl Layout {
    fn new(codebook: &Codebook, columns: &Columns) -> Layout {
        let mut start = 0;
        let mut questions = HashMap::new();
        for (question, question_columns) in codebook.questions.iter().zip(&columns.questions) {
            questions.insert(question.id.clone(), (start, question_columns.len()));
            start += question_columns.len();
        }
        let segments = codebook.segments.iter().enumerate().map(|(index, segment)| (segment.id.clone(), index)).collect();
        Layout { questions, segments }
    }

    /// The answers to `question` in a respondent's list (or the part of it read so far).
    fn answers_of<'a>(&self, question: &str, answers: &'a [Answer]) -> &'a [Answer] {
        self.questions.get(question).and_then(|&(start, count)| answers.get(start..start + count)).unwrap_or(&[])
    }
}

#[derive(Debug, Clone)]
pub struct Responses {
    pub year: Year,
    pub respondents: Vec<Respondent>,
    pub warnings: Vec<Diagnostic>,
}

/// More of the same problem than this, and the rest is summed up in one message.
const SHOWN_PER_PROBLEM: usize = 5;

pub fn interpret(codebook: &Codebook, export: &Export, path: &Path, year: Year) -> Result<Responses, Diagnostics> {
    let columns = resolve_columns(codebook, export, path)?;
    let mut errors = Capped::default();
    let mut warnings = Capped::default();
    let routes = routes(codebook);
    let layout = Arc::new(Layout::new(codebook, &columns));
    let mut respondents = Vec::with_capacity(export.rows.len());
    for row in &export.rows {
        let mut answers = Vec::with_capacity(columns.questions.iter().map(Vec::len).sum());
        for ((question, question_columns), route) in codebook.questions.iter().zip(&columns.questions).zip(&routes) {
            let asked = is_asked(route.as_ref(), layout.answers_of(route.as_ref().map_or("", |r| r.question.as_str()), &answers));
            for &column in question_columns {
                let cell = row.cell(column);
                let answer = if !asked {
                    if !cell.is_empty() {
                        warnings.push(
                            &question.id,
                            Diagnostic::warning(
                                path,
                                format!(
                                    "column `{}` holds an answer, but routing says `{}` was not asked here; the answer is left out",
                                    export.header[column], question.id
                                ),
                            )
                            .at_line(row.line)
                            .help("check the `asked_if` condition in the codebook, or the export"),
                        );
                    }
                    Answer::NotAsked
                } else if cell.is_empty() || question.skip_codes.iter().any(|code| code.0 == cell) {
                    Answer::Missing
                } else {
                    match parse_cell(question, cell) {
                        Ok(answer) => answer,
                        Err(help) => {
                            errors.push(
                                &question.id,
                                Diagnostic::error(
                                    path,
                                    format!("column `{}`: `{cell}` is not an answer to question `{}`", export.header[column], question.id),
                                )
                                .at_line(row.line)
                                .help(help),
                            );
                            Answer::Missing
                        }
                    }
                };
                answers.push(answer);
            }
        }
        let mut groups = Vec::with_capacity(codebook.segments.len());
        for (segment, &column) in codebook.segments.iter().zip(&columns.segments) {
            let cell = row.cell(column);
            let chosen = if cell.is_empty() {
                None
            } else {
                // Codes first, as they are: most cells hold one, and it is the cheap comparison.
                let found = segment
                    .options
                    .iter()
                    .position(|o| o.code.0.iter().any(|code| code == cell))
                    .or_else(|| segment.options.iter().position(|o| o.matches(cell)));
                if found.is_none() {
                    errors.push(
                        &segment.id,
                        Diagnostic::error(
                            path,
                            format!("column `{}`: `{cell}` is not a code of segment `{}`", export.header[column], segment.id),
                        )
                        .at_line(row.line)
                        .help(format!(
                            "the codes are: {}; a name typed instead of a code is accepted when the codebook lists it, e.g. `code: [11, \"{cell}\"]` under its group; or correct the export",
                            codes_list(&segment.options)
                        )),
                    );
                }
                found
            };
            groups.push(chosen);
        }
        respondents.push(Respondent {
            line: row.line,
            name: columns.id.map(|c| row.cell(c).to_string()),
            answers: answers.into_boxed_slice(),
            segments: Segments { groups: groups.into_boxed_slice(), layout: Arc::clone(&layout) },
        });
    }
    let mut errors = errors.finish(path, "rows");
    if let Err(problem) = super::codebook::check_responded(codebook, year, respondents.len()) {
        errors.push(problem);
    }
    if errors.is_empty() {
        Ok(Responses { year, respondents, warnings: warnings.finish(path, "rows") })
    } else {
        Err(Diagnostics(errors))
    }
}

struct Columns {
    id: Option<usize>,
    questions: Vec<Vec<usize>>,
    segments: Vec<usize>,
}

fn resolve_columns(codebook: &Codebook, export: &Export, path: &Path) -> Result<Columns, Diagnostics> {
    let mut missing = Vec::new();
    let mut find = |name: &str, owner: &str| match export.column(name) {
        Some(index) => index,
        None => {
            missing.push(
                Diagnostic::error(path, format!("the export has no column `{name}` (for {owner})"))
                    .at_line(1)
                    .help(format!("the header names: {}; rename the column or set `column:` in the codebook", abbreviated(&export.header))),
            );
            0
        }
    };
    let id = codebook.survey.id_column.as_deref().map(|name| find(name, "`id_column`"));
    let questions =
        codebook.questions.iter().map(|q| q.columns().into_iter().map(|c| find(c, &format!("question `{}`", q.id))).collect()).collect();
    let segments = codebook.segments.iter().map(|s| find(s.column(), &format!("segment `{}`", s.id))).collect();
    if missing.is_empty() {
        Ok(Columns { id, questions, segments })
    } else {
        Err(Diagnostics(missing))
    }
}

fn abbreviated(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(12).map(|n| format!("`{n}`")).collect();
    if names.len() > 12 {
        shown.push(format!("… ({} in all)", names.len()));
    }
    shown.join(", ")
}

/// A routing condition resolved to the earlier question and the indexes of its options.
struct Route {
    question: String,
    options: Vec<usize>,
}

fn routes(codebook: &Codebook) -> Vec<Option<Route>> {
    codebook
        .questions
        .iter()
        .map(|question| {
            let condition = question.asked_if.as_ref()?;
            let earlier = codebook.questions.iter().find(|q| q.id == condition.question)?;
            let wanted: Vec<String> = condition.answer.to_vec().into_iter().map(|s| s.0).collect();
            let options = earlier
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| wanted.iter().any(|w| *w == o.id() || o.code.0.contains(w)))
                .map(|(i, _)| i)
                .collect();
            Some(Route { question: earlier.id.clone(), options })
        })
        .collect()
}

/// Routing: a question with `asked_if` was asked only of who chose one of the named options
/// (`earlier`: the respondent's answers to that question).
fn is_asked(route: Option<&Route>, earlier: &[Answer]) -> bool {
    let Some(route) = route else { return true };
    match earlier.first() {
        Some(Answer::Choice(chosen)) => chosen.iter().any(|index| route.options.contains(index)),
        _ => false,
    }
}

fn parse_cell(question: &CodebookQuestion, cell: &str) -> Result<Answer, String> {
    let codes_help = || {
        format!(
            "the codes are: {}; a label typed instead of a code is accepted when the codebook lists it, e.g. `code: [1, \"{cell}\"]`; or correct the export",
            codes_list(&question.options)
        )
    };
    match question.kind {
        QuestionType::Single => question.option_index(cell).map(|i| Answer::Choice(vec![i])).ok_or_else(codes_help),
        QuestionType::Multiple => {
            if let Some(index) = question.option_index(cell) {
                return Ok(Answer::Choice(vec![index]));
            }
            let mut chosen = Vec::new();
            for part in cell.split([';', ',', '|']).map(str::trim).filter(|p| !p.is_empty()) {
                let index = question.option_index(part).ok_or_else(codes_help)?;
                if !chosen.contains(&index) {
                    chosen.push(index);
                }
            }
            Ok(Answer::Choice(chosen))
        }
        QuestionType::Scale => {
            let (low, high) = question.scale();
            match parse_number(cell) {
                Some(value) if value >= low && value <= high => Ok(Answer::Number(value)),
                _ => Err(format!("a score from {low} to {high} was expected; list codes such as `weet niet` under `skip_codes`")),
            }
        }
        QuestionType::Nps => match parse_number(cell) {
            Some(value) if value.fract() == 0.0 && (0.0..=10.0).contains(&value) => Ok(Answer::Number(value)),
            _ => Err("an NPS answer is a whole number from 0 to 10".to_string()),
        },
        QuestionType::Number => parse_number(cell)
            .map(Answer::Number)
            .ok_or_else(|| "a number was expected, written as 96,8 or 96.8 (without thousands separators)".to_string()),
        QuestionType::Open => Ok(Answer::Text(cell.to_string())),
    }
}

fn codes_list(options: &[super::codebook::CodedOption]) -> String {
    options.iter().map(|o| format!("{} ({})", o.code.0.join("/"), o.label)).collect::<Vec<_>>().join(", ")
}

/// A number as a Dutch or an English spreadsheet writes it: `96,8`, `96.8`, `1.250,5`, `12 %`.
pub fn parse_number(cell: &str) -> Option<f64> {
    let cleaned: String = cell.trim().trim_end_matches('%').chars().filter(|c| !c.is_whitespace()).collect();
    let normal = if cleaned.contains(',') { cleaned.replace('.', "").replace(',', ".") } else { cleaned };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Collects diagnostics, keeping a few per problem source so one wrong column does not
/// bury the rest.
#[derive(Default)]
struct Capped {
    shown: Vec<Diagnostic>,
    counts: Vec<(String, usize)>,
}

impl Capped {
    fn push(&mut self, key: &str, diagnostic: Diagnostic) {
        let count = match self.counts.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => {
                entry.1 += 1;
                entry.1
            }
            None => {
                self.counts.push((key.to_string(), 1));
                1
            }
        };
        if count <= SHOWN_PER_PROBLEM {
            self.shown.push(diagnostic);
        }
    }

    fn finish(mut self, path: &Path, what: &str) -> Vec<Diagnostic> {
        for (key, count) in &self.counts {
            if *count > SHOWN_PER_PROBLEM {
                let like = self.shown.iter().rev().find(|d| d.message.contains(&format!("`{key}`"))).cloned();
                if let Some(like) = like {
                    let mut summary = Diagnostic { line: None, column: None, ..like };
                    summary.path = path.to_path_buf();
                    summary.message = format!("{} more {what} with a problem in `{key}` like the ones above", count - SHOWN_PER_PROBLEM);
                    self.shown.push(summary);
                }
            }
        }
        self.shown
    }
}
