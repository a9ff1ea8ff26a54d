//! The checks a communications team needs before publishing: sums, ranges, missing n,
//! duplicate ids and placeholders left behind.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::model::{Question, Unit, Year};
use crate::diagnostic::Diagnostic;

/// Checks every question; returns errors and warnings together.
pub fn check_questions(questions: &[Question], sum_tolerance: f64) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut first_of: HashMap<&str, &Question> = HashMap::new();
    for question in questions {
        let (path, line) = (&question.origin.0, question.origin.1);
        if let Some(first) = first_of.get(question.id.as_str()) {
            found.push(
                Diagnostic::error(
                    path,
                    format!("the question id `{}` is used twice (also in {}:{})", question.id, first.origin.0.display(), first.origin.1),
                )
                .at_line(line)
                .help("give each question its own id"),
            );
            continue;
        }
        first_of.insert(&question.id, question);
        check_question(question, sum_tolerance, &mut found);
    }
    found.extend(super::colours::check_colours(questions));
    found
}

fn check_question(question: &Question, sum_tolerance: f64, found: &mut Vec<Diagnostic>) {
    let (path, line) = (&question.origin.0, question.origin.1);
    let at = |diagnostic: Diagnostic| diagnostic.at_line(line);
    let mut item_ids = HashSet::new();
    for item in &question.items {
        if !item_ids.insert(&item.id) {
            found.push(at(Diagnostic::error(path, format!("question `{}`: the item id `{}` is used twice", question.id, item.id))
                .help("give each item its own `id:`")));
        }
        let mut option_ids = HashSet::new();
        for option in &item.options {
            if !option_ids.insert(&option.id) {
                found.push(at(Diagnostic::error(path, format!("question `{}`: the option id `{}` is used twice", question.id, option.id))
                    .help("give the options different labels or an explicit `id:`")));
            }
            for (year, value) in &option.values {
                if let Some((low, high)) = range_of(&question.unit) {
                    if !value.is_finite() || *value < low || *value > high {
                        found.push(at(Diagnostic::error(
                            path,
                            format!(
                                "question `{}`, option `{}`: the value {value} for {year} lies outside {low}…{high}",
                                question.id, option.label
                            ),
                        )
                        .help("check the figure; percentages are written as 35, not 0.35")));
                    }
                }
            }
        }
    }
    check_respondents(question, found);
    check_sums(question, sum_tolerance, found);
    let texts = std::iter::once(&question.label)
        .chain(std::iter::once(&question.text))
        .chain(question.notes.iter())
        .chain(question.footnotes.iter())
        .chain(question.items.iter().map(|i| &i.label))
        .chain(question.items.iter().flat_map(|i| i.options.iter().map(|o| &o.label)));
    for text in texts {
        for placeholder in find_placeholders(text) {
            found.push(at(Diagnostic::warning(path, format!("question `{}` holds the placeholder `{}`", question.id, placeholder.1))
                .help("replace it by the real text or figure")));
        }
    }
}

/// One warning per question naming every year (and item) that has values but no n, unless
/// the author wrote `n: unknown` or the question counts things rather than respondents.
fn check_respondents(question: &Question, found: &mut Vec<Diagnostic>) {
    if !question.needs_n() {
        return;
    }
    let mut lacking: Vec<String> = Vec::new();
    let mut help_years: Vec<Year> = Vec::new();
    for year in question.years() {
        let items: Vec<&str> = question
            .items
            .iter()
            .filter(|item| item.options.iter().any(|o| o.values.contains_key(&year)))
            .filter(|item| !item.n.contains_key(&year) && !question.n.contains_key(&year) && !question.n_is_unknown(item, year))
            .map(|item| item.label.as_str())
            .collect();
        if items.is_empty() {
            continue;
        }
        help_years.push(year);
        let all = items.len() == question.items.len();
        lacking.push(if all { year.to_string() } else { format!("{year} ({})", items.join(", ")) });
    }
    if lacking.is_empty() {
        return;
    }
    let example = help_years.iter().map(|year| format!("{year}: <number>")).collect::<Vec<_>>().join(", ");
    found.push(
        Diagnostic::warning(
            &question.origin.0,
            format!("question `{}` has values but no n (number of respondents) for {}", question.id, lacking.join(", ")),
        )
        .at_line(question.origin.1)
        .help(format!("add `n: {{{example}}}`, or `n: unknown` when the number of respondents is not known")),
    );
}

