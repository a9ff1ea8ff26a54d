//! The PDF as part of the site (issue 23 item 2): `[pdf] publish = true` or
//! `folio pdf --publish` puts the PDF into the output under a stable name and every page's
//! footer links it; no build ever links a PDF that is not there.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const MISSING: &str = "the publish tests need Chromium and poppler-utils: install them with \
`apt install chromium poppler-utils` (or run `bash tests/run`)";

/// The published PDF's name for the minimal fixture ("Kleine monitor").
const NAME: &str = "kleine-monitor.pdf";

fn pages(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok).filter(|e| e.file_name() == "index.html").map(|e| e.into_path()).collect()
}

/// The hrefs of the footer's PDF link on a page.
fn pdf_links(html: &str) -> Vec<String> {
    html.split("class=\"footer-link footer-pdf\"><a href=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(decode).collect()
}

fn publish_in_settings(site: &Path) {
    let settings = site.join("site.toml");
    std::fs::write(&settings, format!("{}\n[pdf]\npublish = true\n", read(&settings))).unwrap();
}

#[test]
fn a_build_without_publish_links_no_pdf() {
    let site = fixture("minimal");
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok && !stderr.contains("pdf"), "{stderr}");
    for page in pages(&site.path().join("public")) {
        assert_eq!(pdf_links(&read(&page)), Vec::<String>::new());
    }
}

#[test]
fn publish_without_a_pdf_yet_links_none_and_says_to_run_folio_pdf() {
    let site = fixture("minimal");
    publish_in_settings(site.path());
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains(&format!("there is no {NAME} yet")) && stderr.contains("folio pdf"), "{stderr}");
    let out = site.path().join("public");
    assert!(!out.join(NAME).exists());
    for page in pages(&out) {
        assert_eq!(pdf_links(&read(&page)), Vec::<String>::new(), "a dead link on {}", page.display());
    }
}

/// `folio pdf --publish` links the PDF from every page, in the output; a later build
/// without publishing drops both; with `[pdf] publish = true` a later build keeps both.
#[test]
fn pdf_publish_puts_the_pdf_in_the_site_and_every_page_links_it() {
    tool("chromium", MISSING);
    let site = fixture("minimal");
    let (ok, stderr) = folio(site.path(), &["pdf", "--publish"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains(&format!("published as public/{NAME}")), "{stderr}");
    let out = site.path().join("public");
    let published = std::fs::read(out.join(NAME)).unwrap();
    assert!(published.starts_with(b"%PDF-"));
    assert_eq!(published, std::fs::read(site.path().join(NAME)).unwrap(), "the same PDF as the one beside site.toml");
    let all = pages(&out);
    assert_eq!(all.len(), 2);
    for page in &all {
        let html = read(page);
        let links = pdf_links(&html);
        assert_eq!(links.len(), 1, "{}", page.display());
        let (target, _) = resolve(page, &links[0]).unwrap();
        assert_eq!(target.canonicalize().unwrap(), out.join(NAME).canonicalize().unwrap());
        assert!(html.contains(">Download de PDF</a>"), "{html}");
    }
    assert_eq!(broken_links(&out), Vec::<String>::new());
    assert!(!read(&out.join("print.html")).contains("footer-pdf"), "the PDF does not link itself");

    // A later build that does not publish: no PDF in the site and no link to it.
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok, "{stderr}");
    assert!(!out.join(NAME).exists());
    assert!(all.iter().all(|page| pdf_links(&read(page)).is_empty()));

    // Published by the settings: the next build keeps the PDF it finds and links it.
    publish_in_settings(site.path());
    let (ok, stderr) = folio(site.path(), &["pdf"]);
    assert!(ok, "{stderr}");
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok && !stderr.contains("yet"), "{stderr}");
    assert_eq!(std::fs::read(out.join(NAME)).unwrap(), std::fs::read(site.path().join(NAME)).unwrap());
    assert!(all.iter().all(|page| pdf_links(&read(page)).len() == 1));
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn the_link_uses_the_sites_words() {
    let site = fixture("minimal");
    let settings = site.path().join("site.toml");
    std::fs::write(&settings, format!("language = \"en\"\n{}", read(&settings))).unwrap();
    tool("chromium", MISSING);
    let (ok, stderr) = folio(site.path(), &["pdf", "--publish"]);
    assert!(ok, "{stderr}");
    assert!(read(&site.path().join("public/index.html")).contains(">Download the PDF</a>"));
}
