//! Donuts, one per selected year (side by side where the slot is wide enough, else one
//! under the other), drawn as SVG arc paths (plotters' pie is a heavy polygon with a
//! hard-coded decimal point). The year sits in the hole; every segment is labelled outside
//! the ring with its option and value, joined to its segment by a leader line: no legend
//! colour lookup and no contrast problem for text on coloured segments.
//!
//! Labels stand in two columns left and right of the ring, never above it, so a label can
//! not cover a slice; within a column they are moved apart vertically so no two overlap.

use std::f64::consts::PI;

use super::colors::option_colors;
use super::select::Selection;
use super::svg::{chars_in, escape, num, text_width, wrap, Anchor, Drawing, Writer, FONT_SMALL};
use super::{value_text, Style, NO_VALUE};

/// A panel narrower than this cannot hold a ring with label columns on both sides.
const MIN_PANEL: f64 = 250.0;
/// The ring of a year without figures: decoration only, so it may be light.
const EMPTY_RING: &str = "#ececec";
/// Horizontal distance from the ring to its label columns.
const LABEL_GAP: f64 = 18.0;
const LINE: f64 = 15.0;
const VALUE_SIZE: f64 = 13.0;

/// One panel: a ring and its two label columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Panel {
    /// Top of the panel: labels never go above it.
    pub top: f64,
    pub cx: f64,
    pub cy: f64,
    pub outer: f64,
    pub width: f64,
}

impl Panel {
    /// `longest_word`: the widest word of any label, which cannot be wrapped; the ring
    /// gives up room for it.
    pub fn new(top: f64, cx: f64, width: f64, longest_word: f64) -> Panel {
        let outer = (width * 0.16).min(width / 2.0 - LABEL_GAP - 12.0 - longest_word).clamp(24.0, 64.0);
        Panel { top, cx, cy: top + outer + 26.0, outer, width }
    }

    /// A ring with its labels listed under it instead of beside it.
    fn alone(top: f64, cx: f64) -> Panel {
        Panel { top, cx, cy: top + 50.0, outer: 44.0, width: 0.0 }
    }

    fn inner(&self) -> f64 {
        self.outer * 0.62
    }

    /// Characters per label line in a column.
    fn label_chars(&self) -> usize {
        chars_in(self.width / 2.0 - self.outer - LABEL_GAP - 10.0, FONT_SMALL)
    }
}

/// A placed label: its text block (lines, then the value in bold) and where its leader
/// line starts on the ring.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub x: f64,
    /// Vertical centre of the block.
    pub y: f64,
    pub anchor: Anchor,
    pub lines: Vec<String>,
    pub value: String,
    /// Point on the ring's edge at the middle of the segment.
    pub from: (f64, f64),
}

impl Label {
    pub fn height(&self) -> f64 {
        (self.lines.len() + 1) as f64 * LINE
    }

    /// Estimated box: (left, top, right, bottom).
    #[cfg(test)]
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let widest = self.lines.iter().map(|l| text_width(l, FONT_SMALL)).fold(text_width(&self.value, VALUE_SIZE), f64::max);
        let (left, right) = match self.anchor {
            Anchor::End => (self.x - widest, self.x),
            _ => (self.x, self.x + widest),
        };
        (left, self.y - self.height() / 2.0, right, self.y + self.height() / 2.0)
    }
}

fn point(cx: f64, cy: f64, radius: f64, angle: f64) -> (f64, f64) {
    (cx + radius * angle.cos(), cy + radius * angle.sin())
}

/// The ring segment between two angles (radians, clockwise from 3 o'clock).
fn segment(panel: &Panel, from: f64, to: f64) -> String {
    let (cx, cy, outer, inner) = (panel.cx, panel.cy, panel.outer, panel.inner());
    let large = if to - from > PI { 1 } else { 0 };
    let (ox0, oy0) = point(cx, cy, outer, from);
    let (ox1, oy1) = point(cx, cy, outer, to);
    let (ix1, iy1) = point(cx, cy, inner, to);
    let (ix0, iy0) = point(cx, cy, inner, from);
    format!(
        "M{} {}A{o} {o} 0 {large} 1 {} {}L{} {}A{i} {i} 0 {large} 0 {} {}Z",
        num(ox0),
        num(oy0),
        num(ox1),
        num(oy1),
        num(ix1),
        num(iy1),
        num(ix0),
        num(iy0),
        o = num(outer),
        i = num(inner)
    )
}

