//! The codebook's checks: ids, chapters, options and codes, items, scales and routing.
//! Every problem names the codebook's line and what to write instead.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::codebook::{line_of, nps_groups_id, Codebook, CodebookQuestion, CodedOption, QuestionType};
use crate::diagnostic::Diagnostic;
use crate::slug::is_slug;

pub(super) fn validate(codebook: &Codebook, text: &str, path: &Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let settings = &codebook.survey;
    if !(settings.significance > 0.0 && settings.significance < 1.0) {
        found.push(
            Diagnostic::error(path, format!("`significance: {}` must lie between 0 and 1", settings.significance))
                .at_line(line_of(text, "survey", "significance", &settings.significance.to_string()))
                .help("the usual level is `significance: 0.05`"),
        );
    }
    for (year, figures) in &settings.response {
        if let Some(responded) = figures.responded.filter(|&r| r > figures.approached) {
            found.push(
                Diagnostic::error(
                    path,
                    format!(
                        "{year}: `responded: {responded}` is more than `approached: {}` (a response rate above 100%)",
                        figures.approached
                    ),
                )
                .at_line(codebook.response_lines.get(year).copied().unwrap_or(1))
                .help("correct one of the two: `approached` is the number of organisations invited, `responded` the number that answered"),
            );
        }
    }
    let mut chapters = HashSet::new();
    for chapter in &codebook.chapters {
        let at = line_of(text, "chapters", "id", &chapter.id);
        if !is_slug(&chapter.id) {
            found.push(
                Diagnostic::error(path, format!("the chapter id `{}` may only hold lowercase letters, digits and hyphens", chapter.id))
                    .at_line(at)
                    .help("for example `id: financiering`"),
            );
        }
        if !is_slug(&chapter.data_file()) {
            found.push(
                Diagnostic::error(
                    path,
                    format!(
                        "chapter `{}`: the data file name `{}` may only hold lowercase letters, digits and hyphens",
                        chapter.id,
                        chapter.data_file()
                    ),
                )
                .at_line(at)
                .help("write the name without folder or `.yaml`, e.g. `data_file: financiering`"),
            );
        }
        if !chapters.insert(chapter.id.as_str()) {
            found.push(
                Diagnostic::error(path, format!("the chapter id `{}` is used twice", chapter.id))
                    .at_line(at)
                    .help("give each chapter its own id"),
            );
        }
    }
    for segment in &codebook.segments {
        let at = line_of(text, "segments", "id", &segment.id);
        if !is_slug(&segment.id) {
            found.push(
                Diagnostic::error(path, format!("the segment id `{}` may only hold lowercase letters, digits and hyphens", segment.id))
                    .at_line(at)
                    .help("for example `id: omzet`"),
            );
        }
        check_options(&segment.options, &format!("segment `{}`", segment.id), at, path, &mut found);
    }
    let mut seen: HashMap<String, &CodebookQuestion> = HashMap::new();
    for question in &codebook.questions {
        let at = line_of(text, "questions", "id", &question.id);
        let fail = |message: String, help: &str| Diagnostic::error(path, message).at_line(at).help(help.to_string());
        let name = format!("question `{}`", question.id);
        if !is_slug(&question.id) {
            found.push(fail(
                format!("the question id `{}` may only hold lowercase letters, digits and hyphens", question.id),
                "for example `id: tariefpercentage`",
            ));
        }
        if seen.contains_key(&question.id) || (question.kind == QuestionType::Nps && seen.contains_key(&nps_groups_id(&question.id))) {
            found.push(fail(
                format!("the question id `{}` is used twice", question.id),
                "give each question its own id (an NPS question also takes `<id>-groepen`)",
            ));
        }
        if !chapters.contains(question.chapter.as_str()) {
            found.push(fail(
                format!("{name}: the chapter `{}` is not listed under `chapters:`", question.chapter),
                "add the chapter under `chapters:` or correct the name",
            ));
        }
        let wants_options = matches!(question.kind, QuestionType::Single | QuestionType::Multiple);
        if wants_options {
            if question.options.is_empty() {
                found.push(fail(
                    format!("{name} has no `options`"),
                    "list the answer options, each with its `code` in the export and a `label`",
                ));
            }
            check_options(&question.options, &name, at, path, &mut found);
        } else if !question.options.is_empty() {
            found.push(fail(
                format!("{name}: a `{:?}` question has no `options`", question.kind).to_lowercase(),
                "remove `options`, or set `type: single` or `type: multiple`",
            ));
        }
        if !question.items.is_empty() {
            if !matches!(question.kind, QuestionType::Single | QuestionType::Scale) {
                found.push(fail(
                    format!("{name}: only `single` and `scale` questions can have `items`"),
                    "ask each theme as its own question instead",
                ));
            }
            if question.column.is_some() {
                found.push(fail(
                    format!("{name} has both `column` and `items`"),
                    "give each item its own `column:` and remove the question's `column`",
                ));
            }
            let mut ids = HashSet::new();
            for item in &question.items {
                if item.column.as_deref().is_none_or(|c| c.trim().is_empty()) {
                    found.push(fail(
                        format!("{name}: the item `{}` has no `column`", item.label),
                        "name the export column of each item, e.g. `column: q12_1`",
                    ));
                }
                if !ids.insert(item.id()) {
                    found.push(fail(
                        format!("{name}: the item id `{}` is used twice", item.id()),
                        "give the items different labels or an explicit `id:`",
                    ));
                }
            }
        }
        if question.scale.is_some() && question.kind != QuestionType::Scale {
            found.push(fail(format!("{name}: only a `scale` question has a `scale`"), "remove `scale`, or set `type: scale`"));
        }
        if let Some([low, high]) = question.scale {
            if low >= high {
                found.push(fail(format!("{name}: the scale must go from low to high"), "write e.g. `scale: [1, 5]`"));
            }
        }
        if question.breakdown && !super::crosstab::can_break_down(question) {
            found.push(fail(
                format!("{name}: a {} question cannot be broken down", kind_name(question)),
                "break down a single-choice question (without items), a multiple-choice, scale or NPS question; remove `breakdown: true` from this one",
            ));
        }
        if let Some(condition) = &question.asked_if {
            match seen.get(&condition.question) {
                None => found.push(fail(
                    format!("{name}: `asked_if` names `{}`, which is not a question listed before it", condition.question),
                    "a routing condition refers to an earlier question of the codebook: check the id and the order",
                )),
                Some(earlier) if !matches!(earlier.kind, QuestionType::Single | QuestionType::Multiple) || !earlier.items.is_empty() => {
                    found.push(fail(
                        format!("{name}: `asked_if` refers to `{}`, which is not a single or multiple choice question", earlier.id),
                        "route on the answer to a choice question without items",
                    ))
                }
                Some(earlier) => {
                    for answer in condition.answer.to_vec() {
                        if !earlier.options.iter().any(|o| o.id() == answer.0 || o.code.0.contains(&answer.0)) {
                            let known: Vec<String> = earlier.options.iter().map(|o| o.id()).collect();
                            found.push(fail(
                                format!("{name}: `asked_if` answer `{}` is not an option of `{}`", answer.0, earlier.id),
                                &format!("use one of the option ids ({}) or codes", known.join(", ")),
                            ));
                        }
                    }
                }
            }
        }
        seen.insert(question.id.clone(), question);
        if question.kind == QuestionType::Nps {
            seen.insert(nps_groups_id(&question.id), question);
        }
    }
    found
}

