//! Which colour each series gets. Two rules, both measurable and checked when a theme loads:
//!
//! - every chart colour has at least 3:1 contrast against the white page (WCAG 1.4.11);
//! - neighbouring palette colours (i and i + 1, and the last and the first, which meet in a
//!   ring) differ by at least 1.5:1 in luminance contrast. Lightness, not hue, because a
//!   difference in lightness survives colour blindness and greyscale print.
//!
//! Options the author marked with a `tone:` take the theme's tone colour; several options of
//! one tone get shades of it (lighter and darker steps that keep both rules), so "Ja" and
//! "Nee" never get arbitrary hues. Unmarked options take the palette in order, skipping
//! palette colours that look like a tone colour already in the chart.

use std::collections::HashMap;

use super::select::Series;
use super::svg::{color, contrast_ratio, luminance, rgb};
use super::Style;
use crate::data::model::Tone;

/// Least contrast of a chart colour against the white page.
pub const MIN_ON_WHITE: f64 = 3.0;
/// Least luminance contrast between neighbouring palette colours.
pub const MIN_NEIGHBOUR_CONTRAST: f64 = 1.5;

/// The first pair of neighbouring palette colours that are too alike, as a sentence.
pub fn neighbour_problem(palette: &[String]) -> Option<String> {
    if palette.len() < 2 {
        return None;
    }
    (0..palette.len()).find_map(|i| {
        let (a, b) = (&palette[i], &palette[(i + 1) % palette.len()]);
        let ratio = contrast_ratio(a, b);
        (ratio < MIN_NEIGHBOUR_CONTRAST).then(|| {
            let place = if i + 1 == palette.len() { "the last and the first" } else { "neighbouring" };
            format!(
                "{place} palette colours {a} and {b} differ by {ratio:.2}:1 in lightness; segments that touch need at least {MIN_NEIGHBOUR_CONTRAST}:1"
            )
        })
    })
}

/// One colour per option, in order: by tone where the option has one, else the palette.
pub(crate) fn option_colors(options: &[Series], style: &Style) -> Vec<String> {
    if options.iter().all(|option| option.tone.is_none()) {
        return (0..options.len()).map(|i| color(&style.palette, i)).collect();
    }
    let mut counts: HashMap<Tone, usize> = HashMap::new();
    for tone in options.iter().filter_map(|option| option.tone) {
        *counts.entry(tone).or_default() += 1;
    }
    let ladders: HashMap<Tone, Vec<String>> =
        counts.iter().map(|(tone, count)| (*tone, shades(style.tones.of(*tone), *count, &style.text_color))).collect();
    let used: Vec<&str> = counts.keys().map(|tone| style.tones.of(*tone)).collect();
    let mut free = style.palette.iter().filter(|colour| !used.iter().any(|tone| looks_alike(colour, tone))).cycle();
    let mut taken: HashMap<Tone, usize> = HashMap::new();
    options
        .iter()
        .enumerate()
        .map(|(i, option)| match option.tone {
            Some(tone) => {
                let index = taken.entry(tone).or_default();
                *index += 1;
                ladders[&tone][(*index - 1) % ladders[&tone].len()].clone()
            }
            None => free.next().cloned().unwrap_or_else(|| color(&style.palette, i)),
        })
        .collect()
}

/// `count` shades of `base`, darkest first, each 1.5:1 from the next and 3:1 from white, and
/// each able to carry a value inside at 4.5:1 (in white or in `text_color`).
/// The base colour comes first where it can (the first option of a tone is usually the
/// strongest, "Ja, geheel" before "Ja, gedeeltelijk"); darker steps are added only when the
/// lighter ones run out. When there are not enough steps, the shades repeat.
pub(crate) fn shades(base: &str, count: usize, text_color: &str) -> Vec<String> {
    let lighter = ladder(base, true, text_color);
    let darker = ladder(base, false, text_color);
    let wanted_darker = count.saturating_sub(1 + lighter.len()).min(darker.len());
    let mut out: Vec<String> = darker[..wanted_darker].iter().rev().cloned().collect();
    out.push(base.to_string());
    out.extend(lighter.into_iter().take(count.saturating_sub(out.len())));
    out
}

/// Steps from `base` towards white (`lighter`) or black, each 1.5:1 from the one before,
/// as long as they keep 3:1 against white and can still be told from black.
fn ladder(base: &str, lighter: bool, text_color: &str) -> Vec<String> {
    // Between these lightnesses neither a white nor a text-coloured value reads at 4.5:1:
    // a step that would land there goes on to the far side.
    let white_up_to = 1.05 / 4.5 - 0.05;
    let text_from = 4.5 * (luminance(text_color) + 0.05) - 0.05 + 0.001;
    let mut steps = Vec::new();
    let mut current = luminance(base);
    loop {
        let mut goal =
            if lighter { (current + 0.05) * MIN_NEIGHBOUR_CONTRAST - 0.05 } else { (current + 0.05) / MIN_NEIGHBOUR_CONTRAST - 0.05 };
        if goal > white_up_to && goal < text_from {
            goal = if lighter { text_from } else { white_up_to };
        }
        if goal < 0.0 {
            return steps;
        }
        let step = mix_to_luminance(base, goal, lighter);
        if lighter && contrast_ratio(&step, "#ffffff") < MIN_ON_WHITE {
            return steps;
        }
        current = luminance(&step);
        steps.push(step);
    }
}

/// `base` mixed with white (or black) just far enough to reach luminance `goal`.
fn mix_to_luminance(base: &str, goal: f64, lighter: bool) -> String {
    let (target, reached): (f64, fn(f64, f64) -> bool) = if lighter { (255.0, |l, g| l >= g) } else { (0.0, |l, g| l <= g) };
    let (r, g, b) = rgb(base);
    let mix = |t: f64| {
        let channel = |c: u8| (f64::from(c) + (target - f64::from(c)) * t).round() as u8;
        format!("#{:02x}{:02x}{:02x}", channel(r), channel(g), channel(b))
    };
    let (mut low, mut high) = (0.0, 1.0);
    for _ in 0..24 {
        let middle = (low + high) / 2.0;
        if reached(luminance(&mix(middle)), goal) {
            high = middle;
        } else {
            low = middle;
        }
    }
    mix(high)
}

/// Hue in degrees and saturation (HSV) of a colour.
fn hue_saturation(colour: &str) -> (f64, f64) {
    let (r, g, b) = rgb(colour);
    let (r, g, b) = (f64::from(r) / 255.0, f64::from(g) / 255.0, f64::from(b) / 255.0);
    let (max, min) = (r.max(g).max(b), r.min(g).min(b));
    let delta = max - min;
    let saturation = if max > 0.0 { delta / max } else { 0.0 };
    let hue = if delta == 0.0 {
        0.0
    } else if max == r {
        60.0 * ((g - b) / delta).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    (hue, saturation)
}

/// Two colours a reader could take for one another: both grey, or hues within 30°.
fn looks_alike(a: &str, b: &str) -> bool {
    let ((hue_a, sat_a), (hue_b, sat_b)) = (hue_saturation(a), hue_saturation(b));
    const GREY: f64 = 0.15;
    if sat_a < GREY || sat_b < GREY {
        return sat_a < GREY && sat_b < GREY;
    }
    let difference = (hue_a - hue_b).abs();
    difference.min(360.0 - difference) < 30.0
}
