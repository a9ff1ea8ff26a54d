//! `folio check --layout`: every page of the built monitor measured in headless Chromium
//! on a laptop screen and on a phone, and what does not fit reported against the page's
//! Markdown file.
//!
//! What counts (the measuring itself is in `src/layout_probe.js`):
//! - on the desktop screen a page must fit without scrolling; a phone may scroll down;
//! - nothing may make the reader scroll sideways;
//! - chart labels and values at 12 CSS px or more, as drawn (font size × the chart's scale);
//! - running text at 14 px or more (captions, sources and footnotes 12 px);
//! - no two labels of one chart on top of each other.

pub mod harness;

use std::path::{Path, PathBuf};

use crate::build::{self, BuildOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::{browser, output};
use harness::{Job, Probe};

/// A screen size the pages are measured at.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
    /// Whether a page may be taller than the screen and scroll down (phones).
    pub scrolls: bool,
}

/// A common laptop screen and a common phone.
pub const VIEWPORTS: [Viewport; 2] =
    [Viewport { width: 1280, height: 720, scrolls: false }, Viewport { width: 390, height: 844, scrolls: true }];

/// The screens a page is judged at in its layout mode: a monitor's sheet must fit the
/// laptop screen; a report is a flowing article that scrolls on every screen, and is judged
/// for its width and its text sizes only.
pub fn viewports(mode: crate::config::LayoutMode) -> [Viewport; 2] {
    match mode {
        crate::config::LayoutMode::Monitor => VIEWPORTS,
        crate::config::LayoutMode::Report => VIEWPORTS.map(|viewport| Viewport { scrolls: true, ..viewport }),
    }
}

/// Differences up to this many px are rounding, not overflow.
const TOLERANCE: f64 = 1.0;

/// What a layout check found.
#[derive(Debug)]
pub struct LayoutReport {
    /// The build's warnings, then the layout findings (all warnings).
    pub warnings: Vec<Diagnostic>,
    /// How many of the warnings are layout findings.
    pub findings: usize,
    /// One line per viewport: the numbers behind the findings.
    pub summary: Vec<String>,
    pub chromium: PathBuf,
}

/// Builds the monitor into a temporary folder and measures every page at each of
/// [`VIEWPORTS`]. Errors: the build's, or Chromium missing; findings are warnings.
pub fn check(root: &Path, options: BuildOptions) -> Result<LayoutReport, Diagnostics> {
    let config = build::load_config(root)?;
    // No point in building when there is nothing to measure with.
    let chromium = browser::find_chromium(root, &config, "folio check --layout")?;
    let prepared = build::prepare(root, options)?;
    let work = tempfile::Builder::new()
        .prefix("folio-layout-")
        .tempdir()
        .map_err(|err| Diagnostic::error(std::env::temp_dir(), format!("cannot make a temporary folder: {err}")))?;
    let out = work.path().join("site");
    output::write_site(&out, Path::new(&prepared.config.output_dir), &prepared.files)?;

    let pages = &prepared.page_sources;
    let files: Vec<PathBuf> = pages.iter().map(|(url, _)| out.join(url).join("index.html")).collect();
    let viewports = viewports(prepared.config.mode);
    let jobs: Vec<Job> = viewports
        .iter()
        .flat_map(|v| files.iter().enumerate().map(|(page, file)| Job { page, file, width: v.width, height: v.height }))
        .collect();
    let measured = harness::measure(&chromium, &work.path().join("chromium"), &out, &jobs);
    let sources: Vec<&Path> = pages.iter().map(|(_, source)| source.as_path()).collect();
    let (findings, summary) = judge(&sources, &viewports, &jobs, &measured);
    let count = findings.len();
    let mut warnings = prepared.warnings;
    warnings.extend(findings);
    Ok(LayoutReport { warnings, findings: count, summary, chromium })
}

/// The findings, in reading order so each page's stand together, and one summary line per
/// viewport.
fn judge(sources: &[&Path], viewports: &[Viewport], jobs: &[Job], measured: &[Result<Probe, String>]) -> (Vec<Diagnostic>, Vec<String>) {
    let mut findings = Vec::new();
    let mut summary = Vec::new();
    for &viewport in viewports {
        let at_size = jobs.iter().zip(measured).filter(|(job, _)| job.width == viewport.width && job.height == viewport.height);
        let mut tally = Tally::default();
        for (job, result) in at_size {
            let source = sources[job.page];
            match result {
                Ok(probe) => {
                    tally.add(probe, viewport);
                    findings.extend(page_findings(source, viewport, probe).into_iter().map(|d| (job.page, d)));
                }
                Err(why) => findings.push((job.page, unmeasured(source, viewport, why))),
            }
        }
        summary.push(tally.line(viewport, sources.len()));
    }
    // A stable sort: within a page, the laptop's findings stay before the phone's.
    findings.sort_by_key(|(page, _)| *page);
    (findings.into_iter().map(|(_, d)| d).collect(), summary)
}

