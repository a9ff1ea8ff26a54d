//! Horizontal bars, one row per answer option with a bar per year; labels in a column on the
//! left (wrapped, never cut), or above the bars where the chart is narrow. Two modes:
//! - `Relative` (`bars-horizontal`): bars scaled to a round maximum, for options with long labels;
//! - `Share` (`options`): bars on a fixed 0–100% track, because in a multiple-answer list
//!   each bar is a share of all respondents and shares do not sum to 100.

use super::bars::scale_range;
use super::canvas::paint;
use super::colors::year_colors;
use super::layout::{draw_legend, label_chars, labels_above, legend_height, nice_max, year_entries, Entry};
use super::select::Selection;
use super::svg::{chars_in, text_width, wrap, Anchor, Drawing, FONT, FONT_SMALL, LINE};
use super::Style;
use crate::data::model::Unit;

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Mode {
    Relative,
    Share,
}

const BAR: f64 = 14.0;
const BAR_GAP: f64 = 2.0;
const ROW_GAP: f64 = 8.0;
/// Room after the longest bar for its value ("100%", "1.234").
const VALUE_ROOM: f64 = 52.0;
/// The unfilled part of a 0–100% track: decoration only, so it may be light.
const TRACK: &str = "#ececec";

pub(crate) fn draw(selection: &Selection, style: &Style, mode: Mode, width: f64) -> Result<Drawing, String> {
    let options = &selection.items[0].options;
    let years = &selection.years;
    let colours = year_colors(years, style);
    let entries: Vec<Entry> = year_entries(years, &colours);
    let legend = legend_height(&entries, width);
    // Labels stand above their bars wherever a label column would leave the bars too
    // little room.
    let above = labels_above(width);

    let (labels, bars_x): (Vec<Vec<String>>, f64) = if above {
        (options.iter().map(|o| wrap(&o.label, chars_in(width - 8.0, FONT))).collect(), 0.0)
    } else {
        let labels: Vec<Vec<String>> = options.iter().map(|o| wrap(&o.label, label_chars(width))).collect();
        let widest = labels.iter().flatten().map(|line| text_width(line, FONT)).fold(0.0, f64::max);
        (labels, (widest + 12.0).min(width * 0.5))
    };
    let (low, high) = match (mode, selection.unit()) {
        (Mode::Share, Unit::Percentage) => (0.0, selection.values().fold(100.0, f64::max)),
        (Mode::Share, _) => (0.0, nice_max(selection.values().fold(0.0, f64::max))),
        (Mode::Relative, _) => scale_range(selection),
    };
    // Bars below zero (NPS) run left from the zero line, their values before them.
    let bars_x = if low < 0.0 { bars_x + VALUE_ROOM } else { bars_x };
    let bars_width = width - bars_x - VALUE_ROOM;
    let x_of = |value: f64| bars_x + (value - low) / (high - low) * bars_width;
    let zero = x_of(0.0);

    let bars_height = years.len() as f64 * BAR + (years.len() as f64 - 1.0) * BAR_GAP;
    // Vertical layout per row: where the label block and the first bar start.
    let mut rows = Vec::new();
    let mut y = legend + 4.0;
    for lines in &labels {
        let label_height = lines.len() as f64 * LINE;
        let (label_centre, bars_top, height) = if above {
            (y + label_height / 2.0, y + label_height + 5.0, label_height + 5.0 + bars_height)
        } else {
            let height = bars_height.max(label_height);
            (y + height / 2.0, y + (height - bars_height) / 2.0, height)
        };
        rows.push((label_centre, bars_top));
        y += height + ROW_GAP;
    }
    let height = y - ROW_GAP + 6.0;
    let unit = selection.unit();
    let text = style.text_color.as_str();

    paint(width, height, |canvas| {
        draw_legend(canvas, &entries, 0.0, 0.0, width, text);
        for ((option, lines), (label_centre, bars_top)) in options.iter().zip(&labels).zip(&rows) {
            canvas.lines(0.0, *label_centre, lines, FONT, LINE, Anchor::Start, text);
            for (i, fill) in colours.iter().enumerate().take(option.values.len()) {
                let top = bars_top + i as f64 * (BAR + BAR_GAP);
                let value = option.value(i);
                let end = x_of(value.unwrap_or(0.0));
                if mode == Mode::Share {
                    canvas.rect(bars_x, top, bars_x + bars_width, top + BAR, TRACK);
                }
                canvas.rect(end.min(zero), top, end.max(zero), top + BAR, fill);
                let label = option.label(i, unit, &style.format);
                let (value_x, anchor) = match mode {
                    Mode::Share => (bars_x + bars_width + 6.0, Anchor::Start),
                    Mode::Relative if end < zero => (end - 6.0, Anchor::End),
                    Mode::Relative => (end + 6.0, Anchor::Start),
                };
                canvas.text(value_x, top + BAR / 2.0, &label, FONT_SMALL, anchor, text, false);
            }
        }
        if mode == Mode::Relative && !above {
            canvas.line(zero, legend, zero, height - 4.0, text, 1);
        }
    })
}
