//! The palette rules, the 8 colours, and colours that follow the author's tones.

use super::*;
use crate::charts::colors::{option_colors, shades};
use crate::data::model::Tone;

/// Fill colours of the ring segments (`<path>` with a fill), in document order.
fn segment_fills(svg: &str) -> Vec<String> {
    let doc = parsed(svg);
    doc.descendants().filter(|n| n.has_tag_name("path")).filter_map(|n| n.attribute("fill")).map(str::to_string).collect()
}

fn with_tones(mut question: Question, tones: &[Option<Tone>]) -> Question {
    for item in &mut question.items {
        for (option, tone) in item.options.iter_mut().zip(tones) {
            option.tone = *tone;
        }
    }
    question
}

#[test]
fn the_default_palette_has_eight_colours_apart_from_white_and_from_their_neighbours() {
    let palette = Style::default().palette;
    assert!(palette.len() >= 8);
    assert_eq!(neighbour_problem(&palette), None);
    for (i, colour) in palette.iter().enumerate() {
        let next = &palette[(i + 1) % palette.len()];
        // The default is stricter than the rule a theme must meet: dark and mid alternate.
        assert!(contrast_ratio(colour, next) >= 2.0, "{colour} next to {next}");
        assert!(contrast_ratio(colour, "#ffffff") >= MIN_ON_WHITE, "{colour}");
    }
    for (name, colour) in Style::default().tones.named() {
        // The light tones carry their values in the text colour instead.
        let light = matches!(name, "neutral" | "none");
        assert!(contrast_ratio(colour, "#ffffff") >= MIN_ON_WHITE || light, "{name} {colour}");
        assert!(contrast_ratio(colour, "#1a1a1a") >= MIN_TEXT_ON_COLOUR || !light, "{name} {colour}");
        // No data colour looks like the UI accent, the orange-brown of kickers and quote rules.
        assert!(!crate::charts::colors::looks_alike(colour, "#b35900"), "{name} {colour}");
    }
    for colour in Style::default().palette.iter().chain([&Style::default().accent]) {
        assert!(!crate::charts::colors::looks_alike(colour, "#b35900"), "{colour} looks like the UI accent");
    }
}

#[test]
fn the_seventh_category_of_a_donut_gets_its_own_colour() {
    let options = (1..=7).map(|i| option(&format!("o{i}"), &format!("Optie {i}"), &[(2026, 100.0 / 7.0)])).collect();
    let question = simple("kwaliteit", Unit::Percentage, false, options);
    let fills = segment_fills(&render_ok(&spec(ChartKind::Donut), &question).svg);
    assert_eq!(fills.len(), 7);
    let distinct: std::collections::BTreeSet<&String> = fills.iter().collect();
    assert_eq!(distinct.len(), 7, "{fills:?}");
}

#[test]
fn options_with_a_tone_take_the_tone_colour_in_every_kind() {
    let tones = Tones::default();
    let question = with_tones(maatwerk(), &[Some(Tone::Positive), Some(Tone::Neutral), Some(Tone::Negative)]);
    let fills = segment_fills(&render_ok(&spec(ChartKind::Donut), &question).svg);
    assert_eq!(fills[..3], [tones.positive.clone(), tones.neutral.clone(), tones.negative.clone()]);
    // Reversed order: the colours follow the meaning, not the position.
    let mut reversed = question.clone();
    reversed.items[0].options.reverse();
    let fills = segment_fills(&render_ok(&spec(ChartKind::Donut), &reversed).svg);
    assert_eq!(fills[..3], [tones.negative.clone(), tones.neutral.clone(), tones.positive.clone()]);
    let stacked = render_ok(&spec(ChartKind::Stacked), &question).svg;
    for colour in [&tones.positive, &tones.neutral, &tones.negative] {
        assert!(stacked.contains(&format!("fill=\"{colour}\"")), "{colour} missing in the stacked chart");
    }
}

