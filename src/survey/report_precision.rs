//! Precision in the research report: the 95% interval printed under every share and NPS,
//! the mark on a group too small to be more than indicative, the effect size beside each
//! test, and the verdict that tells "no difference" from "too few respondents to tell".
//! The figures come from `precision.rs`; this module only words them.

use super::precision::{self, Effect, EffectMeasure, Interval, Magnitude};
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
pub(super) fn nps_interval(critics: f64, passives: f64, promoters: f64, format: &NumberFormat) -> String {
    precision::nps_interval(critics, passives, promoters)
        .map_or_else(String::new, |i| format!("{} tot {}", format.format_signed(i.low.round(), 0), format.format_signed(i.high.round(), 0)))
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
pub(super) fn indicative_note(indicative_below: u32, shares: bool) -> String {
    let margin = if shares { " De marge onder elk percentage laat zien hoe onzeker de uitkomst is." } else { "" };
    format!("{INDICATIVE_MARK} Indicatief: minder dan {indicative_below} respondenten, de uitkomst is onzeker.{margin}")
}

/// "Cramérs V = 0,35 (middelgroot)".
pub(super) fn effect_text(effect: &Effect, format: &NumberFormat) -> String {
    let name = match effect.measure {
        EffectMeasure::CramersV { .. } => "Cramérs V",
        EffectMeasure::EpsilonSquared => "ε²",
        EffectMeasure::CohensH => "Cohens h",
    };
    let size = match effect.magnitude() {
        Magnitude::Negligible => "verwaarloosbaar",
        Magnitude::Small => "klein",
        Magnitude::Medium => "middelgroot",
        Magnitude::Large => "groot",
    };
    format!("{name} = {} ({size})", format.format(effect.value, 2))
}

/// " Effectgrootte: Cramérs V = 0,35 (middelgroot)." after the line naming the test.
pub(super) fn effect_sentence(test: &Test, format: &NumberFormat) -> String {
    test.effect.map(|e| format!(" Effectgrootte: {}.", effect_text(&e, format))).unwrap_or_default()
}

/// Why a test that found nothing could not have found much: "de kleinste groep telt 6
/// respondenten" or "er worden te weinig antwoorden per cel verwacht (kleinste 0,7)".
pub(super) fn low_power_reason(low: LowPower, format: &NumberFormat) -> String {
    match low {
        LowPower::SmallGroup(1) => "de kleinste groep telt 1 respondent".to_string(),
        LowPower::SmallGroup(size) => format!("de kleinste groep telt {size} respondenten"),
        LowPower::SmallExpected(expected) => {
            format!("er worden te weinig antwoorden per cel verwacht (het kleinste verwachte aantal is {})", format.format(expected, 1))
        }
    }
}

/// The verdict of a test that is not significant but had little power: not "no
/// difference" but "too few to tell".
pub(super) fn too_few_verdict(adjusted: &str, low: LowPower, format: &NumberFormat) -> String {
    format!(
        "Te weinig respondenten om te zeggen of de groepen verschillen: geen statistisch significant verschil ({adjusted}, gecorrigeerd voor meervoudig toetsen), maar {}, zodat ook een flink verschil hier niet als significant naar voren komt.",
        low_power_reason(low, format)
    )
}

/// The method appendix's paragraphs on precision.
pub(super) fn method_lines(indicative_below: u32) -> Vec<String> {
    vec![
        "Onder elk percentage staat de 95%-betrouwbaarheidsmarge: het gebied waarin het percentage onder alle benaderde organisaties met 95% zekerheid ligt, berekend met de methode van Wilson (die ook bij kleine groepen en bij 0% of 100% een zinvolle marge geeft). Bij de gegevens van eerdere jaren is het aantal respondenten per antwoord teruggerekend als percentage × n. Onder de NPS staat de marge volgens de aangepaste Wald-methode (Rocks, 2016): bij critici en fans wordt ¾ opgeteld en bij neutralen 1½ voordat de gewone marge van het verschil tussen fans en critici wordt berekend.".to_string(),
        format!(
            "Een groep (of een jaar) met minder dan {indicative_below} respondenten is gemarkeerd met {INDICATIVE_MARK} als indicatief: de percentages zijn dan onzeker, zoals de brede marges laten zien."
        ),
        "Naast elke toets staat de effectgrootte: hoe groot het verschil is, los van de vraag of het toeval kan zijn. Bij tabellen van antwoorden × groepen is dat Cramérs V (0 = geen samenhang, 1 = volledige samenhang), bij scores ε² van de Kruskal–Wallis-toets (H / (n − 1): het deel van de spreiding in rangordes dat tussen de groepen ligt) en bij een verandering tussen twee jaren Cohens h. De woorden klein, middelgroot en groot volgen de vuistregels van Cohen (1988); bij Cramérs V gedeeld door de wortel van (het kleinste aantal rijen of kolommen − 1).".to_string(),
        format!(
            "Een niet-significante uitkomst betekent niet altijd dat er geen verschil is. Als de kleinste groep minder dan {indicative_below} respondenten telt, of als de toets niet op de chi-kwadraatverdeling kon steunen omdat er te weinig antwoorden per cel verwacht werden, heeft de toets weinig kans om een bestaand verschil te vinden. Dan staat er ‘te weinig respondenten om te zeggen of de groepen verschillen’ in plaats van ‘geen statistisch significant verschil’."
        ),
    ]
}
