//! Reading `data/*.yaml` into `Question`s. The YAML shape is documented for authors in
//! docs/data.md; this file turns it into the plain model types.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{AnswerOption, Item, Question, Tone, Unit, Year};
use super::yaml;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::{is_slug, slugify};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    questions: Vec<RawQuestion>,
    /// The source of every question in the file that names none of its own.
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    label: String,
    text: String,
    unit: RawUnit,
    #[serde(default)]
    scale: Option<[f64; 2]>,
    #[serde(default)]
    multiple: bool,
    #[serde(default)]
    n: RawRespondents,
    #[serde(default)]
    options: Option<Vec<RawOption>>,
    #[serde(default)]
    items: Option<Vec<RawItem>>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    footnotes: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    sum_tolerance: Option<f64>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawUnit {
    Percentage,
    Score,
    Count,
    Nps,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    #[serde(default)]
    id: Option<String>,
    label: String,
    /// `~` (null) marks a year that was measured but has no value.
    #[serde(default)]
    values: BTreeMap<Year, Option<f64>>,
    /// serde_yaml reports an unknown tone with its line and the known values.
    #[serde(default)]
    tone: Option<Tone>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    #[serde(default)]
    id: Option<String>,
    label: String,
    #[serde(default)]
    n: RawRespondents,
    options: Vec<RawOption>,
}

/// `n:` as written: `unknown` for every year, or per year a number or `unknown`.
#[derive(Default)]
enum RawRespondents {
    #[default]
    Unset,
    AllUnknown,
    PerYear(BTreeMap<Year, Option<u32>>),
}

