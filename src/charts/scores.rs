//! Mean scores on the question's scale (e.g. 1–5): a dot per year on a min–max track with the
//! score printed beside it. Dots rather than bars, because a scale that starts at 1 has no
//! natural zero for a bar to grow from. Two years share one track per item, joined by a
//! line (the lower score's value left of its dot, the higher one's right); more years get a
//! row each.

use super::canvas::paint;
use super::colors::year_colors;
use super::layout::label_chars;
use super::layout::{
    draw_band_labels, draw_legend, label_columns, labels_above, legend_height, place_bands, year_entries, Band, BandRow, Entry,
};
use super::select::Selection;
use super::svg::{wrap, Anchor, Drawing, FONT_SMALL};
use super::{value_text, Style};
use crate::data::model::Unit;

const ROW: f64 = 16.0;
const VALUE_ROOM: f64 = 48.0;
const GRID: &str = "#d9d9d9";

/// One band per rated thing: an option of a simple question, or item (+ option) of a matrix.
/// A row per year that has a score, with the index of that year (which picks its colour): an
/// item rated in the newest year only gets just that row.
fn score_bands(selection: &Selection, width: f64) -> Vec<(Band, Vec<usize>)> {
    let several_years = selection.years.len() > 2;
    let mut bands = Vec::new();
    for item in &selection.items {
        for option in &item.options {
            let label = match (selection.matrix, item.options.len()) {
                (false, _) => option.label.clone(),
                (true, 1) => item.label.clone(),
                (true, _) => format!("{}: {}", item.label, option.label),
            };
            let years: Vec<usize> = (0..selection.years.len()).filter(|&y| option.value(y).is_some()).collect();
            let rows = if several_years {
                years.iter().map(|&y| BandRow { label: selection.years[y].to_string(), values: vec![option.value(y)] }).collect()
            } else {
                vec![BandRow { label: String::new(), values: years.iter().map(|&y| option.value(y)).collect() }]
            };
            bands.push((Band { label: wrap(&label, label_chars(width)), rows }, years));
        }
    }
    bands
}

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Result<Drawing, String> {
    let above = labels_above(width);
    let (min, max) = match selection.unit() {
        Unit::Score { min, max } if max > min => (*min, *max),
        _ => (0.0, selection.values().fold(1.0, f64::max)),
    };
    let colours = year_colors(&selection.years, style);
    let entries: Vec<Entry> = year_entries(&selection.years, &colours);
    let legend = legend_height(&entries, width);
    let (bands, band_years): (Vec<Band>, Vec<Vec<usize>>) = score_bands(selection, width).into_iter().unzip();
    let columns = label_columns(&bands, above);
    let shared_track = selection.years.len() == 2;
    let track_x0 = columns.item_width + columns.year_width + 8.0 + if shared_track { VALUE_ROOM } else { 0.0 };
    let track_x1 = width - VALUE_ROOM;
    let x_of = |value: f64| track_x0 + (value.clamp(min, max) - min) / (max - min) * (track_x1 - track_x0);
    let scale_y = legend + 8.0;
    let placement = place_bands(&bands, scale_y + 14.0, ROW, 4.0, if shared_track { 8.0 } else { 12.0 }, above);
    let height = placement.bottom + 8.0;
    let unit = selection.unit();
    let text = style.text_color.as_str();
    // Tick marks at whole scale points when there are few of them (1, 2, 3, 4, 5).
    let ticks: Vec<f64> = if max - min <= 10.0 && min.fract() == 0.0 {
        (0..=((max - min) as usize)).map(|i| min + i as f64).collect()
    } else {
        vec![min, max]
    };

    paint(width, height, |canvas| {
        draw_legend(canvas, &entries, 0.0, 0.0, width, text);
        for tick in &ticks {
            let x = x_of(*tick);
            canvas.line(x, scale_y + 8.0, x, height - 2.0, GRID, 1);
            let digits = crate::locale::NumberFormat::natural_decimals(*tick);
            canvas.text(x, scale_y, &style.format.format(*tick, digits), FONT_SMALL, Anchor::Middle, text, false);
        }
        draw_band_labels(canvas, &bands, &placement, track_x0 - 8.0, text);
        for ((band, years), (_, centres)) in bands.iter().zip(&band_years).zip(&placement.bands) {
            for (r, (row, centre)) in band.rows.iter().zip(centres).enumerate() {
                canvas.line(track_x0, *centre, track_x1, *centre, GRID, 2);
                // The years on this track: one, or the two of a shared track.
                let on_track: Vec<(usize, f64)> = if shared_track {
                    years.iter().copied().zip(row.values.iter().flatten().copied()).collect()
                } else {
                    row.values[0].map(|value| (years[r], value)).into_iter().collect()
                };
                if let [(_, a), (_, b)] = on_track[..] {
                    canvas.line(x_of(a), *centre, x_of(b), *centre, "#9a9a9a", 3);
                }
                let lowest = on_track.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
                // The newest year (first) is drawn last, so its dot is never hidden under an older one.
                for (k, &(year, value)) in on_track.iter().enumerate().rev() {
                    let x = x_of(value);
                    canvas.circle(x, *centre, 6.0, &colours[year]);
                    let label = value_text(value, unit, &style.format);
                    // The lower of two values stands left of its dot, so the two never meet.
                    let left = on_track.len() == 2 && value == lowest && (k == 0 || on_track[0].1 != value);
                    let (at, anchor) = if left { (x - 10.0, Anchor::End) } else { (x + 10.0, Anchor::Start) };
                    canvas.text(at, *centre, &label, FONT_SMALL, anchor, text, k == 0);
                }
            }
        }
    })
}
