//! 100%-stacked horizontal bars: one bar per item (per year), or per year for a simple
//! question, years oldest at the top. Segments follow the option order (the answer scale,
//! with non-answers after a gap at the end), are separated by white lines, and carry their
//! value inside when it fits.
//!
//! Categories are labelled directly above the first bar, each at the start of its segment,
//! where every label fits; otherwise (and only then) a legend stands above the chart, once.
//! Small segments follow one rule: a value that does not fit inside its segment stands right
//! of its bar, in a column aligned over all rows, behind a swatch of the segment's colour.
//! Only where that column would take too much of the bar are the small values of the middle
//! segments left out (the exact figures are in the chart's table). No value is ever moved
//! under the bar or joined to it by a line.

use super::canvas::paint;
use super::colors::option_colors;
use super::layout::{bands, draw_band_labels, draw_legend, label_columns, labels_above, legend_height, place_bands, Entry};
use super::select::{Selection, Series};
use super::svg::{label_on, text_width, Anchor, Drawing, FONT_SMALL, LINE};
use super::{value_text, Style, NO_VALUE};
use crate::data::model::Tone;

const BAR: f64 = 20.0;
const VALUE_SIZE: f64 = FONT_SMALL;
/// Room between the answer scale and the non-answers after it.
const SPLIT: f64 = 8.0;
/// Room between the bar and the value column right of it.
const BESIDE: f64 = 6.0;
/// A swatch before a value in the column, and the room after it.
const SWATCH: f64 = 8.0;
const SWATCH_GAP: f64 = 3.0;
/// Room between two values in the column.
const VALUE_GAP: f64 = 8.0;
/// The value column may take at most this share of the bars' width.
const MOST_BESIDE: f64 = 0.35;
/// At most this many lines for a category label above the bar.
const LABEL_LINES: usize = 3;

/// Where a segment's value goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Place {
    Inside,
    /// Right of the bar, in the value column.
    Beside,
    /// Not on the chart: too small; the table has it.
    Left,
}

/// One segment of a bar: its extent and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub x0: f64,
    pub x1: f64,
    pub label: String,
    pub place: Place,
}

/// Lays out one bar of `width` from `x`: segment extents and where each value goes. Segments
/// from `split` on (the non-answers) stand after a gap. With `all_beside`, every value too
/// wide for its segment goes to the column; without, only the last segment's does.
pub(crate) fn lay_out_row(values: &[f64], labels: &[String], x: f64, width: f64, split: Option<usize>, all_beside: bool) -> Vec<Segment> {
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let gap = if split.is_some_and(|at| at > 0 && at < values.len()) { SPLIT } else { 0.0 };
    let scale = width - gap;
    let mut segments = Vec::with_capacity(values.len());
    let mut start = x;
    for (i, (value, label)) in values.iter().zip(labels).enumerate() {
        if Some(i) == split && gap > 0.0 {
            start += gap;
        }
        let extent = if total > 0.0 { value.max(0.0) / total * scale } else { 0.0 };
        let fits = extent >= text_width(label, VALUE_SIZE) + 8.0;
        let last = all_beside || i + 1 == values.len();
        let place = match (fits, last) {
            (true, _) => Place::Inside,
            (false, true) if *value > 0.0 => Place::Beside,
            (false, _) => Place::Left,
        };
        segments.push(Segment { x0: start, x1: start + extent, label: label.clone(), place });
        start += extent;
    }
    segments
}

/// Width of the value column a bar needs (0 when every value fits inside).
fn column_width(segments: &[Segment]) -> f64 {
    let beside = segments.iter().filter(|segment| segment.place == Place::Beside);
    let widths: Vec<f64> = beside.map(|segment| SWATCH + SWATCH_GAP + text_width(&segment.label, VALUE_SIZE)).collect();
    if widths.is_empty() {
        0.0
    } else {
        BESIDE + widths.iter().sum::<f64>() + VALUE_GAP * (widths.len() - 1) as f64
    }
}

/// The first option that is a non-answer (options come sorted with them last).
fn split_at(options: &[Series]) -> Option<usize> {
    options.iter().position(|option| option.tone == Some(Tone::None))
}

