//! From the survey's own export to the monitor's figures: `folio data` reads
//! `survey/codebook.yaml` and `survey/export-<year>.csv`, computes every question's
//! figures and writes them into `data/*.yaml`; `build` renders the research report from
//! the same sources. Authors' documentation: docs/survey.md.
//!
//! codebook (YAML) → export (CSV cells) → responses (answers, routing) → aggregate (n,
//! shares, means, NPS) → write (data/*.yaml, merged) and crosstab (+ stats) → report.

pub mod aggregate;
pub mod codebook;
pub mod crosstab;
mod encoding;
pub mod export;
pub mod precision;
pub mod report;
mod report_breakdowns;
mod report_changes;
mod report_method;
mod report_precision;
mod report_print;
mod report_questions;
pub mod report_words;
pub mod responses;
pub mod significance;
pub mod sources;
pub mod stats;
mod validate;
pub mod write;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::data::model::Year;
use crate::diagnostic::{Diagnostic, Diagnostics};

pub use report::REPORT_PATH;
pub use sources::{SourceCache, SurveySources};

/// The folder, inside the monitor, that holds the survey's sources. It is not published.
pub const SURVEY_DIR: &str = "survey";

pub fn codebook_path() -> PathBuf {
    Path::new(SURVEY_DIR).join("codebook.yaml")
}

pub fn export_path(year: Year) -> PathBuf {
    Path::new(SURVEY_DIR).join(format!("export-{year}.csv"))
}

pub fn open_answers_path(year: Year) -> PathBuf {
    Path::new(SURVEY_DIR).join(format!("open-answers-{year}.md"))
}

/// What `folio data` is asked to do; unset paths take the defaults above.
#[derive(Debug, Clone, Default)]
pub struct DataOptions {
    pub year: Option<Year>,
    pub export: Option<PathBuf>,
    pub codebook: Option<PathBuf>,
}

/// What `folio data` did.
#[derive(Debug)]
pub struct DataReport {
    pub year: Year,
    pub respondents: usize,
    pub questions: usize,
    pub written: Vec<PathBuf>,
    pub open_answers: Option<PathBuf>,
    pub encoding: &'static str,
    pub delimiter: char,
    pub warnings: Vec<Diagnostic>,
}

/// Reads the codebook and the export, and writes the year's figures into `data/`.
pub fn run(site_root: &Path, options: &DataOptions) -> Result<DataReport, Diagnostics> {
    let codebook_shown = options.codebook.clone().unwrap_or_else(codebook_path);
    let codebook_file = if options.codebook.is_some() { codebook_shown.clone() } else { site_root.join(&codebook_shown) };
    let codebook = codebook::load(&codebook_file, &codebook_shown)?;
    let year = match (options.year, &options.export) {
        (Some(year), _) => year,
        (None, Some(export)) => year_in_name(export).ok_or_else(|| {
            Diagnostic::error(export, "the year of this export is not in its name")
                .help("name the survey year with `--year 2026`, or name the file export-2026.csv")
        })?,
        (None, None) => latest_export_year(site_root).ok_or_else(|| {
            Diagnostic::error(SURVEY_DIR, "there is no survey export (survey/export-<year>.csv)")
                .help("save the survey export as survey/export-2026.csv, or pass it with `--export <file> --year 2026`")
        })?,
    };
    let export_shown = options.export.clone().unwrap_or_else(|| export_path(year));
    let export_file = if options.export.is_some() { export_shown.clone() } else { site_root.join(&export_shown) };
    let export = export::read(&export_file, &export_shown)?;
    let responses = responses::interpret(&codebook, &export, &export_shown, year)?;
    let computed = aggregate::aggregate(&codebook, &responses);
    let written = write::write_results(site_root, &codebook, &computed, year)?;
    let open_answers = write_open_answers(site_root, &codebook, &responses)?;
    Ok(DataReport {
        year,
        respondents: responses.respondents.len(),
        questions: computed.len(),
        written,
        open_answers,
        encoding: export.encoding,
        delimiter: export.delimiter,
        warnings: responses.warnings,
    })
}

/// The newest year for which `survey/export-<year>.csv` exists.
pub fn latest_export_year(site_root: &Path) -> Option<Year> {
    export_years(site_root).last().copied()
}

/// The years of every `survey/export-<year>.csv`, ascending.
pub fn export_years(site_root: &Path) -> Vec<Year> {
    let Ok(entries) = std::fs::read_dir(site_root.join(SURVEY_DIR)) else { return Vec::new() };
    let mut years: Vec<Year> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            name.strip_prefix("export-")?.strip_suffix(".csv")?.parse::<Year>().ok()
        })
        .collect();
    years.sort_unstable();
    years
}

/// A four-digit year in a file name: `export-2026.csv`, `Peiling 2026 (def).csv`.
fn year_in_name(path: &Path) -> Option<Year> {
    let name = path.file_stem()?.to_string_lossy().to_string();
    let digits: Vec<char> = name.chars().collect();
    digits.windows(4).enumerate().find_map(|(start, window)| {
        let before = start.checked_sub(1).and_then(|i| digits.get(i)).is_some_and(char::is_ascii_digit);
        let after = digits.get(start + 4).is_some_and(char::is_ascii_digit);
        let text: String = window.iter().collect();
        (!before && !after && window.iter().all(char::is_ascii_digit))
            .then(|| text.parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// Open answers can identify members, so they never go to `data/` or the output: they are
/// collected in a private file in `survey/` for authors choosing quotes.
fn write_open_answers(
    site_root: &Path,
    codebook: &codebook::Codebook,
    responses: &responses::Responses,
) -> Result<Option<PathBuf>, Diagnostics> {
    let open: Vec<&codebook::CodebookQuestion> = codebook.questions.iter().filter(|q| q.kind == codebook::QuestionType::Open).collect();
    if open.is_empty() {
        return Ok(None);
    }
    let mut text = format!(
        "# Open antwoorden {}\n\nAlleen voor auteurs, niet publiceren: open antwoorden kunnen organisaties herkenbaar maken.\n\
         Dit bestand is gemaakt door `folio data` en wordt bij de volgende keer overschreven.\n",
        responses.year
    );
    for question in open {
        let _ = write!(text, "\n## {} (`{}`)\n\n{}\n\n", question.label, question.id, question.text);
        let mut any = false;
        for respondent in &responses.respondents {
            if let Some(responses::Answer::Text(answer)) = respondent.answers(&question.id).first() {
                let who = match &respondent.name {
                    Some(name) if !name.is_empty() => format!("regel {}, {name}", respondent.line),
                    _ => format!("regel {}", respondent.line),
                };
                let _ = writeln!(text, "- {} ({who})", answer.split_whitespace().collect::<Vec<_>>().join(" "));
                any = true;
            }
        }
        if !any {
            text.push_str("(geen antwoorden)\n");
        }
    }
    let relative = open_answers_path(responses.year);
    write::write_atomically(&site_root.join(&relative), &text)
        .map_err(|err| Diagnostic::error(&relative, format!("cannot write the open answers: {err}")))?;
    Ok(Some(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_read_from_the_file_name() {
        assert_eq!(year_in_name(Path::new("survey/export-2026.csv")), Some(2026));
        assert_eq!(year_in_name(Path::new("Peiling 2025 (def).csv")), Some(2025));
        assert_eq!(year_in_name(Path::new("export-12345.csv")), None);
        assert_eq!(year_in_name(Path::new("export.csv")), None);
    }
}
