//! 100%-stacked horizontal bars: one bar per item (per year), or per year for a simple
//! question. Segments follow the option order, are separated by white lines, and carry their
//! value inside when wide enough. A value too wide for its segment stands under the bar,
//! as close to its segment as its neighbours allow (with a thin line to it when moved
//! aside); rows keep room for what stands under them, so no value ever meets a label, a bar
//! or another value.

use super::canvas::paint;
use super::colors::option_colors;
use super::layout::{bands, draw_band_labels, draw_legend, label_columns, labels_above, legend_height, place_bands_spaced, Entry};
use super::select::Selection;
use super::svg::{label_on, text_width, Anchor, Drawing, FONT_SMALL};
use super::{value_text, Style, NO_VALUE};

const BAR: f64 = 20.0;
const VALUE_SIZE: f64 = FONT_SMALL;
/// Height of one line of values under a bar.
const TIER: f64 = 14.0;
/// Room between a bar and the values under it, for the lines to values moved aside.
const DROP: f64 = 3.0;
/// Room between two values on one line.
const SPACE: f64 = 5.0;

/// One segment of a bar: its extent and its value, inside it or on a line under the bar.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub x0: f64,
    pub x1: f64,
    pub label: String,
    /// `None`: inside the segment; `Some((centre x, line))`: under the bar.
    pub outside: Option<(f64, usize)>,
}

/// Lays out one bar of `width` from `x`: segment extents and where each value goes.
pub(crate) fn lay_out_row(values: &[f64], labels: &[String], x: f64, width: f64) -> Vec<Segment> {
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let mut segments = Vec::with_capacity(values.len());
    let mut start = x;
    for (value, label) in values.iter().zip(labels) {
        let extent = if total > 0.0 { value.max(0.0) / total * width } else { 0.0 };
        let inside = extent >= text_width(label, VALUE_SIZE) + 8.0 || *value <= 0.0;
        let outside = (!inside).then_some((start + extent / 2.0, 0));
        segments.push(Segment { x0: start, x1: start + extent, label: label.clone(), outside });
        start += extent;
    }
    place_under(&mut segments, x, x + width);
    segments
}

/// Values under a bar: on one line, each as close to its segment as the others allow
/// (moved apart to the right, then the run pulled back inside the bar). Only values that
/// cannot share the line that way go to a next line.
fn place_under(segments: &mut [Segment], left: f64, right: f64) {
    let mut line = 0;
    loop {
        let on_line: Vec<usize> =
            segments.iter().enumerate().filter(|(_, s)| s.outside.is_some_and(|(_, l)| l == line)).map(|(i, _)| i).collect();
        if on_line.is_empty() {
            return;
        }
        let widths: Vec<f64> = on_line.iter().map(|&i| text_width(&segments[i].label, VALUE_SIZE)).collect();
        let mut centres: Vec<f64> = on_line.iter().map(|&i| segments[i].outside.map_or(0.0, |(x, _)| x)).collect();
        for k in 0..centres.len() {
            let lowest = if k == 0 { left + widths[0] / 2.0 } else { centres[k - 1] + (widths[k - 1] + widths[k]) / 2.0 + SPACE };
            centres[k] = centres[k].max(lowest);
        }
        for k in (0..centres.len()).rev() {
            let highest =
                if k + 1 == centres.len() { right - widths[k] / 2.0 } else { centres[k + 1] - (widths[k] + widths[k + 1]) / 2.0 - SPACE };
            centres[k] = centres[k].min(highest);
        }
        // Too many for one line: every second value moves to the next line and is placed again.
        let fits = on_line.len() == 1 || centres[0] - widths[0] / 2.0 >= left - 0.01;
        for (k, &i) in on_line.iter().enumerate() {
            let wanted = (segments[i].x0 + segments[i].x1) / 2.0;
            segments[i].outside = Some(if fits || k % 2 == 0 { (centres[k], line) } else { (wanted, line + 1) });
        }
        if fits {
            line += 1;
            continue;
        }
        // Place this line again with the values that stayed on it.
        for (k, &i) in on_line.iter().enumerate() {
            if k % 2 == 0 {
                segments[i].outside = Some(((segments[i].x0 + segments[i].x1) / 2.0, line));
            }
        }
    }
}