fn size(viewport: Viewport) -> String {
    format!("{}×{}", viewport.width, viewport.height)
}

/// Rounded down to 0.1 px: 11.96 px is below 12 px and must not read as "12 px".
fn px(value: f64) -> String {
    let rounded = (value * 10.0 + 1e-6).floor() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} px")
    } else {
        format!("{rounded:.1} px")
    }
}

/// Where an overflow comes from, for the message: the page as a whole or one element.
fn place(place: &str) -> String {
    if place == "page" {
        String::new()
    } else {
        format!(" (inside `{place}`, which cuts off or scrolls what does not fit)")
    }
}

/// The findings for one page at one size, as warnings against its Markdown file.
pub fn page_findings(source: &Path, viewport: Viewport, probe: &Probe) -> Vec<Diagnostic> {
    let at = size(viewport);
    let mut found: Vec<(String, &str)> = Vec::new();
    if !viewport.scrolls && probe.tall.by > TOLERANCE {
        found.push((format!("this page is {} taller than the screen{}", px(probe.tall.by), place(&probe.tall.place)), TALL_HELP));
    }
    if probe.wide.by > TOLERANCE {
        let message =
            format!("this page is {} wider than the screen: readers must scroll sideways{}", px(probe.wide.by), place(&probe.wide.place));
        found.push((message, WIDE_HELP));
    }
    if let Some(message) = small_chart_text(&probe.charts) {
        found.push((message, CHART_HELP));
    }
    for overlap in &probe.charts.overlaps {
        found
            .push((format!("the labels \"{}\" and \"{}\" overlap in the chart \"{}\"", overlap.a, overlap.b, overlap.chart), OVERLAP_HELP));
    }
    if let Some(message) = small_body_text(&probe.body) {
        found.push((message, BODY_HELP));
    }
    found.into_iter().map(|(message, help)| Diagnostic::warning(source, format!("at {at} {message}")).help(help)).collect()
}

const TALL_HELP: &str = "make it fit one screen: shorten the text, give a block `span: 2` so blocks sit side by side, \
     or move a block or a quote to another page";
const WIDE_HELP: &str =
    "look for a wide table, a long word or address without spaces, or a wide image; break it up, shorten it or move it to another page";
const CHART_HELP: &str = "the chart is drawn for more room than it gets and shrunk: give its block more width (`span: 2`), \
     put fewer blocks on the page, or shorten the labels";
const OVERLAP_HELP: &str = "give the chart more room (`span: 2`), shorten the labels, or combine very small answers into one option";
const BODY_HELP: &str = "running text needs 14 px, captions and footnotes 12 px; the theme's stylesheet sets these sizes: \
     raise them in your theme, or put less on the page so the theme need not shrink it";

fn small_chart_text(charts: &harness::Charts) -> Option<String> {
    if charts.small == 0 {
        return None;
    }
    let examples: Vec<String> = charts.examples.iter().map(|e| format!("\"{}\" {}", e.text, px(e.size))).collect();
    Some(format!(
        "{} of {} chart labels {} smaller than 12 px (smallest {}; e.g. {})",
        charts.small,
        charts.texts,
        if charts.small == 1 { "is" } else { "are" },
        px(charts.smallest.unwrap_or(0.0)),
        examples.join(", ")
    ))
}

fn small_body_text(body: &harness::Body) -> Option<String> {
    if body.count == 0 {
        return None;
    }
    let examples: Vec<String> =
        body.examples.iter().map(|e| format!("\"{}\" {} (at least {})", e.text, px(e.size), px(e.min.unwrap_or(14.0)))).collect();
    Some(format!(
        "{} smaller than readers can comfortably read (smallest {}; e.g. {})",
        if body.count == 1 { "1 piece of text is".to_string() } else { format!("{} pieces of text are", body.count) },
        px(body.smallest.unwrap_or(0.0)),
        examples.join(", ")
    ))
}

