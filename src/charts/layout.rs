//! Layout shared by the row-based charts: legends, and "bands" (one band per item of a
//! matrix question, one row per year inside it) for stacked, diverging and score charts.

use super::canvas::Canvas;
use super::select::Selection;
use super::svg::{chars_in, text_width, wrap, Anchor, FONT, FONT_SMALL, LINE};

/// Below this width (sheet units) labels go above their bars instead of in a column beside
/// them: a label column would leave the bars too little room.
const LABELS_BESIDE_FROM: f64 = 440.0;

/// Whether labels of horizontal rows stand above their bars at this width.
pub(crate) fn labels_above(width: f64) -> bool {
    width < LABELS_BESIDE_FROM
}

/// Characters per line for labels: beside the bars they take at most 45% of the width.
pub(crate) fn label_chars(width: f64) -> usize {
    if labels_above(width) {
        chars_in(width - 8.0, FONT)
    } else {
        chars_in(width * 0.45, FONT).min(40)
    }
}

/// A legend entry: text and colour. The text is what makes colour never the only cue.
pub(crate) type Entry = (String, String);

/// The legend of a chart whose series are years: none for a single year, which the chart's
/// title names instead (see `charts::titled`).
pub(crate) fn year_entries(years: &[crate::data::model::Year], colours: &[String]) -> Vec<Entry> {
    if years.len() < 2 {
        return Vec::new();
    }
    years.iter().zip(colours).map(|(year, colour)| (year.to_string(), colour.clone())).collect()
}

const SWATCH: f64 = 5.0;

/// A legend entry placed: where it starts (x, row) and its text in lines (a label wider than
/// the legend wraps, and takes rows of its own).
struct Placed {
    x: f64,
    row: usize,
    lines: Vec<String>,
}

/// Legend entries flowing over rows within `width`.
fn legend_positions(entries: &[Entry], width: f64) -> Vec<Placed> {
    let room = width - 2.0 * SWATCH - 6.0;
    let (mut x, mut row) = (0.0, 0);
    let mut out = Vec::new();
    for (label, _) in entries {
        let lines = if text_width(label, FONT_SMALL) > room { wrap(label, chars_in(room, FONT_SMALL)) } else { vec![label.clone()] };
        let advance = 2.0 * SWATCH + 6.0 + lines.iter().map(|l| text_width(l, FONT_SMALL)).fold(0.0, f64::max) + 18.0;
        if x > 0.0 && (x + advance > width || lines.len() > 1) {
            x = 0.0;
            row += 1;
        }
        let rows = lines.len();
        out.push(Placed { x, row, lines });
        if rows > 1 {
            // A wrapped entry fills its rows: the next one starts under it.
            row += rows - 1;
            x = width;
        } else {
            x += advance;
        }
    }
    out
}

pub(crate) fn legend_height(entries: &[Entry], width: f64) -> f64 {
    match legend_positions(entries, width).last() {
        None => 0.0,
        Some(last) => (last.row + last.lines.len()) as f64 * LINE + 10.0,
    }
}

pub(crate) fn draw_legend(canvas: &Canvas, entries: &[Entry], x: f64, y: f64, width: f64, text_color: &str) {
    for ((_, color), placed) in entries.iter().zip(legend_positions(entries, width)) {
        let cy = y + placed.row as f64 * LINE + LINE / 2.0;
        canvas.circle(x + placed.x + SWATCH, cy, SWATCH, color);
        for (i, line) in placed.lines.iter().enumerate() {
            canvas.text(x + placed.x + 2.0 * SWATCH + 6.0, cy + i as f64 * LINE, line, FONT_SMALL, Anchor::Start, text_color, false);
        }
    }
}

/// One bar-row: a year label (may be empty) and one value per option (`None`: no value).
pub(crate) struct BandRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// The rows of one item; `label` is the item's wrapped label (empty for a simple question).
pub(crate) struct Band {
    pub label: Vec<String>,
    pub rows: Vec<BandRow>,
}