/// Category labels placed directly above a bar: (x, lines) per option, each starting at its
/// segment and ending before the next one starts; `None` when one does not fit. An option
/// of 0% draws nothing there and needs no label (the table has it).
fn direct_labels(options: &[Series], segments: &[Segment], right: f64) -> Option<Vec<(f64, Vec<String>)>> {
    let mut placed = Vec::new();
    for (i, (option, segment)) in options.iter().zip(segments).enumerate() {
        if segment.x1 <= segment.x0 {
            continue;
        }
        let end = segments[i + 1..].iter().find(|next| next.x1 > next.x0).map_or(right, |next| next.x0) - 4.0;
        let room = end - segment.x0;
        if room < 12.0 {
            return None;
        }
        let lines = wrap_to(&option.label, room);
        if lines.len() > LABEL_LINES || lines.iter().any(|line| text_width(line, FONT_SMALL) > room) {
            return None;
        }
        placed.push((segment.x0, lines));
    }
    Some(placed)
}

/// `text` in lines no wider than `room` where words allow (a longer word keeps its line).
fn wrap_to(text: &str, room: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), FONT_SMALL) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Result<Drawing, String> {
    let above = labels_above(width);
    let options = &selection.items[0].options;
    let colors = option_colors(options, style);
    let split = split_at(options);
    let bands = bands(selection, width);
    let columns = label_columns(&bands, above);
    let bars_x = columns.item_width + columns.year_width;
    let unit = selection.unit();
    let lay_out = |bar_width: f64, all_beside: bool| -> Vec<Vec<Option<Vec<Segment>>>> {
        bands
            .iter()
            .map(|band| {
                band.rows
                    .iter()
                    .map(|row| {
                        // A year with a value missing is not a whole to stack: its row prints "–".
                        let values: Option<Vec<f64>> = row.values.iter().copied().collect();
                        values.map(|values| {
                            let labels: Vec<String> = values.iter().map(|v| value_text(*v, unit, &style.format)).collect();
                            lay_out_row(&values, &labels, bars_x, bar_width, split, all_beside)
                        })
                    })
                    .collect()
            })
            .collect()
    };
    // The value column right of the bars is made only when some row needs it.
    // Narrower bars may leave more values without room: widen the column until it holds them.
    let full = width - bars_x - 8.0;
    let column = |rows: &[Vec<Option<Vec<Segment>>>]| rows.iter().flatten().flatten().map(|row| column_width(row)).fold(0.0, f64::max);
    let fitted = |all_beside: bool| {
        let mut beside = 0.0;
        loop {
            let rows = lay_out(full - beside, all_beside);
            let needed = column(&rows);
            if needed <= beside + 0.01 || needed > full * MOST_BESIDE {
                return (rows, needed);
            }
            beside = needed;
        }
    };
    let (rows, beside) = match fitted(true) {
        (rows, beside) if beside <= full * MOST_BESIDE => (rows, beside),
        _ => fitted(false),
    };
    let bar_right = bars_x + full - beside;

    // Labelled over the first bar of the top band where every label fits there: the top
    // row when it can, else the first row below it that leaves room.
    let first_band = rows.first().map(|band| band.iter().flatten().collect::<Vec<_>>()).unwrap_or_default();
    let labels = first_band.iter().find_map(|segments| direct_labels(options, segments, width));
    let entries: Vec<Entry> = options.iter().zip(&colors).map(|(o, fill)| (o.label.clone(), fill.clone())).collect();
    let top = match &labels {
        Some(placed) => placed.iter().map(|(_, lines)| lines.len()).max().unwrap_or(1) as f64 * LINE + 4.0,
        None => legend_height(&entries, width) + 6.0,
    };
    let placement = place_bands(&bands, top, BAR, 6.0, 12.0, above);
    let height = placement.bottom + 6.0;
    let text = style.text_color.as_str();

    paint(width, height, |canvas| {
        match &labels {
            Some(placed) => {
                // Bottom-aligned over the bars: a one-line label stands just above them.
                for (x, lines) in placed {
                    let last = top - 4.0 - LINE / 2.0;
                    for (i, line) in lines.iter().enumerate() {
                        let y = last - (lines.len() - 1 - i) as f64 * LINE;
                        canvas.text(*x, y, line, FONT_SMALL, Anchor::Start, text, false);
                    }
                }
            }
            None => draw_legend(canvas, &entries, 0.0, 0.0, width, text),
        }
        draw_band_labels(canvas, &bands, &placement, bars_x, text);
        for (band_rows, (_, centres)) in rows.iter().zip(&placement.bands) {
            for (segments, centre) in band_rows.iter().zip(centres) {
                let (top, bottom) = (centre - BAR / 2.0, centre + BAR / 2.0);
                let Some(segments) = segments else {
                    canvas.text(bars_x + 4.0, *centre, NO_VALUE, VALUE_SIZE, Anchor::Start, text, false);
                    continue;
                };
                for (i, segment) in segments.iter().enumerate() {
                    if segment.x1 <= segment.x0 {
                        continue;
                    }
                    let fill = &colors[i];
                    canvas.rect(segment.x0, top, segment.x1, bottom, fill);
                    match segment.place {
                        Place::Inside => {
                            let x = (segment.x0 + segment.x1) / 2.0;
                            canvas.text(x, *centre, &segment.label, VALUE_SIZE, Anchor::Middle, &label_on(fill, text), true)
                        }
                        Place::Beside | Place::Left => {}
                    }
                }
                // The column: each value behind a swatch of its segment (outlined, since the
                // light tones would vanish on the white page).
                let mut x = bar_right + BESIDE;
                for (i, segment) in segments.iter().enumerate().filter(|(_, s)| s.place == Place::Beside) {
                    canvas.rect(x, centre - SWATCH / 2.0, x + SWATCH, centre + SWATCH / 2.0, "#8c8c8c");
                    canvas.rect(x + 1.0, centre - SWATCH / 2.0 + 1.0, x + SWATCH - 1.0, centre + SWATCH / 2.0 - 1.0, &colors[i]);
                    x += SWATCH + SWATCH_GAP;
                    canvas.text(x, *centre, &segment.label, VALUE_SIZE, Anchor::Start, text, false);
                    x += text_width(&segment.label, VALUE_SIZE) + VALUE_GAP;
                }
                for pair in segments.windows(2) {
                    let touching = (pair[0].x1 - pair[1].x0).abs() < 0.5;
                    if touching && pair[0].x1 > segments[0].x0 && pair[0].x1 < segments.last().map_or(0.0, |s| s.x1) {
                        canvas.line(pair[0].x1, top, pair[0].x1, bottom, "#ffffff", 2);
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value inside its segment fits it; a value that does not is left out, except the
    /// last one, which goes beside the bar: never under it, never two in one place.
    #[test]
    fn values_fit_their_segment_or_stand_beside_the_bar() {
        let patterns: [&[f64]; 7] = [
            &[25.0, 35.0, 9.0, 11.0, 6.0, 14.0],
            &[19.0, 2.0, 8.0, 7.0, 16.0, 48.0],
            &[1.0, 1.0, 1.0, 1.0, 96.0],
            &[96.0, 1.0, 1.0, 1.0, 1.0],
            &[0.0, 2.0, 0.0, 3.0, 95.0],
            &[2.0; 50],
            &[30.0, 29.0, 28.0, 4.0, 1.0, 5.0, 3.0],
        ];
        for width in [250.0, 420.0, 800.0] {
            for values in patterns {
                let labels: Vec<String> = values.iter().map(|v| format!("{v}%")).collect();
                for (split, all_beside) in [(None, false), (Some(values.len() - 1), false), (None, true)] {
                    let segments = lay_out_row(values, &labels, 0.0, width, split, all_beside);
                    for (i, segment) in segments.iter().enumerate() {
                        match segment.place {
                            Place::Inside => {
                                assert!(segment.x1 - segment.x0 >= text_width(&segment.label, VALUE_SIZE), "{values:?} at {width}")
                            }
                            Place::Beside => {
                                assert!(all_beside || i + 1 == segments.len(), "{values:?} at {width}: only the last goes beside")
                            }
                            Place::Left => {}
                        }
                        assert!(segment.x1 <= width + 0.01, "{values:?} at {width}: the bar keeps its width");
                    }
                }
            }
        }
    }

    #[test]
    fn non_answers_stand_apart_from_the_scale() {
        let labels: Vec<String> = ["60%", "30%", "10%"].map(String::from).to_vec();
        let segments = lay_out_row(&[60.0, 30.0, 10.0], &labels, 0.0, 400.0, Some(2), true);
        assert!((segments[2].x0 - segments[1].x1 - SPLIT).abs() < 0.01, "{segments:?}");
        assert!((segments[2].x1 - 400.0).abs() < 0.01);
        let joined = lay_out_row(&[60.0, 30.0, 10.0], &labels, 0.0, 400.0, None, true);
        assert!((joined[2].x0 - joined[1].x1).abs() < 0.01);
    }
}
