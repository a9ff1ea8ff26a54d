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

/// The sample monitor printed once, by `folio pdf` with its default output path.
fn printed() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| {
        tool("chromium", MISSING);
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
    run(tool("pdfinfo", MISSING).args(args).arg(pdf))
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(name).map(|rest| rest.trim_start_matches(':').trim()))
        .unwrap_or_else(|| panic!("no {name} in:\n{info}"))
}

fn page_text(pdf: &Path, page: usize) -> String {
    run(tool("pdftotext", MISSING).args(["-f", &page.to_string(), "-l", &page.to_string()]).arg(pdf).arg("-"))
}

/// Sheets of the PDF.
fn pdf_pages(pdf: &Path) -> usize {
    field(&pdfinfo(pdf, &[]), "Pages").parse().unwrap()
}

#[test]
fn every_sheet_is_a4_landscape_and_no_page_is_shrunk_or_cut() {
    let printed = printed();
    assert!(printed.sheets.len() >= 20, "the sample monitor has about 20 pages: {}", printed.sheets.len());
    let pages = pdf_pages(&printed.pdf);
    // The sample fits: one sheet per monitor page, nothing continued.
    assert_eq!(pages, printed.sheets.len(), "one sheet per page of the sample monitor");
    let all = pdfinfo(&printed.pdf, &["-f", "1", "-l", &pages.to_string()]);
    let sizes: Vec<&str> = all.lines().filter(|l| l.starts_with("Page") && l.contains("size:")).collect();
    assert_eq!(sizes.len(), pages, "{all}");
    for line in sizes {
        let numbers: Vec<f64> = line.split("size:").nth(1).unwrap().split_whitespace().filter_map(|w| w.parse().ok()).collect();
        let (width, height) = (numbers[0], numbers[1]);
        assert!((width - 841.92).abs() <= 1.0 && (height - 594.96).abs() <= 1.0, "not A4 landscape: {line}");
    }
}

