//! Breakdowns by segment (annual revenue class, zorgkantoor, …): per group the shares of a
//! single-choice question, the share choosing each option of a multiple-choice question, the
//! mean of each item of a scale, or the NPS; each with the test that suits its table
//! (`significance.rs`). No group column is smaller than `[survey] min_group`.

use super::aggregate::{largest_remainder, nps_groups};
use super::codebook::{Codebook, CodebookQuestion, QuestionType, Segment};
use super::report_words::ReportWords;
use super::responses::{Answer, Respondent, Responses};
use super::significance::{self, Test};

/// One question broken down by one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub segment: String,
    pub question: String,
    /// The segment's groups as shown, in codebook order ("Overig" last when groups were folded).
    pub groups: Vec<String>,
    /// The table's rows: the options; the items of a scale; critici, neutralen, fans for NPS.
    pub rows: Vec<String>,
    pub figures: Figures,
    /// One test of the whole table (single choice, NPS), or one per row (multiple choice,
    /// scale items); `None` where there is nothing to compare.
    pub tests: Vec<Option<Test>>,
    /// The groups folded into the last column, "Overig", because they were smaller than the
    /// minimum group size; empty when none were.
    pub merged: Vec<String>,
    /// Respondents who answered but whose group is unknown: they are not in the table, so its
    /// Totaal may differ from the chapter's table.
    pub unknown: u32,
}

/// What a breakdown counts per group (`[row][group]`).
#[derive(Debug, Clone, PartialEq)]
pub enum Figures {
    /// Single choice and NPS (critici, neutralen, fans): respondents per option.
    Counts(Vec<Vec<u32>>),
    /// Multiple choice: who chose each option, of `answered` per group.
    Choices { chosen: Vec<Vec<u32>>, answered: Vec<u32> },
    /// Scale: the scores of each item per group, of `respondents` per group (who scored any item).
    Scores { scores: Vec<Vec<Vec<f64>>>, respondents: Vec<u32> },
}

impl Breakdown {
    /// Respondents in the table (asked, answered, and with a known segment).
    pub fn n(&self) -> u32 {
        self.group_sizes().last().copied().unwrap_or(0)
    }

    /// Respondents per group, and last the total. For a scale, who scored any item.
    pub fn group_sizes(&self) -> Vec<u32> {
        let mut sizes: Vec<u32> = match &self.figures {
            Figures::Counts(counts) => (0..self.groups.len()).map(|g| counts.iter().map(|row| row[g]).sum()).collect(),
            Figures::Choices { answered, .. } => answered.clone(),
            Figures::Scores { respondents, .. } => respondents.clone(),
        };
        sizes.push(sizes.iter().sum());
        sizes
    }

    /// The counts of a single-choice or NPS breakdown; empty for the other kinds.
    pub fn counts(&self) -> &[Vec<u32>] {
        match &self.figures {
            Figures::Counts(counts) => counts,
            _ => &[],
        }
    }

    /// Per group (and last, the total): the option shares, rounded to add up to 100.
    pub fn column_shares(&self) -> Vec<Vec<f64>> {
        let counts = self.counts();
        let mut columns: Vec<Vec<u32>> = (0..self.groups.len()).map(|g| counts.iter().map(|row| row[g]).collect()).collect();
        columns.push(counts.iter().map(|row| row.iter().sum()).collect());
        columns.iter().map(|column| largest_remainder(column, 0)).collect()
    }
}

/// Whether a question can be broken down: every kind with options or scores but an open
/// question, a number, and a single-choice matrix (its items would each need a table).
pub fn can_break_down(question: &CodebookQuestion) -> bool {
    match question.kind {
        QuestionType::Single => question.items.is_empty(),
        QuestionType::Multiple | QuestionType::Scale | QuestionType::Nps => true,
        QuestionType::Number | QuestionType::Open => false,
    }
}

/// Every question marked `breakdown: true`, by every segment. No group column holds fewer
/// than `min_group` respondents (see [`merge_small_groups`]); the test is of the table as shown.
/// `words` names the rows and columns folio makes itself ("Overig", the NPS groups).
pub fn breakdowns(codebook: &Codebook, responses: &Responses, min_group: u32, words: &ReportWords) -> Vec<Breakdown> {
    let mut found = Vec::new();
    for segment in &codebook.segments {
        for question in codebook.questions.iter().filter(|q| q.breakdown && can_break_down(q)) {
            found.push(breakdown(codebook, segment, question, responses, min_group, words));
        }
    }
    found
}

