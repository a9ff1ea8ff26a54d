//! Grouped vertical bars: answer options along the axis, one bar per year side by side,
//! the value printed above every bar, a year legend on top.

use super::canvas::paint;
use super::colors::year_colors;
use super::hbars::{self, Mode};
use super::layout::{draw_legend, legend_height, nice_max, year_entries, Entry};
use super::select::Selection;
use super::svg::{chars_in, text_width, wrap, Anchor, Drawing, FONT, FONT_SMALL, LINE};
use super::Style;
use crate::data::model::Unit;

const MARGIN: f64 = 10.0;

/// The ends of a bar scale: from 0 (or a round minimum below it, for negative NPS values)
/// up to a round maximum; for scores the top of the scale, so a bar's length is always
/// proportional to its value.
pub(crate) fn scale_range(selection: &Selection) -> (f64, f64) {
    let max = selection.values().fold(0.0, f64::max);
    let min = selection.values().fold(0.0, f64::min);
    let low = if min < 0.0 { -nice_max(-min) } else { 0.0 };
    let high = match selection.unit() {
        Unit::Score { max: top, .. } => top.max(max),
        Unit::Percentage => nice_max(max).min(100.0f64.max(max)),
        _ if max <= 0.0 && low < 0.0 => 0.0,
        _ => nice_max(max),
    };
    (low, high)
}

/// Vertical bars need room for every value above its bar and a label under each group;
/// where the slot is too narrow for that, the same figures are drawn as horizontal bars.
pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Result<Drawing, String> {
    let options = &selection.items[0].options;
    let years = &selection.years;
    let colours = year_colors(years, style);
    let entries: Vec<Entry> = year_entries(years, &colours);
    let legend = legend_height(&entries, width - 2.0 * MARGIN);

    let group_width = (width - 2.0 * MARGIN) / options.len() as f64;
    let gap = 4.0;
    let bar_width = ((group_width * 0.8 - gap * (years.len() as f64 - 1.0)) / years.len() as f64).clamp(6.0, 48.0);
    let bars_width = bar_width * years.len() as f64 + gap * (years.len() as f64 - 1.0);
    let value_size = FONT_SMALL;
    let widest_value = options
        .iter()
        .flat_map(|o| (0..years.len()).map(move |y| o.label(y, selection.unit(), &style.format)))
        .map(|label| text_width(&label, value_size))
        .fold(0.0, f64::max);
    let longest_word = options.iter().flat_map(|o| o.label.split_whitespace()).map(|w| text_width(w, FONT)).fold(0.0, f64::max);
    if bar_width + gap < widest_value + 2.0 || group_width - 8.0 < longest_word {
        return hbars::draw(selection, style, Mode::Relative, width);
    }

    let label_chars = chars_in(group_width - 8.0, FONT);
    let labels: Vec<Vec<String>> = options.iter().map(|option| wrap(&option.label, label_chars)).collect();
    let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as f64;

    // The plot keeps a landscape shape: lower in a narrow slot, taller in a wide one.
    let plot_height = (width * 0.3).clamp(90.0, 140.0);
    let top = legend + 14.0;
    let (low, high) = scale_range(selection);
    // Values of bars below zero stand under them: the option labels move down for them.
    let under = if low < 0.0 { 16.0 } else { 0.0 };
    let baseline = top + plot_height;
    let y_of = |value: f64| baseline - (value - low) / (high - low) * plot_height;
    let zero = y_of(0.0);
    let labels_top = baseline + under + 8.0;
    let height = labels_top + label_lines * LINE + 6.0;
    let unit = selection.unit();
    let text = style.text_color.as_str();

    paint(width, height, |canvas| {
        draw_legend(canvas, &entries, MARGIN, 0.0, width - 2.0 * MARGIN, text);
        for (g, option) in options.iter().enumerate() {
            let group_x = MARGIN + g as f64 * group_width;
            let first_x = group_x + (group_width - bars_width) / 2.0;
            for (y, fill) in colours.iter().enumerate().take(option.values.len()) {
                let x = first_x + y as f64 * (bar_width + gap);
                let value = option.value(y);
                let end = y_of(value.unwrap_or(0.0));
                canvas.rect(x, end.min(zero), x + bar_width, end.max(zero), fill);
                let label = option.label(y, unit, &style.format);
                let label_y = if end > zero { end + 9.0 } else { end - 9.0 };
                canvas.text(x + bar_width / 2.0, label_y, &label, value_size, Anchor::Middle, text, false);
            }
            let centre = group_x + group_width / 2.0;
            let lines = &labels[g];
            let first = labels_top + LINE / 2.0;
            for (i, line) in lines.iter().enumerate() {
                canvas.text(centre, first + i as f64 * LINE, line, FONT, Anchor::Middle, text, false);
            }
        }
        canvas.line(MARGIN, zero, width - MARGIN, zero, text, 1);
    })
}