/// How many lines of values a bar needs under it.
fn lines_under(segments: &[Segment]) -> usize {
    segments.iter().filter_map(|s| s.outside.map(|(_, line)| line + 1)).max().unwrap_or(0)
}

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Result<Drawing, String> {
    let above = labels_above(width);
    let options = &selection.items[0].options;
    let colors = option_colors(options, style);
    let mut entries: Vec<Entry> = options.iter().zip(&colors).map(|(o, fill)| (o.label.clone(), fill.clone())).collect();
    if selection.matrix && selection.years.len() == 1 {
        // The year is not on any row, so the legend names it.
        entries.insert(0, (format!("{}:", selection.years[0]), "#ffffff".into()));
    }
    let legend = legend_height(&entries, width);
    let bands = bands(selection, width);
    let columns = label_columns(&bands, above);
    let bars_x = columns.item_width + columns.year_width;
    let bar_width = width - bars_x - 8.0;
    let unit = selection.unit();
    // A year with a value missing is not a whole to stack: its row prints "–" instead.
    let rows: Vec<Vec<Option<Vec<Segment>>>> = bands
        .iter()
        .map(|band| {
            band.rows
                .iter()
                .map(|row| {
                    let values: Option<Vec<f64>> = row.values.iter().copied().collect();
                    values.map(|values| {
                        let labels: Vec<String> = values.iter().map(|v| value_text(*v, unit, &style.format)).collect();
                        lay_out_row(&values, &labels, bars_x, bar_width)
                    })
                })
                .collect()
        })
        .collect();
    let room_under = |band: usize, row: usize| match rows[band][row].as_deref().map_or(0, lines_under) {
        0 => 0.0,
        lines => DROP + lines as f64 * TIER,
    };
    let placement = place_bands_spaced(&bands, legend + 6.0, BAR, 6.0, 12.0, above, &room_under);
    let height = placement.bottom + 6.0;
    let text = style.text_color.as_str();

    paint(width, height, |canvas| {
        draw_legend(canvas, &entries, 0.0, 0.0, width, text);
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
                    match segment.outside {
                        None => {
                            let x = (segment.x0 + segment.x1) / 2.0;
                            canvas.text(x, *centre, &segment.label, VALUE_SIZE, Anchor::Middle, &label_on(fill, text), true)
                        }
                        Some((x, line)) => {
                            let y = bottom + DROP + TIER / 2.0 + line as f64 * TIER;
                            let own = (segment.x0 + segment.x1) / 2.0;
                            // A value moved aside keeps a thin line to its segment.
                            if (x - own).abs() > 3.0 {
                                canvas.line(own, bottom + 1.0, x, y - TIER / 2.0 + 1.0, text, 1);
                            }
                            canvas.text(x, y, &segment.label, VALUE_SIZE, Anchor::Middle, text, false)
                        }
                    }
                }
                for segment in &segments[..segments.len().saturating_sub(1)] {
                    if segment.x1 > segments[0].x0 && segment.x1 < segments.last().map_or(0.0, |s| s.x1) {
                        canvas.line(segment.x1, top, segment.x1, bottom, "#ffffff", 2);
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values under one bar never overlap each other, for runs of tiny segments.
    #[test]
    fn values_under_a_bar_never_overlap() {
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
                let segments = lay_out_row(values, &labels, 0.0, width);
                let outside: Vec<(f64, usize, f64)> =
                    segments.iter().filter_map(|s| s.outside.map(|(x, line)| (x, line, text_width(&s.label, VALUE_SIZE)))).collect();
                for (i, a) in outside.iter().enumerate() {
                    assert!(a.0 - a.2 / 2.0 >= -0.01 && a.0 + a.2 / 2.0 <= width + 0.01, "{values:?} at {width}: value leaves the chart");
                    for b in &outside[i + 1..] {
                        let apart = (a.0 - b.0).abs() >= (a.2 + b.2) / 2.0;
                        assert!(a.1 != b.1 || apart, "{values:?} at {width}: values overlap: {a:?} {b:?}");
                    }
                }
            }
        }
    }
}
