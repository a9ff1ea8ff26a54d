//! Validates the author's selection (years, items, options) against the data and turns it
//! into a plain grid of values. Every chart kind draws from this grid only, so a chart can
//! never name an option, item or year the data lacks.

use super::{ChartError, ChartKind, ChartSpec};
use crate::data::model::{Question, Tone, Unit, Year};

/// One selected answer option with its values in the selected years (same order).
#[derive(Debug, Clone)]
pub(crate) struct Series {
    pub id: String,
    pub label: String,
    /// 0.0 where `missing` says the data has no value for the year.
    pub values: Vec<f64>,
    /// Per selected year: the option has no value for it, because the data marks the year
    /// missing (`~`) or, in score charts only, because an item was rated in some years only.
    /// Every chart kind prints "–" there; a gap the data does not mark is an error instead.
    pub missing: Vec<bool>,
    /// Per selected year: the data marks it missing (`~`), which the text alternative says.
    pub marked_missing: Vec<bool>,
    /// The author's `tone:`, which decides the colour.
    pub tone: Option<Tone>,
    /// Per selected year: a significant change since the year before, when the chart asks
    /// for them (`changes: true`) and the research report found one.
    pub marks: Vec<Option<Mark>>,
}

/// A significant change of a value since an earlier year, shown as ▲ or ▼.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mark {
    pub rose: bool,
    pub since: Year,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        if self.rose {
            "\u{25b2}"
        } else {
            "\u{25bc}"
        }
    }
}

impl Series {
    /// The value for the `index`-th selected year, if the data has one (and the year exists).
    pub fn value(&self, index: usize) -> Option<f64> {
        self.missing.get(index).and_then(|missing| (!missing).then(|| self.values[index]))
    }

    /// The value as printed for the `index`-th year: "61%", "61% ▲" with a mark, "–" without
    /// a value. Chart labels and table cells take it from here, so they agree.
    pub fn label(&self, index: usize, unit: &Unit, format: &crate::locale::NumberFormat) -> String {
        let shown = super::value_or_dash(self.value(index), unit, format);
        match self.marks.get(index).copied().flatten().filter(|_| self.value(index).is_some()) {
            Some(mark) => format!("{shown} {}", mark.symbol()),
            None => shown,
        }
    }
}

/// One selected item (theme) of a matrix question, or the single item of a simple one.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub id: String,
    pub label: String,
    pub options: Vec<Series>,
}

#[derive(Debug, Clone)]
pub(crate) struct Selection<'a> {
    pub question: &'a Question,
    pub years: Vec<Year>,
    pub items: Vec<Row>,
    /// A question about several themes (items with their own labels).
    pub matrix: bool,
}

fn known(ids: impl Iterator<Item = String>) -> String {
    let ids: Vec<String> = ids.collect();
    if ids.is_empty() {
        "none".to_string()
    } else {
        ids.join(", ")
    }
}

pub(crate) fn year_list(years: &[Year]) -> String {
    known(years.iter().map(|year| year.to_string()))
}

