//! Precision in the research report: the 95% interval printed under every share and NPS,
//! the mark on a group too small to be more than indicative, the effect size beside each
//! test, and the verdict that tells "no difference" from "too few respondents to tell".
//! The figures come from `precision.rs`; this module only words them.

use super::precision::{self, Effect, EffectMeasure, Interval, Magnitude};
use super::report_words::{fill, ReportWords};
use super::significance::{LowPower, Test};
use crate::locale::NumberFormat;

/// The mark after the head of a column whose group is smaller than `indicative_below`.
pub(super) const INDICATIVE_MARK: &str = "*";

/// The interval of `count` of `n` as printed under a share: "41–59%"; empty without n.
pub(super) fn share_interval(count: u32, n: u32, format: &NumberFormat) -> String {
    precision::wilson(count, n).map_or_else(String::new, |i| percent_interval(i, format))
}

/// The interval of a share printed in the data as a rounded percentage of `n`: the count
/// is worked back as share × n (exact for a share rounded to whole percents while n < 200).
pub(super) fn data_share_interval(share: f64, n: u32, format: &NumberFormat) -> String {
    let count = (share / 100.0 * f64::from(n)).round().clamp(0.0, f64::from(n)) as u32;
    share_interval(count, n, format)
}

fn percent_interval(interval: Interval, format: &NumberFormat) -> String {
    format!("{}–{}%", format.format(interval.low * 100.0, 0), format.format(interval.high * 100.0, 0))
}

/// The interval of an NPS from the numbers (or shares) of critici, neutralen and fans:
/// "−26 tot +53"; empty without respondents.
pub(super) fn nps_interval(critics: f64, passives: f64, promoters: f64, format: &NumberFormat, w: &ReportWords) -> String {
    precision::nps_interval(critics, passives, promoters).map_or_else(String::new, |i| {
        format!("{} {} {}", format.format_signed(i.low.round(), 0), w.interval_to, format.format_signed(i.high.round(), 0))
    })
}

/// The head of a column with `size` respondents, marked when the group is indicative only.
pub(super) fn marked_head(head: String, size: u32, indicative_below: u32) -> String {
    if is_indicative(size, indicative_below) {
        format!("{head}{INDICATIVE_MARK}")
    } else {
        head
    }
}

pub(super) fn is_indicative(size: u32, indicative_below: u32) -> bool {
    size > 0 && size < indicative_below
}

/// The note that explains the mark, under a table that has one; `shares`: the table
/// prints intervals under its figures.
pub(super) fn indicative_note(indicative_below: u32, shares: bool, w: &ReportWords) -> String {
    let note = fill(&w.indicative_note, &[("mark", INDICATIVE_MARK), ("n", &indicative_below.to_string())]);
    if shares {
        format!("{note}{}", w.indicative_margin)
    } else {
        note
    }
}

/// "Cramérs V = 0,35 (middelgroot)".
pub(super) fn effect_text(effect: &Effect, format: &NumberFormat, w: &ReportWords) -> String {
    let name = match effect.measure {
        EffectMeasure::CramersV { .. } => &w.cramers_v,
        EffectMeasure::EpsilonSquared => &w.epsilon_squared,
        EffectMeasure::CohensH => &w.cohens_h,
    };
    let size = match effect.magnitude() {
        Magnitude::Negligible => &w.negligible,
        Magnitude::Small => &w.small,
        Magnitude::Medium => &w.medium,
        Magnitude::Large => &w.large,
    };
    format!("{name} = {} ({size})", format.format(effect.value, 2))
}

/// " Effectgrootte: Cramérs V = 0,35 (middelgroot)." after the line naming the test.
pub(super) fn effect_sentence(test: &Test, format: &NumberFormat, w: &ReportWords) -> String {
    test.effect.map(|e| fill(&w.effect_line, &[("effect", &effect_text(&e, format, w))])).unwrap_or_default()
}

/// Why a test that found nothing could not have found much: "de kleinste groep telt 6
/// respondenten" or "er worden te weinig antwoorden per cel verwacht (kleinste 0,7)".
pub(super) fn low_power_reason(low: LowPower, format: &NumberFormat, w: &ReportWords) -> String {
    match low {
        LowPower::SmallGroup(1) => w.smallest_group_one.clone(),
        LowPower::SmallGroup(size) => fill(&w.smallest_group, &[("n", &size.to_string())]),
        LowPower::SmallExpected(expected) => fill(&w.small_expected, &[("expected", &format.format(expected, 1))]),
    }
}

/// The verdict of a test that is not significant but had little power: not "no
/// difference" but "too few to tell".
pub(super) fn too_few_verdict(adjusted: &str, low: LowPower, format: &NumberFormat, w: &ReportWords) -> String {
    fill(&w.too_few, &[("p", adjusted), ("reason", &low_power_reason(low, format, w))])
}

/// The method appendix's paragraphs on precision.
pub(super) fn method_lines(indicative_below: u32, w: &ReportWords) -> Vec<String> {
    let n = indicative_below.to_string();
    vec![
        w.method_intervals.clone(),
        fill(&w.method_indicative, &[("n", &n), ("mark", INDICATIVE_MARK)]),
        w.method_effects.clone(),
        fill(&w.method_too_few, &[("n", &n)]),
    ]
}
