//! Breakdowns by segment (annual revenue class, zorgkantoor, …): a crosstab of a
//! single-choice question against a segment, with a chi-square test of independence.

use super::aggregate::largest_remainder;
use super::codebook::{Codebook, QuestionType};
use super::responses::{Answer, Responses};
use super::stats::{chi_square, ChiSquare};

/// One question broken down by one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub segment: String,
    pub question: String,
    /// The segment's groups, in codebook order.
    pub groups: Vec<String>,
    /// The question's options, in codebook order.
    pub options: Vec<String>,
    /// counts[option][group]: respondents in the group who chose the option.
    pub counts: Vec<Vec<u32>>,
    pub test: Option<ChiSquare>,
    /// p below the codebook's significance level.
    pub significant: bool,
    /// Some expected count lies below `min_expected`: the test is only indicative.
    pub indicative: bool,
    /// The groups folded into the last column, "Overig", because they were smaller than the
    /// minimum group size; empty when none were.
    pub merged: Vec<String>,
}

impl Breakdown {
    /// Respondents in the table (asked, answered, and with a known segment).
    pub fn n(&self) -> u32 {
        self.counts.iter().flatten().sum()
    }

    /// Per group (and last, the total): the option shares, rounded to add up to 100.
    pub fn column_shares(&self) -> Vec<Vec<f64>> {
        let mut columns: Vec<Vec<u32>> = (0..self.groups.len()).map(|g| self.counts.iter().map(|row| row[g]).collect()).collect();
        columns.push(self.counts.iter().map(|row| row.iter().sum()).collect());
        columns.iter().map(|column| largest_remainder(column, 0)).collect()
    }

    /// Respondents per group, and last the total.
    pub fn group_sizes(&self) -> Vec<u32> {
        let mut sizes: Vec<u32> = (0..self.groups.len()).map(|g| self.counts.iter().map(|row| row[g]).sum()).collect();
        sizes.push(self.n());
        sizes
    }
}

/// Every question marked `breakdown: true`, by every segment. No group column holds fewer
/// than `min_group` respondents (see [`merge_small_groups`]); the test is of the table as shown.
pub fn breakdowns(codebook: &Codebook, responses: &Responses, min_group: u32) -> Vec<Breakdown> {
    let mut found = Vec::new();
    for segment in &codebook.segments {
        for question in codebook.questions.iter().filter(|q| q.breakdown && q.kind == QuestionType::Single && q.items.is_empty()) {
            let mut counts = vec![vec![0u32; segment.options.len()]; question.options.len()];
            for respondent in &responses.respondents {
                let group = respondent.segments.get(&segment.id).copied().flatten();
                if let (Some(group), Some(Answer::Choice(chosen))) = (group, respondent.answers(&question.id).first()) {
                    for &option in chosen {
                        counts[option][group] += 1;
                    }
                }
            }
            let groups: Vec<Group> = segment.options.iter().map(|o| Group { id: o.id(), label: o.label.clone() }).collect();
            let columns: Vec<Vec<u32>> = (0..groups.len()).map(|g| counts.iter().map(|row| row[g]).collect()).collect();
            let (groups, columns, merged) = merge_small_groups_of(groups, columns, &survey_sizes(responses, &segment.id), min_group);
            let counts: Vec<Vec<u32>> = (0..question.options.len()).map(|o| columns.iter().map(|column| column[o]).collect()).collect();
            let test = chi_square(&counts);
            found.push(Breakdown {
                segment: segment.id.clone(),
                question: question.id.clone(),
                groups: groups.into_iter().map(|g| g.label).collect(),
                options: question.options.iter().map(|o| o.label.clone()).collect(),
                significant: test.is_some_and(|t| t.p_value < codebook.survey.significance),
                indicative: test.is_some_and(|t| t.min_expected < codebook.survey.min_expected),
                counts,
                test,
                merged,
            });
        }
    }
    found
}

/// How the respondents divide over a segment's groups: (label, count) in codebook order,
/// and last the respondents whose segment is unknown; groups smaller than `min_group` are
/// folded into "Overig" as in the breakdowns. Also returns the labels folded in.
pub fn distribution(codebook: &Codebook, responses: &Responses, segment_id: &str, min_group: u32) -> (Vec<(String, u32)>, Vec<String>) {
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
        groups.push(Group { id: UNKNOWN_ID.to_string(), label: "Onbekend".to_string() });
        columns.push(vec![unknown]);
    }
    let (groups, columns, merged) = merge_small_groups(groups, columns, min_group);
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

/// The label of the column that collects small groups, and the id that marks a codebook group
/// as that column already ("Overig" in the codebook example).
const OTHER_LABEL: &str = "Overig";
const OTHER_ID: &str = "overig";

/// Folds every group with fewer than `min_group` (but some) respondents into one last column,
/// "Overig": a column of one to four members would publish their own answers. When "Overig"
/// is still too small, the smallest other groups join it until it is large enough. Groups
/// without respondents stay (they show "–"). `columns[group]` holds the group's counts; returns
/// the groups and columns as shown, and the labels of the groups folded in. When every group
/// with respondents ends up folded, "Overig" is all there is: nothing left to compare.
pub fn merge_small_groups(groups: Vec<Group>, columns: Vec<Vec<u32>>, min_group: u32) -> (Vec<Group>, Vec<Vec<u32>>, Vec<String>) {
    let sizes: Vec<u32> = columns.iter().map(|column| column.iter().sum()).collect();
    merge_small_groups_of(groups, columns, &sizes, min_group)
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
    let other_label = folded.iter().find(|&&g| groups[g].id == OTHER_ID).map_or(OTHER_LABEL.to_string(), |&g| groups[g].label.clone());
    let (mut shown_groups, mut shown_columns): (Vec<Group>, Vec<Vec<u32>>) =
        groups.into_iter().zip(columns).enumerate().filter(|(g, _)| !folded.contains(g)).map(|(_, pair)| pair).unzip();
    shown_groups.push(Group { id: OTHER_ID.to_string(), label: other_label });
    shown_columns.push(other);
    (shown_groups, shown_columns, merged)
}
