//! 100%-stacked horizontal bars: one bar per item (per year), or per year for a simple
//! question. Segments follow the option order, are separated by white lines, and carry their
//! value inside when wide enough; otherwise the value sits just above (or below) the bar.

use super::canvas::paint;
use super::layout::{bands, draw_band_labels, draw_legend, label_columns, labels_above, legend_height, place_bands, Entry};
use super::select::Selection;
use super::svg::{color, label_on, text_width, Anchor, Drawing, FONT_SMALL};
use super::{value_text, Style};

const BAR: f64 = 24.0;
const VALUE_SIZE: f64 = FONT_SMALL;

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Result<Drawing, String> {
    let above = labels_above(width);
    let options = &selection.items[0].options;
    let entries: Vec<Entry> = options.iter().enumerate().map(|(i, o)| (o.label.clone(), color(&style.palette, i))).collect();
    let mut entries = entries;
    if selection.matrix && selection.years.len() == 1 {
        // The year is not on any row, so the legend names it.
        entries.insert(0, (format!("{}:", selection.years[0]), "#ffffff".into()));
    }
    let legend = legend_height(&entries, width);
    let bands = bands(selection, width);
    let columns = label_columns(&bands, above);
    let bars_x = columns.item_width + columns.year_width;
    let bar_width = width - bars_x - 8.0;
    // Values too narrow for their segment stand above or below the bar: rows keep room
    // between them so the one below a bar never meets the one above the next bar.
    let placement = place_bands(&bands, legend + 22.0, BAR, 34.0, 34.0, above);
    let height = placement.bottom + 18.0;
    let unit = selection.unit();
    let text = style.text_color.as_str();

    paint(width, height, |canvas| {
        draw_legend(canvas, &entries, 0.0, 0.0, width, text);
        draw_band_labels(canvas, &bands, &placement, bars_x, text);
        for (band, (_, centres)) in bands.iter().zip(&placement.bands) {
            for (row, centre) in band.rows.iter().zip(centres) {
                let total: f64 = row.values.iter().map(|v| v.max(0.0)).sum();
                if total <= 0.0 {
                    continue;
                }
                let (top, bottom) = (centre - BAR / 2.0, centre + BAR / 2.0);
                let mut x = bars_x;
                let mut outside_above = true;
                let mut boundaries = Vec::new();
                for (i, value) in row.values.iter().enumerate() {
                    let width = value.max(0.0) / total * bar_width;
                    let fill = color(&style.palette, i);
                    canvas.rect(x, top, x + width, bottom, &fill);
                    let label = value_text(*value, unit, &style.format);
                    if width >= text_width(&label, VALUE_SIZE) + 8.0 {
                        canvas.text(x + width / 2.0, *centre, &label, VALUE_SIZE, Anchor::Middle, &label_on(&fill, text), true);
                    } else if *value > 0.0 {
                        // Too narrow to hold its value: print it next to the bar, alternating
                        // sides so two narrow neighbours do not overlap.
                        let y = if outside_above { top - 8.0 } else { bottom + 8.0 };
                        canvas.text(x + width / 2.0, y, &label, FONT_SMALL, Anchor::Middle, text, false);
                        outside_above = !outside_above;
                    }
                    x += width;
                    boundaries.push(x);
                }
                boundaries.pop();
                for boundary in boundaries {
                    canvas.line(boundary, top, boundary, bottom, "#ffffff", 2);
                }
            }
        }
    })
}
