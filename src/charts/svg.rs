//! SVG helpers shared by all chart kinds: escaping, label wrapping, hand-written elements,
//! colour contrast, and `finish`, which turns a drawing into an accessible inline `<svg>`.

use std::fmt::Write;

/// The inside of an SVG plus its coordinate size; `finish` wraps it in the `<svg>` element.
#[derive(Debug, Clone)]
pub(crate) struct Drawing {
    pub width: u32,
    pub height: u32,
    pub body: String,
}

/// Font sizes in SVG user units. A chart is drawn for the slot it occupies, in sheet units,
/// and the page shows one unit as at least one CSS px (see `Frame`), so no text in a chart
/// is ever smaller than `FONT_SMALL` CSS px: never go below it.
pub(crate) const FONT: f64 = 13.0;
pub(crate) const FONT_SMALL: f64 = 12.0;
pub(crate) const LINE: f64 = 16.0;
/// Average glyph advance as a share of the font size for a sans-serif face. There is no
/// font lookup at build time, so widths are estimated; layouts keep a margin for that.
const ADVANCE: f64 = 0.56;

/// XML escape for text and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Splits a label at spaces into lines of at most `max_chars` characters. A single word
/// longer than that keeps its own line: labels are never cut, so no meaning is lost.
pub(crate) fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let fits = current.chars().count() + 1 + word.chars().count() <= max_chars;
        if current.is_empty() {
            current.push_str(word);
        } else if fits {
            current.push(' ');
            current.push_str(word);
        } else {
            lines.push(std::mem::take(&mut current));
            current.push_str(word);
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Estimated width of `text` at `size`, character by character (not bytes, so accented
/// labels are not judged too wide), with the advances of a common sans-serif (Arial,
/// Liberation Sans): narrow letters and punctuation, wide capitals, `%` and `m`/`w`.
/// Bold text is about 5% wider; callers leave that margin.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(advance).sum::<f64>() * size
}

/// Advance of one character as a share of the font size.
fn advance(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 0.24,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '/' | '-' | '*' => 0.32,
        '0'..='9' | '+' | '\u{2212}' | '=' | '<' | '>' | '?' | '#' | '$' => 0.56,
        'm' | 'w' | '%' | 'M' | 'W' | '\u{2026}' | '@' => 0.88,
        'A'..='Z' | '\u{2192}' | '\u{25B2}' | '\u{25BC}' => 0.68,
        _ => ADVANCE,
    }
}

/// How many characters fit in `width` at `size`.
pub(crate) fn chars_in(width: f64, size: f64) -> usize {
    ((width / (size * ADVANCE)).floor() as usize).max(6)
}

/// Numbers in SVG attributes: at most two decimals, no trailing zeros.
pub(crate) fn num(value: f64) -> String {
    let text = format!("{:.2}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Hand-written SVG, for the kinds plotters cannot draw well (arcs, rounded tiles).
#[derive(Default)]
pub(crate) struct Writer {
    pub body: String,
}

impl Writer {
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{extra}/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            escape(fill)
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            escape(stroke),
            num(width)
        );
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str) {
        let _ = writeln!(self.body, r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/>"#, num(cx), num(cy), num(r), escape(fill));
    }

    pub fn path(&mut self, d: &str, fill: &str, extra: &str) {
        let _ = writeln!(self.body, r#"<path d="{d}" fill="{}"{extra}/>"#, escape(fill));
    }

    /// One line of text; `y` is the baseline.
    #[allow(clippy::too_many_arguments)]
    pub fn text(&mut self, x: f64, y: f64, text: &str, size: f64, anchor: Anchor, fill: &str, bold: bool) {
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}"{weight}>{}</text>"#,
            num(x),
            num(y),
            num(size),
            anchor.name(),
            escape(fill),
            escape(text)
        );
    }

    pub fn finish(self, width: f64, height: f64) -> Drawing {
        Drawing { width: width.ceil() as u32, height: height.ceil() as u32, body: self.body }
    }
}

/// Wraps a drawing into the final inline SVG: `viewBox` and a natural size (`--w`, its
/// width in sheet units, lets the theme show it at exactly one unit per unit), `role="img"`, `<title>`/`<desc>` as first children referenced by
/// `aria-labelledby`, and classes for the theme's CSS. The font family is set once on the
/// root so that page CSS (`font-family: inherit`) can override it.
pub(crate) fn finish(drawing: &Drawing, kind: &str, prefix: &str, title: &str, description: &str, text_color: &str) -> String {
    let prefix = escape(prefix);
    let mut out = String::with_capacity(drawing.body.len() + 512);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" style="--w: {w}" role="img" aria-labelledby="{prefix}-title {prefix}-desc" class="chart chart-{kind}" font-family="Arial, Helvetica, sans-serif" fill="{color}">"#,
        w = drawing.width,
        h = drawing.height,
        kind = escape(kind),
        color = escape(text_color),
    );
    let _ = write!(
        out,
        "\n<title id=\"{prefix}-title\">{}</title>\n<desc id=\"{prefix}-desc\">{}</desc>\n",
        escape(title),
        escape(description)
    );
    out.push_str(&drawing.body);
    out.push_str("</svg>\n");
    out
}

/// Parses `#rrggbb` (or `#rgb`); anything else is treated as black so a typo in a theme
/// shows up as a dark chart rather than a crash.
pub(crate) fn rgb(color: &str) -> (u8, u8, u8) {
    let hex = color.trim().trim_start_matches('#');
    let expanded: String = if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_string() };
    let channel = |i: usize| expanded.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(0);
    if expanded.len() == 6 {
        (channel(0), channel(2), channel(4))
    } else {
        (0, 0, 0)
    }
}

/// WCAG 2.1 relative luminance.
pub(crate) fn luminance(color: &str) -> f64 {
    let (r, g, b) = rgb(color);
    let linear = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2.1 contrast ratio between two `#rrggbb` colours (1.0 … 21.0).
pub fn contrast_ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The colour for a label placed on `background`: white or the text colour, whichever
/// reads better.
pub(crate) fn label_on(background: &str, text_color: &str) -> String {
    if contrast_ratio("#ffffff", background) >= contrast_ratio(text_color, background) {
        "#ffffff".into()
    } else {
        text_color.into()
    }
}

/// The palette colour for series `index`, cycling when there are more series than colours.
pub(crate) fn color(palette: &[String], index: usize) -> String {
    if palette.is_empty() {
        "#1f4e79".into()
    } else {
        palette[index % palette.len()].clone()
    }
}
