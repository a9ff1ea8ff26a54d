//! Which colour each series gets: one colour grammar for the whole publication, by role,
//! never by an option's position.
//!
//! - **Years** (bars, option lists, scores, KPI tiles): the current year (the edition, or the
//!   newest year shown) in the data accent, earlier years in lighter tints of the same hue,
//!   the nearer in time the darker; every tint keeps 3:1 against the white page.
//! - **Ordered answer scales** (options with a `tone:`): one diverging ramp, positive →
//!   neutral → negative; several options of one tone get graded shades, darkest at the end
//!   of the scale; non-answers (tone `none`) are light grey and stand apart from the scale.
//! - **Nominal options** (no tone): the qualitative palette, assigned per label across the
//!   whole publication (`assign_labels`), so one label keeps one colour on every page.
//!
//! Two measurable rules are checked when a theme loads: every colour that carries no value in
//! text has at least 3:1 contrast against the white page (WCAG 1.4.11), and neighbouring
//! palette colours differ by at least 1.5:1 in luminance contrast (lightness survives colour
//! blindness and greyscale print). The light tones (neutral, none) may sit under 3:1 because
//! their values are always printed in the text colour, which must then read at 4.5:1.

use std::collections::HashMap;

use super::select::Series;
use super::svg::{color, contrast_ratio, luminance, rgb};
use super::Style;
use crate::data::model::{Question, Tone, Unit, Year};

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

/// Least contrast of a value printed in the text colour on a light data colour.
pub const MIN_TEXT_ON_COLOUR: f64 = 4.5;

/// Colours of the selected years, in their order: the current year in the accent, the others
/// tints of it, lighter the further they lie from it.
pub(crate) fn year_colors(years: &[Year], style: &Style) -> Vec<String> {
    let current = style.current_year.filter(|year| years.contains(year)).or_else(|| years.iter().max().copied());
    let mut others: Vec<Year> = years.iter().copied().filter(|year| Some(*year) != current).collect();
    // Nearest first; of two as near, the earlier is the one a reader compares with.
    let distance = |year: &Year| current.map_or(0, |current| (i32::from(current) - i32::from(*year)).unsigned_abs());
    others.sort_by_key(|year| (distance(year), *year));
    let tints = tints(&style.accent, others.len());
    years
        .iter()
        .map(|year| match others.iter().position(|other| other == year) {
            Some(rank) => tints[rank].clone(),
            None => style.accent.clone(),
        })
        .collect()
}

/// `count` tints of `base`, each lighter than the one before, the last the lightest that
/// still has 3:1 against white. A base already that light gives itself.
pub(crate) fn tints(base: &str, count: usize) -> Vec<String> {
    let from = luminance(base);
    let lightest = (1.05 / MIN_ON_WHITE - 0.05) - 0.002;
    if lightest <= from {
        return vec![base.to_string(); count];
    }
    (1..=count).map(|k| mix_to_luminance(base, from + (lightest - from) * k as f64 / count as f64, true)).collect()
}

/// One colour per option, in order: the tone's shade where the option has a tone, else the
/// colour its label has throughout the publication.
pub(crate) fn option_colors(options: &[Series], style: &Style) -> Vec<String> {
    let untoned: Vec<usize> = (0..options.len()).filter(|&i| options[i].tone.is_none()).collect();
    let mut colours = vec![String::new(); options.len()];
    for (place, colour) in untoned.iter().zip(nominal_colors(untoned.iter().map(|&i| &options[i]), style)) {
        colours[*place] = colour;
    }
    let mut by_tone: HashMap<Tone, Vec<usize>> = HashMap::new();
    for (i, option) in options.iter().enumerate() {
        if let Some(tone) = option.tone {
            by_tone.entry(tone).or_default().push(i);
        }
    }
    // The middle of the scale: shades of a tone before it darken towards the start, shades
    // after it towards the end ("Zeer tevreden" and "Zeer ontevreden" are the darkest).
    let scale: Vec<usize> = options.iter().enumerate().filter(|(_, o)| o.tone.is_some_and(|t| t != Tone::None)).map(|(i, _)| i).collect();
    let middle = mean(&scale);
    for (tone, places) in by_tone {
        // Non-answers are not a scale: they share one light grey, told apart by their labels.
        let mut ladder = match tone {
            Tone::None => vec![style.tones.none.clone(); places.len()],
            _ => shades(style.tones.of(tone), places.len(), &style.text_color),
        };
        if mean(&places) > middle {
            ladder.reverse();
        }
        for (place, colour) in places.into_iter().zip(ladder) {
            colours[place] = colour;
        }
    }
    colours
}