#[test]
fn every_sheet_carries_the_running_footer_and_every_page_its_heading_in_order() {
    let printed = printed();
    let pages = pdf_pages(&printed.pdf);
    let mut problems = Vec::new();
    let mut next_heading = 0;
    for number in 1..=pages {
        let text = words(&page_text(&printed.pdf, number));
        // The running head and footer: the publication's title and the sheet number of the
        // whole; the cover has neither.
        let cover = number == 1;
        if text.contains(&format!("{number} / {pages}")) == cover {
            problems
                .push(format!("sheet {number}: its number \"{number} / {pages}\" (none on the cover): {}", &text[..text.len().min(200)]));
        }
        if text.contains("Monitor Wlz-zorgcontractering 2026") == cover {
            problems.push(format!("sheet {number}: the running head (none on the cover)"));
        }
        // Headings come in reading order, one monitor page after the other; a page that
        // continues shows its title again with "(vervolg)".
        while let Some((_, heading)) = printed.sheets.get(next_heading) {
            if text.contains(&words(heading)) && !text.contains(&format!("{} (vervolg)", words(heading))) {
                next_heading += 1;
            } else {
                break;
            }
        }
    }
    if next_heading < printed.sheets.len() {
        problems.push(format!("the heading of page {} ({:?}) was not found in order", next_heading + 1, printed.sheets[next_heading].1));
    }
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
    // The chapter tabs point at the chapters' first sheets (Terug and Volgende are for the
    // screen and do not print).
    let print = read(&printed.site.path().join("public/print.html"));
    let chapters: Vec<String> = print
        .split("<section id=\"page-")
        .skip(1)
        .filter(|s| s.contains("class=\"sheet sheet-chapter"))
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect();
    assert!(chapters.len() >= 3, "{chapters:?}");
    for key in &chapters {
        assert!(contains(&bytes, format!("/Dest /page-{key}").as_bytes()), "no link inside the PDF leads to chapter {key}");
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
    run(tool("pdftoppm", MISSING).args(["-f", "1", "-l", "1", "-r", "10", "-png"]).arg(&printed.pdf).arg(&out));
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
    // Chart text is in the PDF as text (SVG, not a picture): a donut's labels are found.
    let text = words(&run(tool("pdftotext", MISSING).arg(&printed.pdf).arg("-")));
    assert!(text.contains("Ten dele") && text.contains("61%"), "chart labels in the PDF: {text}");
}

#[test]
fn every_chart_states_its_n_and_source_on_paper() {
    let printed = printed();
    let print = read(&printed.site.path().join("public/print.html"));
    let lines: Vec<String> =
        print.split("<p class=\"chart-source\">").skip(1).map(|rest| words(&strip_tags(&rest[..rest.find("</p>").unwrap()]))).collect();
    let charts = print.matches("<figure class=\"chart-figure").count();
    assert_eq!(lines.len(), charts, "a base and source line under every chart of print.html");
    // pdftotext joins a word broken at its hyphen ("Wlz-" + "zorgcontractering"), so
    // hyphens are left out on both sides.
    let unhyphened = |text: &str| text.replace('-', "");
    let text = unhyphened(&words(&run(tool("pdftotext", MISSING).arg(&printed.pdf).arg("-"))));
    for line in &lines {
        assert!(line.starts_with("n = ") && line.contains("Bron: "), "{line}");
        assert!(text.contains(&unhyphened(line)), "not in the PDF: {line}");
    }
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
    assert_eq!(parent_of("Minder vaak het landelijke percentage, vaker een eigen afspraak"), Some("Afspraken over tarieven"));
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
    // A "Chromium" that writes half a file and fails; outside the monitor folder, since
    // folio runs no program that comes with a monitor.
    let tools = tempfile::tempdir().unwrap();
    let fake = tools.path().join("fake-chromium");
    std::fs::write(&fake, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 half' > \"${a#--print-to-pdf=}\";; esac; done\necho 'crashed while printing' >&2\nexit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = read(&site.path().join("site.toml")) + "\n[pdf]\nchromium = \"fake-chromium\"\noutput = \"out/monitor.pdf\"\n";
    std::fs::write(site.path().join("site.toml"), config).unwrap();
    std::fs::create_dir_all(site.path().join("out")).unwrap();
    std::fs::write(site.path().join("out/monitor.pdf"), "%PDF-1.7 the previous PDF").unwrap();
    let (ok, stderr) = folio(site.path(), &["pdf"]);
    assert!(!ok, "{stderr}");
    // `chromium = "fake-chromium"` without a slash is a name to look up on PATH: not found.
    assert!(stderr.contains("fake-chromium"), "{stderr}");

    let config = read(&site.path().join("site.toml"))
        .replace("chromium = \"fake-chromium\"", &format!("chromium = {:?}", fake.display().to_string()));
    std::fs::write(site.path().join("site.toml"), config).unwrap();
    let (ok, stderr) = folio(site.path(), &["pdf"]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("Chromium failed") && stderr.contains("crashed while printing"), "{stderr}");
    assert_eq!(read(&site.path().join("out/monitor.pdf")), "%PDF-1.7 the previous PDF");
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
    assert_eq!(pdf_pages(&target), pdf_pages(&printed.pdf));

    // --no-build without a build says what to do.
    let empty = sample_copy();
    let (ok, stderr) = folio(empty.path(), &["pdf", "--no-build"]);
    assert!(!ok);
    assert!(stderr.contains("print.html") && stderr.contains("folio build"), "{stderr}");
}

/// Word boxes of every sheet, from `pdftotext -bbox`: (sheet, word, xMin, yMin, xMax, yMax).
fn word_boxes(pdf: &Path) -> Vec<(usize, String, f64, f64, f64, f64)> {
    let html = run(tool("pdftotext", MISSING).arg("-bbox").arg(pdf).arg("-"));
    let mut sheet = 0;
    let mut boxes = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            sheet += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let number = |name: &str| between(rest, &format!("{name}=\""), "\"").parse::<f64>().unwrap();
            let word = rest[rest.find('>').unwrap() + 1..rest.find("</word>").unwrap()].to_string();
            boxes.push((sheet, decode(&word), number("xMin"), number("yMin"), number("xMax"), number("yMax")));
        }
    }
    boxes
}

