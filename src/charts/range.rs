//! Range marker: per year, the span from minimum to maximum on a 0–100% scale with the
//! average marked, each with its value printed (as in older editions of the monitor).

use super::colors::year_colors;
use super::select::{Selection, Series};
use super::svg::{Anchor, Drawing, Writer, FONT_SMALL};
use super::{value_text, Style, NO_VALUE};

const ROW: f64 = 58.0;
const GRID: &str = "#d9d9d9";

/// The (minimum, average, maximum) options: by id when the data names them so, otherwise
/// the first three in order.
pub(crate) fn roles(options: &[Series]) -> [&Series; 3] {
    let find = |id: &str| options.iter().find(|o| o.id == id);
    match (find("min"), find("avg"), find("max")) {
        (Some(min), Some(avg), Some(max)) => [min, avg, max],
        _ => [&options[0], &options[1], &options[2]],
    }
}

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Drawing {
    let [min, avg, max] = roles(&selection.items[0].options);
    let unit = selection.unit();
    let text = style.text_color.as_str();
    let (x0, x1) = (56.0, width - 24.0);
    let x_of = |value: f64| x0 + value.clamp(0.0, 100.0) / 100.0 * (x1 - x0);
    let mut writer = Writer::default();

    // Key: what the band and the dot stand for, in words.
    let colours = year_colors(&selection.years, style);
    let band_color = style.accent.clone();
    writer.rect(x0, 6.0, 22.0, 10.0, &band_color, "");
    let key = format!("{} \u{2013} {}", min.label, max.label);
    writer.text(x0 + 28.0, 15.0, &key, FONT_SMALL, Anchor::Start, text, false);
    let dot_x = x0 + 28.0 + super::svg::text_width(&key, FONT_SMALL) + 24.0;
    writer.circle(dot_x, 11.0, 6.0, text);
    writer.text(dot_x + 10.0, 15.0, &avg.label, FONT_SMALL, Anchor::Start, text, false);

    let scale_y = 40.0;
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(tick);
        writer.text(x, scale_y, &value_text(tick, unit, &style.format), FONT_SMALL, Anchor::Middle, text, false);
        writer.line(x, scale_y + 6.0, x, scale_y + 10.0 + ROW * selection.years.len() as f64, GRID, 1.0);
    }
    for (i, year) in selection.years.iter().enumerate() {
        let cy = scale_y + 10.0 + i as f64 * ROW + ROW / 2.0 - 4.0;
        writer.text(0.0, cy + 4.0, &year.to_string(), 13.0, Anchor::Start, text, true);
        writer.line(x0, cy, x1, cy, GRID, 2.0);
        let (Some(lo), Some(mean), Some(hi)) = (min.value(i), avg.value(i), max.value(i)) else {
            writer.text(x0 + 4.0, cy + 4.0, NO_VALUE, FONT_SMALL, Anchor::Start, text, false);
            continue;
        };
        let fill = &colours[i];
        writer.rect(x_of(lo), cy - 6.0, x_of(hi) - x_of(lo), 12.0, fill, "");
        writer.circle(x_of(mean), cy, 7.0, text);
        writer.circle(x_of(mean), cy, 3.0, "#ffffff");
        writer.text(x_of(mean), cy - 12.0, &value_text(mean, unit, &style.format), FONT_SMALL, Anchor::Middle, text, true);
        writer.text(x_of(lo), cy + 22.0, &value_text(lo, unit, &style.format), FONT_SMALL, Anchor::Middle, text, false);
        writer.text(x_of(hi), cy + 22.0, &value_text(hi, unit, &style.format), FONT_SMALL, Anchor::Middle, text, false);
    }
    writer.finish(width, scale_y + 14.0 + ROW * selection.years.len() as f64)
}
