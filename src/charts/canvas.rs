//! A thin layer over plotters' SVG backend for the rectangle-and-text charts (bars, option
//! lists, stacked and diverging bars, scores). Chart modules lay out in pixels and call
//! `rect` / `text` / `circle` / `line`; this module hides plotters' quirks:
//! - font sizes are written divided by 1.24, so we pass them multiplied and round back;
//! - text content is written on its own line (a text node "\n30%\n"), which we tighten;
//! - every element carries `font-family`, `opacity="1"` and `stroke="none"`, which we drop
//!   (the family is set once on the root so page CSS can override it).

use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::svg::{rgb, Anchor, Drawing};

/// plotters divides font sizes by this when writing SVG.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

pub(crate) struct Canvas<'a, 'b> {
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
    /// The first drawing error; drawing into a String should never fail, so we keep the
    /// call sites simple and report it once at the end.
    error: RefCell<Option<String>>,
}

fn color(hex: &str) -> RGBColor {
    let (r, g, b) = rgb(hex);
    RGBColor(r, g, b)
}

fn px(value: f64) -> i32 {
    value.round() as i32
}

impl Canvas<'_, '_> {
    fn keep<E: std::fmt::Debug>(&self, result: Result<(), E>) {
        if let Err(error) = result {
            self.error.borrow_mut().get_or_insert_with(|| format!("{error:?}"));
        }
    }

    /// A filled rectangle from (x0, y0) to (x1, y1), corners rounded to whole pixels
    /// independently so adjacent bars and segments meet without gaps.
    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, fill: &str) {
        let shape = Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], color(fill).filled());
        self.keep(self.area.draw(&shape));
    }

    pub fn line(&self, x0: f64, y0: f64, x1: f64, y1: f64, stroke: &str, width: u32) {
        let shape = PathElement::new(vec![(px(x0), px(y0)), (px(x1), px(y1))], color(stroke).stroke_width(width));
        self.keep(self.area.draw(&shape));
    }

    pub fn circle(&self, cx: f64, cy: f64, r: f64, fill: &str) {
        let shape = Circle::new((px(cx), px(cy)), px(r), color(fill).filled());
        self.keep(self.area.draw(&shape));
    }

    /// One line of text, vertically centred on `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(&self, x: f64, y: f64, text: &str, size: f64, anchor: Anchor, fill: &str, bold: bool) {
        let h = match anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let weight = if bold { FontStyle::Bold } else { FontStyle::Normal };
        let font = FontDesc::new(FontFamily::SansSerif, size * PLOTTERS_FONT_SCALE, weight);
        let fill = color(fill);
        let style = TextStyle::from(font).color(&fill).pos(Pos::new(h, VPos::Center));
        self.keep(self.area.draw(&Text::new(text, (px(x), px(y)), style)));
    }

    /// Several lines (a wrapped label), the block vertically centred on `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn lines(&self, x: f64, y: f64, lines: &[String], size: f64, line_height: f64, anchor: Anchor, fill: &str) {
        let top = y - (lines.len() as f64 - 1.0) * line_height / 2.0;
        for (i, line) in lines.iter().enumerate() {
            self.text(x, top + i as f64 * line_height, line, size, anchor, fill, false);
        }
    }
}

/// Draws with plotters into a String and returns the cleaned-up inside of the SVG.
pub(crate) fn paint(width: f64, height: f64, draw: impl FnOnce(&Canvas)) -> Result<Drawing, String> {
    let size = (width.ceil() as u32, height.ceil() as u32);
    let mut raw = String::new();
    let error = {
        let area = SVGBackend::with_string(&mut raw, size).into_drawing_area();
        let canvas = Canvas { area: &area, error: RefCell::new(None) };
        draw(&canvas);
        let error = canvas.error.into_inner();
        area.present().map_err(|e| format!("{e:?}")).err().or(error)
    };
    if let Some(error) = error {
        return Err(error);
    }
    Ok(Drawing { width: size.0, height: size.1, body: tidy(&raw) })
}

/// Drops plotters' `<svg>` wrapper and per-element noise, and puts text content inline.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut lines = raw.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("<svg") || line.starts_with("</svg") {
            continue;
        }
        if line.starts_with("<text") {
            let content = lines.next().unwrap_or("");
            let _close = lines.next();
            out.push_str(&tidy_tag(line));
            out.push_str(content);
            out.push_str("</text>\n");
        } else if line.starts_with('<') {
            out.push_str(&tidy_tag(line));
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn tidy_tag(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    // Attributes are ` name="value"`; values are already escaped by plotters.
    while let Some(start) = rest.find(" ") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let Some(eq) = rest.find("=\"") else { break };
        let name = &rest[1..eq];
        let Some(end) = rest[eq + 2..].find('"') else { break };
        let value = &rest[eq + 2..eq + 2 + end];
        let attribute = &rest[..eq + 3 + end];
        rest = &rest[eq + 3 + end..];
        match (name, value) {
            ("font-family", _) | ("opacity", "1") | ("stroke", "none") => {}
            // Filled shapes have no stroke, so their stroke width is noise.
            ("stroke-width", _) if !tag.starts_with("<polyline") => {}
            ("font-size", value) => {
                let size = value.parse::<f64>().unwrap_or(12.0);
                out.push_str(&format!(" font-size=\"{}\"", super::svg::num(size)));
            }
            // Same spelling as the theme's palette ("#1f4e79"), so CSS and tests can match it.
            ("fill" | "stroke", value) => out.push_str(&format!(" {name}=\"{}\"", value.to_ascii_lowercase())),
            _ => out.push_str(attribute),
        }
    }
    out.push_str(rest);
    out
}
