//! A text report (tests/sites/report): numbered tables and figures referred to across pages,
//! numbered chapters and sections in tabs, kickers, headings, contents and PDF bookmarks;
//! and the report starter of `folio init --template report`, built, checked in a browser
//! and printed. The PDF and browser tests need Debian's `chromium` and `poppler-utils`
//! (`tests/run` installs them).

mod browser_support;
mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn page(out: &Path, url: &str) -> String {
    read(&out.join(url).join("index.html"))
}

/// The text of `html` without its tags, white space folded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element that starts with the tag holding `marker` up to `end` (exclusive).
fn slice<'a>(html: &'a str, marker: &str, end: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker} in the page"));
    let start = html[..at].rfind('<').unwrap();
    let stop = html[at..].find(end).map_or(html.len(), |e| at + e + end.len());
    &html[start..stop]
}

/// (text, href) of every link in the page's main content whose text names a table or figure.
fn references(html: &str) -> Vec<(String, String)> {
    let main = &html[html.find("class=\"sheet-main\"").unwrap()..];
    main.split("<a ")
        .skip(1)
        .filter_map(|link| {
            let href = link.split("href=\"").nth(1)?.split('"').next()?.to_string();
            let inner = &link[link.find('>')? + 1..link.find("</a>")?];
            let said = text(inner);
            (said.starts_with("Tabel") || said.starts_with("Figuur")).then(|| (said, decode(&href)))
        })
        .collect()
}

#[test]
fn tables_and_figures_are_numbered_through_the_publication_and_referred_to_across_pages() {
    let site = fixture("report");
    let out = build(site.path());
    assert_eq!(broken_links(&out), Vec::<String>::new());

    // Numbers run through the publication in reading order, each kind on its own.
    let contracts = page(&out, "financiering/contracten");
    let table = slice(&contracts, "id=\"financiering-contracten--tabel-contracten\"", "</figure>");
    assert!(table.contains("class=\"numbered numbered-table\""), "{table}");
    assert_eq!(
        text(slice(table, "numbered-caption", "</figcaption>")),
        "Tabel 1 Looptijd van de contracten",
        "the caption carries the number"
    );
    let (caption_at, table_at) = (table.find("<figcaption").unwrap(), table.find("<table").unwrap());
    assert!(caption_at < table_at, "the caption stands above its table");
    assert!(text(table).contains("telt als een contract voor een jaar"), "the notes: {table}");
    assert!(text(table).contains("Bron: Ledenpeiling 2026, n = 98"), "the source line: {table}");
    // A footnote in the notes, defined at the foot of the page.
    assert!(table.contains("<a href=\"#financiering-contracten--fn-stil\" id=\"financiering-contracten--fnref-stil\">1</a>"), "{table}");
    assert!(contracts.contains("id=\"financiering-contracten--fn-stil\""));
    let regions = page(&out, "financiering/regio");
    assert!(text(&regions).contains("Tabel 2 Looptijd per regio en per jaar"));
    // A table without an id is numbered too, and its id is its number.
    assert!(regions.contains("id=\"financiering-regio--tabel-3\""), "a table in a box without id");
    assert!(text(&regions).contains("Tabel 3 Een tabel zonder id"));
    assert!(text(&page(&out, "financiering/lang")).contains("Tabel 4 Looptijd per deelnemende organisatie"));
    // A wide table scrolls in a region of its own that the keyboard reaches.
    let wide = slice(&regions, "class=\"table-scroll\"", "</div>");
    assert!(wide.contains("role=\"region\"") && wide.contains("tabindex=\"0\"") && wide.contains("aria-label=\"Tabel 2\""), "{wide}");

    let judgement = page(&out, "tevredenheid/oordeel");
    let figure = slice(&judgement, "id=\"tevredenheid-oordeel--figuur-tevredenheid\"", "</figure>\n</div>");
    assert!(text(figure).starts_with("Figuur 2 Tevredenheid over het gesprek"), "{}", text(figure));
    assert!(figure.contains("<svg"), "the chart is the figure");
    assert!(!figure.contains("chart-title"), "in a figure the caption is the chart's title");
    assert!(text(&page(&out, "financiering/lang")).contains("Figuur 1 Het verloop van de inkoop, nog eens"));
    let picture = page(&out, "tevredenheid/beeld");
    let figure = slice(&picture, "id=\"tevredenheid-beeld--figuur-schema\"", "</figure>");
    assert!(figure.contains("<img") && text(figure).starts_with("Figuur 3 Het verloop van de inkoop"), "{figure}");

    // References: an empty link text becomes the number; a link finds the page that holds
    // the table or figure, on the site and in the print document alike.
    let intro = page(&out, "inleiding");
    assert_eq!(
        references(&intro),
        [
            ("Tabel 1".to_string(), "../financiering/contracten/index.html#financiering-contracten--tabel-contracten".to_string()),
            ("Figuur 2".to_string(), "../tevredenheid/oordeel/index.html#tevredenheid-oordeel--figuur-tevredenheid".to_string()),
        ]
    );
    assert_eq!(references(&contracts)[0], ("Tabel 1".to_string(), "#financiering-contracten--tabel-contracten".to_string()));
    assert_eq!(
        references(&judgement)[..2],
        [
            ("Figuur 2".to_string(), "#tevredenheid-oordeel--figuur-tevredenheid".to_string()),
            ("Tabel 2".to_string(), "../../financiering/regio/index.html#financiering-regio--tabel-regio".to_string()),
        ]
    );
    // A link through another page's file finds the table by its id all the same.
    assert_eq!(
        references(&judgement)[3],
        ("Tabel 2".to_string(), "../../financiering/regio/index.html#financiering-regio--tabel-regio".to_string())
    );
    let print = read(&out.join("print.html"));
    for id in ["financiering-contracten--tabel-contracten", "tevredenheid-oordeel--figuur-tevredenheid", "financiering-regio--tabel-regio"]
    {
        assert!(print.contains(&format!("href=\"#{id}\"")), "print.html links to #{id}");
        assert_eq!(print.matches(&format!("id=\"{id}\"")).count(), 1, "print.html holds #{id} once");
    }
}

