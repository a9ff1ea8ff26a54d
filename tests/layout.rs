//! Every page one screen: the sample monitor and the `complete` fixture measured in a real
//! browser on a laptop (1280×720), a large screen (1920×1080) and a phone (390×844), with
//! the same probe `folio check --layout` uses (src/layout_probe.js). Also writes desktop and
//! phone screenshots of every sample page to target/test-artifacts/layout/ to look at.
//!
//! Needs Debian's `chromium` and `chromium-driver` (see tests/browser_support/mod.rs).

mod browser_support;
mod common;

use browser_support::{artifacts, browser, fixture_site, site, Browser, Site};
use serde_json::Value;

/// The measuring script of `folio check --layout`.
const PROBE: &str = include_str!("../src/layout_probe.js");

#[derive(Debug, Clone, Copy)]
struct Screen {
    width: u32,
    height: u32,
    /// A phone: mobile layout, and the page may scroll down (never sideways).
    mobile: bool,
}

const LAPTOP: Screen = Screen { width: 1280, height: 720, mobile: false };
const LARGE: Screen = Screen { width: 1920, height: 1080, mobile: false };
const PHONE: Screen = Screen { width: 390, height: 844, mobile: true };

impl Screen {
    fn name(&self) -> String {
        format!("{}×{}{}", self.width, self.height, if self.mobile { " phone" } else { "" })
    }
}

/// Opens `url` at `screen` and runs the probe once the fonts are in.
fn probe(browser: &Browser, screen: Screen, url: &str) -> Value {
    browser.exact_viewport(screen.width, screen.height, screen.mobile);
    browser.goto(url);
    let (width, height) = browser.inner_size();
    assert_eq!((width, height), (screen.width as u64, screen.height as u64), "the viewport at {url} is not {}", screen.name());
    let script = format!(
        "{PROBE}\nvar done = arguments[arguments.length - 1];\n\
         document.fonts.ready.then(function () {{ requestAnimationFrame(function () {{ done(folioLayoutProbe(window, document)); }}); }});"
    );
    browser.js_async(&script, vec![])
}

fn number(value: &Value) -> f64 {
    value.as_f64().unwrap_or(0.0)
}

/// What is wrong with one page at one screen, in words with numbers; empty when it fits.
fn offences(screen: Screen, probe: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let (tall, wide) = (&probe["tall"], &probe["wide"]);
    if !screen.mobile && number(&tall["by"]) > 1.0 {
        found.push(format!("{} px taller than the screen ({})", number(&tall["by"]), tall["where"].as_str().unwrap_or("")));
    }
    if number(&wide["by"]) > 1.0 {
        found.push(format!("{} px wider than the screen ({})", number(&wide["by"]), wide["where"].as_str().unwrap_or("")));
    }
    let charts = &probe["charts"];
    if number(&charts["small"]) > 0.0 {
        found.push(format!(
            "{} of {} chart labels below 12 px (smallest {} px; e.g. {})",
            charts["small"], charts["texts"], charts["smallest"], charts["examples"]
        ));
    }
    for overlap in charts["overlaps"].as_array().into_iter().flatten() {
        found.push(format!("labels {} and {} overlap in chart {}", overlap["a"], overlap["b"], overlap["chart"]));
    }
    found
}

/// Measures every page of `site` at every screen; fails listing every offending page.
fn assert_every_page_fits(site: &Site, what: &str) {
    let browser = browser();
    let mut report = Vec::new();
    for screen in [LAPTOP, LARGE, PHONE] {
        for page in &site.pages {
            let probe = probe(&browser, screen, &site.file_url(page));
            for offence in offences(screen, &probe) {
                report.push(format!("{} /{}: {offence}", screen.name(), page.path));
            }
        }
    }
    assert!(report.is_empty(), "{} problems on the pages of {what}:\n{}", report.len(), report.join("\n"));
}

#[test]
fn every_sample_page_fits_its_screen_with_legible_charts() {
    assert_every_page_fits(site(), "the sample monitor");
}

#[test]
fn every_page_of_the_complete_fixture_fits_its_screen_with_legible_charts() {
    assert_every_page_fits(fixture_site("complete"), "tests/sites/complete");
}