#[test]
fn several_options_of_one_tone_get_shades_that_keep_the_rules() {
    let tones = Tones::default();
    for base in [&tones.positive, &tones.neutral, &tones.negative, &tones.none] {
        for count in 1..=4 {
            let shades = shades(base, count, "#1a1a1a");
            assert_eq!(shades.len(), count);
            assert!(shades.contains(base), "the tone colour itself is one of the shades: {shades:?}");
            for pair in shades.windows(2) {
                assert!(contrast_ratio(&pair[0], &pair[1]) >= MIN_NEIGHBOUR_CONTRAST - 0.01, "{pair:?}");
            }
            for shade in &shades {
                let light = base == &tones.neutral || base == &tones.none;
                assert!(light || contrast_ratio(shade, "#ffffff") >= MIN_ON_WHITE, "{shade} of {base}");
                let label = svg::label_on(shade, "#1a1a1a");
                assert!(contrast_ratio(&label, shade) >= 4.5, "a value in {label} on {shade} of {base}");
            }
        }
    }
    // "Ja, geheel" and "Ja, gedeeltelijk" are both positive: the first keeps the tone colour.
    let question = with_tones(capaciteit(), &[Some(Tone::Positive), Some(Tone::Positive), Some(Tone::Negative)]);
    let selection = select::Selection::resolve(&spec(ChartKind::Stacked), &question).unwrap();
    let colors = option_colors(&selection.items[0].options, &Style::default());
    assert_eq!(colors[0], tones.positive);
    assert_ne!(colors[1], tones.positive);
    assert_eq!(colors[2], tones.negative);
    // After the middle of the scale the shades darken towards the end: "Zeer ontevreden" last.
    let question = with_tones(capaciteit(), &[Some(Tone::Positive), Some(Tone::Negative), Some(Tone::Negative)]);
    let selection = select::Selection::resolve(&spec(ChartKind::Stacked), &question).unwrap();
    let colors = option_colors(&selection.items[0].options, &Style::default());
    assert_eq!(colors[1], tones.negative);
    assert!(svg::luminance(&colors[2]) < svg::luminance(&colors[1]), "{colors:?}");
}

#[test]
fn options_without_a_tone_take_the_qualitative_set() {
    let style = Style::default();
    let options = vec![
        option("ja", "Ja", &[(2026, 40.0)]),
        option("nee", "Nee", &[(2026, 30.0)]),
        option("anders", "Anders", &[(2026, 20.0)]),
        option("weet-niet", "Weet niet", &[(2026, 10.0)]),
    ];
    let question =
        with_tones(simple("q", Unit::Percentage, false, options), &[Some(Tone::Positive), Some(Tone::Negative), None, Some(Tone::None)]);
    let selection = select::Selection::resolve(&spec(ChartKind::Donut), &question).unwrap();
    let colors = option_colors(&selection.items[0].options, &style);
    assert_eq!(colors, [style.tones.positive.clone(), style.tones.negative.clone(), style.palette[0].clone(), style.tones.none.clone()]);
    // Without any tone the palette is used in order, as before.
    let untoned = maatwerk();
    let plain = select::Selection::resolve(&spec(ChartKind::Donut), &untoned).unwrap();
    assert_eq!(option_colors(&plain.items[0].options, &style), style.palette[..3]);
}

#[test]
fn one_label_keeps_one_colour_in_every_chart_of_the_publication() {
    let first =
        simple("eerste", Unit::Percentage, false, vec![option("a", "Anders", &[(2026, 60.0)]), option("b", "Beide", &[(2026, 40.0)])]);
    let second = simple(
        "tweede",
        Unit::Percentage,
        false,
        vec![option("c", "Geen van beide", &[(2026, 70.0)]), option("a", "anders ", &[(2026, 30.0)])],
    );
    let style = Style::default().with_labels(&[first.clone(), second.clone()]);
    // In the order the labels first appear in the data, matched without case or spaces.
    assert_eq!(style.label_colors[&crate::charts::label_key("Anders")], style.palette[0]);
    assert_eq!(style.label_colors[&crate::charts::label_key("Geen van beide")], style.palette[2]);
    let colour_of = |question: &Question, label: &str| {
        let selection = select::Selection::resolve(&spec(ChartKind::Stacked), question).unwrap();
        let options = &selection.items[0].options;
        let colours = option_colors(options, &style);
        colours[options.iter().position(|o| o.label.trim() == label).unwrap()].clone()
    };
    assert_eq!(colour_of(&first, "Anders"), colour_of(&second, "anders"), "first in one chart, last in the other: one colour");
    assert_ne!(colour_of(&second, "Geen van beide"), colour_of(&second, "anders"));
}

#[test]
fn years_are_the_accent_and_lighter_tints_of_it() {
    let style = Style { current_year: Some(2026), ..Style::default() };
    let colours = crate::charts::colors::year_colors(&[2023, 2024, 2025, 2026], &style);
    assert_eq!(colours[3], style.accent, "the edition year is the accent");
    for pair in colours.windows(2) {
        assert!(svg::luminance(&pair[0]) > svg::luminance(&pair[1]), "older is lighter: {colours:?}");
    }
    for colour in &colours {
        assert!(contrast_ratio(colour, "#ffffff") >= MIN_ON_WHITE, "{colour}");
    }
    // An older edition rebuilt: its own year is the accent, not a newer one in the data.
    let older = Style { current_year: Some(2025), ..Style::default() };
    let colours = crate::charts::colors::year_colors(&[2024, 2025, 2026], &older);
    assert_eq!(colours[1], older.accent);
    assert_ne!(colours[2], older.accent);
}
