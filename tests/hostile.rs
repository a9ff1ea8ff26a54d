//! Hostile content: script tags, event handlers, `javascript:` links, SVG and template
//! tricks in every place an author or a data file can put text. Each must come out as
//! visible text, never as markup that runs; links that would run code are refused.

mod common;

use std::path::Path;

use common::*;

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTRIBUTE: &str = "\"><img src=x onerror=alert(1)>";
const SINGLE_QUOTE: &str = "' onmouseover='alert(1)";
const JAVASCRIPT: &str = "javascript:alert(1)";
const DATA_URL: &str = "data:text/html,<script>alert(1)</script>";
const SVG: &str = "<svg onload=alert(1)>";
const TITLE: &str = "</title><script>alert(1)</script>";
const CDATA: &str = "]]><script>alert(1)</script>";
const TERA: &str = "{{ 7*7 }}";
const TERA_RAW: &str = "{% raw %}x{% endraw %}";
const ENTITY: &str = "A &lt; B";

/// Every vector, each tagged so the test can find where it ended up.
fn vectors(place: &str) -> Vec<String> {
    [SCRIPT, ATTRIBUTE, SINGLE_QUOTE, JAVASCRIPT, DATA_URL, SVG, TITLE, CDATA, TERA, TERA_RAW, ENTITY]
        .iter()
        .map(|v| format!("{place} {v}"))
        .collect()
}

/// A YAML or TOML string holding `text` exactly (JSON strings are valid in both).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// A block setting is the rest of its line; the vectors hold no newline.
fn all(place: &str) -> String {
    vectors(place).join(" | ")
}

fn hostile_site(raw_html: bool) -> tempfile::TempDir {
    let site = fixture("minimal");
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        format!(
            "title = {}\nshort_title = {}\nbase_url = \"https://example.org/monitor/\"\n\n[footer]\ntext = {}\nlink_text = {}\nlink_url = \"https://example.org/rapport?a=1&b=2\"\n\n[markdown]\nraw_html = {raw_html}\n",
            quoted(&all("site-title")),
            quoted(&all("short-title")),
            quoted(&all("footer-text")),
            quoted(&all("footer-link")),
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("content/00-omslag.md"),
        format!("---\ntitle: {}\nlayout: cover\nsubtitle: {}\n---\n\nWelkom.\n", quoted(&all("cover-title")), quoted(&all("subtitle"))),
    )
    .unwrap();
    std::fs::write(
        root.join("content/01-voorwoord.md"),
        format!(
            "---\ntitle: {}\nlayout: foreword\nsignature:\n  name: {}\n  function: {}\n---\n\nTekst.\n",
            quoted(&all("foreword-title")),
            quoted(&all("signature-name")),
            quoted(&all("signature-function")),
        ),
    )
    .unwrap();
    std::fs::write(root.join("content/portret.jpg"), b"\xff\xd8\xff").unwrap();
    let body = format!(
        "Tekst met {{{{vraag.ja.2026}}}}.\n\n\
         <iframe src=\"https://evil.example\"></iframe>\n\n\
         <div onclick=\"alert(1)\">klik</div>\n\n\
         Inline <b onmouseover=\"alert(1)\">vet</b> en &lt;script&gt; als entiteit.\n\n\
         ::: quote\nname: {}\nfunction: {}\nportrait: portret.jpg\n\nEen citaat.\n:::\n\n\
         ::: result\nlabel: {}\ntext: {}\n\n\
         ::: chart\nquestion: vraag\ntitle: {}\n:::\n\n\
         Uitleg.\n:::\n\n\
         ::: chart\nquestion: vraag\nkind: donut\ntitle: {}\n:::\n\n\
         ::: chart\nquestion: vraag\nkind: table\n:::\n",
        all("quote-name"),
        all("quote-function"),
        all("result-label"),
        all("result-question"),
        all("chart-title"),
        all("donut-title"),
    );
    std::fs::write(root.join("content/02-pagina.md"), format!("---\ntitle: {}\n---\n\n{body}", quoted(&all("page-title")))).unwrap();
    std::fs::remove_file(root.join("content/01-pagina.md")).unwrap();
    let yaml = format!(
        "questions:\n  - id: vraag\n    label: {}\n    text: {}\n    unit: percentage\n    n: {{2026: 50}}\n    options:\n      - {{id: ja, label: {}, values: {{2026: 60}}}}\n      - {{id: nee, label: {}, values: {{2026: 40}}}}\n    footnotes:\n      - {}\n    source: {}\n",
        quoted(&all("question-label")),
        quoted(&all("question-text")),
        quoted(&all("option-ja")),
        quoted(&all("option-nee")),
        quoted(&all("footnote")),
        quoted(&all("source")),
    );
    std::fs::write(root.join("data/vragen.yaml"), yaml).unwrap();
    site
}

