//! Writing the computed figures into `data/<file>.yaml`, in the format of docs/data.md.
//! A file that exists is read first and merged: earlier years' values, notes, footnotes,
//! the wording authors edited by hand (labels, question text, `multiple:`, a score's scale)
//! and questions that the codebook does not know stay as they are; only the survey year's
//! figures are replaced, and questions, items and options new in the codebook are added.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::aggregate::Computed;
use super::codebook::Codebook;
use crate::data::load::parse_file;
use crate::data::model::{AnswerOption, Item, Question, Unit, Year};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Writes every computed question into the data file of its chapter; returns the files
/// written, relative to the site.
pub fn write_results(site_root: &Path, codebook: &Codebook, computed: &[Computed], year: Year) -> Result<Vec<PathBuf>, Diagnostics> {
    let existing = crate::data::load::load_dir(site_root)?;
    let home: HashMap<&str, &Path> = existing.iter().map(|q| (q.id.as_str(), q.origin.0.as_path())).collect();
    let mut by_file: BTreeMap<PathBuf, Vec<Question>> = BTreeMap::new();
    let mut problems = Vec::new();
    for entry in computed {
        let file = codebook.chapters.iter().find(|c| c.id == entry.chapter).map_or(entry.chapter.clone(), |c| c.data_file());
        let target = PathBuf::from("data").join(format!("{file}.yaml"));
        if let Some(elsewhere) = home.get(entry.question.id.as_str()).filter(|p| **p != target.as_path()) {
            problems.push(
                Diagnostic::error(
                    *elsewhere,
                    format!(
                        "the question `{}` is already in {}, but its chapter writes to {}",
                        entry.question.id,
                        elsewhere.display(),
                        target.display()
                    ),
                )
                .help("move the question to the chapter's data file, or set the chapter's `data_file:` in the codebook"),
            );
            continue;
        }
        let mut question = entry.question.clone();
        question.source = codebook.survey.source.clone();
        by_file.entry(target).or_default().push(question);
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    // Every file is merged and checked first, then all are written: an error leaves data/ as it was.
    let mut texts = Vec::new();
    for (relative, fresh) in by_file {
        let full = site_root.join(&relative);
        let (header, earlier) = match std::fs::read_to_string(&full) {
            Ok(text) => (leading_comments(&text), parse_file(&text, &relative)?),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => (String::new(), Vec::new()),
            Err(err) => return Err(Diagnostic::error(&relative, format!("cannot read the data file: {err}")).into()),
        };
        let merged = merge(earlier, fresh, year, &relative)?;
        let text = format!("{header}{}", to_yaml(&merged));
        // A file folio cannot read back would break the next build: check before replacing.
        parse_file(&text, &relative).map_err(|d| Diagnostic {
            message: format!("folio wrote a data file it cannot read back ({}); nothing was written", d.message),
            ..d
        })?;
        texts.push((relative, full, text));
    }
    let mut written = Vec::new();
    for (relative, full, text) in texts {
        write_atomically(&full, &text).map_err(|err| Diagnostic::error(&relative, format!("cannot write the data file: {err}")))?;
        written.push(relative);
    }
    Ok(written)
}

pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    let temporary = path.with_file_name(name);
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

/// The comment lines at the top of a file (authors' remarks), kept when it is rewritten.
fn leading_comments(text: &str) -> String {
    let mut kept = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            kept.push_str(line);
            kept.push('\n');
        } else {
            break;
        }
    }
    kept
}

/// `fresh` (figures for `year` only) merged into `earlier` (a data file's questions).
/// Order stays as it was; new questions, items and options are added at the end.
pub fn merge(earlier: Vec<Question>, fresh: Vec<Question>, year: Year, path: &Path) -> Result<Vec<Question>, Diagnostic> {
    let mut merged = earlier;
    for new in fresh {
        let Some(old) = merged.iter_mut().find(|q| q.id == new.id) else {
            merged.push(new);
            continue;
        };
        let is_matrix = |q: &Question| q.items.len() != 1 || !q.items[0].id.is_empty();
        if std::mem::discriminant(&old.unit) != std::mem::discriminant(&new.unit) || is_matrix(old) != is_matrix(&new) {
            return Err(Diagnostic::error(
                path,
                format!("the question `{}` in this file has another form than in the codebook (unit or items differ)", new.id),
            )
            .at_line(old.origin.1)
            .help("give the codebook question a new id, or move the earlier years to the new form by hand; nothing was written"));
        }
        // The wording is the author's once it is in the file (docs/survey.md): keep it.
        let in_codebook = option_keys(&new);
        if old.source.is_none() {
            old.source = new.source;
        }
        replace_year(&mut old.n, &new.n, year);
        // This year's figures come from the export now: an earlier `unknown` or `~` goes.
        old.n_unknown.remove(&year);
        for item in &mut old.items {
            item.n.remove(&year);
            item.n_unknown.remove(&year);
            for option in &mut item.options {
                option.values.remove(&year);
                option.missing.remove(&year);
            }
        }
        for new_item in new.items {
            match old.items.iter_mut().find(|i| i.id == new_item.id) {
                Some(old_item) => merge_item(old_item, new_item, year),
                None => old.items.push(new_item),
            }
        }
        // An option left without any value was this year's only, and the codebook dropped it.
        // One the codebook still has stays, even empty: a question nobody answered keeps its
        // options, so the file reads back (a question needs options).
        for item in &mut old.items {
            let id = item.id.clone();
            item.options.retain(|o| !o.values.is_empty() || !o.missing.is_empty() || in_codebook.contains(&(id.clone(), o.id.clone())));
        }
        old.items.retain(|i| !i.options.is_empty());
    }
    Ok(merged)
}