fn kind_name(question: &CodebookQuestion) -> String {
    let kind = format!("{:?}", question.kind).to_lowercase();
    if question.items.is_empty() {
        format!("`{kind}`")
    } else {
        format!("`{kind}` matrix (with `items`)")
    }
}

fn check_options(options: &[CodedOption], owner: &str, at: usize, path: &Path, found: &mut Vec<Diagnostic>) {
    let mut ids = HashSet::new();
    let mut codes = HashSet::new();
    for option in options {
        let id = option.id();
        if !ids.insert(id.clone()) {
            found.push(
                Diagnostic::error(path, format!("{owner}: the option id `{id}` is used twice"))
                    .at_line(at)
                    .help("give the options different labels or an explicit `id:`"),
            );
        }
        if option.code.0.is_empty() {
            found.push(
                Diagnostic::error(path, format!("{owner}: the option `{}` has no code", option.label))
                    .at_line(at)
                    .help("write the code the export uses for it, e.g. `code: 1`"),
            );
        }
        for code in &option.code.0 {
            if !codes.insert(code.clone()) {
                found.push(
                    Diagnostic::error(path, format!("{owner}: the code `{code}` is used for two options"))
                        .at_line(at)
                        .help("each code in the export must mean one option"),
                );
            }
        }
    }
}