/// The theme's own scripts; anything else is an injection.
fn is_theme_script(tag: &Tag, html: &str, at: usize) -> bool {
    match tag.attr("src") {
        Some(src) => src.ends_with("static/folio.js") || src.ends_with("static/print.js"),
        None => {
            let rest = &html[at..];
            let end = rest.find("</script>").unwrap_or(rest.len());
            !rest[..end].contains("alert")
        }
    }
}

fn runs_code(value: &str) -> bool {
    let value: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    value.starts_with("javascript:") || value.starts_with("vbscript:") || value.starts_with("data:")
}

/// Asserts `html` holds no markup that runs: no foreign script, no event handler, no
/// `javascript:` address, no frame or embedded object.
fn assert_inert(file: &str, html: &str) {
    let mut search_from = 0;
    for tag in tags(html) {
        let at = html[search_from..].find(&format!("<{}", tag.name)).map_or(search_from, |i| search_from + i);
        search_from = at + 1;
        assert!(!["iframe", "object", "embed", "base", "form"].contains(&tag.name.as_str()), "{file}: a <{}> got through", tag.name);
        if tag.name == "script" {
            assert!(is_theme_script(&tag, html, at), "{file}: a foreign <script> got through: {tag:?}");
        }
        if tag.name == "img" {
            assert_ne!(tag.attr("src"), Some("x"), "{file}: an injected <img> got through");
        }
        for (name, value) in &tag.attrs {
            assert!(!name.starts_with("on"), "{file}: the event handler {name}={value:?} on <{}> got through", tag.name);
            if ["href", "src", "action", "formaction", "xlink:href", "poster"].contains(&name.as_str()) {
                assert!(!runs_code(value), "{file}: <{} {name}={value:?}> runs code", tag.name);
            }
        }
    }
    // Template syntax from content is never evaluated.
    assert!(!decode_all(html).contains("| 49"), "{file}: {{{{ 7*7 }}}} was evaluated");
}

/// Entities as folio's escapers write them, decoded.
fn decode_all(text: &str) -> String {
    decode(&text.replace("&#39;", "'").replace("&#x27;", "'").replace("&#34;", "\""))
}

/// Every inline SVG of `html` parses as XML and holds nothing that runs.
fn assert_svgs_inert(file: &str, html: &str) -> usize {
    let mut count = 0;
    let mut rest = html;
    while let Some(start) = rest.find("<svg ") {
        let end = rest[start..].find("</svg>").map(|e| start + e + 6).expect("a closed svg");
        let svg = &rest[start..end];
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|err| panic!("{file}: an SVG does not parse ({err}):\n{svg}"));
        for node in doc.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name();
            assert!(!["script", "foreignObject", "iframe"].contains(&name), "{file}: <{name}> inside an SVG");
            for attr in node.attributes() {
                assert!(!attr.name().starts_with("on"), "{file}: {}= on <{name}> inside an SVG", attr.name());
                if attr.name() == "href" {
                    assert!(!runs_code(attr.value()), "{file}: href={:?} inside an SVG", attr.value());
                }
            }
        }
        count += 1;
        rest = &rest[end..];
    }
    count
}

