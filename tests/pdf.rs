//! `folio pdf` on the sample monitor, checked with poppler-utils (`pdfinfo`, `pdftotext`):
//! one A4-landscape page per monitor page, each page's heading and page number on the
//! right page, the title and language in the metadata, links and bookmarks inside the PDF.
//! Needs Debian's `chromium` and `poppler-utils`; `tests/run` installs them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;

const MISSING: &str = "the PDF tests need Chromium and poppler-utils: install them with \
`apt install chromium poppler-utils` (or run `bash tests/run`, which installs everything the tests need)";

struct Printed {
    site: tempfile::TempDir,
    pdf: PathBuf,
    /// (page key, h1 text) of every sheet of print.html, in order.
    sheets: Vec<(String, String)>,
    title: String,
}

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "data", "themes"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
    dir
}

fn tool(name: &str) -> Command {
    let found = std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()));
    assert!(found, "`{name}` was not found on PATH: {MISSING}");
    Command::new(name)
}

fn run(command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(output.status.success(), "{command:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The sample monitor printed once, by `folio pdf` with its default output path.
fn printed() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| {
        tool("chromium");
        let site = sample_copy();
        let (ok, stderr) = folio(site.path(), &["pdf"]);
        assert!(ok, "folio pdf failed:\n{stderr}\n({MISSING})");
        let pdf = site.path().join("monitor-wlz-zorgcontractering-verpleeghuiszorg-2026.pdf");
        assert!(stderr.contains("wrote ") && stderr.contains(".pdf"), "{stderr}");
        assert!(pdf.is_file(), "no PDF at {}: {stderr}", pdf.display());
        let print = read(&site.path().join("public/print.html"));
        let title = between(&print, "<title>", "</title>");
        let sheets = print
            .split("class=\"sheet ")
            .skip(1)
            .map(|sheet| {
                let h1 = &sheet[sheet.find("<h1").expect("an h1 per sheet")..];
                let id = between(h1, "id=\"", "\"");
                (id.trim_end_matches("--title").to_string(), strip_tags(&h1[h1.find('>').unwrap() + 1..h1.find("</h1>").unwrap()]))
            })
            .collect();
        Printed { site, pdf, sheets, title: decode(&title) }
    })
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    text[from..from + text[from..].find(end).unwrap()].to_string()
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode(&text)
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdfinfo(pdf: &Path, args: &[&str]) -> String {
    run(tool("pdfinfo").args(args).arg(pdf))
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(name).map(|rest| rest.trim_start_matches(':').trim()))
        .unwrap_or_else(|| panic!("no {name} in:\n{info}"))
}

fn page_text(pdf: &Path, page: usize) -> String {
    run(tool("pdftotext").args(["-f", &page.to_string(), "-l", &page.to_string()]).arg(pdf).arg("-"))
}

#[test]
fn one_pdf_page_per_monitor_page_all_a4_landscape() {
    let printed = printed();
    assert_eq!(printed.sheets.len(), 20, "the sample monitor has 20 pages");
    let info = pdfinfo(&printed.pdf, &[]);
    assert_eq!(field(&info, "Pages"), printed.sheets.len().to_string(), "{info}");
    let all = pdfinfo(&printed.pdf, &["-f", "1", "-l", &printed.sheets.len().to_string()]);
    let sizes: Vec<&str> = all.lines().filter(|l| l.starts_with("Page") && l.contains("size:")).collect();
    assert_eq!(sizes.len(), printed.sheets.len(), "{all}");
    for line in sizes {
        let numbers: Vec<f64> = line.split("size:").nth(1).unwrap().split_whitespace().filter_map(|w| w.parse().ok()).collect();
        let (width, height) = (numbers[0], numbers[1]);
        assert!((width - 841.92).abs() <= 1.0 && (height - 594.96).abs() <= 1.0, "not A4 landscape: {line}");
    }
}