fn mean(places: &[usize]) -> f64 {
    places.iter().sum::<usize>() as f64 / places.len().max(1) as f64
}

/// Colours of options by label (`Style::label_colors`); a label the publication-wide
/// assignment does not know, or a colour already taken in this chart, takes the first
/// palette colour not yet used here.
fn nominal_colors<'a>(options: impl Iterator<Item = &'a Series>, style: &Style) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    options
        .enumerate()
        .map(|(i, option)| {
            let known = style.label_colors.get(&label_key(&option.label)).filter(|colour| !used.contains(colour)).cloned();
            let colour = known.unwrap_or_else(|| {
                style.palette.iter().find(|colour| !used.contains(colour)).cloned().unwrap_or_else(|| color(&style.palette, i))
            });
            used.push(colour.clone());
            colour
        })
        .collect()
}

/// Labels are matched without regard to case or surrounding space ("Nee" and "nee ").
pub fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// How an option gets its colour in a part-of-a-whole chart: by its tone on the answer
/// scale, or by its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartColourRole {
    Tone(Tone),
    Label,
}

impl ChartColourRole {
    /// `None` for an option that no chart colours by itself: one of a multiple-answer list,
    /// a score or a count, which are coloured by year.
    pub fn of(question: &Question, option: &crate::data::model::AnswerOption) -> Option<ChartColourRole> {
        match option.tone {
            Some(tone) => Some(ChartColourRole::Tone(tone)),
            None if question.unit == Unit::Percentage && !question.multiple => Some(ChartColourRole::Label),
            None => None,
        }
    }

    /// For messages: "as tone `negative`", "by its label (no tone)".
    pub fn describe(self) -> String {
        match self {
            ChartColourRole::Tone(tone) => format!("as tone `{}`", tone.name()),
            ChartColourRole::Label => "by its label (no tone)".to_string(),
        }
    }
}

/// Whether a question's options are coloured by label: single-answer percentages without
/// tones, the parts of a whole that donuts and stacked bars draw.
pub fn coloured_by_label(question: &Question) -> bool {
    question.unit == Unit::Percentage
        && !question.multiple
        && question.items.iter().flat_map(|item| item.options.iter()).all(|option| option.tone.is_none())
}

/// The publication-wide colour of every nominal label: palette colours in the order the
/// labels first appear in data/ (files by name, questions and options in file order), so a
/// label keeps its colour on every page and the assignment never depends on the pages.
pub fn assign_labels(questions: &[Question], palette: &[String]) -> HashMap<String, String> {
    let mut assigned: HashMap<String, String> = HashMap::new();
    let labels = questions.iter().filter(|q| coloured_by_label(q)).flat_map(|q| q.items.iter()).flat_map(|item| item.options.iter());
    for option in labels {
        let next = assigned.len();
        assigned.entry(label_key(&option.label)).or_insert_with(|| color(palette, next));
    }
    assigned
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
#[cfg(test)]
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
#[cfg(test)]
pub(crate) fn looks_alike(a: &str, b: &str) -> bool {
    let ((hue_a, sat_a), (hue_b, sat_b)) = (hue_saturation(a), hue_saturation(b));
    const GREY: f64 = 0.15;
    if sat_a < GREY || sat_b < GREY {
        return sat_a < GREY && sat_b < GREY;
    }
    let difference = (hue_a - hue_b).abs();
    difference.min(360.0 - difference) < 30.0
}