fn html_files(out: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html" || x == "xml" || x == "svg"))
        .map(|e| (e.path().strip_prefix(out).unwrap().display().to_string(), read(e.path())))
        .collect();
    files.sort();
    files
}

/// Where each vector was put, the page shows it as text: decoded, it is all there.
fn assert_visible(file: &str, html: &str, place: &str) {
    let text = decode_all(html);
    for vector in vectors(place) {
        assert!(text.contains(&vector), "{file}: `{vector}` is not shown as text");
    }
}

#[test]
fn hostile_text_everywhere_comes_out_as_text() {
    let site = hostile_site(false);
    let out = build(site.path());
    let mut svgs = 0;
    for (file, html) in html_files(&out) {
        assert_inert(&file, &html);
        svgs += assert_svgs_inert(&file, &html);
    }
    assert!(svgs >= 4, "the charts are there, on their page and in print.html ({svgs} SVGs)");

    let cover = read(&out.join("index.html"));
    for place in ["cover-title", "subtitle", "short-title", "footer-text", "footer-link"] {
        assert_visible("index.html", &cover, place);
    }
    let foreword = read(&out.join("voorwoord/index.html"));
    for place in ["foreword-title", "signature-name", "signature-function"] {
        assert_visible("voorwoord/index.html", &foreword, place);
    }
    let page = read(&out.join("pagina/index.html"));
    for place in [
        "page-title",
        "quote-name",
        "quote-function",
        "result-label",
        "result-question",
        "chart-title",
        "donut-title",
        "option-ja",
        "option-nee",
        "footnote",
        "source",
    ] {
        assert_visible("pagina/index.html", &page, place);
    }
    let print = read(&out.join("print.html"));
    for place in
        ["site-title", "cover-title", "signature-name", "quote-name", "result-label", "chart-title", "option-ja", "footnote", "source"]
    {
        assert_visible("print.html", &print, place);
    }
    // Inside the SVG the labels are text nodes: roxmltree gives them back unchanged.
    let start = page.find("<svg ").unwrap();
    let svg = &page[start..start + page[start..].find("</svg>").unwrap() + 6];
    let doc = roxmltree::Document::parse(svg).unwrap();
    let texts: String = doc.descendants().filter_map(|n| n.text()).collect::<Vec<_>>().join("\n");
    assert!(texts.contains(&format!("chart-title {CDATA}")), "the chart title is the SVG's title, as text:\n{texts}");
    assert!(texts.contains(&format!("option-ja {SCRIPT}")), "an option label in the SVG, as text:\n{texts}");

    // The page title in <title> stays inside it.
    let head = &page[..page.find("</head>").unwrap()];
    assert_eq!(head.matches("</title>").count(), 1, "one </title> in the head: {head}");

    // Raw HTML in Markdown is shown as text by default.
    let text = decode_all(&page);
    assert!(text.contains("<iframe src=\"https://evil.example\"></iframe>"), "the iframe is shown as text");
    assert!(text.contains("<div onclick=\"alert(1)\">klik</div>"), "the div is shown as text");
    assert!(text.contains("<b onmouseover=\"alert(1)\">vet</b>"), "inline HTML is shown as text");
    // An entity in Markdown is a character; the same text in data stays the text written.
    assert!(page.contains("&lt;script&gt; als entiteit"), "a Markdown entity is shown once, not double-escaped");
    assert!(page.contains("option-ja A &amp;lt; B"), "`&lt;` in a data label is shown as written");

    // The sitemap is XML that parses.
    roxmltree::Document::parse(&read(&out.join("sitemap.xml"))).expect("sitemap.xml parses");
}

