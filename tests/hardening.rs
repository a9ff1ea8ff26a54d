//! Bad input that cannot be a static fixture: huge files, symbolic links, broken
//! encodings, Windows line endings and a full disk. Every failure must name the file (and
//! line, where there is one), say what to do, exit non-zero without a panic, and leave the
//! previous output as it was.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// Runs `folio build` on a site whose previous output is `before`, expects a failure and
/// returns its message with the site folder shown as `<site>`.
fn fails(site: &Path, before: &[(String, Vec<u8>)]) -> String {
    let (ok, stderr) = folio(site, &["build"]);
    let stderr = stderr.replace(&site.display().to_string(), "<site>");
    assert!(!ok, "the build should fail:\n{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(stderr.contains("the build failed; the previous output is unchanged"), "{stderr}");
    assert_eq!(snapshot(&site.join("public")), before, "the previous output must stay as it was");
    stderr
}

/// The minimal site, built once, with the snapshot of its output.
fn built_site() -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let site = fixture("minimal");
    let out = build(site.path());
    let before = snapshot(&out);
    (site, before)
}

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n\n{body}")
}

#[test]
fn a_50_mb_page_is_refused_at_once_naming_its_size() {
    let (site, before) = built_site();
    let paragraph = "Dit is een alinea over **zorgcontractering** met een [link](https://example.org). ".repeat(8) + "\n\n";
    let body = paragraph.repeat(50 * 1024 * 1024 / paragraph.len() + 1);
    std::fs::write(site.path().join("content/02-groot.md"), page("Groot", &body)).unwrap();
    let started = Instant::now();
    let stderr = fails(site.path(), &before);
    assert!(started.elapsed() < Duration::from_secs(10), "refusing a huge file must not read it first: {:?}", started.elapsed());
    assert!(stderr.contains("error: content/02-groot.md: the file is 50.0 MB; a page may be at most 10 MB"), "{stderr}");
    assert!(stderr.contains("help: check that this is the right file; split a long text over several pages"), "{stderr}");
}

/// Below the limit a long page builds, in time that grows with its length, not faster.
#[test]
fn a_long_page_below_the_limit_builds_in_bounded_time() {
    let site = fixture("minimal");
    let paragraph = "Een alinea met *nadruk*, een [link](https://example.org) en een citaat {{vraag.ja.2026}}.\n\n";
    let body = paragraph.repeat(5 * 1024 * 1024 / paragraph.len());
    std::fs::write(site.path().join("content/02-lang.md"), page("Lang", &body)).unwrap();
    let started = Instant::now();
    let out = build(site.path());
    let elapsed = started.elapsed();
    eprintln!("a 5 MB page built in {elapsed:?}");
    assert!(elapsed < Duration::from_secs(20), "a 5 MB page took {elapsed:?}");
    let html = read(&out.join("lang/index.html"));
    assert!(html.contains("een citaat 60%."), "the cited value is in the page");
}