/// One warning per question listing every item and year whose single-answer percentages
/// stray from 100 by more than the tolerance.
fn check_sums(question: &Question, sum_tolerance: f64, found: &mut Vec<Diagnostic>) {
    if question.unit != Unit::Percentage || question.multiple {
        return;
    }
    let tolerance = question.sum_tolerance.unwrap_or(sum_tolerance);
    let mut off = Vec::new();
    for item in &question.items {
        for year in question.years() {
            let values: Vec<f64> = item.options.iter().filter_map(|o| o.values.get(&year).copied()).collect();
            if values.len() < item.options.len() {
                continue; // a partial year is not a full distribution
            }
            let sum: f64 = values.iter().sum();
            if (sum - 100.0).abs() > tolerance {
                let what = if item.label.is_empty() { String::new() } else { format!("`{}` ", item.label) };
                off.push(format!("{what}{year}: {}", trim_float(sum)));
            }
        }
    }
    if off.is_empty() {
        return;
    }
    found.push(
        Diagnostic::warning(
            &question.origin.0,
            format!("question `{}`: the percentages do not add up to 100 ({})", question.id, off.join("; ")),
        )
        .at_line(question.origin.1)
        .help("check the figures; if several answers were allowed, set `multiple: true`; rounding may be allowed with `sum_tolerance:`"),
    );
}

fn range_of(unit: &Unit) -> Option<(f64, f64)> {
    match unit {
        Unit::Percentage => Some((0.0, 100.0)),
        Unit::Score { min, max } => Some((*min, *max)),
        Unit::Nps => Some((-100.0, 100.0)),
        Unit::Count => Some((0.0, f64::MAX)),
    }
}

fn trim_float(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Placeholders that slip into publications: `....%`, `…%`, `N%`, `XX`, `TODO`.
/// Returns (byte offset, the placeholder).
pub fn find_placeholders(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    for (offset, _) in text.match_indices('%') {
        // Dots or an ellipsis right before a percent sign: "(....%)".
        let before = &text[..offset];
        let dots = before.chars().rev().take_while(|c| *c == '.' || *c == '…').count();
        if dots >= 1 && (before.ends_with('…') || dots >= 2) {
            let start = before.char_indices().rev().nth(dots - 1).map_or(0, |(i, _)| i);
            found.push((start, text[start..=offset].to_string()));
        } else if before.ends_with('N') && (offset < 2 || !bytes[offset - 2].is_ascii_alphanumeric()) {
            found.push((offset - 1, "N%".to_string()));
        }
    }
    for (offset, word) in words(text) {
        let is_x_run = word.len() >= 2 && word.chars().all(|c| c == 'X' || c == 'x') && word.chars().any(|c| c == 'X');
        if is_x_run || word == "TODO" || word == "TBD" {
            found.push((offset, word.to_string()));
        }
    }
    found.sort();
    found
}

fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.char_indices()
        .filter(move |(i, c)| c.is_alphanumeric() && text[..*i].chars().next_back().is_none_or(|p| !p.is_alphanumeric()))
        .map(move |(i, _)| {
            let end = text[i..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |e| i + e);
            (i, &text[i..end])
        })
}

/// Placeholders in a page's Markdown, as warnings with their line.
pub fn check_narrative(text: &str, path: &Path, first_line: usize) -> Vec<Diagnostic> {
    find_placeholders(text)
        .into_iter()
        .map(|(offset, placeholder)| {
            let line = first_line + text[..offset].matches('\n').count();
            Diagnostic::warning(path, format!("the text holds the placeholder `{placeholder}`"))
                .at_line(line)
                .help("replace it by the real figure, or cite the value from the data with {{question.option.year}}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found() {
        let found: Vec<String> =
            find_placeholders("ten opzichte van 2024 (....%) en N% en XX en 95,5% en …% TODO").into_iter().map(|f| f.1).collect();
        assert_eq!(found, vec!["....%", "N%", "XX", "…%", "TODO"]);
        assert!(find_placeholders("95,5% van 2025. Xavier, MAX% en 4x").is_empty());
    }

    #[test]
    fn a_question_may_allow_more_rounding_than_the_site() {
        let yaml = "questions:\n  - id: oordeel\n    label: Oordeel\n    text: Hoe?\n    unit: percentage\n    n: {2026: 50}\n    options:\n      - {label: Goed, values: {2026: 52}}\n      - {label: Slecht, values: {2026: 45}}\n";
        let strict = crate::data::load::parse_file(yaml, std::path::Path::new("data/v.yaml")).unwrap();
        assert_eq!(check_questions(&strict, 1.5).len(), 1, "97 is 3 away from 100");
        let lenient = crate::data::load::parse_file(
            &yaml.replace("    n: {2026: 50}\n", "    n: {2026: 50}\n    sum_tolerance: 3\n"),
            std::path::Path::new("data/v.yaml"),
        )
        .unwrap();
        assert!(check_questions(&lenient, 1.5).is_empty());
    }
}