/// `raw_html = true` is for trusted authors: their HTML goes through as HTML. Everything
/// else (front matter, data, settings) stays text, and `javascript:` links are still refused.
#[test]
fn raw_html_true_lets_the_authors_html_through_and_nothing_else() {
    let site = hostile_site(true);
    let out = build(site.path());
    let page = read(&out.join("pagina/index.html"));
    let found = tags(&page);
    assert!(found.iter().any(|t| t.name == "iframe"), "raw_html = true passes the author's iframe");
    assert!(found.iter().any(|t| t.name == "div" && t.attr("onclick") == Some("alert(1)")), "and the author's div");
    // The checker sees what got through (so its silence elsewhere means something).
    let whole = page.clone();
    assert!(std::panic::catch_unwind(move || assert_inert("whole page", &whole)).is_err(), "assert_inert must catch the author's HTML");
    // Everything that is not the Markdown body stays inert.
    let body_start = page.find("Tekst met").unwrap();
    let body_end = page.find("klik</div>").unwrap() + "klik</div>".len();
    let outside = format!("{}{}", &page[..body_start], &page[body_end..].replacen("<b onmouseover=\"alert(1)\">", "<b>", 1));
    assert_inert("pagina/index.html (outside the raw HTML)", &outside);
    assert_svgs_inert("pagina/index.html", &page);
    for place in ["quote-name", "result-label", "chart-title", "option-ja", "footnote"] {
        assert_visible("pagina/index.html", &page, place);
    }

    std::fs::write(site.path().join("content/03-link.md"), "---\ntitle: Link\n---\n\n[klik](javascript:alert(1))\n").unwrap();
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(!ok);
    assert!(
        stderr.contains(
            "error: content/03-link.md:5: the link `javascript:alert(1)` would run code or embed data, which folio does not allow"
        ),
        "{stderr}"
    );
}

/// Addresses that would run code are refused with a clear message, wherever they are written.
#[test]
fn links_that_would_run_code_are_refused() {
    let site = fixture("minimal");
    let root = site.path();
    let build_fails_with = |expected: &[&str]| {
        let (ok, stderr) = folio(root, &["build"]);
        assert!(!ok, "the build should fail");
        assert!(!stderr.contains("panicked"), "{stderr}");
        for part in expected {
            assert!(stderr.contains(part), "expected `{part}` in:\n{stderr}");
        }
    };
    let cases = [
        ("[klik](javascript:alert(1))", "the link `javascript:alert(1)` would run code or embed data"),
        ("[klik](JaVaScRiPt:alert(1))", "the link `JaVaScRiPt:alert(1)` would run code or embed data"),
        ("[klik](&#106;avascript:alert(1))", "the link `javascript:alert(1)` would run code or embed data"),
        ("[klik]( javascript:alert(1) )", "the link `javascript:alert(1)` would run code or embed data"),
        ("[klik](java\tscript:alert(1))", ""),
        ("[klik](vbscript:msgbox(1))", "the link `vbscript:msgbox(1)` would run code or embed data"),
        ("[klik](data:text/html,<script>alert(1)</script>)", "would run code or embed data"),
        (
            "![plaatje](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "the link `data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+` would run code or embed data",
        ),
        ("![plaatje](data:image/svg+xml,<svg onload=alert(1)>)", ""),
        ("<javascript:alert(1)>", "the link `javascript:alert(1)` would run code or embed data"),
        ("[klik][ref]\n\n[ref]: javascript:alert(1)", "the link `javascript:alert(1)` would run code or embed data"),
        (
            "::: quote\nname: Iemand\nportrait: javascript:alert(1)\n\nCitaat.\n:::",
            "the link `javascript:alert(1)` would run code or embed data",
        ),
        ("::: quote\nname: Iemand\nportrait: https://x.example/a.jpg\" onerror=\"alert(1)\n\nCitaat.\n:::", ""),
    ];
    for (markdown, message) in cases {
        std::fs::write(root.join("content/01-pagina.md"), format!("---\ntitle: Een pagina\n---\n\n{markdown}\n")).unwrap();
        if message.is_empty() {
            // Not a link in Markdown (shown as text), or an external portrait address kept
            // as one attribute value.
            let out = build(root);
            let html = read(&out.join("pagina/index.html"));
            assert_inert("pagina/index.html", &html);
            continue;
        }
        // A portrait is named on the block's third line.
        let place = format!("error: content/01-pagina.md:{}: ", if markdown.starts_with(":::") { 7 } else { 5 });
        build_fails_with(&[&place, message, "help: link to a web address (https://…) or to another page or file of the monitor"]);
    }

    std::fs::write(root.join("content/01-pagina.md"), "---\ntitle: Een pagina\n---\n\nTekst.\n").unwrap();
    for (setting, value) in [
        ("[footer]\nlink_url", "javascript:alert(1)"),
        ("[footer]\nlink_url", " JAVASCRIPT:alert(1)"),
        ("[footer]\nlink_url", "data:text/html,x"),
        ("base_url", "javascript:alert(1)//"),
    ] {
        std::fs::write(root.join("site.toml"), format!("title = \"Kleine monitor\"\n{setting} = {}\n", quoted(value))).unwrap();
        let line = if setting == "base_url" { 2 } else { 3 };
        build_fails_with(&[&format!("error: site.toml:{line}: "), "would run code", "help: "]);
    }
}

