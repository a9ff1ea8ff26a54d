//! Diverging bars: per item (and year) the first option (e.g. "verbeterd") runs right of a
//! centre line, the second ("verslechterd") left of it, both on one scale so lengths compare.

use super::canvas::paint;
use super::colors::option_colors;
use super::layout::{bands, draw_band_labels, draw_legend, label_columns, labels_above, legend_height, nice_max, place_bands, Entry};
use super::select::Selection;
use super::svg::{Anchor, Drawing, FONT_SMALL};
use super::{value_or_dash, Style};

const BAR: f64 = 18.0;
/// Room at both ends for the values printed beyond the bars.
const VALUE_ROOM: f64 = 46.0;

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Result<Drawing, String> {
    let above = labels_above(width);
    let options = &selection.items[0].options;
    let (right, left) = (&options[0], &options[1]);
    let colors = option_colors(options, style);
    let (right_color, left_color) = (colors[0].clone(), colors[1].clone());
    // Legend in reading order: the left-hand option first, with arrows naming the side.
    let mut entries: Vec<Entry> =
        vec![(format!("\u{2190} {}", left.label), left_color.clone()), (format!("{} \u{2192}", right.label), right_color.clone())];
    if selection.matrix && selection.years.len() == 1 {
        entries.insert(0, (format!("{}:", selection.years[0]), "#ffffff".into()));
    }
    let legend = legend_height(&entries, width);
    let bands = bands(selection, width);
    let columns = label_columns(&bands, above);
    let bars_x = columns.item_width + columns.year_width;
    let half = (width - bars_x - 2.0 * VALUE_ROOM) / 2.0;
    let centre_x = bars_x + VALUE_ROOM + half;
    let max = nice_max(selection.values().fold(0.0, f64::max));
    let placement = place_bands(&bands, legend + 8.0, BAR, 6.0, 16.0, above);
    let height = placement.bottom + 8.0;
    let unit = selection.unit();
    let text = style.text_color.as_str();

    paint(width, height, |canvas| {
        draw_legend(canvas, &entries, 0.0, 0.0, width, text);
        draw_band_labels(canvas, &bands, &placement, bars_x, text);
        for (band, (_, centres)) in bands.iter().zip(&placement.bands) {
            for (row, centre) in band.rows.iter().zip(centres) {
                let (top, bottom) = (centre - BAR / 2.0, centre + BAR / 2.0);
                // A side without a value gets no bar, and "–" beside the centre line.
                let right_end = centre_x + row.values[0].unwrap_or(0.0).max(0.0) / max * half;
                let left_end = centre_x - row.values[1].unwrap_or(0.0).max(0.0) / max * half;
                canvas.rect(centre_x, top, right_end, bottom, &right_color);
                canvas.rect(left_end, top, centre_x, bottom, &left_color);
                let label = |value: Option<f64>| value_or_dash(value, unit, &style.format);
                let (right_label, left_label) = (label(row.values[0]), label(row.values[1]));
                canvas.text(right_end + 5.0, *centre, &right_label, FONT_SMALL, Anchor::Start, text, false);
                canvas.text(left_end - 5.0, *centre, &left_label, FONT_SMALL, Anchor::End, text, false);
            }
        }
        // The centre line runs along each band's bars only, never through a label above them.
        for (_, centres) in &placement.bands {
            if let (Some(first), Some(last)) = (centres.first(), centres.last()) {
                canvas.line(centre_x, first - BAR / 2.0 - 3.0, centre_x, last + BAR / 2.0 + 3.0, text, 1);
            }
        }
    })
}