#[test]
fn chapters_and_sections_are_numbered_in_tabs_kickers_headings_and_contents() {
    let site = fixture("report");
    let out = build(site.path());
    let contracts = page(&out, "financiering/contracten");
    assert_eq!(text(&h1(&contracts)), "1.1 Contracten");
    assert!(text(slice(&contracts, "class=\"kicker\"", "</p>")).starts_with("1 Financiering"));
    assert_eq!(text(slice(&contracts, "id=\"financiering-contracten--looptijd\"", "</h2>")), "1.1.1 Looptijd");
    assert_eq!(text(slice(&contracts, "id=\"financiering-contracten--wat-wij-aanraden\"", "</h2>")), "1.1.2 Wat wij aanraden");
    let tabs = text(slice(&contracts, "class=\"tabs\"", "</nav>"));
    assert_eq!(tabs, "1 Financiering 2 Tevredenheid");
    assert_eq!(text(&h1(&page(&out, "financiering"))), "1 Financiering");
    assert_eq!(text(&h1(&page(&out, "tevredenheid/beeld"))), "2.2 Beeld");
    // Pages outside the chapters, and headings inside blocks, stay without a number.
    let intro = page(&out, "inleiding");
    assert_eq!(text(&h1(&intro)), "Inleiding");
    assert_eq!(text(slice(&intro, "id=\"inleiding--waarom-dit-rapport\"", "</h2>")), "Waarom dit rapport");

    let contents = page(&out, "inhoud");
    let entries: Vec<String> = slice(&contents, "class=\"contents\"", "</ol>").split("<li").skip(1).map(text).collect();
    let entries: Vec<&str> = entries.iter().map(|e| e.trim_start_matches(|c| c != ' ').trim()).collect();
    assert_eq!(
        entries,
        [
            "Inleiding",
            "1 Financiering",
            "1.1 Contracten",
            "1.2 Regio's",
            "1.3 Een lange pagina",
            "2 Tevredenheid",
            "2.1 Oordeel",
            "2.2 Beeld"
        ]
    );

    // Without [numbering], nothing is numbered.
    let toml = read(&site.path().join("site.toml"));
    std::fs::write(site.path().join("site.toml"), toml.replace("chapters = true\nsections = true\n", "")).unwrap();
    let out = build(site.path());
    let contracts = page(&out, "financiering/contracten");
    assert_eq!(text(&h1(&contracts)), "Contracten");
    assert!(!contracts.contains("class=\"number\"") && !contracts.contains("section-number"));
    assert!(!page(&out, "inhoud").contains("class=\"number\""));
}

