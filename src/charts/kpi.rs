//! KPI tiles: one big number per year (e.g. NPS +7 / +5 / −3), the year under it, and
//! between neighbouring tiles the change from the older to the newer year as an arrow plus
//! signed text, so the trend is readable without colour.

use super::select::Selection;
use super::svg::{chars_in, color, wrap, Anchor, Drawing, Writer, FONT_SMALL};
use super::{value_text, Style};
use crate::data::model::{Unit, Year};
use crate::locale::NumberFormat;

const TILE_W: f64 = 150.0;
const TILE_H: f64 = 130.0;
const GAP: f64 = 84.0;

/// The change between two values in words the reader knows: percentage points for
/// percentages, points otherwise.
pub(crate) fn change_text(delta: f64, unit: &Unit, format: &NumberFormat) -> String {
    let decimals = match unit {
        Unit::Score { .. } => 2,
        _ => NumberFormat::natural_decimals(delta).min(1),
    };
    let number = format.format_signed(delta, decimals);
    match unit {
        Unit::Percentage => format!("{number} %-punt"),
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

pub(crate) fn draw(selection: &Selection, style: &Style) -> Drawing {
    let option = &selection.items[0].options[0];
    let unit = selection.unit();
    let text = style.text_color.as_str();
    let accent = color(&style.palette, 0);
    let label = if selection.matrix { format!("{}: {}", selection.items[0].label, option.label) } else { option.label.clone() };
    let label_lines = wrap(&label, chars_in(TILE_W - 16.0, FONT_SMALL));
    let top = 4.0;
    let tile_h = TILE_H + (label_lines.len() as f64 - 1.0) * 14.0;
    let mut writer = Writer::default();
    let count = selection.years.len();

    for (i, (year, value)) in selection.years.iter().zip(&option.values).enumerate() {
        let x = 2.0 + i as f64 * (TILE_W + GAP);
        let centre = x + TILE_W / 2.0;
        writer.rect(x, top, TILE_W, tile_h, "#ffffff", &format!(r#" stroke="{accent}" stroke-width="2" rx="8""#));
        let mut y = top + 22.0;
        for line in &label_lines {
            writer.text(centre, y, line, FONT_SMALL, Anchor::Middle, text, false);
            y += 14.0;
        }
        writer.text(centre, y + 40.0, &value_text(*value, unit, &style.format), 44.0, Anchor::Middle, &accent, true);
        writer.text(centre, y + 72.0, &year.to_string(), 15.0, Anchor::Middle, text, true);
        if i + 1 < count {
            let next = (selection.years[i + 1], option.values[i + 1]);
            let (newer, older, delta) = trend((*year, *value), next);
            let mid = x + TILE_W + GAP / 2.0;
            let cy = top + tile_h / 2.0;
            writer.text(mid, cy - 12.0, arrow(delta), 16.0, Anchor::Middle, text, false);
            writer.text(mid, cy + 8.0, &change_text(delta, unit, &style.format), 13.0, Anchor::Middle, text, true);
            writer.text(mid, cy + 24.0, &format!("{older}\u{2192}{newer}"), 10.0, Anchor::Middle, text, false);
        }
    }
    let width = 4.0 + count as f64 * TILE_W + (count as f64 - 1.0) * GAP;
    writer.finish(width, top + tile_h + 4.0)
}
