//! The base of a chart, printed under it on screen and on paper: how many answered, in which
//! years, and who was asked when only part of the respondents were:
//! "n = 122 (2026), 112 (2025)", "n = 122", "n = 27: wie 'Ja' antwoordde".

use super::select::Selection;
use super::Style;
use crate::data::model::Year;

/// The n line of a chart, or `None` where there is no n to print (`n: unknown` for every year
/// shown, or a count series, which has no respondents).
pub(crate) fn base_line(selection: &Selection, style: &Style) -> Option<String> {
    let question = selection.question;
    if !question.needs_n() {
        return None;
    }
    // Newest first: the reader looks for this year's base first.
    let counts: Vec<(Year, String)> =
        selection.years.iter().rev().filter_map(|year| respondents(selection, *year, style).map(|n| (*year, n))).collect();
    let first = counts.first()?;
    // One n for all years only when every year shown has it; a year left out (unknown)
    // would otherwise seem to have it too.
    let one = counts.len() == selection.years.len() && counts.iter().all(|(_, n)| *n == first.1);
    let numbers = if one { first.1.clone() } else { counts.iter().map(|(year, n)| format!("{n} ({year})")).collect::<Vec<_>>().join(", ") };
    Some(match &question.base {
        Some(base) => format!("n = {numbers}: {}", base.trim()),
        None => format!("n = {numbers}"),
    })
}

/// The respondents of `year` as printed: the question's n, else the selected items' (one
/// number when they agree, the range "80–95" when they do not); `None` when unknown.
fn respondents(selection: &Selection, year: Year, style: &Style) -> Option<String> {
    let question = selection.question;
    let print = |n: u32| style.format.format(f64::from(n), 0);
    if let Some(n) = question.n.get(&year) {
        return Some(print(*n));
    }
    let items = selection.items.iter().filter_map(|row| question.item(&row.id));
    let counts: Vec<u32> = items.filter_map(|item| item.n.get(&year).copied()).collect();
    let (low, high) = (counts.iter().min()?, counts.iter().max()?);
    Some(if low == high { print(*low) } else { format!("{}\u{2013}{}", print(*low), print(*high)) })
}