fn breakdown(
    codebook: &Codebook,
    segment: &Segment,
    question: &CodebookQuestion,
    responses: &Responses,
    min_group: u32,
    words: &ReportWords,
) -> Breakdown {
    let answered: Vec<&Respondent> = responses.respondents.iter().filter(|r| has_answered(r, question)).collect();
    let group_of = |r: &Respondent| r.segments.get(&segment.id).copied().flatten();
    let mut sizes = vec![0u32; segment.options.len()];
    for group in answered.iter().filter_map(|r| group_of(r)) {
        sizes[group] += 1;
    }
    let unknown = answered.iter().filter(|r| group_of(r).is_none()).count() as u32;
    let groups: Vec<Group> = segment.options.iter().map(|o| Group { id: o.id(), label: o.label.clone() }).collect();
    let columns = sizes.iter().map(|&s| vec![s]).collect();
    let (shown, _, merged) = merge_small_groups_of(groups.clone(), columns, &survey_sizes(responses, &segment.id), min_group, &words.other);
    // Each codebook group's column in the table: its own, or the last one ("Overig").
    let column_of: Vec<usize> = groups.iter().map(|g| shown.iter().position(|s| s.id == g.id).unwrap_or(shown.len() - 1)).collect();
    let columns = shown.len();
    let in_table: Vec<(usize, &Respondent)> = answered.iter().filter_map(|r| group_of(r).map(|g| (column_of[g], *r))).collect();
    let level = codebook.survey.min_expected;
    let (rows, figures, tests) = match question.kind {
        QuestionType::Multiple => {
            let mut chosen = vec![vec![0u32; columns]; question.options.len()];
            let mut sizes = vec![0u32; columns];
            for (column, respondent) in &in_table {
                sizes[*column] += 1;
                if let Some(Answer::Choice(options)) = respondent.answers(&question.id).first() {
                    for &option in options {
                        chosen[option][*column] += 1;
                    }
                }
            }
            let tests = chosen
                .iter()
                .map(|row| {
                    let not_chosen = row.iter().zip(&sizes).map(|(c, s)| s - c).collect();
                    significance::independence(&[row.clone(), not_chosen], level)
                })
                .collect();
            let labels = question.options.iter().map(|o| o.label.clone()).collect();
            (labels, Figures::Choices { chosen, answered: sizes }, tests)
        }
        QuestionType::Scale => {
            let items = question.columns().len();
            let mut scores = vec![vec![Vec::new(); columns]; items];
            let mut sizes = vec![0u32; columns];
            for (column, respondent) in &in_table {
                sizes[*column] += 1;
                for (item, answer) in respondent.answers(&question.id).iter().enumerate() {
                    if let Answer::Number(score) = answer {
                        scores[item][*column].push(*score);
                    }
                }
            }
            let tests = scores.iter().map(|per_group| significance::score_differences(per_group)).collect();
            let labels = if question.items.is_empty() {
                vec![words.mean_score.clone()]
            } else {
                question.items.iter().map(|i| i.label.clone()).collect()
            };
            (labels, Figures::Scores { scores, respondents: sizes }, tests)
        }
        QuestionType::Nps => {
            let mut counts = vec![vec![0u32; columns]; 3];
            for (column, respondent) in &in_table {
                if let Some(Answer::Number(score)) = respondent.answers(&question.id).first() {
                    let group = nps_groups(&[*score]).iter().position(|&c| c == 1).unwrap_or(0);
                    counts[group][*column] += 1;
                }
            }
            let test = significance::independence(&counts, level);
            let labels = vec![words.critics.clone(), words.passives.clone(), words.promoters.clone()];
            (labels, Figures::Counts(counts), vec![test])
        }
        _ => {
            let mut counts = vec![vec![0u32; columns]; question.options.len()];
            for (column, respondent) in &in_table {
                if let Some(Answer::Choice(options)) = respondent.answers(&question.id).first() {
                    for &option in options {
                        counts[option][*column] += 1;
                    }
                }
            }
            let test = significance::independence(&counts, level);
            let labels = question.options.iter().map(|o| o.label.clone()).collect();
            (labels, Figures::Counts(counts), vec![test])
        }
    };
    Breakdown {
        segment: segment.id.clone(),
        question: question.id.clone(),
        groups: shown.into_iter().map(|g| g.label).collect(),
        rows,
        figures,
        tests,
        merged,
        unknown,
    }
}

/// Whether the respondent answered the question (any item, any option).
fn has_answered(respondent: &Respondent, question: &CodebookQuestion) -> bool {
    respondent.answers(&question.id).iter().any(|answer| match answer {
        Answer::Choice(chosen) => !chosen.is_empty(),
        Answer::Number(_) => true,
        _ => false,
    })
}