/// Pairs of words printed over each other on one sheet (boxes overlapping by more than a
/// hair in both directions).
fn overprinted(pdf: &Path) -> Vec<String> {
    let boxes = word_boxes(pdf);
    let mut found = Vec::new();
    for (i, a) in boxes.iter().enumerate() {
        for b in boxes[i + 1..].iter().take_while(|b| b.0 == a.0) {
            let dx = a.4.min(b.4) - a.2.max(b.2);
            let dy = a.5.min(b.5) - a.3.max(b.3);
            // A word's box runs from the face's ascent to its descent, taller than its
            // letters (Source Sans 3: 1.42 em), so the boxes of two lines set at 1.1–1.4
            // touch: words are over each other only where a third of the smaller box is
            // covered (as ../shared/tools/pdf_fidelity.py counts).
            let smaller = ((a.4 - a.2) * (a.5 - a.3)).min((b.4 - b.2) * (b.5 - b.3));
            if dx > 1.0 && dy > 1.0 && dx * dy > 0.3 * smaller {
                found.push(format!("sheet {}: {:?} over {:?}", a.0, a.1, b.1));
            }
        }
    }
    found
}

/// The text blocks a reader sees on a page: paragraphs, list items and table rows of its
/// `<main>`, as words.
fn text_blocks(page_html: &str) -> Vec<String> {
    let mut main = page_html[page_html.find("<main").unwrap()..page_html.find("</main>").unwrap()].to_string();
    // A chart's table stays folded in print (the chart shows the same numbers).
    while let Some(start) = main.find("<details class=\"chart-data\">") {
        let end = start + main[start..].find("</details>").unwrap() + "</details>".len();
        main.replace_range(start..end, "");
    }
    let main = main.as_str();
    let mut blocks = Vec::new();
    for (open, close) in [("<p", "</p>"), ("<li", "</li>"), ("<tr", "</tr>")] {
        let mut rest = main;
        while let Some(start) = rest.find(open) {
            let after = &rest[start..];
            let is_tag = after[open.len()..].starts_with(['>', ' ']);
            let Some(end) = after.find(close) else { break };
            if is_tag {
                let block = words(&strip_tags(&after[..end].replace('<', " <")).replace(['“', '”', '›'], " "));
                if !block.is_empty() {
                    blocks.push(block);
                }
            }
            rest = &after[end + close.len()..];
        }
    }
    blocks
}