/// (item id, option id) of every option of a question.
fn option_keys(question: &Question) -> HashSet<(String, String)> {
    question.items.iter().flat_map(|item| item.options.iter().map(|o| (item.id.clone(), o.id.clone()))).collect()
}

/// This year's figures of `new` into `old`; labels stay as the file has them.
fn merge_item(old: &mut Item, new: Item, year: Year) {
    replace_year(&mut old.n, &new.n, year);
    for new_option in new.options {
        match old.options.iter_mut().find(|o| o.id == new_option.id) {
            Some(old_option) => replace_year(&mut old_option.values, &new_option.values, year),
            None => old.options.push(new_option),
        }
    }
}

fn replace_year<T: Copy>(old: &mut BTreeMap<Year, T>, new: &BTreeMap<Year, T>, year: Year) {
    old.remove(&year);
    if let Some(value) = new.get(&year) {
        old.insert(year, *value);
    }
}

/// The questions as YAML in the documented shape, years newest first.
pub fn to_yaml(questions: &[Question]) -> String {
    let mut out = String::from("questions:\n");
    for (index, question) in questions.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "  - id: {}", plain_or_quoted(&question.id));
        let _ = writeln!(out, "    label: {}", quoted(&question.label));
        let _ = writeln!(out, "    text: {}", quoted(&question.text));
        match question.unit {
            Unit::Percentage => out.push_str("    unit: percentage\n"),
            Unit::Count => out.push_str("    unit: count\n"),
            Unit::Nps => out.push_str("    unit: nps\n"),
            Unit::Score { min, max } => {
                let _ = writeln!(out, "    unit: score\n    scale: [{}, {}]", number(min), number(max));
            }
        }
        if question.multiple {
            out.push_str("    multiple: true\n");
        }
        if let Some(tolerance) = question.sum_tolerance {
            let _ = writeln!(out, "    sum_tolerance: {}", number(tolerance));
        }
        if !question.n.is_empty() || !question.n_unknown.is_empty() {
            let _ = writeln!(out, "    n: {}", by_year(&question.n, &question.n_unknown, "unknown", |n| n.to_string()));
        }
        let simple = question.items.len() == 1 && question.items[0].id.is_empty() && question.items[0].label.is_empty();
        if simple {
            out.push_str("    options:\n");
            write_options(&mut out, &question.items[0].options, "      ");
        } else {
            out.push_str("    items:\n");
            for item in &question.items {
                let _ = writeln!(out, "      - id: {}", plain_or_quoted(&item.id));
                let _ = writeln!(out, "        label: {}", quoted(&item.label));
                if !item.n.is_empty() || !item.n_unknown.is_empty() {
                    let _ = writeln!(out, "        n: {}", by_year(&item.n, &item.n_unknown, "unknown", |n| n.to_string()));
                }
                out.push_str("        options:\n");
                write_options(&mut out, &item.options, "          ");
            }
        }
        for (name, lines) in [("notes", &question.notes), ("footnotes", &question.footnotes)] {
            if !lines.is_empty() {
                let _ = writeln!(out, "    {name}:");
                for line in lines {
                    let _ = writeln!(out, "      - {}", quoted(line));
                }
            }
        }
        if let Some(source) = &question.source {
            let _ = writeln!(out, "    source: {}", quoted(source));
        }
        // Who was asked is the author's: it survives every `folio data`.
        if let Some(base) = &question.base {
            let _ = writeln!(out, "    base: {}", quoted(base));
        }
    }
    out
}

fn write_options(out: &mut String, options: &[AnswerOption], indent: &str) {
    for option in options {
        let tone = option.tone.map(|tone| format!(", tone: {}", tone.name())).unwrap_or_default();
        let _ = writeln!(
            out,
            "{indent}- {{id: {}, label: {}{tone}, values: {}}}",
            plain_or_quoted(&option.id),
            quoted(&option.label),
            by_year(&option.values, &option.missing, "~", |v| number(*v))
        );
    }
}

