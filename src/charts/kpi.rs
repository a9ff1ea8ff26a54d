//! KPI tiles: one big number per year (e.g. NPS +7 / +5 / −3), the year under it, and
//! between neighbouring tiles the change from the older to the newer year as an arrow plus
//! signed text, so the trend is readable without colour.

use super::colors::year_colors;
use super::select::Selection;
use super::svg::{chars_in, wrap, Anchor, Drawing, Writer, FONT_SMALL};
use super::{value_or_dash, ChartWords, Style};
use crate::data::model::{Unit, Year};
use crate::locale::NumberFormat;

const TILE_W: f64 = 150.0;
/// Below this a tile cannot hold its number: the tiles go in a column.
const MIN_TILE_W: f64 = 96.0;
/// Height of a tile below its label: the number and the year.
const TILE_H: f64 = 70.0;
const GAP: f64 = 80.0;
const LINE: f64 = 15.0;

/// The change between two values in words the reader knows: percentage points for
/// percentages, points otherwise.
pub(crate) fn change_text(delta: f64, unit: &Unit, format: &NumberFormat, words: &ChartWords) -> String {
    let decimals = match unit {
        Unit::Score { .. } => 2,
        _ => NumberFormat::natural_decimals(delta).min(1),
    };
    let number = format.format_signed(delta, decimals);
    match unit {
        Unit::Percentage => format!("{number} {}", words.percentage_points),
        _ => number,
    }
}

/// Arrow for the change from `older` to `newer`.
pub(crate) fn arrow(delta: f64) -> &'static str {
    if delta > 1e-9 {
        "\u{25B2}"
    } else if delta < -1e-9 {
        "\u{25BC}"
    } else {
        "="
    }
}

/// (newer year, older year, change) for two neighbouring tiles in any order.
pub(crate) fn trend(a: (Year, f64), b: (Year, f64)) -> (Year, Year, f64) {
    let (newer, older) = if a.0 >= b.0 { (a, b) } else { (b, a) };
    (newer.0, older.0, newer.1 - older.1)
}

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Drawing {
    let count = selection.years.len() as f64;
    let tile_w = ((width - 4.0 - (count - 1.0) * GAP) / count).min(TILE_W);
    if tile_w >= MIN_TILE_W {
        tiles_in_a_row(selection, style, tile_w)
    } else {
        tiles_in_a_column(selection, style, width)
    }
}

fn label_of(selection: &Selection) -> String {
    let option = &selection.items[0].options[0];
    if selection.matrix {
        format!("{}: {}", selection.items[0].label, option.label)
    } else {
        option.label.clone()
    }
}

/// Tiles side by side, the change between neighbours in the gap.
fn tiles_in_a_row(selection: &Selection, style: &Style, tile_w: f64) -> Drawing {
    let option = &selection.items[0].options[0];
    let unit = selection.unit();
    let text = style.text_color.as_str();
    let colours = year_colors(&selection.years, style);
    let label_lines = wrap(&label_of(selection), chars_in(tile_w - 16.0, FONT_SMALL));
    let value_size = (tile_w * 0.3).clamp(24.0, 44.0);
    let top = 4.0;
    // Label lines from the top, then the number and the year under it.
    let tile_h = 18.0 + label_lines.len() as f64 * LINE + TILE_H;
    let mut writer = Writer::default();
    let count = selection.years.len();

    for (i, year) in selection.years.iter().enumerate() {
        let value = option.value(i);
        let x = 2.0 + i as f64 * (tile_w + GAP);
        let centre = x + tile_w / 2.0;
        let accent = &colours[i];
        writer.rect(x, top, tile_w, tile_h, "#ffffff", &format!(r#" stroke="{accent}" stroke-width="2" rx="8""#));
        let mut y = top + 18.0;
        for line in &label_lines {
            writer.text(centre, y, line, FONT_SMALL, Anchor::Middle, text, false);
            y += LINE;
        }
        writer.text(centre, y + 30.0, &value_or_dash(value, unit, &style.format), value_size, Anchor::Middle, accent, true);
        writer.text(centre, y + 57.0, &year.to_string(), 15.0, Anchor::Middle, text, true);
        // A change is shown only between two years that both have a value.
        if let (Some(value), Some(next)) = (value, option.value(i + 1)) {
            let (newer, older, delta) = trend((*year, value), (selection.years[i + 1], next));
            let mid = x + tile_w + GAP / 2.0;
            let cy = top + tile_h / 2.0;
            writer.text(mid, cy - 12.0, arrow(delta), 16.0, Anchor::Middle, text, false);
            writer.text(mid, cy + 8.0, &change_text(delta, unit, &style.format, &style.words), 13.0, Anchor::Middle, text, true);
            writer.text(mid, cy + 24.0, &format!("{older}\u{2192}{newer}"), FONT_SMALL, Anchor::Middle, text, false);
        }
    }
    let width = 4.0 + count as f64 * tile_w + (count as f64 - 1.0) * GAP;
    writer.finish(width, top + tile_h + 4.0)
}

/// Narrow slots: one row per year (year left, value right), the change between rows.
fn tiles_in_a_column(selection: &Selection, style: &Style, width: f64) -> Drawing {
    let option = &selection.items[0].options[0];
    let unit = selection.unit();
    let text = style.text_color.as_str();
    let colours = year_colors(&selection.years, style);
    let mut writer = Writer::default();
    let mut y = 4.0;
    for line in wrap(&label_of(selection), chars_in(width - 8.0, FONT_SMALL)) {
        writer.text(2.0, y + 12.0, &line, FONT_SMALL, Anchor::Start, text, false);
        y += LINE;
    }
    y += 4.0;
    let row_h = 52.0;
    for (i, year) in selection.years.iter().enumerate() {
        let value = option.value(i);
        let accent = &colours[i];
        writer.rect(2.0, y, width - 4.0, row_h, "#ffffff", &format!(r#" stroke="{accent}" stroke-width="2" rx="8""#));
        writer.text(16.0, y + row_h / 2.0 + 5.0, &year.to_string(), 15.0, Anchor::Start, text, true);
        writer.text(width - 16.0, y + row_h / 2.0 + 11.0, &value_or_dash(value, unit, &style.format), 32.0, Anchor::End, accent, true);
        y += row_h;
        if let (Some(&next_year), Some(value), Some(next)) = (selection.years.get(i + 1), value, option.value(i + 1)) {
            let (newer, older, delta) = trend((*year, value), (next_year, next));
            let change = format!("{} {} ({older}\u{2192}{newer})", arrow(delta), change_text(delta, unit, &style.format, &style.words));
            writer.text(width / 2.0, y + 17.0, &change, FONT_SMALL, Anchor::Middle, text, false);
            y += 24.0;
        }
    }
    writer.finish(width, y + 4.0)
}
