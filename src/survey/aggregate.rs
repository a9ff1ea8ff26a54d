//! From answers to the figures of `data/*.yaml`: per question the number of respondents n
//! (only who was asked and answered), shares per option, mean scores, NPS and numbers.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::codebook::{nps_groups_id, Codebook, CodebookQuestion, QuestionType};
use super::responses::{Answer, Responses};
use crate::data::model::{AnswerOption, Item, Question, Unit, Year};

/// One computed question and the chapter it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub chapter: String,
    pub question: Question,
}

/// Every question of the codebook but the open ones, for the responses' year.
pub fn aggregate(codebook: &Codebook, responses: &Responses) -> Vec<Computed> {
    let mut computed = Vec::new();
    for question in &codebook.questions {
        let per_item: Vec<Vec<&Answer>> = (0..question.columns().len())
            .map(|item| responses.respondents.iter().filter_map(|r| r.answers(&question.id).get(item)).collect())
            .collect();
        let answered_any = responses
            .respondents
            .iter()
            .filter(|r| {
                r.answers(&question.id).iter().any(|a| matches!(a, Answer::Choice(c) if !c.is_empty()) || matches!(a, Answer::Number(_)))
            })
            .count() as u32;
        let year = responses.year;
        let mut add = |q: Question| computed.push(Computed { chapter: question.chapter.clone(), question: q });
        match question.kind {
            QuestionType::Single => {
                let items = item_shells(question)
                    .into_iter()
                    .zip(&per_item)
                    .map(|(shell, answers)| single_item(shell, question, answers, year))
                    .collect();
                add(shell(question, Unit::Percentage, false, answered_any, year, items));
            }
            QuestionType::Multiple => {
                let counts = choice_counts(question.options.len(), &per_item[0]);
                let options = question
                    .options
                    .iter()
                    .zip(&counts)
                    .map(|(o, &count)| option(o.id(), &o.label, year, share(count, answered_any)))
                    .collect();
                let items =
                    vec![Item { id: String::new(), label: String::new(), n: BTreeMap::new(), n_unknown: Default::default(), options }];
                add(shell(question, Unit::Percentage, true, answered_any, year, items));
            }
            QuestionType::Scale => {
                let (min, max) = question.scale();
                let items = item_shells(question)
                    .into_iter()
                    .zip(&per_item)
                    .map(|((id, label), answers)| {
                        let scores = numbers(answers);
                        let mut item = Item { id, label, n: BTreeMap::new(), n_unknown: Default::default(), options: vec![] };
                        if !scores.is_empty() {
                            let mean = scores.iter().sum::<f64>() / scores.len() as f64;
                            item.options.push(option("gemiddelde".into(), "Gemiddelde score", year, Some(round_to(mean, 2))));
                            if !question.items.is_empty() {
                                item.n.insert(year, scores.len() as u32);
                            }
                        } else {
                            item.options.push(option("gemiddelde".into(), "Gemiddelde score", year, None));
                        }
                        item
                    })
                    .collect();
                add(shell(question, Unit::Score { min, max }, false, answered_any, year, items));
            }
            QuestionType::Nps => {
                let scores = numbers(&per_item[0]);
                let groups = nps_groups(&scores);
                let shares = if scores.is_empty() { vec![None; 3] } else { largest_remainder(&groups, 0).into_iter().map(Some).collect() };
                let labels = [("critici", "Critici (0–6)"), ("neutralen", "Neutralen (7–8)"), ("fans", "Fans (9–10)")];
                let options = labels.iter().zip(&shares).map(|((id, label), &value)| option((*id).into(), label, year, value)).collect();
                let mut groups_question = shell(question, Unit::Percentage, false, answered_any, year, vec![simple(options)]);
                groups_question.id = nps_groups_id(&question.id);
                groups_question.label = format!("{} (verdeling)", question.label);
                // The score is the difference of the printed shares, so a reader who
                // subtracts the table's critici from its fans always finds the same figure.
                let score = match (shares[0], shares[2]) {
                    (Some(critics), Some(promoters)) => Some(promoters - critics),
                    _ => None,
                };
                add(shell(question, Unit::Nps, false, answered_any, year, vec![simple(vec![option("nps".into(), "NPS", year, score)])]));
                add(groups_question);
            }
            QuestionType::Number => {
                let values = numbers(&per_item[0]);
                let stats = if values.is_empty() {
                    [None; 3]
                } else {
                    let mean = values.iter().sum::<f64>() / values.len() as f64;
                    [Some(round_to(mean, 2)), values.iter().copied().reduce(f64::min), values.iter().copied().reduce(f64::max)]
                };
                let labels = [("gemiddelde", "Gemiddelde"), ("minimum", "Minimum"), ("maximum", "Maximum")];
                let options = labels.iter().zip(stats).map(|((id, label), value)| option((*id).into(), label, year, value)).collect();
                add(shell(question, Unit::Count, false, answered_any, year, vec![simple(options)]));
            }
            QuestionType::Open => {}
        }
    }
    computed
}