/// `{2026: 98, 2019: unknown}`: the known values and, as `gap`, the years the author marked
/// as without one, newest first.
fn by_year<T>(map: &BTreeMap<Year, T>, gaps: &BTreeSet<Year>, gap: &str, show: impl Fn(&T) -> String) -> String {
    let mut parts: BTreeMap<Year, String> = map.iter().map(|(year, value)| (*year, show(value))).collect();
    for year in gaps {
        parts.entry(*year).or_insert_with(|| gap.to_string());
    }
    let parts: Vec<String> = parts.iter().rev().map(|(year, value)| format!("{year}: {value}")).collect();
    format!("{{{}}}", parts.join(", "))
}

/// A number as YAML: whole numbers without a fraction, others in their shortest form.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A YAML double-quoted string: safe for any text (colons, quotes, `#`, accents).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Ids as they are when YAML reads them back as the same text, else quoted.
fn plain_or_quoted(id: &str) -> String {
    // A leading digit or hyphen would read back as a number or a list item.
    let slug = crate::slug::is_slug(id) && id.starts_with(|c: char| c.is_ascii_lowercase());
    let special = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(&id);
    if slug && !special {
        id.to_string()
    } else {
        quoted(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_a_round_trip() {
        assert_eq!(quoted("Ja, \"geheel\" \\ #"), "\"Ja, \\\"geheel\\\" \\\\ #\"");
        assert_eq!(plain_or_quoted("ten-dele"), "ten-dele");
        assert_eq!(plain_or_quoted("no"), "\"no\"");
        assert_eq!(plain_or_quoted("2"), "\"2\"");
        assert_eq!(number(4.05), "4.05");
        assert_eq!(number(-3.0), "-3");
    }

    /// docs/survey.md promises that only this year's figures change: labels, the question
    /// text, `multiple:` and a scale edited by hand stay.
    #[test]
    fn merging_keeps_hand_edits_and_replaces_this_years_figures() {
        let text = "questions:\n  - id: tevreden\n    label: \"Eigen label\"\n    text: \"Eigen vraag?\"\n    unit: score\n    scale: [0, 10]\n    multiple: true\n    sum_tolerance: 3\n    base: \"wie 'Ja' antwoordde\"\n    options:\n      - {id: gem, label: \"Eigen optie\", tone: positive, values: {2026: 1, 2025: 7}}\n";
        let earlier = parse_file(text, Path::new("data/x.yaml")).unwrap();
        let mut fresh = earlier.clone();
        let question = &mut fresh[0];
        (question.label, question.text, question.multiple) = ("Codeboek".into(), "Codeboek?".into(), false);
        question.unit = Unit::Score { min: 1.0, max: 5.0 };
        question.items[0].options[0].label = "Codeboek-optie".into();
        question.items[0].options[0].values = BTreeMap::from([(2026, 8.5)]);
        let merged = merge(earlier, fresh, 2026, Path::new("data/x.yaml")).unwrap();
        let yaml = to_yaml(&merged);
        for kept in [
            "label: \"Eigen label\"",
            "text: \"Eigen vraag?\"",
            "multiple: true",
            "scale: [0, 10]",
            "label: \"Eigen optie\"",
            "tone: positive",
            "sum_tolerance: 3",
            "base: \"wie 'Ja' antwoordde\"",
        ] {
            assert!(yaml.contains(kept), "`{kept}` kept:\n{yaml}");
        }
        assert!(yaml.contains("values: {2026: 8.5, 2025: 7}"), "this year's figure replaced:\n{yaml}");
    }

    /// An older year's `~` and `n: unknown` survive `folio data` writing a new year.
    #[test]
    fn missing_values_and_unknown_n_survive_a_new_year() {
        let text = "questions:\n  - id: oordeel\n    label: Oordeel\n    text: Hoe?\n    unit: percentage\n    n: {2019: unknown, 2018: 40}\n    options:\n      - {label: Ja, values: {2019: 60, 2018: 55, 2017: ~}}\n      - {label: Nee, values: {2019: 40, 2018: 45, 2017: ~}}\n";
        let earlier = parse_file(text, Path::new("data/x.yaml")).unwrap();
        let mut fresh = earlier.clone();
        fresh[0].n = BTreeMap::from([(2026, 90)]);
        fresh[0].n_unknown.clear();
        for (option, value) in fresh[0].items[0].options.iter_mut().zip([70.0, 30.0]) {
            option.values = BTreeMap::from([(2026, value)]);
            option.missing.clear();
        }
        let merged = merge(earlier, fresh, 2026, Path::new("data/x.yaml")).unwrap();
        let yaml = to_yaml(&merged);
        assert!(yaml.contains("n: {2026: 90, 2019: unknown, 2018: 40}"), "{yaml}");
        assert!(yaml.contains("values: {2026: 70, 2019: 60, 2018: 55, 2017: ~}"), "{yaml}");
        assert_eq!(
            parse_file(&yaml, Path::new("data/x.yaml")).unwrap(),
            merged
                .iter()
                .map(|q| {
                    let mut q = q.clone();
                    q.origin = (PathBuf::from("data/x.yaml"), 2);
                    q
                })
                .collect::<Vec<_>>(),
            "reads back as written"
        );
    }
}