/// How the respondents divide over a segment's groups: (label, count) in codebook order,
/// and last the respondents whose segment is unknown; groups smaller than `min_group` are
/// folded into "Overig" as in the breakdowns. Also returns the labels folded in.
pub fn distribution(
    codebook: &Codebook,
    responses: &Responses,
    segment_id: &str,
    min_group: u32,
    words: &ReportWords,
) -> (Vec<(String, u32)>, Vec<String>) {
    let Some(segment) = codebook.segments.iter().find(|s| s.id == segment_id) else { return (Vec::new(), Vec::new()) };
    let mut counts = vec![0u32; segment.options.len()];
    let mut unknown = 0;
    for respondent in &responses.respondents {
        match respondent.segments.get(segment_id).copied().flatten() {
            Some(group) => counts[group] += 1,
            None => unknown += 1,
        }
    }
    let mut groups: Vec<Group> = segment.options.iter().map(|o| Group { id: o.id(), label: o.label.clone() }).collect();
    let mut columns: Vec<Vec<u32>> = counts.into_iter().map(|count| vec![count]).collect();
    if unknown > 0 {
        groups.push(Group { id: UNKNOWN_ID.to_string(), label: words.unknown.clone() });
        columns.push(vec![unknown]);
    }
    let (groups, columns, merged) = merge_small_groups(groups, columns, min_group, &words.other);
    (groups.into_iter().map(|g| g.label).zip(columns.into_iter().map(|c| c[0])).collect(), merged)
}

/// The id of the distribution's row of respondents without a known group; it cannot clash
/// with a codebook id, which holds no spaces.
const UNKNOWN_ID: &str = "(onbekend)";

/// A segment's group as the report names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub label: String,
}

/// The id that marks a codebook group as the column that collects small groups already
/// ("Overig" in the codebook example).
const OTHER_ID: &str = "overig";

/// Folds every group with fewer than `min_group` (but some) respondents into one last column,
/// "Overig": a column of one to four members would publish their own answers. When "Overig"
/// is still too small, the smallest other groups join it until it is large enough. Groups
/// without respondents stay (they show "–"). `columns[group]` holds the group's counts, and
/// `other` names the column of folded groups when the codebook has no group `overig`; returns
/// the groups and columns as shown, and the labels of the groups folded in. When every group
/// with respondents ends up folded, "Overig" is all there is: nothing left to compare.
pub fn merge_small_groups(
    groups: Vec<Group>,
    columns: Vec<Vec<u32>>,
    min_group: u32,
    other: &str,
) -> (Vec<Group>, Vec<Vec<u32>>, Vec<String>) {
    let sizes: Vec<u32> = columns.iter().map(|column| column.iter().sum()).collect();
    merge_small_groups_of(groups, columns, &sizes, min_group, other)
}

/// Respondents per group of a segment in the whole survey, whether they answered a question or not.
fn survey_sizes(responses: &Responses, segment_id: &str) -> Vec<u32> {
    let mut sizes = Vec::new();
    for group in responses.respondents.iter().filter_map(|r| r.segments.get(segment_id).copied().flatten()) {
        if sizes.len() <= group {
            sizes.resize(group + 1, 0);
        }
        sizes[group] += 1;
    }
    sizes
}

/// [`merge_small_groups`] for a table of one question, where `survey_sizes[group]` counts the
/// group's respondents in the whole survey. A small group of whom nobody answered this
/// question is folded in too: its column of "–" and n = 0 would tell that its one to four
/// members skipped the question, or were routed past it by their earlier answer.
pub fn merge_small_groups_of(
    groups: Vec<Group>,
    columns: Vec<Vec<u32>>,
    survey_sizes: &[u32],
    min_group: u32,
    other_word: &str,
) -> (Vec<Group>, Vec<Vec<u32>>, Vec<String>) {
    let size = |g: usize| columns[g].iter().sum::<u32>();
    let small = |g: usize| {
        (1..min_group).contains(&size(g)) || (size(g) == 0 && (1..min_group).contains(&survey_sizes.get(g).copied().unwrap_or(0)))
    };
    if !(0..groups.len()).any(small) {
        return (groups, columns, Vec::new());
    }
    let mut folded: Vec<usize> = (0..groups.len()).filter(|&g| small(g) || groups[g].id == OTHER_ID).collect();
    while folded.iter().map(|&g| size(g)).sum::<u32>() < min_group {
        // The smallest group still shown; on a tie the later one, so the codebook's first groups stay.
        let next = (0..groups.len()).filter(|g| !folded.contains(g) && size(*g) > 0).min_by_key(|&g| (size(g), usize::MAX - g));
        match next {
            Some(g) => folded.push(g),
            None => break,
        }
    }
    folded.sort_unstable();
    let merged: Vec<String> = folded.iter().filter(|&&g| groups[g].id != OTHER_ID).map(|&g| groups[g].label.clone()).collect();
    let mut other = vec![0u32; columns.first().map_or(0, Vec::len)];
    for &g in &folded {
        for (sum, count) in other.iter_mut().zip(&columns[g]) {
            *sum += count;
        }
    }
    let other_label =
        folded.iter().find(|&&g| groups[g].id == OTHER_ID).map_or_else(|| other_word.to_string(), |&g| groups[g].label.clone());
    let (mut shown_groups, mut shown_columns): (Vec<Group>, Vec<Vec<u32>>) =
        groups.into_iter().zip(columns).enumerate().filter(|(g, _)| !folded.contains(g)).map(|(_, pair)| pair).unzip();
    shown_groups.push(Group { id: OTHER_ID.to_string(), label: other_label });
    shown_columns.push(other);
    (shown_groups, shown_columns, merged)
}