impl<'a> Selection<'a> {
    pub fn resolve(spec: &ChartSpec, question: &'a Question) -> Result<Selection<'a>, ChartError> {
        let qid = || question.id.clone();
        let matrix = !(question.items.len() == 1 && question.items[0].id.is_empty());
        let data_years = question.years();
        if data_years.is_empty() {
            return Err(ChartError::NoAnswers { question: qid() });
        }

        // Oldest → newest, left to right and top to bottom, in every chart kind.
        let mut years: Vec<Year> = spec.years.clone().unwrap_or_else(|| data_years.clone());
        years.sort_unstable();
        if years.is_empty() {
            return Err(ChartError::EmptySelection { question: qid(), what: "years" });
        }
        if let Some(&year) = years.iter().find(|year| !data_years.contains(year)) {
            return Err(ChartError::UnknownYear { question: qid(), year, years: year_list(&data_years) });
        }

        let items: Vec<&crate::data::model::Item> = match &spec.items {
            None => question.items.iter().collect(),
            Some(_) if !matrix => return Err(ChartError::NotMatrix { question: qid() }),
            Some(ids) => ids
                .iter()
                .map(|id| {
                    question.item(id).ok_or_else(|| ChartError::UnknownItem {
                        question: qid(),
                        item: id.clone(),
                        known: known(question.items.iter().map(|item| item.id.clone())),
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        if items.is_empty() {
            return Err(ChartError::EmptySelection { question: qid(), what: "items" });
        }

        let mut rows = Vec::new();
        for item in items {
            let options: Vec<&crate::data::model::AnswerOption> = match &spec.options {
                None => item.options.iter().collect(),
                Some(ids) => ids
                    .iter()
                    .map(|id| {
                        item.option(id).ok_or_else(|| ChartError::UnknownOption {
                            question: qid(),
                            option: id.clone(),
                            known: known(item.options.iter().map(|option| option.id.clone())),
                        })
                    })
                    .collect::<Result<_, _>>()?,
            };
            if options.is_empty() {
                return Err(ChartError::EmptySelection { question: qid(), what: "options" });
            }
            let mut series = Vec::new();
            for option in options {
                let found: Vec<Option<f64>> = years.iter().map(|year| option.values.get(year).copied()).collect();
                // A score chart shows an item that lacks some of the years with the years it
                // has; without any of them there is nothing to draw, so say so.
                let gaps_allowed = spec.kind == ChartKind::Scores && found.iter().any(Option::is_some);
                let unmarked_gap = |&(index, value): &(usize, &Option<f64>)| value.is_none() && !option.missing.contains(&years[index]);
                if let Some((index, _)) = found.iter().enumerate().find(unmarked_gap).filter(|_| !gaps_allowed) {
                    return Err(ChartError::MissingValue {
                        question: qid(),
                        option: option.id.clone(),
                        item: if matrix { format!(" of item `{}`", item.id) } else { String::new() },
                        year: years[index],
                        has: year_list(&option.values.keys().copied().collect::<Vec<_>>()),
                    });
                }
                series.push(Series {
                    id: option.id.clone(),
                    label: option.label.clone(),
                    values: found.iter().map(|value| value.unwrap_or(0.0)).collect(),
                    missing: found.iter().map(Option::is_none).collect(),
                    marked_missing: years.iter().map(|year| option.missing.contains(year)).collect(),
                    marks: years
                        .iter()
                        .map(|year| {
                            let change = spec
                                .changes
                                .as_deref()
                                .unwrap_or_default()
                                .iter()
                                .find(|change| change.to == *year && change.item == item.id && change.option == option.id);
                            change.map(|change| Mark { rose: change.rose, since: change.from })
                        })
                        .collect(),
                    tone: option.tone,
                });
            }
            order_options(&mut series, spec, matrix);
            rows.push(Row { id: item.id.clone(), label: item.label.clone(), options: series });
        }
        Ok(Selection { question, years, items: rows, matrix })
    }

    pub fn unit(&self) -> &Unit {
        &self.question.unit
    }

    pub fn option_count(&self) -> usize {
        self.items.iter().map(|row| row.options.len()).max().unwrap_or(0)
    }

    /// All values of the selection (not the gaps), for scales.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.items.iter().flat_map(|row| row.options.iter()).flat_map(|series| (0..series.values.len()).filter_map(|i| series.value(i)))
    }
}

/// Options with a tone keep the scale's order with non-answers (tone `none`) after it;
/// nominal options of one-row part-of-a-whole and bar charts go by value in the newest year,
/// largest first, unless the author named them (`options:`) or wrote `order: data`.
fn order_options(series: &mut [Series], spec: &ChartSpec, matrix: bool) {
    if series.iter().any(|option| option.tone.is_some()) {
        series.sort_by_key(|option| option.tone == Some(Tone::None));
        return;
    }
    let sortable = [ChartKind::Bars, ChartKind::BarsHorizontal, ChartKind::Options, ChartKind::Donut, ChartKind::Stacked, ChartKind::Table];
    if spec.order == super::Order::Data || spec.options.is_some() || matrix || !sortable.contains(&spec.kind) {
        return;
    }
    let newest = |option: &Series| option.values.len().checked_sub(1).and_then(|last| option.value(last)).unwrap_or(f64::NEG_INFINITY);
    series.sort_by(|a, b| newest(b).total_cmp(&newest(a)));
}

fn unit_name(unit: &Unit) -> &'static str {
    match unit {
        Unit::Percentage => "percentage",
        Unit::Score { .. } => "score",
        Unit::Count => "count",
        Unit::Nps => "nps",
    }
}

/// Checks that the kind suits the question's unit and the shape of the selection.
pub(crate) fn check_kind(kind: ChartKind, selection: &Selection, marks_changes: bool) -> Result<(), ChartError> {
    let marking = [ChartKind::Bars, ChartKind::BarsHorizontal, ChartKind::Options, ChartKind::Table];
    if marks_changes && !marking.contains(&kind) {
        return Err(ChartError::ChangesNotShown { kind: kind.name() });
    }
    let question = selection.question;
    let unit = unit_name(&question.unit);
    let wrong = |needs: &'static str, has: String, hint: &str| ChartError::WrongKind {
        kind: kind.name(),
        question: question.id.clone(),
        needs,
        has,
        hint: hint.to_string(),
    };
    let is_unit = |allowed: &[&str]| allowed.contains(&unit);
    let unit_has = format!("is a {unit} question");
    let item_ids = || known(selection.items.iter().map(|row| row.id.clone()));
    let single_item = |needs: &'static str| {
        if selection.items.len() > 1 {
            Err(wrong(
                needs,
                format!("has {} items selected", selection.items.len()),
                &format!("choose one with `items:` (known: {}), or use `stacked` or `table`", item_ids()),
            ))
        } else {
            Ok(())
        }
    };
    match kind {
        ChartKind::Table => Ok(()),
        ChartKind::Bars | ChartKind::BarsHorizontal => {
            if !is_unit(&["percentage", "count", "score", "nps"]) {
                return Err(wrong("a question with unit percentage, count, score or nps", unit_has, "use `kpi` or `table`"));
            }
            single_item("one item (bars show options side by side)")
        }
        ChartKind::Options => {
            if !is_unit(&["percentage", "count"]) {
                return Err(wrong("a question with unit percentage or count", unit_has, "use `scores`, `kpi` or `table`"));
            }
            single_item("one item (each option becomes a row)")
        }
        ChartKind::Donut | ChartKind::Stacked => {
            if !is_unit(&["percentage"]) {
                return Err(wrong("a percentage question", unit_has, "use `bars`, `scores` or `kpi`"));
            }
            if question.multiple {
                return Err(wrong(
                    "a question with one answer per respondent (parts of a whole)",
                    "allows several answers".into(),
                    "use `options` or `bars`",
                ));
            }
            if kind == ChartKind::Donut {
                single_item("one item (one donut per year)")?;
            }
            Ok(())
        }
        ChartKind::Diverging => {
            if !is_unit(&["percentage"]) {
                return Err(wrong("a percentage question", unit_has, "use `bars` or `table`"));
            }
            match selection.items.iter().find(|row| row.options.len() != 2) {
                None => Ok(()),
                Some(row) => {
                    let ids = known(question.item(&row.id).into_iter().flat_map(|item| item.options.iter().map(|o| o.id.clone())));
                    Err(wrong(
                        "exactly two options (the first to the right, the second to the left)",
                        format!("has {} options selected", row.options.len()),
                        &format!("choose two with `options:` (known: {ids})"),
                    ))
                }
            }
        }
        ChartKind::Scores => {
            if is_unit(&["score"]) {
                Ok(())
            } else {
                Err(wrong("a question with unit score", unit_has, "use `bars` for percentages"))
            }
        }
        ChartKind::Kpi => {
            let count = selection.items.len() * selection.option_count();
            if count == 1 {
                Ok(())
            } else if is_unit(&["nps", "count"]) || selection.items.len() == 1 {
                Err(wrong(
                    "a question with unit nps, count or a single option",
                    format!("has {count} values per year selected"),
                    "choose one with `options:` (and `items:`)",
                ))
            } else {
                Err(wrong("a question with unit nps, count or a single option", unit_has, "use `bars` or `table`"))
            }
        }
        ChartKind::Range => {
            if !is_unit(&["percentage"]) {
                return Err(wrong("a percentage question", unit_has, "use `bars` or `table`"));
            }
            single_item("one item")?;
            if selection.items[0].options.len() < 3 {
                return Err(wrong(
                    "three options: minimum, average and maximum (ids min, avg, max, or the first three)",
                    format!("has {} options selected", selection.items[0].options.len()),
                    "add the missing options to the data or the `options:` line",
                ));
            }
            Ok(())
        }
    }
}