/// Moves the labels of one column apart vertically so their blocks do not overlap, and
/// keeps the column below the top of the panel.
fn spread(labels: &mut [&mut Label], top: f64) {
    labels.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut min_y = top;
    for label in labels.iter_mut() {
        let lowest = min_y + label.height() / 2.0;
        if label.y < lowest {
            label.y = lowest;
        }
        min_y = label.y + label.height() / 2.0 + 2.0;
    }
}

/// The segments' angles (start, sweep) for `values`, clockwise from 12 o'clock.
fn sweeps(values: &[f64]) -> Vec<(f64, f64)> {
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let mut angle = -PI / 2.0;
    values
        .iter()
        .map(|value| {
            let sweep = if total > 0.0 { value.max(0.0) / total * 2.0 * PI } else { 0.0 };
            let start = angle;
            angle += sweep;
            (start, sweep)
        })
        .collect()
}

/// Labels for one ring: (option label, value text) per segment, in segment order.
pub(crate) fn place_labels(panel: &Panel, values: &[f64], texts: &[(String, String)]) -> Vec<Label> {
    let mut labels: Vec<Label> = sweeps(values)
        .into_iter()
        .zip(texts)
        .map(|((start, sweep), (label, value))| {
            let middle = start + sweep / 2.0;
            let right = middle.cos() >= -1e-9;
            let x = if right { panel.cx + panel.outer + LABEL_GAP } else { panel.cx - panel.outer - LABEL_GAP };
            Label {
                x,
                y: panel.cy + (panel.outer + 6.0) * middle.sin(),
                anchor: if right { Anchor::Start } else { Anchor::End },
                lines: wrap(label, panel.label_chars()),
                value: value.clone(),
                from: point(panel.cx, panel.cy, panel.outer + 1.0, middle),
            }
        })
        .collect();
    let (mut right, mut left): (Vec<&mut Label>, Vec<&mut Label>) = labels.iter_mut().partition(|label| label.anchor == Anchor::Start);
    spread(&mut right, panel.top);
    spread(&mut left, panel.top);
    labels
}

/// Whether labels with `longest_word` fit in columns beside a ring in a panel this wide.
fn fits_beside(panel_width: f64, longest_word: f64) -> bool {
    panel_width / 2.0 - LABEL_GAP - 12.0 - longest_word >= 24.0
}

/// Labels as a list under a ring, from `top`: a colour dot, the label and the value; returns
/// the bottom of the list.
fn draw_list(writer: &mut Writer, texts: &[(String, String)], colors: &[String], top: f64, width: f64, text: &str) -> f64 {
    let mut y = top;
    for ((label, value), color) in texts.iter().zip(colors) {
        let lines = wrap(&format!("{label}: {value}"), chars_in(width - 24.0, FONT_SMALL));
        writer.circle(6.0, y + LINE / 2.0, 5.0, color);
        for line in &lines {
            writer.text(18.0, y + LINE - 3.0, line, FONT_SMALL, Anchor::Start, text, false);
            y += LINE;
        }
        y += 3.0;
    }
    y + 2.0
}