impl<'de> Deserialize<'de> for RawRespondents {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawRespondents;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(crate::diagnostic::RESPONDENTS_BY_YEAR)
            }
            fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<RawRespondents, E> {
                match word {
                    "unknown" => Ok(RawRespondents::AllUnknown),
                    _ => Err(E::invalid_type(serde::de::Unexpected::Str(word), &self)),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<RawRespondents, E> {
                Err(E::invalid_type(serde::de::Unexpected::Unsigned(value), &self))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<RawRespondents, E> {
                Err(E::invalid_type(serde::de::Unexpected::Signed(value), &self))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<RawRespondents, M::Error> {
                let mut years = BTreeMap::new();
                while let Some((year, count)) = map.next_entry::<Year, RawCount>()? {
                    years.insert(year, count.0);
                }
                Ok(RawRespondents::PerYear(years))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// One year's n: a number, or `unknown` (None).
struct RawCount(Option<u32>);

impl<'de> Deserialize<'de> for RawCount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawCount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(crate::diagnostic::RESPONDENTS)
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<RawCount, E> {
                u32::try_from(value).map(|n| RawCount(Some(n))).map_err(|_| E::custom(format!("n = {value} is too large")))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<RawCount, E> {
                match u64::try_from(value) {
                    Ok(value) => self.visit_u64(value),
                    Err(_) => Err(E::invalid_value(serde::de::Unexpected::Signed(value), &self)),
                }
            }
            fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<RawCount, E> {
                match word {
                    "unknown" => Ok(RawCount(None)),
                    _ => Err(E::invalid_type(serde::de::Unexpected::Str(word), &self)),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<RawCount, E> {
                Err(E::invalid_type(serde::de::Unexpected::Float(value), &self))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<RawCount, E> {
                Err(E::invalid_type(serde::de::Unexpected::Unit, &self))
            }
            fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<RawCount, E> {
                Err(E::invalid_type(serde::de::Unexpected::Bool(value), &self))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl RawRespondents {
    /// The known counts, and the years with `unknown` (`all_years` for a bare `n: unknown`).
    fn split(self, all_years: impl Fn() -> BTreeSet<Year>) -> (BTreeMap<Year, u32>, BTreeSet<Year>) {
        match self {
            RawRespondents::Unset => Default::default(),
            RawRespondents::AllUnknown => (BTreeMap::new(), all_years()),
            RawRespondents::PerYear(years) => {
                let unknown = years.iter().filter(|(_, n)| n.is_none()).map(|(year, _)| *year).collect();
                (years.into_iter().filter_map(|(year, n)| n.map(|n| (year, n))).collect(), unknown)
            }
        }
    }
}

/// Loads every `.yaml`/`.yml` file under `data/` (a missing folder means no data).
pub fn load_dir(site_root: &Path) -> Result<Vec<Question>, Diagnostics> {
    let dir = site_root.join("data");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    let mut questions = Vec::new();
    let mut diagnostics = Vec::new();
    for path in files {
        let relative = path.strip_prefix(site_root).unwrap_or(&path).to_path_buf();
        // A symbolic link may lead out of the monitor folder; folio reads only what is inside.
        if let Some(file) = crate::paths::leads_outside(&path, site_root) {
            diagnostics.push(
                Diagnostic::error(
                    &relative,
                    format!("the data file leads outside the monitor folder (through a symbolic link, to {})", file.display()),
                )
                .help("copy the file into data/ instead of linking to it"),
            );
            continue;
        }
        let text = match std::fs::read(&path).map(|bytes| crate::text::decode_utf8(bytes, &relative)) {
            Ok(Ok(text)) => text,
            Ok(Err(diagnostic)) => {
                diagnostics.push(diagnostic);
                continue;
            }
            Err(err) => {
                diagnostics.push(Diagnostic::error(&relative, format!("cannot read the file: {err}")));
                continue;
            }
        };
        match parse_file_reporting_all(&text, &relative) {
            Ok(mut parsed) => questions.append(&mut parsed),
            Err(mut found) => diagnostics.append(&mut found),
        }
    }
    if diagnostics.is_empty() {
        Ok(questions)
    } else {
        Err(Diagnostics(diagnostics))
    }
}

/// Parses one data file; `path` is used in messages and kept as each question's origin.
/// Returns the first problem; `load_dir` reports them all.
pub fn parse_file(text: &str, path: &Path) -> Result<Vec<Question>, Diagnostic> {
    parse_file_reporting_all(text, path).map_err(|mut found| found.swap_remove(0))
}

/// Parses one data file and reports every question's problem, not only the first (a YAML
/// syntax error still stops the reading, as nothing after it can be trusted).
pub fn parse_file_reporting_all(text: &str, path: &Path) -> Result<Vec<Question>, Vec<Diagnostic>> {
    let fail = |diagnostic: Diagnostic| vec![diagnostic];
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(fail(
            Diagnostic::error(path, "the data file is empty")
                .help("list the questions under `questions:` (see docs/data.md), or delete the file"),
        ));
    }
    if let Some(index) = text.lines().position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) {
        if text.lines().nth(index).is_some_and(|l| l.trim_end() == "-" || l.starts_with("- ")) {
            return Err(fail(
                Diagnostic::error(path, "the file is a list, but a data file starts with `questions:`")
                    .at(index + 1, 1)
                    .help("put a line `questions:` at the top and indent the list under it by two spaces"),
            ));
        }
    }
    let raw: RawFile = yaml::parse(text, path, 1).map_err(fail)?;
    if raw.questions.is_empty() {
        let line = text.lines().position(|l| l.starts_with("questions:")).map_or(1, |index| index + 1);
        return Err(fail(
            Diagnostic::error(path, "`questions:` lists no questions")
                .at_line(line)
                .help("add the questions under `questions:` (see docs/data.md), or delete the file"),
        ));
    }
    let (questions, problems): (Vec<_>, Vec<_>) =
        raw.questions.into_iter().map(|q| convert(q, raw.source.as_deref(), text, path)).partition(Result::is_ok);
    if problems.is_empty() {
        Ok(questions.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(problems.into_iter().filter_map(Result::err).collect())
    }
}

fn convert(raw: RawQuestion, file_source: Option<&str>, text: &str, path: &Path) -> Result<Question, Diagnostic> {
    let line = line_of_id(text, &raw.id);
    let fail = |message: String, help: &str| Diagnostic::error(path, message).at_line(line).help(help.to_string());
    if !is_slug(&raw.id) {
        return Err(fail(
            format!("the question id `{}` may only hold lowercase letters, digits and hyphens", raw.id),
            "for example `id: tariefpercentage`",
        ));
    }
    // YAML reads `label:` with nothing after it (or `~`) as empty text, not as a mistake.
    for (name, value, example) in
        [("label", &raw.label, "label: Tariefpercentage"), ("text", &raw.text, "text: Welk tarief is afgesproken?")]
    {
        if value.trim().is_empty() {
            return Err(fail(
                format!("question `{}` has an empty `{name}:`", raw.id),
                &format!("write it after the colon, e.g. `{example}`; charts and the report show it"),
            ));
        }
    }
    let unit = match (raw.unit, raw.scale) {
        (RawUnit::Percentage, None) => Unit::Percentage,
        (RawUnit::Count, None) => Unit::Count,
        (RawUnit::Nps, None) => Unit::Nps,
        (RawUnit::Score, Some([min, max])) if min < max => Unit::Score { min, max },
        (RawUnit::Score, Some(_)) => {
            return Err(fail(format!("question `{}`: the scale must go from low to high", raw.id), "write e.g. `scale: [1, 5]`"))
        }
        (RawUnit::Score, None) => {
            return Err(fail(format!("question `{}` has unit `score` but no scale", raw.id), "add the scale, e.g. `scale: [1, 5]`"))
        }
        (_, Some(_)) => {
            return Err(fail(format!("question `{}`: only a `score` question has a scale", raw.id), "remove `scale`, or set `unit: score`"))
        }
    };
    let items = match (raw.options, raw.items) {
        (Some(options), None) => {
            vec![Item {
                id: String::new(),
                label: String::new(),
                n: BTreeMap::new(),
                n_unknown: Default::default(),
                options: convert_options(options),
            }]
        }
        (None, Some(items)) => items
            .into_iter()
            .map(|item| {
                let options = convert_options(item.options);
                let (n, n_unknown) = item.n.split(|| years_of(&options));
                Item { id: item.id.unwrap_or_else(|| slugify(&item.label)), label: item.label, n, n_unknown, options }
            })
            .collect(),
        (Some(_), Some(_)) => {
            return Err(fail(
                format!("question `{}` has both `options` and `items`", raw.id),
                "use `options` for a simple question, `items` for a question about several themes",
            ))
        }
        (None, None) => {
            return Err(fail(
                format!("question `{}` has no `options`", raw.id),
                "list the answer options under `options:`, each with a label and values per year",
            ))
        }
    };
    let (n, n_unknown) = raw.n.split(|| items.iter().flat_map(|item| years_of(&item.options)).collect());
    Ok(Question {
        id: raw.id,
        label: raw.label,
        text: raw.text,
        unit,
        multiple: raw.multiple,
        n,
        n_unknown,
        items,
        notes: raw.notes,
        footnotes: raw.footnotes,
        source: raw.source.or_else(|| file_source.map(String::from)).filter(|source| !source.trim().is_empty()),
        base: raw.base.filter(|base| !base.trim().is_empty()),
        sum_tolerance: raw.sum_tolerance,
        origin: (path.to_path_buf(), line),
    })
}

fn convert_options(options: Vec<RawOption>) -> Vec<AnswerOption> {
    options
        .into_iter()
        .map(|o| AnswerOption {
            id: o.id.unwrap_or_else(|| slugify(&o.label)),
            label: o.label,
            missing: o.values.iter().filter(|(_, value)| value.is_none()).map(|(year, _)| *year).collect(),
            values: o.values.into_iter().filter_map(|(year, value)| value.map(|value| (year, value))).collect(),
            tone: o.tone,
        })
        .collect()
}

/// The years the options have a value for or mark as missing.
fn years_of(options: &[AnswerOption]) -> BTreeSet<Year> {
    options.iter().flat_map(|o| o.values.keys().chain(o.missing.iter()).copied()).collect()
}

/// The line on which `id: <id>` is written (serde gives no places for valid values).
fn line_of_id(text: &str, id: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches("- ").trim_start();
            line.strip_prefix("id:").is_some_and(|rest| rest.trim().trim_matches(['"', '\'']) == id)
        })
        .map_or(1, |index| index + 1)
}