#[test]
fn a_question_with_10000_options_builds_in_bounded_time() {
    let site = fixture("minimal");
    let mut yaml = String::from(
        "questions:\n  - id: vraag\n    label: Vraag\n    text: Een vraag?\n    unit: percentage\n    multiple: true\n    n: {2026: 50}\n    options:\n      - {label: Ja, values: {2026: 60}}\n",
    );
    for i in 1..10_000 {
        yaml.push_str(&format!("      - {{label: Optie {i}, values: {{2026: {}}}}}\n", i % 100));
    }
    std::fs::write(site.path().join("data/vragen.yaml"), yaml).unwrap();
    std::fs::write(site.path().join("content/02-grafiek.md"), page("Grafiek", "::: chart\nquestion: vraag\nkind: bars-horizontal\n:::\n"))
        .unwrap();
    std::fs::write(site.path().join("content/03-tabel.md"), page("Tabel", "::: chart\nquestion: vraag\nkind: table\n:::\n")).unwrap();
    let started = Instant::now();
    let out = build(site.path());
    let elapsed = started.elapsed();
    eprintln!("a question with 10,000 options built in {elapsed:?}");
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
    assert!(read(&out.join("grafiek/index.html")).contains("Optie 9999"));
    assert!(read(&out.join("tabel/index.html")).contains("Optie 9999"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_image_leading_outside_the_site_is_refused() {
    let (site, before) = built_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.png"), b"not for publication").unwrap();
    std::os::unix::fs::symlink(outside.path().join("geheim.png"), site.path().join("content/logo.png")).unwrap();
    std::fs::write(site.path().join("content/01-pagina.md"), page("Een pagina", "![Logo](logo.png)\n")).unwrap();
    let stderr = fails(site.path(), &before);
    assert!(
        stderr.contains("error: content/01-pagina.md:5: `logo.png` leads outside the monitor folder (through a symbolic link); copy the file into the folder"),
        "{stderr}"
    );
    assert!(stderr.contains("help: links and images take a path relative to the Markdown file"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_page_or_data_file_leading_outside_the_site_is_refused() {
    let (site, before) = built_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("extern.md"), page("Extern", "Van buiten.\n")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("extern.md"), site.path().join("content/02-extern.md")).unwrap();
    let stderr = fails(site.path(), &before);
    assert!(
        stderr.contains("error: content/02-extern.md: the page leads outside the monitor folder (through a symbolic link, to "),
        "{stderr}"
    );
    assert!(stderr.contains("help: copy the file into content/ instead of linking to it"), "{stderr}");

    std::fs::remove_file(site.path().join("content/02-extern.md")).unwrap();
    std::fs::write(outside.path().join("extra.yaml"), "questions:\n  - id: extern\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("extra.yaml"), site.path().join("data/extra.yaml")).unwrap();
    let stderr = fails(site.path(), &before);
    assert!(
        stderr.contains("error: data/extra.yaml: the data file leads outside the monitor folder (through a symbolic link, to "),
        "{stderr}"
    );
    assert!(stderr.contains("help: copy the file into data/ instead of linking to it"), "{stderr}");
}

#[test]
fn invalid_utf8_in_a_data_file_names_line_and_column() {
    let (site, before) = built_site();
    let mut yaml = std::fs::read(site.path().join("data/vragen.yaml")).unwrap();
    let at = yaml.windows(4).position(|w| w == b"Nee,").unwrap();
    yaml.splice(at..at + 3, *b"N\xe9e"); // Latin-1 é
    std::fs::write(site.path().join("data/vragen.yaml"), yaml).unwrap();
    let stderr = fails(site.path(), &before);
    assert!(stderr.contains("error: data/vragen.yaml:9:18: the file is not valid UTF-8 text"), "{stderr}");
    assert!(stderr.contains("help: save the file as UTF-8"), "{stderr}");
}

#[test]
fn invalid_utf8_in_site_toml_names_line_and_column() {
    let (site, before) = built_site();
    std::fs::write(site.path().join("site.toml"), b"title = \"Kleine monitor\"\n\n[footer]\ntext = \"Caf\xe9\"\n").unwrap();
    let stderr = fails(site.path(), &before);
    assert!(stderr.contains("error: site.toml:4:12: the file is not valid UTF-8 text"), "{stderr}");
    assert!(stderr.contains("help: save the file as UTF-8"), "{stderr}");
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

const BOM: &str = "\u{feff}";

/// Files saved by Windows editors: a byte-order mark and CRLF line endings everywhere.
fn windows_site() -> tempfile::TempDir {
    let site = fixture("minimal");
    let root = site.path();
    std::fs::write(root.join("site.toml"), format!("{BOM}{}", crlf("title = \"Kleine monitor\"\n\n[footer]\ntext = \"Voet\"\n"))).unwrap();
    std::fs::write(root.join("data/vragen.yaml"), format!("{BOM}{}", crlf(&read(&root.join("data/vragen.yaml"))))).unwrap();
    std::fs::write(
        root.join("content/01-pagina.md"),
        format!(
            "{BOM}{}",
            crlf("---\ntitle: Een pagina\n---\n\nTekst met {{vraag.ja.2026}}.\n\n::: result\nlabel: Tarief\ntext: Welke?\n\n::: chart\nquestion: vraag\nkind: bars\n:::\n\nUitleg.\n:::\n")
        ),
    )
    .unwrap();
    site
}

#[test]
fn a_bom_and_crlf_line_endings_build_fine() {
    let site = windows_site();
    let out = build(site.path());
    let html = read(&out.join("pagina/index.html"));
    assert!(html.contains("Tekst met 60%."), "citation in a CRLF page");
    assert!(html.contains("<svg"), "chart inside a result block in a CRLF page");
    assert!(html.contains("Voet"), "footer text from a CRLF site.toml with a BOM");
    assert!(!html.contains('\u{feff}'), "no byte-order mark in the output");
    assert_eq!(h1(&html), "Een pagina", "the title is read without a BOM or \\r");
}

#[test]
fn errors_in_crlf_files_name_the_right_line() {
    let (site, before) = built_site();
    let root = site.path();
    // Markdown: an unknown block on line 7.
    std::fs::write(
        root.join("content/01-pagina.md"),
        format!("{BOM}{}", crlf("---\ntitle: Een pagina\n---\n\nTekst.\n\n::: qoute\nIets.\n:::\n")),
    )
    .unwrap();
    let stderr = fails(root, &before);
    assert!(stderr.contains("error: content/01-pagina.md:7: unknown block `::: qoute`"), "{stderr}");

    // Front matter: a wrong type on line 3, column 8.
    std::fs::write(root.join("content/01-pagina.md"), format!("{BOM}{}", crlf("---\ntitle: Een pagina\norder: vijf\n---\n\nTekst.\n")))
        .unwrap();
    let stderr = fails(root, &before);
    assert!(stderr.contains("error: content/01-pagina.md:3:8: order: expected a whole number, found the text \"vijf\""), "{stderr}");
    std::fs::write(root.join("content/01-pagina.md"), page("Een pagina", "Tekst.\n")).unwrap();

    // YAML: a duplicate key on line 6.
    let yaml = "questions:\n  - id: vraag\n    label: Vraag\n    text: Een vraag?\n    unit: percentage\n    unit: score\n    n: {2026: 50}\n    options:\n      - {label: Ja, values: {2026: 60}}\n";
    std::fs::write(root.join("data/vragen.yaml"), format!("{BOM}{}", crlf(yaml))).unwrap();
    let stderr = fails(root, &before);
    assert!(stderr.contains("error: data/vragen.yaml:6:5: questions[0]: duplicate field `unit`"), "{stderr}");
    std::fs::copy(repo().join("tests/sites/minimal/data/vragen.yaml"), root.join("data/vragen.yaml")).unwrap();

    // TOML: an unknown setting on line 3.
    std::fs::write(root.join("site.toml"), format!("{BOM}{}", crlf("title = \"Kleine monitor\"\n\ntaal = \"nl\"\n"))).unwrap();
    let stderr = fails(root, &before);
    assert!(stderr.contains("error: site.toml:3:1: unknown field `taal`"), "{stderr}");
}

/// A full disk, simulated with a file-size limit (root ignores permissions): folio must
/// not die by SIGXFSZ but report the failed write and keep the old output.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_and_the_old_output_stays() {
    use std::os::unix::process::ExitStatusExt;
    let (site, before) = built_site();
    // A page bigger than the limit of 50 blocks of 1 KiB.
    let body = "Een lange alinea over de verpleeghuiszorg.\n\n".repeat(3000);
    std::fs::write(site.path().join("content/02-lang.md"), page("Lang", &body)).unwrap();
    let output = Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 50; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_folio"))
        .arg("--root")
        .arg(site.path())
        .arg("build")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).replace(&site.path().display().to_string(), "<site>");
    assert_eq!(output.status.signal(), None, "folio died by a signal:\n{stderr}");
    assert!(!output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(stderr.contains("cannot write the new site's public/"), "the file is named by its place in the output: {stderr}");
    assert!(
        stderr.contains("help: check that the folder may be written and the disk is not full; the previous output is unchanged"),
        "{stderr}"
    );
    assert_eq!(snapshot(&site.path().join("public")), before, "the previous output must stay as it was");
    // With room again, the same site builds.
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok, "{stderr}");
}