fn shell(question: &CodebookQuestion, unit: Unit, multiple: bool, n: u32, year: Year, items: Vec<Item>) -> Question {
    let mut by_year = BTreeMap::new();
    if n > 0 {
        by_year.insert(year, n);
    }
    Question {
        id: question.id.clone(),
        label: question.label.clone(),
        text: question.text.clone(),
        unit,
        multiple,
        n: by_year,
        items,
        n_unknown: Default::default(),
        notes: Vec::new(),
        footnotes: Vec::new(),
        source: None,
        base: None,
        sum_tolerance: None,
        origin: (PathBuf::new(), 0),
    }
}

fn simple(options: Vec<AnswerOption>) -> Item {
    Item { id: String::new(), label: String::new(), n: BTreeMap::new(), n_unknown: Default::default(), options }
}

/// (id, label) per item; one unnamed item for a simple question.
fn item_shells(question: &CodebookQuestion) -> Vec<(String, String)> {
    if question.items.is_empty() {
        vec![(String::new(), String::new())]
    } else {
        question.items.iter().map(|item| (item.id(), item.label.clone())).collect()
    }
}

fn single_item((id, label): (String, String), question: &CodebookQuestion, answers: &[&Answer], year: Year) -> Item {
    let counts = choice_counts(question.options.len(), answers);
    let n: u32 = counts.iter().sum();
    let shares: Vec<Option<f64>> =
        if n == 0 { vec![None; counts.len()] } else { largest_remainder(&counts, 0).into_iter().map(Some).collect() };
    let options = question.options.iter().zip(shares).map(|(o, value)| option(o.id(), &o.label, year, value)).collect();
    let mut item = Item { id, label, n: BTreeMap::new(), n_unknown: Default::default(), options };
    if !question.items.is_empty() && n > 0 {
        item.n.insert(year, n);
    }
    item
}

fn option(id: String, label: &str, year: Year, value: Option<f64>) -> AnswerOption {
    AnswerOption {
        id,
        label: label.to_string(),
        values: value.map(|v| BTreeMap::from([(year, v)])).unwrap_or_default(),
        tone: None,
        missing: Default::default(),
    }
}

/// How many respondents chose each option.
pub fn choice_counts(options: usize, answers: &[&Answer]) -> Vec<u32> {
    let mut counts = vec![0u32; options];
    for answer in answers {
        if let Answer::Choice(chosen) = answer {
            for &index in chosen {
                if let Some(count) = counts.get_mut(index) {
                    *count += 1;
                }
            }
        }
    }
    counts
}

fn numbers(answers: &[&Answer]) -> Vec<f64> {
    answers.iter().filter_map(|a| if let Answer::Number(v) = a { Some(*v) } else { None }).collect()
}

fn share(count: u32, n: u32) -> Option<f64> {
    (n > 0).then(|| (f64::from(count) * 100.0 / f64::from(n)).round())
}

/// Critics (0–6), passives (7–8) and promoters (9–10), counted.
pub fn nps_groups(scores: &[f64]) -> [u32; 3] {
    let mut groups = [0u32; 3];
    for &score in scores {
        let group = if score <= 6.0 {
            0
        } else if score <= 8.0 {
            1
        } else {
            2
        };
        groups[group] += 1;
    }
    groups
}

pub fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Percentages of `counts` rounded to `decimals` so that they add up to exactly 100
/// (Hare's largest remainder method): every share is rounded down, and the units still
/// missing go to the shares that lost the most; on a tie the earlier option first.
pub fn largest_remainder(counts: &[u32], decimals: i32) -> Vec<f64> {
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    if total == 0 {
        return vec![0.0; counts.len()];
    }
    let units = 100 * 10u64.pow(decimals.max(0) as u32);
    // Exact integer arithmetic: quota = count × units / total, as whole part and remainder.
    let mut whole: Vec<u64> = counts.iter().map(|&c| u64::from(c) * units / total).collect();
    let remainders: Vec<u64> = counts.iter().map(|&c| u64::from(c) * units % total).collect();
    let missing = units - whole.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| remainders[b].cmp(&remainders[a]).then(a.cmp(&b)));
    for &index in order.iter().take(missing as usize) {
        whole[index] += 1;
    }
    let scale = 10f64.powi(decimals.max(0));
    whole.into_iter().map(|w| w as f64 / scale).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_sums_to_100() {
        assert_eq!(largest_remainder(&[1, 1, 1], 0), vec![34.0, 33.0, 33.0]);
        assert_eq!(largest_remainder(&[2, 1], 0), vec![67.0, 33.0]);
        assert_eq!(largest_remainder(&[0, 0], 0), vec![0.0, 0.0]);
        assert_eq!(largest_remainder(&[1, 1, 1], 1), vec![33.4, 33.3, 33.3]);
    }

    #[test]
    fn nps_groups_split_at_6_and_8() {
        assert_eq!(nps_groups(&[0.0, 6.0, 7.0, 8.0, 9.0, 10.0]), [2, 2, 2]);
    }
}
