//! docs/nl/snelstart.md, the Dutch quick start (issue 23 item 5), followed as written: the
//! starter from `folio init`, the page and the settings of its examples, every documented
//! `folio` command accepted, and `folio pdf --publish` ending with a published site and PDF.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const DOC: &str = "docs/nl/snelstart.md";

/// The fenced blocks with the given first word of their info string, as (info, text).
fn blocks(language: &str) -> Vec<(String, String)> {
    let text = read(&repo().join(DOC));
    let mut found = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match &mut current {
            None => {
                let Some(info) = line.trim().strip_prefix("```") else { continue };
                if info.split_whitespace().next() == Some(language) {
                    current = Some((info.to_string(), String::new()));
                }
            }
            Some(_) if line.trim() == "```" => found.extend(current.take()),
            Some((_, block)) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    found
}

fn init(folder: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_folio")).arg("init").arg(folder).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// The starter with the guide's page and settings: settings without a table go on top of
/// site.toml, as the guide says, and tables at the end.
fn followed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("monitor-2026");
    init(&site);
    let pages: Vec<_> =
        blocks("markdown").into_iter().filter_map(|(info, text)| Some((info.split_once("file=")?.1.to_string(), text))).collect();
    assert_eq!(pages.len(), 1, "the guide writes one page");
    for (file, text) in pages {
        std::fs::write(site.join(file), text).unwrap();
    }
    let mut settings = read(&site.join("site.toml"));
    for (_, block) in blocks("toml") {
        settings = if block.starts_with('[') { format!("{settings}\n{block}") } else { format!("{block}{settings}") };
    }
    std::fs::write(site.join("site.toml"), settings).unwrap();
    let moved = tempfile::tempdir().unwrap();
    copy_tree(&site, moved.path());
    moved
}

#[test]
fn every_folio_command_of_the_guide_is_one_folio_knows() {
    let commands: Vec<String> = blocks("sh")
        .iter()
        .flat_map(|(_, text)| text.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|line| line.starts_with("folio "))
        .collect();
    assert!(commands.len() >= 6, "{commands:?}");
    for command in &commands {
        // Every subcommand and flag as written, asked for its help: clap refuses unknown ones.
        let words: Vec<&str> = command.split_whitespace().skip(1).filter(|word| word.starts_with('-') || !word.contains('-')).collect();
        let output = Command::new(env!("CARGO_BIN_EXE_folio")).args(&words).arg("--help").output().unwrap();
        assert!(output.status.success(), "`{command}`: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn the_guide_ends_with_a_published_site_and_its_pdf() {
    let site = followed();
    // Before the first PDF, a strict build stops at the warning that there is none to link;
    // the guide makes the PDF first.
    let (ok, stderr) = folio(site.path(), &["build", "--strict"]);
    assert!(!ok && stderr.contains("no monitor-2026.pdf yet"), "{stderr}");
    tool("chromium", "the quick start makes a PDF: install Chromium (or run `bash tests/run`)");
    let (ok, stderr) = folio(site.path(), &["pdf", "--publish"]);
    assert!(ok, "{stderr}");
    let (ok, stderr) = folio(site.path(), &["build", "--strict"]);
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("base_url"), "the guide sets base_url: {stderr}");
    let out = site.path().join("public");
    let page = read(&out.join("resultaten/samenwerking/index.html"));
    assert!(page.contains("content=\"Meer organisaties zijn tevreden over de samenwerking dan vorig jaar.\""), "{page}");
    let canonical: Vec<_> = tags(&page).into_iter().filter(|t| t.name == "link" && t.attr("rel") == Some("canonical")).collect();
    assert_eq!(canonical.len(), 1);
    assert_eq!(canonical[0].attr("href"), Some("https://www.voorbeeld.nl/monitor-2026/resultaten/samenwerking/"));
    assert!(page.contains("55%") && page.contains("48%"), "the figures are in the text");

    tool("chromium", "the quick start makes a PDF: install Chromium (or run `bash tests/run`)");
    let (ok, stderr) = folio(site.path(), &["pdf", "--publish"]);
    assert!(ok, "{stderr}");
    let pdf = std::fs::read(out.join("monitor-2026.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(read(&out.join("index.html")).contains(">Download de PDF</a>"));
    assert_eq!(broken_links(&out), Vec::<String>::new(), "the zip for reviewers opens from file:// without a dead link");
}