/// folio's own stand-ins for pieces of a page are per-build tokens, not fixed strings an
/// author could type: text that looks like an old marker is shown as written, and the
/// rest of the page (body, navigation, footer) is all there.
#[test]
fn text_that_looks_like_an_internal_marker_is_shown_as_written() {
    let site = fixture("minimal");
    let root = site.path();
    std::fs::write(
        root.join("content/01-pagina.md"),
        "---\ntitle: \"Titel @@folio-slot@@ eind\"\n---\n\nEerste @@folio-page:x@@ alinea @@folio-root@@ met @@end@@ tekens.\n\n[Terug naar begin](00-omslag.md)\n\nLaatste alinea.\n",
    )
    .unwrap();
    let out = build(root);
    for file in ["pagina/index.html", "print.html"] {
        let html = read(&out.join(file));
        let text = decode(&html);
        assert!(text.contains("Titel @@folio-slot@@ eind"), "{file}: the title is shown as written:\n{html}");
        assert!(
            text.contains("Eerste @@folio-page:x@@ alinea @@folio-root@@ met @@end@@ tekens."),
            "{file}: the paragraph is whole:\n{html}"
        );
        assert!(text.contains("Laatste alinea."), "{file}: the rest of the body is there:\n{html}");
        assert!(html.contains("Terug naar begin</a>"), "{file}: the link after the marker text is there");
        assert!(html.trim_end().ends_with("</html>"), "{file}: the page is complete");
    }
    let page = read(&out.join("pagina/index.html"));
    assert!(page.contains("href=\"../index.html\""), "the link to the cover is resolved:\n{page}");
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

/// A monitor may come from someone else (a cloned repository): a program inside it is
/// never run, whether `[pdf] chromium` names it or a `.` on PATH finds it.
#[test]
fn a_chromium_inside_the_monitor_folder_is_never_run() {
    use std::os::unix::fs::PermissionsExt;
    let site = fixture("minimal");
    let root = site.path();
    std::fs::create_dir_all(root.join("tools")).unwrap();
    let program = root.join("tools/chromium");
    std::fs::write(&program, format!("#!/bin/sh\ntouch {}\n", root.join("ran").display())).unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let toml = read(&root.join("site.toml"));
    std::fs::write(root.join("site.toml"), format!("{toml}\n[pdf]\nchromium = \"tools/chromium\"\n")).unwrap();
    let (ok, stderr) = folio(root, &["pdf"]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("error: site.toml: the Chromium program")
            && stderr.contains("is inside the monitor folder, and folio runs no program that comes with a monitor"),
        "{stderr}"
    );
    assert!(!root.join("ran").exists(), "the program ran");

    // Found through a relative PATH entry instead of the setting.
    std::fs::write(root.join("site.toml"), &toml).unwrap();
    let output =
        std::process::Command::new(env!("CARGO_BIN_EXE_folio")).current_dir(root).env("PATH", "tools").args(["pdf"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success() && stderr.contains("is inside the monitor folder"), "{stderr}");
    assert!(!root.join("ran").exists(), "the program ran");
}
