//! The design of the sample monitor as a reader and a printer meet it (issue 20): the
//! theme's own face reaches the screen and the PDF, paper carries no web controls and the
//! publication's title once per sheet, the cover prints without running head and footer,
//! and every page says where the reader is.
//!
//! Needs Debian's `chromium`, `chromium-driver` and `poppler-utils`; `tests/run` installs them.

mod browser_support;
mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use browser_support::{browser, sample_copy, site};
use common::*;

const MISSING: &str = "the design tests need Chromium and poppler-utils (`bash tests/run` installs them)";

/// The sample printed once by `folio pdf`: the PDF and the text of each of its sheets.
struct Printed {
    _site: tempfile::TempDir,
    pdf: PathBuf,
    sheets: Vec<String>,
}

fn printed() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| {
        tool("chromium", MISSING);
        let site = sample_copy();
        let pdf = site.path().join("m.pdf");
        let (ok, stderr) = folio(site.path(), &["pdf", "--output", pdf.to_str().unwrap()]);
        assert!(ok, "folio pdf failed:\n{stderr}");
        let text = run(tool("pdftotext", MISSING).args(["-layout", pdf.to_str().unwrap(), "-"]));
        let sheets = text.split('\u{c}').filter(|sheet| !sheet.trim().is_empty()).map(String::from).collect();
        Printed { _site: site, pdf, sheets }
    })
}

#[test]
fn the_pdf_embeds_the_face_the_theme_ships() {
    let fonts = run(tool("pdffonts", MISSING).arg(&printed().pdf));
    let ours: Vec<&str> = fonts.lines().filter(|line| line.contains("SourceSans3")).collect();
    assert!(ours.len() >= 2, "the regular and semibold of Source Sans 3 are in the PDF:\n{fonts}");
    // Columns: name, type, encoding, emb, sub, uni, object, generation.
    assert!(ours.iter().all(|line| line.split_whitespace().rev().nth(4) == Some("yes")), "embedded:\n{fonts}");
    // Running text never falls back to another face (a glyph the face lacks may).
    let others = fonts.lines().skip(2).filter(|line| !line.contains("SourceSans3")).count();
    assert!(others <= 1, "one fallback face at most (for a sign the face lacks):\n{fonts}");
}

#[test]
fn the_browser_loads_the_shipped_face() {
    let site = site();
    let browser = browser();
    browser.desktop();
    browser.goto(&site.http_url(&site.pages[3]));
    let loaded = browser.js("return document.fonts.ready.then(function () {
           var faces = [];
           document.fonts.forEach(function (f) { if (f.status === 'loaded') faces.push(f.family.replace(/\"/g, '') + ' ' + f.weight); });
           return faces;
         });");
    let faces: Vec<String> = serde_json::from_value(loaded).unwrap();
    for weight in ["400", "600"] {
        assert!(faces.contains(&format!("Source Sans 3 {weight}")), "Source Sans 3 {weight} loaded: {faces:?}");
    }
    let family = browser.js_string("return getComputedStyle(document.querySelector('h1')).fontFamily;");
    assert!(family.starts_with("\"Source Sans 3\""), "{family}");
}

#[test]
fn paper_has_no_web_controls_and_the_title_once_per_sheet() {
    let sheets = &printed().sheets;
    let short_title = "Monitor Wlz-zorgcontractering 2026";
    for (number, sheet) in sheets.iter().enumerate() {
        for control in ["Volgende", "Terug", "Naar het begin", "☰"] {
            assert!(!sheet.contains(control), "sheet {}: `{control}` is a web control:\n{sheet}", number + 1);
        }
        // The chapter tabs in a row.
        assert!(
            !sheet.split_whitespace().collect::<Vec<_>>().join(" ").contains("Financiering Beschikbaarheid Inkoopbeleid Toekomstblik"),
            "sheet {}: the chapter tabs are printed",
            number + 1
        );
        let expected = usize::from(number > 0);
        assert_eq!(sheet.matches(short_title).count(), expected, "sheet {}: the title once (none on the cover):\n{sheet}", number + 1);
    }
    // The cover has no sheet number; the others count the sheets.
    let total = sheets.len();
    assert!(!sheets[0].contains(&format!("1 / {total}")), "the cover has no running footer:\n{}", sheets[0]);
    assert!(sheets[1].contains(&format!("2 / {total}")), "{}", sheets[1]);
}

#[test]
fn every_page_says_where_the_reader_is() {
    let site = site();
    let count = site.pages.len();
    for (index, page) in site.pages.iter().enumerate() {
        let html = read(&site.out.join(&page.path).join("index.html"));
        let number = between(&html, "<p class=\"page-number\">", "</p>");
        assert_eq!(
            strip_tags(&number).split_whitespace().filter(|w| w.parse::<usize>().is_ok()).collect::<Vec<_>>(),
            [(index + 1).to_string(), count.to_string()]
        );
        // A chapter's pages name their chapter beside the number.
        if page.path.contains('/') && page.path.matches('/').count() > 1 {
            assert!(html.contains("<p class=\"footer-chapter\">"), "{}: no chapter in the footer", page.path);
        }
    }
    // The last page leads back to the start; a contents page is one link away everywhere.
    let last = read(&site.out.join(&site.pages[count - 1].path).join("index.html"));
    assert!(last.contains("class=\"pager-start\""), "the last page leads back to the start");
    let tarieven = read(&site.out.join("financiering/tarieven/index.html"));
    assert!(tarieven.contains("<p class=\"contents-link\"><a href=\"../../inhoud/index.html\">Inhoud</a></p>"), "{tarieven}");
    // A chapter divider lists its pages as links.
    let chapter = read(&site.out.join("financiering/index.html"));
    assert!(
        chapter.contains("<ol class=\"chapter-pages\">") && chapter.contains("href=\"../financiering/tarieven/index.html\""),
        "{chapter}"
    );
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    text[from..from + text[from..].find(end).unwrap()].to_string()
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