#[test]
fn each_page_shows_its_heading_and_the_sites_page_number() {
    let printed = printed();
    let mut problems = Vec::new();
    for (i, (key, heading)) in printed.sheets.iter().enumerate() {
        let number = i + 1;
        let text = words(&page_text(&printed.pdf, number));
        // The footer's page number is printed: the sheet is not cut off, and the PDF's page
        // numbers are the site's.
        if !text.contains(&format!("Pagina {number} ")) && !text.ends_with(&format!("Pagina {number}")) {
            problems.push(format!("PDF page {number} ({key}) lacks its footer \"Pagina {number}\""));
        }
        // The heading may wrap over lines in the PDF; its words come in order.
        if !text.contains(&words(heading)) {
            problems.push(format!("PDF page {number} ({key}) lacks its heading {heading:?}: {}", &text[..text.len().min(300)]));
        }
    }
    // A known page: Maatwerk rond tariefafspraken is page 5 of the monitor.
    assert!(words(&page_text(&printed.pdf, 5)).contains("Maatwerk rond tariefafspraken"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_title_and_language_are_in_the_metadata_and_the_pdf_is_tagged() {
    let printed = printed();
    let info = pdfinfo(&printed.pdf, &[]);
    assert_eq!(field(&info, "Title"), printed.title, "{info}");
    assert_eq!(printed.title, "Monitor Wlz-zorgcontractering verpleeghuiszorg 2026");
    assert_eq!(field(&info, "Tagged"), "yes", "a tagged PDF reads aloud in order: {info}");
    let bytes = std::fs::read(&printed.pdf).unwrap();
    assert!(contains(&bytes, b"/Lang (nl)"), "the PDF names its language");
}

#[test]
fn links_between_pages_and_bookmarks_work_inside_the_pdf() {
    let printed = printed();
    let bytes = std::fs::read(&printed.pdf).unwrap();
    // Terug, Volgende and the chapter tabs point at the pages' named destinations.
    for (key, _) in printed.sheets.iter().skip(1) {
        assert!(contains(&bytes, format!("/Dest /page-{key}").as_bytes()), "no link inside the PDF leads to page {key}");
    }
    assert!(contains(&bytes, b"/Dests"), "the PDF has named destinations");
    assert!(contains(&bytes, b"/Outlines"), "the PDF has bookmarks");
    // One bookmark per page heading at least: Chromium writes the outline from the headings.
    let count = bytes.windows(7).filter(|w| w == b"/Parent").count();
    assert!(count >= printed.sheets.len(), "expected a bookmark per page, found {count} outline entries");
}

#[test]
fn the_pdf_keeps_colours_and_charts() {
    let printed = printed();
    // The cover is printed on its dark blue background; pdftoppm shows the colour.
    let out = printed.site.path().join("cover");
    run(tool("pdftoppm").args(["-f", "1", "-l", "1", "-r", "10", "-png"]).arg(&printed.pdf).arg(&out));
    let png = std::fs::read_dir(printed.site.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("cover"))
        .expect("a PNG of the cover")
        .path();
    let size = std::fs::metadata(&png).unwrap().len();
    assert!(size > 200, "the cover renders ({size} bytes)");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("test-artifacts/pdf");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::copy(&printed.pdf, shots.join("sample-monitor.pdf")).unwrap();
    // Chart text is in the PDF as text (SVG, not a picture): a chart's labels are found.
    let text = words(&page_text(&printed.pdf, 4));
    assert!(text.contains("2026") && text.contains('%'), "chart labels on page 4: {text}");
}

/// The PDF's bookmarks as (object number, title, parent object number). Skia writes each
/// outline item as a plain object: `N 0 obj <</Title (…) /Dest … /Parent M 0 R …>>`.
fn outline(bytes: &[u8]) -> Vec<(u32, String, u32)> {
    let text = String::from_utf8_lossy(bytes);
    let mut items = Vec::new();
    let mut rest = &text[..];
    while let Some(at) = rest.find(" 0 obj\n<</Title ") {
        let number: u32 = rest[..at].rsplit(['\n', '\r']).next().unwrap_or("").trim().parse().unwrap_or(0);
        let object = &rest[at + " 0 obj\n<</Title ".len()..];
        let end = object.find("endobj").unwrap_or(object.len());
        let object = &object[..end];
        let title = pdf_string(object);
        let parent = object.split("/Parent ").nth(1).and_then(|p| p.split_whitespace().next()).and_then(|n| n.parse().ok());
        if let Some(parent) = parent {
            items.push((number, title, parent));
        }
        rest = &rest[at + 10..];
    }
    items
}

/// A PDF string at the start of `text`: `(literal)` or `<FEFF hex UTF-16>`.
fn pdf_string(text: &str) -> String {
    if let Some(hex) = text.strip_prefix('<') {
        let hex = &hex[..hex.find('>').unwrap_or(hex.len())];
        let bytes: Vec<u8> = (0..hex.len() / 2).filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
        if bytes.starts_with(&[0xFE, 0xFF]) {
            let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            return String::from_utf16_lossy(&units);
        }
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut out = String::new();
    let mut chars = text.strip_prefix('(').unwrap_or(text).chars();
    while let Some(c) = chars.next() {
        match c {
            ')' => break,
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn bookmarks_follow_the_chapters() {
    let printed = printed();
    let items = outline(&std::fs::read(&printed.pdf).unwrap());
    let title_of = |number: u32| items.iter().find(|(n, _, _)| *n == number).map(|(_, t, _)| t.as_str());
    let parent_of = |title: &str| -> Option<&str> {
        let (_, _, parent) = items
            .iter()
            .find(|(_, t, _)| t.trim_end_matches([' ', '›']) == title)
            .unwrap_or_else(|| panic!("no bookmark {title:?} in {items:#?}"));
        title_of(*parent)
    };
    // Top level: the cover, the foreword, the chapters, the closing page.
    for top in ["Voorwoord", "Financiering", "Beschikbaarheid", "Inkoopbeleid", "Toekomstblik"] {
        assert_eq!(parent_of(top), None, "{top} is a top-level bookmark");
    }
    // A wrapped heading keeps the spaces between its words.
    assert_eq!(parent_of("Vraag naar samenhang, rust en zekerheid voor meerdere jaren in de Wlz-ouderenzorg"), None);
    // A chapter's pages sit under the chapter, a page's results under the page.
    assert_eq!(parent_of("Afspraken over tarieven"), Some("Financiering"));
    assert_eq!(parent_of("Ontwikkeling urgent wachtenden"), Some("Beschikbaarheid"));
    assert_eq!(parent_of("Tariefpercentage"), Some("Afspraken over tarieven"));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn without_chromium_folio_pdf_says_how_to_get_it_and_writes_nothing() {
    let site = sample_copy();
    let config = read(&site.path().join("site.toml")) + "\n[pdf]\nchromium = \"/no/such/chromium\"\n";
    std::fs::write(site.path().join("site.toml"), config).unwrap();
    let (ok, stderr) = folio(site.path(), &["pdf"]);
    assert!(!ok);
    assert!(stderr.contains("site.toml") && stderr.contains("/no/such/chromium") && stderr.contains("[pdf] chromium"), "{stderr}");
    assert!(stderr.contains("no PDF was written"), "{stderr}");

    // Nothing on PATH either.
    let site = sample_copy();
    let output =
        Command::new(env!("CARGO_BIN_EXE_folio")).arg("--root").arg(site.path()).arg("pdf").env("PATH", site.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("apt install chromium") && stderr.contains("[pdf] chromium"), "{stderr}");
    assert!(!site.path().join("public").exists(), "nothing is built when Chromium is missing");
}

#[test]
#[cfg(unix)]
fn a_failed_print_leaves_the_previous_pdf_alone() {
    use std::os::unix::fs::PermissionsExt;
    let site = sample_copy();
    // A "Chromium" that writes half a file and fails.
    let fake = site.path().join("fake-chromium");
    std::fs::write(&fake, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 half' > \"${a#--print-to-pdf=}\";; esac; done\necho 'crashed while printing' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = read(&site.path().join("site.toml")) + "\n[pdf]\nchromium = \"fake-chromium\"\noutput = \"out/monitor.pdf\"\n";
    std::fs::write(site.path().join("site.toml"), config).unwrap();
    std::fs::create_dir_all(site.path().join("out")).unwrap();
    std::fs::write(site.path().join("out/monitor.pdf"), "the previous PDF").unwrap();
    let (ok, stderr) = folio(site.path(), &["pdf"]);
    assert!(!ok, "{stderr}");
    // `chromium = "fake-chromium"` without a slash is a name to look up on PATH: not found.
    assert!(stderr.contains("fake-chromium"), "{stderr}");

    let config = read(&site.path().join("site.toml")).replace("chromium = \"fake-chromium\"", "chromium = \"./fake-chromium\"");
    std::fs::write(site.path().join("site.toml"), config).unwrap();
    let (ok, stderr) = folio(site.path(), &["pdf"]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("Chromium failed") && stderr.contains("crashed while printing"), "{stderr}");
    assert_eq!(read(&site.path().join("out/monitor.pdf")), "the previous PDF");
    let left: Vec<_> = std::fs::read_dir(site.path().join("out")).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "no partial file is left behind: {left:?}");
}

#[test]
fn the_output_flag_and_no_build_print_an_existing_build() {
    let printed = printed();
    let target = printed.site.path().join("elsewhere/copy.pdf");
    let (ok, stderr) = folio(printed.site.path(), &["pdf", "--no-build", "--output", target.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("built "), "--no-build does not build: {stderr}");
    let info = pdfinfo(&target, &[]);
    assert_eq!(field(&info, "Pages"), printed.sheets.len().to_string());

    // --no-build without a build says what to do.
    let empty = sample_copy();
    let (ok, stderr) = folio(empty.path(), &["pdf", "--no-build"]);
    assert!(!ok);
    assert!(stderr.contains("print.html") && stderr.contains("folio build"), "{stderr}");
}
