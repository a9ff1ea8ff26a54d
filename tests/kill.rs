//! Nothing lost: a build killed (SIGKILL) at any moment leaves the output folder as the old
//! site or the new one, complete, never a mix.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

const PAGES: usize = 150;

/// A monitor whose every page says which version it is; version 2 has one page more.
fn write_version(site: &Path, version: u32) {
    let content = site.join("content");
    let _ = std::fs::remove_dir_all(&content);
    std::fs::create_dir_all(content.join("01-hoofdstuk")).unwrap();
    std::fs::write(site.join("site.toml"), "title = \"Killtest\"\n").unwrap();
    std::fs::write(content.join("00-omslag.md"), format!("---\ntitle: Omslag\nlayout: cover\n---\n\nversie-{version}\n")).unwrap();
    std::fs::write(content.join("01-hoofdstuk/_index.md"), format!("---\ntitle: Hoofdstuk\n---\n\nversie-{version}\n")).unwrap();
    let count = PAGES + version as usize - 1;
    for page in 0..count {
        let text = format!("---\ntitle: Pagina {page}\n---\n\nversie-{version}\n\n{}\n", "Een zin met wat tekst erin. ".repeat(200));
        std::fs::write(content.join(format!("01-hoofdstuk/{page:03}-pagina-{page}.md")), text).unwrap();
    }
}

/// The version every page of the output shows, or a description of the mix.
fn output_version(out: &Path) -> Result<u32, String> {
    let mut versions = std::collections::BTreeSet::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok) {
        if entry.file_name() == "index.html" {
            pages += 1;
            let html = read(entry.path());
            let version = if html.contains("versie-1") {
                1
            } else if html.contains("versie-2") {
                2
            } else {
                0
            };
            versions.insert(version);
        }
    }
    if versions.len() != 1 {
        return Err(format!("pages of several versions: {versions:?}"));
    }
    let version = *versions.iter().next().unwrap();
    let expected_pages = PAGES + version as usize - 1 + 2;
    if pages != expected_pages || !out.join(".folio-output").is_file() || !out.join("print.html").is_file() {
        return Err(format!("version {version} with {pages} pages (expected {expected_pages}), or files missing"));
    }
    Ok(version)
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    write_version(site, 1);
    let started = Instant::now();
    let out = build(site);
    let duration = started.elapsed();
    assert_eq!(output_version(&out), Ok(1));

    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..24 {
        // Alternate the sources, so every kill lands between two different sites.
        write_version(site, if round % 2 == 0 { 2 } else { 1 });
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let delay = Duration::from_micros(rng % (duration.as_micros() as u64 * 3 / 2 + 1));
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("--root")
            .arg(site)
            .arg("build")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        match output_version(&out) {
            Ok(version) => {
                seen.insert(version);
            }
            Err(mix) => panic!("round {round}, killed after {delay:?}: {mix}"),
        }
    }
    // A build after all that still works and gives the new site.
    write_version(site, 2);
    build(site);
    assert_eq!(output_version(&out), Ok(2));
    eprintln!("a build takes {duration:?}; after the kills the output showed versions {seen:?}");
}