#[test]
fn english_words_and_own_words_name_tables_and_figures() {
    let site = fixture("report");
    let toml = read(&site.path().join("site.toml"));
    std::fs::write(site.path().join("site.toml"), format!("language = \"en\"\n{toml}")).unwrap();
    for entry in walkdir::WalkDir::new(site.path().join("content")).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = read(entry.path()).replace("#tabel-", "#table-").replace("#figuur-", "#figure-").replace("[Tabel ", "[Table ");
            std::fs::write(entry.path(), text).unwrap();
        }
    }
    let out = build(site.path());
    let intro = page(&out, "inleiding");
    assert!(text(&intro).contains("in Table 1 , het oordeel van de leden in Figure 2"), "{}", text(&intro));
    assert!(intro.contains("#financiering-contracten--table-contracten\""));

    // A word of one's own, under [words], numbers and names the ids alike.
    let toml = read(&site.path().join("site.toml"));
    std::fs::write(site.path().join("site.toml"), format!("{toml}\n[words]\ntable = \"Overzicht\"\n")).unwrap();
    for entry in walkdir::WalkDir::new(site.path().join("content")).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = read(entry.path()).replace("#table-", "#overzicht-").replace("[Table ", "[Overzicht ");
            std::fs::write(entry.path(), text).unwrap();
        }
    }
    let out = build(site.path());
    let intro = page(&out, "inleiding");
    assert!(text(&intro).contains("in Overzicht 1 , het oordeel"), "{}", text(&intro));
    assert!(intro.contains("#financiering-contracten--overzicht-contracten\""));
    assert!(text(&page(&out, "financiering/regio")).contains("Overzicht 2 Looptijd per regio en per jaar"));
}

/// What the PDF tests need, for the message when a program is missing.
const MISSING: &str = "apt install chromium poppler-utils (or run `bash tests/run`)";

/// The words of each sheet of `pdf`, folded.
fn sheets(pdf: &Path) -> Vec<String> {
    let all = run(tool("pdftotext", MISSING).arg(pdf).arg("-"));
    all.split('\u{c}').map(|sheet| sheet.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty()).collect()
}