#[test]
fn screenshots_of_every_sample_page_on_a_laptop_and_a_phone() {
    let site = site();
    let browser = browser();
    let folder = artifacts("layout");
    for (screen, name) in [(LAPTOP, "desktop"), (PHONE, "phone")] {
        for (i, page) in site.pages.iter().enumerate() {
            browser.exact_viewport(screen.width, screen.height, screen.mobile);
            browser.goto(&site.file_url(page));
            browser.js_async("var done = arguments[0]; document.fonts.ready.then(function () { done(true); });", vec![]);
            let key = if page.key.is_empty() { "cover" } else { &page.key };
            let path = folder.join(format!("{i:02}-{key}-{name}.png"));
            browser.screenshot(&path);
            let png = std::fs::read(&path).unwrap();
            // PNG header: width and height, big-endian, at bytes 16..24.
            let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
            assert_eq!(width, screen.width, "{} is not {} px wide", path.display(), screen.width);
        }
    }
    let written =
        std::fs::read_dir(&folder).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "png")).count();
    assert!(written >= 2 * site.pages.len(), "expected a desktop and a phone screenshot of each of {} pages", site.pages.len());
}

/// The instrument itself: a page made to fail in every way the probe looks for, and the
/// things it must not count (a hidden chart variant, a chart table in a closed <details>).
#[test]
fn the_probe_finds_each_kind_of_problem_and_skips_what_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("index.html");
    let long = "Een alinea met genoeg woorden om als lopende tekst te tellen.";
    let html = format!(
        r#"<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>body {{ margin: 0; font: 16px sans-serif }} .wide {{ width: 1500px; height: 10px }} .tall {{ height: 900px }}</style></head>
<body><main>
<p style="font-size: 11px">{long}</p><p class="ok">{long}</p><figcaption style="font-size: 12px">{long}</figcaption>
<svg viewBox="0 0 400 100" style="width: 200px"><text x="10" y="50" font-size="16">Ja, geheel</text><text x="14" y="52" font-size="16">Nee</text><text x="300" y="50" font-size="30">2026</text></svg>
<svg viewBox="0 0 100 100" style="display: none"><text x="0" y="10" font-size="2">verborgen</text></svg>
<details><summary>Tabel</summary><table><tr><td style="font-size: 9px">{long}</td></tr></table></details>
<div class="wide"></div><div class="tall"></div>
</main></body></html>"#
    );
    std::fs::write(&page, html).unwrap();
    let browser = browser();
    let probe = probe(&browser, LAPTOP, &browser_support::file_url(&page));
    assert!(number(&probe["tall"]["by"]) > 100.0, "{probe:#}");
    assert_eq!(number(&probe["wide"]["by"]), 220.0, "{probe:#}");
    let charts = &probe["charts"];
    // Drawn at half size: 16 → 8 px (twice), 30 → 15 px; the hidden chart does not count.
    assert_eq!((charts["texts"].as_u64(), charts["small"].as_u64(), number(&charts["smallest"])), (Some(3), Some(2), 8.0), "{probe:#}");
    let overlaps = charts["overlaps"].as_array().unwrap();
    assert_eq!(overlaps.len(), 1, "{probe:#}");
    assert_eq!((overlaps[0]["a"].as_str(), overlaps[0]["b"].as_str()), (Some("Ja, geheel"), Some("Nee")));
    // Only the 11 px paragraph: the caption may be 12 px, the table is folded away.
    let body = &probe["body"];
    assert_eq!((body["count"].as_u64(), number(&body["smallest"])), (Some(1), 11.0), "{probe:#}");
    assert!(offences(LAPTOP, &probe).len() >= 4, "{:#?}", offences(LAPTOP, &probe));
}

#[test]
fn check_layout_names_the_page_that_overflows_and_by_how_much() {
    let site = common::fixture("overflow");
    let (ok, stderr) = common::folio(site.path(), &["check", "--layout"]);
    assert!(ok, "without --strict, findings are warnings:\n{stderr}");
    let prefix = "warning: content/01-te-veel-tekst.md: at 1280×720 this page is ";
    let line = stderr.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no finding for the long page:\n{stderr}"));
    let by: f64 = line[prefix.len()..].split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no number in: {line}"));
    assert!(by > 1000.0 && line.contains("taller than the screen"), "forty paragraphs overflow a laptop screen by far: {line}");
    assert!(stderr.contains("span: 2"), "the help says what to do:\n{stderr}");
    assert!(stderr.contains("390×844: 2 of 2 pages measured"), "a summary per screen:\n{stderr}");

    let (ok, stderr) = common::folio(site.path(), &["check", "--layout", "--strict"]);
    assert!(!ok && stderr.contains("content/01-te-veel-tekst.md"), "--strict fails on the finding:\n{stderr}");
}

#[test]
fn check_layout_without_chromium_says_how_to_install_it() {
    let site = common::fixture("overflow");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--root")
        .arg(site.path())
        .args(["check", "--layout"])
        .env("PATH", site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("folio check --layout needs Chromium") && stderr.contains("apt install chromium"), "{stderr}");
}