#[test]
fn a_long_report_flows_onto_more_sheets_in_both_formats_and_loses_no_word() {
    tool("chromium", MISSING);
    for format in ["a4-landscape", "a4-portrait"] {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("tests/sites/long-report"), dir.path());
        let settings = read(&dir.path().join("site.toml"));
        std::fs::write(dir.path().join("site.toml"), format!("{settings}\n[pdf]\nformat = \"{format}\"\n")).unwrap();
        let pdf = dir.path().join("rapport.pdf");
        let (ok, stderr) = folio(dir.path(), &["pdf", "--output", pdf.to_str().unwrap()]);
        assert!(ok, "{format}: folio pdf failed:\n{stderr}");
        assert!(stderr.contains("continues on"), "{format}: the long pages are reported as continued: {stderr}");
        let text = words(&run(tool("pdftotext", MISSING).arg(&pdf).arg("-")));
        let mut missing = Vec::new();
        for page in ["tekst", "tabel", "lijst", "citaat", "resultaten"] {
            let html = read(&dir.path().join(format!("public/{page}/index.html")));
            for block in text_blocks(&html) {
                // A paragraph may be split between two sheets: its first and its last words
                // are each printed in one piece.
                let all: Vec<&str> = block.split(' ').collect();
                let head = all[..all.len().min(6)].join(" ");
                let tail = all[all.len().saturating_sub(6)..].join(" ");
                // Table cells may come out of the PDF column by column: their words count.
                let found =
                    if all.len() <= 4 { all.iter().all(|w| text.contains(w)) } else { text.contains(&head) && text.contains(&tail) };
                if !found {
                    missing.push(format!("{page}: {block}"));
                }
            }
        }
        assert!(missing.is_empty(), "{format}: text missing from the PDF:\n{}", missing.join("\n"));
        let sheets = pdf_pages(&pdf);
        assert!(sheets > 7, "{format}: the long pages flowed onto more sheets ({sheets})");
        let size = field(&pdfinfo(&pdf, &[]), "Page size").to_string();
        let expected = if format == "a4-portrait" { "594.96 x 841.92" } else { "841.92 x 594.96" };
        assert!(size.starts_with(expected), "{format}: sheets of {size}");
        // A continuation sheet repeats its page's title, marked as continued.
        assert!(text.contains("Een tabel van zestig rijen (vervolg)"), "{format}: no continued title in {text}");
        // The cover has no running footer.
        for number in 2..=sheets {
            let sheet = words(&page_text(&pdf, number));
            assert!(sheet.contains(&format!("{number} / {sheets}")), "{format}: sheet {number} lacks its running footer: {sheet}");
        }
        let over = overprinted(&pdf);
        assert!(over.is_empty(), "{format}: words printed over each other:\n{}", over.join("\n"));
        // The contents page gives the sheet each page starts on, continuations counted.
        let contents = run(tool("pdftotext", MISSING).args(["-layout", "-f", "2", "-l", "2"]).arg(&pdf).arg("-"));
        for title in ["Drie schermen tekst", "Een tabel van zestig rijen", "Een lijst van veertig punten", "Drie grafieken op een pagina"] {
            let line = contents
                .lines()
                .find(|l| l.contains(title))
                .unwrap_or_else(|| panic!("{format}: {title} not in the contents:\n{contents}"));
            let after = &line[line.find(title).unwrap() + title.len()..];
            let number: usize = after
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{format}: no sheet number for {title}: {line}"));
            let sheet = words(&page_text(&pdf, number));
            assert!(
                sheet.contains(title) && !sheet.contains(&format!("{title} (vervolg)")),
                "{format}: {title} does not start on sheet {number}"
            );
        }
    }
}

#[test]
fn the_sample_monitor_prints_without_words_over_words() {
    let over = overprinted(&printed().pdf);
    assert!(over.is_empty(), "words printed over each other:\n{}", over.join("\n"));
}

/// The process's umask, from /proc (the mode a new file gets is 0666 less this).
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

#[test]
fn the_pdf_gets_the_usual_mode_and_replaces_only_an_earlier_pdf() {
    use std::os::unix::fs::PermissionsExt;
    let printed = printed();
    let mode = std::fs::metadata(&printed.pdf).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o666 & !umask(), "the PDF's mode");

    // The refusals come before any build or print, in a copy of their own.
    let copy = sample_copy();
    let site = copy.path();
    let pdf = |target: &Path| folio(site, &["pdf", "--no-build", "--output", target.to_str().unwrap()]);
    // A folder, a file that is not a PDF: refused, left as they were.
    let folder = site.join("a-folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let (ok, stderr) = pdf(&folder);
    assert!(!ok && stderr.contains("this is a folder"), "{stderr}");
    let notes = site.join("notes.txt");
    std::fs::write(&notes, "mijn aantekeningen").unwrap();
    let (ok, stderr) = pdf(&notes);
    assert!(!ok && stderr.contains("is not a PDF"), "{stderr}");
    assert_eq!(read(&notes), "mijn aantekeningen");
    // A FIFO: refused without opening it (opening would block).
    let fifo = site.join("fifo.pdf");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (ok, stderr) = pdf(&fifo);
    assert!(!ok && stderr.contains("not a regular file"), "{stderr}");

    // [pdf] output may not lead outside the monitor's folder.
    let settings = read(&site.join("site.toml"));
    std::fs::write(site.join("site.toml"), format!("{settings}\n[pdf]\noutput = \"../buiten.pdf\"\n")).unwrap();
    let (ok, stderr) = folio(site, &["pdf", "--no-build"]);
    assert!(!ok && stderr.contains("outside the monitor's folder"), "{stderr}");
    assert!(!site.parent().unwrap().join("buiten.pdf").exists());
}
