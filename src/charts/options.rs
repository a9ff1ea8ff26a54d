//! Option list for multiple-answer questions: every option a row with its label, a bar on a
//! 0–100% track per year and the percentage. Shares of respondents do not add up to 100, so
//! the track (not the longest bar) is the reference. Layout is shared with `bars-horizontal`.

use super::hbars::{self, Mode};
use super::select::Selection;
use super::svg::Drawing;
use super::Style;

pub(crate) fn draw(selection: &Selection, style: &Style, width: f64) -> Result<Drawing, String> {
    hbars::draw(selection, style, Mode::Share, width)
}