fn unmeasured(source: &Path, viewport: Viewport, why: &str) -> Diagnostic {
    Diagnostic::warning(source, format!("at {} this page could not be measured: {why}", size(viewport)))
        .help("open the page in a browser to see whether it loads; check that Chromium runs headless (`chromium --headless --version`)")
}

/// The numbers behind one viewport's findings.
#[derive(Debug, Default)]
struct Tally {
    measured: usize,
    tall: usize,
    tallest: f64,
    wide: usize,
    chart_texts: usize,
    small_chart: usize,
    smallest_chart: Option<f64>,
    overlaps: usize,
    small_body_pages: usize,
}

impl Tally {
    fn add(&mut self, probe: &Probe, viewport: Viewport) {
        self.measured += 1;
        if !viewport.scrolls && probe.tall.by > TOLERANCE {
            self.tall += 1;
            self.tallest = self.tallest.max(probe.tall.by);
        }
        self.wide += usize::from(probe.wide.by > TOLERANCE);
        self.chart_texts += probe.charts.texts;
        self.small_chart += probe.charts.small;
        if let Some(smallest) = probe.charts.smallest {
            self.smallest_chart = Some(self.smallest_chart.map_or(smallest, |s: f64| s.min(smallest)));
        }
        self.overlaps += probe.charts.overlaps.len();
        self.small_body_pages += usize::from(probe.body.count > 0);
    }

    fn line(&self, viewport: Viewport, pages: usize) -> String {
        let tall = if viewport.scrolls {
            "may scroll down".to_string()
        } else if self.tall > 0 {
            format!("{} taller than the screen (by up to {})", self.tall, px(self.tallest))
        } else {
            "0 taller than the screen".to_string()
        };
        let smallest = self.smallest_chart.map(|s| format!(", smallest {}", px(s))).unwrap_or_default();
        format!(
            "{}: {} of {pages} pages measured, {tall}, {} wider; {} chart labels, {} below 12 px{smallest}, {} overlapping pairs; small running text on {} pages",
            size(viewport),
            self.measured,
            self.wide,
            self.chart_texts,
            self.small_chart,
            self.overlaps,
            self.small_body_pages
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    const FITS: &str = r#"{"width":1280,"height":720,"scrollHeight":720,"tall":{"by":0,"where":"page"},"wide":{"by":0,"where":"page"},
        "charts":{"texts":10,"small":0,"smallest":12.5,"examples":[],"overlaps":[]},"body":{"count":0,"smallest":null,"examples":[]}}"#;

    #[test]
    fn a_page_that_fits_has_nothing_to_report() {
        assert!(page_findings(Path::new("content/a.md"), VIEWPORTS[0], &probe(FITS)).is_empty());
    }

    #[test]
    fn a_tall_page_is_reported_on_the_desktop_with_how_much_but_may_scroll_on_a_phone() {
        let tall = probe(&FITS.replace(r#""tall":{"by":0,"#, r#""tall":{"by":431.6,"#));
        let found = page_findings(Path::new("content/a.md"), VIEWPORTS[0], &tall);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, Path::new("content/a.md"));
        assert!(found[0].message.contains("1280×720") && found[0].message.contains("431.6 px taller"), "{}", found[0]);
        assert!(found[0].help.as_deref().unwrap().contains("span: 2"));
        assert!(page_findings(Path::new("content/a.md"), VIEWPORTS[1], &tall).is_empty());
    }

    #[test]
    fn small_chart_text_overlaps_and_sideways_overflow_are_each_reported() {
        let bad = probe(&FITS.replace(r#""wide":{"by":0,"where":"page"}"#, r#""wide":{"by":37,"where":"table.chart-data"}"#).replace(
            r#""small":0,"smallest":12.5,"examples":[],"overlaps":[]"#,
            r#""small":3,"smallest":6.04,"examples":[{"text":"Ja","size":6.04}],"overlaps":[{"chart":"Kwaliteit","a":"Ja","b":"Nee"}]"#,
        ));
        let found = page_findings(Path::new("content/a.md"), VIEWPORTS[1], &bad);
        let text: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 3, "{text:#?}");
        assert!(text[0].contains("37 px wider") && text[0].contains("table.chart-data"), "{}", text[0]);
        assert!(text[1].contains("3 of 10 chart labels") && text[1].contains("6 px"), "{}", text[1]);
        assert!(text[2].contains("\"Ja\" and \"Nee\"") && text[2].contains("Kwaliteit"), "{}", text[2]);
    }
}