#[test]
fn every_caption_prints_on_the_sheet_of_its_table_or_figure_and_bookmarks_carry_the_numbers() {
    tool("chromium", MISSING);
    let site = fixture("report");
    let (ok, stderr) = folio(site.path(), &["pdf"]);
    assert!(ok, "folio pdf failed: {stderr}");
    let pdf = site.path().join("rapport-over-de-zorginkoop.pdf");
    let sheets = sheets(&pdf);
    // Each caption, and what stands at the end of its block: the last row or the notes.
    let blocks = [
        ("Tabel 1 Looptijd van de contracten", "Bron: Ledenpeiling 2026, n = 98"),
        ("Tabel 2 Looptijd per regio en per jaar", "Zuid 57%"),
        ("Tabel 3 Een tabel zonder id", "Vast 12"),
        // This one stands under a sheet of text: it moves to the next sheet whole.
        ("Tabel 4 Looptijd per deelnemende organisatie", "in druk blijft hij bij zijn bijschrift"),
        ("Figuur 1 Het verloop van de inkoop, nog eens", "Dezelfde afbeelding als in het hoofdstuk"),
        ("Figuur 2 Tevredenheid over het gesprek", "Bron: Ledenpeiling 2026 en 2025"),
        // A picture without notes: its sheet's running head is what follows it.
        ("Figuur 3 Het verloop van de inkoop", "Rapport zorginkoop"),
    ];
    for (caption, end) in blocks {
        let on: Vec<usize> = (0..sheets.len()).filter(|&i| sheets[i].contains(caption)).collect();
        assert_eq!(on.len(), 1, "`{caption}` is printed once: {sheets:#?}");
        assert!(sheets[on[0]].contains(end), "`{caption}` and `{end}` are on one sheet: {}", sheets[on[0]]);
    }
    let long = sheets.iter().position(|s| s.contains("Veel tekst voor de tabel")).unwrap();
    assert!(!sheets[long].contains("Tabel 4"), "the table did not fit under the text, so its caption moved along with it");
    assert!(stderr.contains("continues on"), "{stderr}");

    // Bookmarks are made from the headings, numbers included.
    let bytes = std::fs::read(&pdf).unwrap();
    for title in ["1 Financiering", "1.1 Contracten", "1.1.1 Looptijd", "2.1 Oordeel", "2.1.1 Het gesprek"] {
        let needle = format!("/Title ({title})");
        assert!(bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "no bookmark `{title}`");
    }
}

#[test]
fn a_wide_table_scrolls_in_its_own_box_on_a_phone() {
    let site = browser_support::fixture_site("report");
    let browser = browser_support::browser();
    browser.exact_viewport(390, 844, true);
    browser.goto(&browser_support::file_url(&site.out.join("financiering/regio/index.html")));
    let measured = browser.js("var box = document.querySelector('#financiering-regio--tabel-regio .table-scroll');\
         return [document.documentElement.scrollWidth, window.innerWidth, box.scrollWidth, box.clientWidth];");
    let n = |i: usize| measured[i].as_f64().unwrap();
    assert!(n(0) <= n(1), "the page is not wider than the phone: {measured}");
    assert!(n(2) > n(3) + 50.0, "the table is wider than its box, which scrolls: {measured}");
    browser.desktop();
}

#[test]
fn the_report_starter_builds_clean_fits_the_screens_and_prints() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("rapport");
    let output = Command::new(env!("CARGO_BIN_EXE_folio")).args(["init", "--template", "report"]).arg(&root).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let out = build(&root);
    assert_eq!(broken_links(&out), Vec::<String>::new());
    let (ok, stderr) = folio(&root, &["check", "--strict"]);
    assert!(ok, "{stderr}");
    // What the starter promises: a contents page, numbered chapters, a box of each
    // variant, a numbered table and figure, footnotes.
    let all: String = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().ends_with("index.html"))
        .map(|e| read(e.path()))
        .collect();
    for piece in [
        "class=\"contents\"",
        "box-aanbeveling",
        "box-toelichting",
        "box-kader",
        "Tabel 1</span>",
        "Figuur 1</span>",
        "footnote-definition",
        "<span class=\"number\">2.1</span>",
    ] {
        assert!(all.contains(piece), "the report starter has no {piece}");
    }
    tool("chromium", MISSING);
    let (ok, stderr) = folio(&root, &["check", "--layout", "--strict"]);
    assert!(ok, "{stderr}");
    let (ok, stderr) = folio(&root, &["pdf"]);
    assert!(ok, "{stderr}");
    assert!(root.join("rapport-zorginkoop-2026.pdf").is_file());

    // `folio init DIR` still starts a monitor.
    let monitor = dir.path().join("monitor");
    let output = Command::new(env!("CARGO_BIN_EXE_folio")).arg("init").arg(&monitor).output().unwrap();
    assert!(output.status.success());
    assert!(read(&monitor.join("site.toml")).contains("title = \"Monitor 2026\""));
    assert!(!read(&monitor.join("site.toml")).contains("[numbering]"));
}
