//! Donuts, one per selected year side by side, drawn as SVG arc paths (plotters' pie is a
//! heavy polygon with a hard-coded decimal point). The year sits in the hole; every segment
//! is labelled outside the ring with its option and value, so no legend colour lookup and
//! no contrast problem for text on coloured segments.

use std::f64::consts::PI;

use super::select::Selection;
use super::svg::{chars_in, color, num, text_width, wrap, Anchor, Drawing, Writer, FONT_SMALL};
use super::{value_text, Style};

const PANEL: f64 = 360.0;
const OUTER: f64 = 72.0;
const INNER: f64 = 44.0;
const LABEL_GAP: f64 = 14.0;
const LINE: f64 = 15.0;
/// Space above and below the ring for labels.
const ROOM: f64 = 52.0;

struct Label {
    x: f64,
    y: f64,
    anchor: Anchor,
    lines: Vec<String>,
    value: String,
}

impl Label {
    fn height(&self) -> f64 {
        (self.lines.len() + 1) as f64 * LINE
    }
}

fn point(cx: f64, cy: f64, radius: f64, angle: f64) -> (f64, f64) {
    (cx + radius * angle.cos(), cy + radius * angle.sin())
}

/// The ring segment between two angles (radians, clockwise from 3 o'clock).
fn segment(cx: f64, cy: f64, from: f64, to: f64) -> String {
    let large = if to - from > PI { 1 } else { 0 };
    let (ox0, oy0) = point(cx, cy, OUTER, from);
    let (ox1, oy1) = point(cx, cy, OUTER, to);
    let (ix1, iy1) = point(cx, cy, INNER, to);
    let (ix0, iy0) = point(cx, cy, INNER, from);
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
        o = num(OUTER),
        i = num(INNER)
    )
}

/// Moves labels on one side apart vertically so their blocks do not overlap.
fn spread(labels: &mut [&mut Label]) {
    labels.sort_by(|a, b| a.y.total_cmp(&b.y));
    for i in 1..labels.len() {
        let min_y = labels[i - 1].y + (labels[i - 1].height() + labels[i].height()) / 2.0;
        if labels[i].y < min_y {
            labels[i].y = min_y;
        }
    }
}

pub(crate) fn draw(selection: &Selection, style: &Style) -> Drawing {
    let options = &selection.items[0].options;
    let text = style.text_color.as_str();
    let label_chars = chars_in(PANEL / 2.0 - OUTER - LABEL_GAP - 8.0, FONT_SMALL);
    let cy = ROOM + OUTER;
    let mut writer = Writer::default();
    let mut bottom: f64 = cy + OUTER + ROOM;

    for (y, year) in selection.years.iter().enumerate() {
        let cx = y as f64 * PANEL + PANEL / 2.0;
        let total: f64 = options.iter().map(|o| o.values[y].max(0.0)).sum();
        let mut angle = -PI / 2.0;
        let mut labels = Vec::new();
        for (i, option) in options.iter().enumerate() {
            let value = option.values[y].max(0.0);
            let sweep = if total > 0.0 { value / total * 2.0 * PI } else { 0.0 };
            let fill = color(&style.palette, i);
            let separator = r##" stroke="#ffffff" stroke-width="2""##;
            if sweep >= 2.0 * PI - 1e-9 {
                // A full ring cannot be one arc: draw it as two halves.
                writer.path(&segment(cx, cy, angle, angle + PI), &fill, "");
                writer.path(&segment(cx, cy, angle + PI, angle + 2.0 * PI), &fill, "");
            } else if sweep > 0.0 {
                writer.path(&segment(cx, cy, angle, angle + sweep), &fill, separator);
            }
            let middle = angle + sweep / 2.0;
            let (x, ly) = point(cx, cy, OUTER + LABEL_GAP, middle);
            let anchor = if middle.cos() >= -1e-9 { Anchor::Start } else { Anchor::End };
            labels.push(Label {
                x,
                y: ly,
                anchor,
                lines: wrap(&option.label, label_chars),
                value: value_text(option.values[y], selection.unit(), &style.format),
            });
            angle += sweep;
        }
        let (mut right, mut left): (Vec<&mut Label>, Vec<&mut Label>) = labels.iter_mut().partition(|label| label.anchor == Anchor::Start);
        spread(&mut right);
        spread(&mut left);
        for label in &labels {
            let mut baseline = label.y - label.height() / 2.0 + LINE - 3.0;
            for line in &label.lines {
                writer.text(label.x, baseline, line, FONT_SMALL, label.anchor, text, false);
                baseline += LINE;
            }
            writer.text(label.x, baseline, &label.value, 13.0, label.anchor, text, true);
            bottom = bottom.max(baseline + 8.0);
        }
        // The year in the hole names the donut in text, not only by position.
        let year_text = year.to_string();
        let size = if text_width(&year_text, 18.0) < 2.0 * INNER - 8.0 { 18.0 } else { 13.0 };
        writer.text(cx, cy + size * 0.35, &year_text, size, Anchor::Middle, text, true);
    }
    writer.finish(PANEL * selection.years.len() as f64, bottom)
}