/// Bands for a selection: a simple question gives one unlabelled band with a row per year;
/// a matrix question gives a band per item (rows per year, year labels only when needed).
pub(crate) fn bands(selection: &Selection, width: f64) -> Vec<Band> {
    let several_years = selection.years.len() > 1;
    selection
        .items
        .iter()
        .map(|item| Band {
            label: if selection.matrix { wrap(&item.label, label_chars(width)) } else { Vec::new() },
            rows: selection
                .years
                .iter()
                .enumerate()
                .map(|(y, year)| BandRow {
                    label: if several_years || !selection.matrix { year.to_string() } else { String::new() },
                    values: item.options.iter().map(|option| option.value(y)).collect(),
                })
                .collect(),
        })
        .collect()
}

/// Where bands and their rows go vertically.
pub(crate) struct BandPlacement {
    /// Per band: the centre of its label block, and the vertical centre of each row.
    pub bands: Vec<(f64, Vec<f64>)>,
    pub bottom: f64,
}

/// With `above`, each band's label block stands above its rows (narrow charts); otherwise
/// it stands beside them in the label column.
pub(crate) fn place_bands(bands: &[Band], top: f64, row_height: f64, row_gap: f64, band_gap: f64, above: bool) -> BandPlacement {
    place_bands_spaced(bands, top, row_height, row_gap, band_gap, above, &|_, _| 0.0)
}

/// `place_bands` with `room_under(band, row)` extra space under a row, for what a chart
/// prints under some bars (values too wide for their segment).
pub(crate) fn place_bands_spaced(
    bands: &[Band],
    top: f64,
    row_height: f64,
    row_gap: f64,
    band_gap: f64,
    above: bool,
    room_under: &dyn Fn(usize, usize) -> f64,
) -> BandPlacement {
    let mut y = top;
    let mut placed = Vec::new();
    for (b, band) in bands.iter().enumerate() {
        // Row tops relative to the rows' block, and the block's height.
        let mut offsets = Vec::with_capacity(band.rows.len());
        let mut rows_height = 0.0;
        for r in 0..band.rows.len() {
            if r > 0 {
                rows_height += row_gap;
            }
            offsets.push(rows_height);
            rows_height += row_height + room_under(b, r);
        }
        let label_height = band.label.len() as f64 * LINE;
        let (label_centre, rows_top, height) = if above {
            let rows_top = y + label_height + if label_height > 0.0 { 4.0 } else { 0.0 };
            (y + label_height / 2.0, rows_top, rows_top - y + rows_height)
        } else {
            let height = rows_height.max(label_height);
            // Rows are centred in the band, so a long label and few rows still line up.
            (y + height / 2.0, y + (height - rows_height) / 2.0, height)
        };
        placed.push((label_centre, offsets.iter().map(|offset| rows_top + offset + row_height / 2.0).collect()));
        y += height + band_gap;
    }
    BandPlacement { bands: placed, bottom: y - band_gap }
}

/// Column widths for band labels: item labels on the left, year labels just before the bars.
pub(crate) struct LabelColumns {
    pub item_width: f64,
    pub year_width: f64,
}

pub(crate) fn label_columns(bands: &[Band], above: bool) -> LabelColumns {
    // Labels above their rows take no column.
    let beside = bands.iter().filter(|_| !above).flat_map(|band| band.label.iter());
    let item_width = beside.map(|line| text_width(line, FONT)).fold(0.0, f64::max);
    let year_width = bands.iter().flat_map(|band| band.rows.iter()).map(|row| text_width(&row.label, FONT_SMALL)).fold(0.0, f64::max);
    LabelColumns {
        item_width: if item_width > 0.0 { item_width + 12.0 } else { 0.0 },
        year_width: if year_width > 0.0 { year_width + 10.0 } else { 0.0 },
    }
}

/// Draws band labels (left, top-aligned block centred on the band) and row labels (right
/// aligned just before `bars_x`).
pub(crate) fn draw_band_labels(canvas: &Canvas, bands: &[Band], placement: &BandPlacement, bars_x: f64, text_color: &str) {
    for (band, (centre, rows)) in bands.iter().zip(&placement.bands) {
        canvas.lines(0.0, *centre, &band.label, FONT, LINE, Anchor::Start, text_color);
        for (row, y) in band.rows.iter().zip(rows) {
            if !row.label.is_empty() {
                canvas.text(bars_x - 8.0, *y, &row.label, FONT_SMALL, Anchor::End, text_color, false);
            }
        }
    }
}

/// A round upper bound for a scale, so bars of similar charts have similar lengths.
pub(crate) fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * magnitude >= max {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}