/// Width of the widest word in `labels`.
pub(crate) fn longest_word<'a>(labels: impl Iterator<Item = &'a str>) -> f64 {
    labels.flat_map(str::split_whitespace).map(|word| text_width(word, FONT_SMALL)).fold(text_width("100%", VALUE_SIZE), f64::max)
}

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Drawing {
    let options = &selection.items[0].options;
    let colors = option_colors(options, style);
    let text = style.text_color.as_str();
    let years = selection.years.len();
    let longest = longest_word(options.iter().map(|o| o.label.as_str()));
    let side_by_side = width / years as f64 >= MIN_PANEL && fits_beside(width / years as f64, longest);
    let panel_width = if side_by_side { width / years as f64 } else { width };
    // A word too long for a label column even beside the smallest ring: labels go in a list
    // under each ring, each with its colour.
    let listed = !fits_beside(panel_width, longest);
    let mut writer = Writer::default();
    let mut top = 0.0;
    let mut bottom: f64 = 0.0;

    for (y, year) in selection.years.iter().enumerate() {
        let cx = if side_by_side { y as f64 * panel_width + panel_width / 2.0 } else { width / 2.0 };
        let panel = if listed { Panel::alone(top, cx) } else { Panel::new(top, cx, panel_width, longest) };
        let Some(values) = options.iter().map(|o| o.value(y)).collect::<Option<Vec<f64>>>() else {
            // A year without its figures is not a whole: an empty ring, "–" under it.
            writer.path(&segment(&panel, 0.0, PI), EMPTY_RING, "");
            writer.path(&segment(&panel, PI, 2.0 * PI), EMPTY_RING, "");
            writer.text(panel.cx, panel.cy + 18.0 * 0.35, &year.to_string(), 18.0, Anchor::Middle, text, true);
            writer.text(panel.cx, panel.cy + panel.outer + 18.0, NO_VALUE, VALUE_SIZE, Anchor::Middle, text, true);
            bottom = bottom.max(panel.cy + panel.outer + 26.0);
            if !side_by_side {
                top = bottom + 8.0;
            }
            continue;
        };
        for (i, (start, sweep)) in sweeps(&values).into_iter().enumerate() {
            let fill = &colors[i];
            if sweep >= 2.0 * PI - 1e-9 {
                // A full ring cannot be one arc: draw it as two halves.
                writer.path(&segment(&panel, start, start + PI), fill, "");
                writer.path(&segment(&panel, start + PI, start + 2.0 * PI), fill, "");
            } else if sweep > 0.0 {
                writer.path(&segment(&panel, start, start + sweep), fill, r##" stroke="#ffffff" stroke-width="2""##);
            }
        }
        let texts: Vec<(String, String)> =
            options.iter().zip(&values).map(|(o, value)| (o.label.clone(), value_text(*value, selection.unit(), &style.format))).collect();
        bottom = bottom.max(panel.cy + panel.outer + 12.0);
        if listed {
            bottom = draw_list(&mut writer, &texts, &colors, bottom, width, text);
        } else {
            for label in &place_labels(&panel, &values, &texts) {
                draw_label(&mut writer, label, text);
                bottom = bottom.max(label.y + label.height() / 2.0 + 4.0);
            }
        }
        // The year in the hole names the donut in text, not only by position.
        let year_text = year.to_string();
        let size = if text_width(&year_text, 18.0) < 2.0 * panel.inner() - 8.0 { 18.0 } else { 13.0 };
        writer.text(panel.cx, panel.cy + size * 0.35, &year_text, size, Anchor::Middle, text, true);
        if !side_by_side {
            top = bottom + 8.0;
        }
    }
    writer.finish(width, bottom)
}

/// A label's text block and its leader line: from the segment's edge out to an elbow level
/// with the label, then across to the label.
fn draw_label(writer: &mut Writer, label: &Label, text: &str) {
    let (fx, fy) = label.from;
    let first_line = label.y - label.height() / 2.0 + LINE / 2.0;
    let end_x = if label.anchor == Anchor::Start { label.x - 4.0 } else { label.x + 4.0 };
    let elbow_x = fx + (end_x - fx) * 0.35;
    writer.body.push_str(&format!(
        "<polyline points=\"{},{} {},{} {},{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"/>\n",
        num(fx),
        num(fy),
        num(elbow_x),
        num(first_line),
        num(end_x),
        num(first_line),
        escape(text)
    ));
    let mut baseline = label.y - label.height() / 2.0 + LINE - 3.0;
    for line in &label.lines {
        writer.text(label.x, baseline, line, FONT_SMALL, label.anchor, text, false);
        baseline += LINE;
    }
    writer.text(label.x, baseline, &label.value, VALUE_SIZE, label.anchor, text, true);
}
