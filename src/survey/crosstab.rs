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

/// Every question marked `breakdown: true`, by every segment.
pub fn breakdowns(codebook: &Codebook, responses: &Responses) -> Vec<Breakdown> {
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
            let test = chi_square(&counts);
            found.push(Breakdown {
                segment: segment.id.clone(),
                question: question.id.clone(),
                groups: segment.options.iter().map(|o| o.label.clone()).collect(),
                options: question.options.iter().map(|o| o.label.clone()).collect(),
                significant: test.is_some_and(|t| t.p_value < codebook.survey.significance),
                indicative: test.is_some_and(|t| t.min_expected < codebook.survey.min_expected),
                counts,
                test,
            });
        }
    }
    found
}

/// How the respondents divide over a segment's groups: (label, count) in codebook order,
/// and last the respondents whose segment is unknown.
pub fn distribution(codebook: &Codebook, responses: &Responses, segment_id: &str) -> Vec<(String, u32)> {
    let Some(segment) = codebook.segments.iter().find(|s| s.id == segment_id) else { return Vec::new() };
    let mut counts = vec![0u32; segment.options.len()];
    let mut unknown = 0;
    for respondent in &responses.respondents {
        match respondent.segments.get(segment_id).copied().flatten() {
            Some(group) => counts[group] += 1,
            None => unknown += 1,
        }
    }
    let mut rows: Vec<(String, u32)> = segment.options.iter().map(|o| o.label.clone()).zip(counts).collect();
    if unknown > 0 {
        rows.push(("Onbekend".to_string(), unknown));
    }
    rows
}
