//! Builds the fixture site `tests/sites/complete` and inspects the rendered HTML: reading
//! order, navigation, tabs, blocks, escaping, links, print document, theme overrides.

mod common;

use common::*;

const ORDER: &[(&str, &str)] = &[
    ("index.html", "Testmonitor 2026"),
    ("voorwoord/index.html", "Voorwoord"),
    ("financiering/index.html", "Financiering"),
    ("financiering/tarieven/index.html", "Tarieven <script>alert(\"titel\")</script>"),
    ("financiering/maatwerk/index.html", "Maatwerk"),
    ("inkoop/index.html", "Inkoopbeleid"),
    ("inkoop/beleid/index.html", "Beleid"),
    ("tot-slot/index.html", "Tot slot"),
];

#[test]
fn volgende_walks_every_page_in_order_and_terug_walks_back() {
    let site = fixture("complete");
    let out = build(site.path());
    let mut file = out.join("index.html");
    let mut seen = Vec::new();
    loop {
        let html = read(&file);
        seen.push((file.strip_prefix(&out).unwrap().to_string_lossy().to_string(), h1(&html)));
        match pager_link(&html, "next") {
            Some(href) => file = resolve(&file, &href).unwrap().0,
            None => break,
        }
    }
    let expected: Vec<(String, String)> = ORDER.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect();
    assert_eq!(seen, expected);
    assert!(pager_link(&read(&out.join("index.html")), "prev").is_none(), "the cover has only Volgende");

    let mut back = vec![h1(&read(&file))];
    while let Some(href) = pager_link(&read(&file), "prev") {
        file = resolve(&file, &href).unwrap().0;
        back.push(h1(&read(&file)));
    }
    back.reverse();
    assert_eq!(back, expected.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>());
}

#[test]
fn chapter_tabs_mark_the_current_chapter() {
    let site = fixture("complete");
    let out = build(site.path());
    let tabs = |page: &str| -> Vec<(String, bool)> {
        let html = read(&out.join(page));
        let nav = &html[html.find("class=\"tabs\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        tags(nav).into_iter().filter(|t| t.name == "a").map(|t| (t.attr("href").unwrap().to_string(), t.has_class("current"))).collect()
    };
    assert_eq!(
        tabs("financiering/tarieven/index.html"),
        vec![("../../financiering/index.html".to_string(), true), ("../../inkoop/index.html".to_string(), false)]
    );
    assert_eq!(
        tabs("inkoop/index.html"),
        vec![("../financiering/index.html".to_string(), false), ("../inkoop/index.html".to_string(), true)]
    );
    assert!(read(&out.join("inkoop/index.html")).contains(">Inkoop</a>"), "the tab uses the short `tab:` name");
    assert!(tabs("index.html").iter().all(|(_, current)| !current));
    assert!(read(&out.join("inkoop/index.html")).contains("aria-current=\"page\""));
}

#[test]
fn every_relative_link_resolves_and_nothing_is_absolute() {
    let site = fixture("complete");
    let out = build(site.path());
    assert_eq!(broken_links(&out), Vec::<String>::new());
    // Links between pages written in Markdown point at the page file, with namespaced ids.
    let foreword = read(&out.join("voorwoord/index.html"));
    assert!(foreword.contains("href=\"../financiering/tarieven/index.html\""), "{foreword}");
    assert!(foreword.contains("href=\"../financiering/tarieven/index.html#financiering-tarieven--uitleg\""));
}

#[test]
fn content_and_data_are_escaped() {
    let site = fixture("complete");
    let out = build(site.path());
    let html = read(&out.join("financiering/tarieven/index.html"));
    assert!(!html.contains("<script>alert"), "a title is escaped");
    assert!(html.contains("Tarieven &lt;script&gt;alert(&quot;titel&quot;)&lt;&#x2F;script&gt;"));
    assert!(html.contains("Bestuurder &lt;b&gt;vet&lt;&#x2F;b&gt;"), "a quote's name is escaped");
    assert!(html.contains("Zorgorganisatie &amp; zo"));
    assert!(
        read(&out.join("index.html")).contains("Testmonitor &lt;Zorg&gt; &amp; Co")
            || read(&out.join("print.html")).contains("Testmonitor &lt;Zorg&gt; &amp; Co")
    );
}

#[test]
fn blocks_render_as_the_theme_says() {
    let site = fixture("complete");
    let out = build(site.path());
    // A picture in the cover's text is the cover picture: copied, with its description.
    let cover = read(&out.join("index.html"));
    assert!(
        cover.contains("<img src=\"media/omslag.png\" alt=\"Zorgmedewerker en bewoner in de tuin van een verpleeghuis\" />"),
        "{cover}"
    );
    assert!(out.join("media/omslag.png").is_file());
    let page = read(&out.join("financiering/tarieven/index.html"));
    // Result block with label, question, chart and interpretation.
    assert!(page.contains("<h2 class=\"result-label\""));
    assert!(page.contains("<p class=\"result-question\">Welk tarief is afgesproken?</p>"));
    assert!(page.contains("class=\"chart-figure"));
    // Citations print the value as the chart does.
    assert!(page.contains("Inleiding met een geciteerd getal: 35% (n = 98)."), "citation");
    // Named quote with its portrait copied along.
    assert!(page.contains("class=\"quote span-1 quote-named\""));
    assert!(page.contains("src=\"../../media/02-financiering/portret.png\""));
    assert!(out.join("media/02-financiering/portret.png").is_file());
    // Footnotes marked * and **.
    assert!(page.contains("<span class=\"footnote-mark\">*</span> Eerste voetnoot."));
    assert!(page.contains("<span class=\"footnote-mark\">**</span> Tweede voetnoot."));
    // Anonymous quote on a chapter cover.
    assert!(read(&out.join("financiering/index.html")).contains("class=\"quote span-1 quote-anonymous\""));
    // Cards numbered 01, 02, 03.
    let closing = read(&out.join("tot-slot/index.html"));
    for (number, title) in [("01", "Eerste suggestie"), ("02", "Tweede suggestie"), ("03", "Derde suggestie")] {
        assert!(
            closing.contains(&format!("<p class=\"card-number\" aria-hidden=\"true\">{number}</p>\n<h2 class=\"card-title\">{title}</h2>")),
            "{closing}"
        );
    }
    // Columns and a Markdown table inside a result block.
    let maatwerk = read(&out.join("financiering/maatwerk/index.html"));
    assert!(maatwerk.contains("class=\"columns columns-3\""));
    assert!(maatwerk.contains("<table>") && maatwerk.contains("<td>40%</td>"));
    // Foreword: signature and a namespaced Markdown footnote.
    let foreword = read(&out.join("voorwoord/index.html"));
    assert!(foreword.contains("<span class=\"signature-name\">De voorzitter</span>"));
    assert!(foreword.contains("id=\"voorwoord--fn-bron\"") || foreword.contains("voorwoord--"), "{foreword}");
}

#[test]
fn footer_shows_page_number_title_and_link_and_site_templates_override() {
    let site = fixture("complete");
    let out = build(site.path());
    let html = read(&out.join("financiering/index.html"));
    // The fixture overrides partials/footer.html to show "3 / 8".
    assert!(html.contains("site-override"));
    assert!(html.contains("Pagina 3 / 8"));
    assert!(html.contains("<p class=\"footer-text\">Testmonitor 2026</p>"));
    assert!(html.contains(">Onderzoeksrapport</a>"));
}

#[test]
fn print_document_holds_every_page_in_order_with_fragment_links() {
    let site = fixture("complete");
    let out = build(site.path());
    let print = read(&out.join("print.html"));
    let keys =
        ["start", "voorwoord", "financiering", "financiering-tarieven", "financiering-maatwerk", "inkoop", "inkoop-beleid", "tot-slot"];
    let mut last = 0;
    for key in keys {
        let at = print.find(&format!("id=\"page-{key}\"")).unwrap_or_else(|| panic!("page-{key} missing"));
        assert!(at > last, "page-{key} out of order");
        last = at;
    }
    assert!(print.contains("href=\"#page-voorwoord\""), "Volgende on the cover is a fragment");
    assert!(print.contains("href=\"#financiering-tarieven--uitleg\""), "a Markdown link becomes a fragment");
    assert!(print.contains("src=\"media/02-financiering/portret.png\""));
    assert_eq!(print.matches("<main").count(), 0, "one document, no repeated main landmarks");
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn not_found_page_sitemap_and_assets() {
    let site = fixture("complete");
    let out = build(site.path());
    let not_found = read(&out.join("404.html"));
    assert!(not_found.contains("Pagina niet gevonden"));
    assert!(not_found.contains("href=\"https://example.org/monitor/index.html\""));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/monitor/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/monitor/financiering/tarieven/</loc>"));
    assert_eq!(sitemap.matches("<url>").count(), 8);
    assert!(out.join("static/style.css").is_file() && out.join("static/folio.js").is_file());
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = fixture("complete");
    let out = build(site.path());
    assert!(!out.join("financiering/concept/index.html").exists());
    let (ok, stderr) = folio(site.path(), &["build", "--drafts"]);
    assert!(ok, "{stderr}");
    let draft = read(&out.join("financiering/concept/index.html"));
    assert!(draft.contains("class=\"draft-mark\">CONCEPT</p>"));
}

#[test]
fn init_writes_a_monitor_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("nieuw");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_folio")).arg("init").arg(&site).output().unwrap();
    assert!(output.status.success());
    let out = build(&site);
    assert!(out.join("index.html").is_file());
    assert_eq!(broken_links(&out), Vec::<String>::new());
    let (ok, stderr) = folio(dir.path(), &["init", site.to_str().unwrap()]);
    assert!(!ok && stderr.contains("already holds a monitor"), "{stderr}");

    // A folder with other files is refused too, and none of them is touched.
    let other = dir.path().join("ander");
    std::fs::create_dir_all(other.join("data")).unwrap();
    std::fs::write(other.join("data/resultaten.yaml"), "mijn werk").unwrap();
    std::fs::write(other.join("notities.txt"), "ook mijn werk").unwrap();
    let (ok, stderr) = folio(dir.path(), &["init", other.to_str().unwrap()]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("this folder already holds files (data, notities.txt), which `folio init` could replace"), "{stderr}");
    assert_eq!(read(&other.join("data/resultaten.yaml")), "mijn werk");
    assert!(!other.join("site.toml").exists());
    // Hidden entries (a fresh `git init`) do not count.
    let git = dir.path().join("met-git");
    std::fs::create_dir_all(git.join(".git")).unwrap();
    assert!(folio(dir.path(), &["init", git.to_str().unwrap()]).0);
}

#[test]
fn the_bare_folder_uses_the_built_in_theme() {
    // The fixture has no theme of its own except one partial; remove it and build again.
    let site = fixture("complete");
    std::fs::remove_dir_all(site.path().join("themes")).unwrap();
    let out = build(site.path());
    assert!(!read(&out.join("index.html")).contains("site-override"));
    assert!(read(&out.join("index.html")).contains("<span class=\"visually-hidden\">Pagina </span>1<"));
}

#[test]
fn an_english_site_gets_english_chart_texts_tables_and_interface_words() {
    let site = fixture("minimal");
    let root = site.path();
    std::fs::write(root.join("site.toml"), "title = \"Small monitor\"\nlanguage = \"en\"\n[words]\nsource = \"Data\"\n").unwrap();
    std::fs::write(
        root.join("data/vragen.yaml"),
        "questions:
  - id: vraag
    label: Question
    text: A question?
    unit: percentage
    n: {2026: 50, 2025: 40}
    options:
      - {label: Yes, tone: positive, values: {2026: 60, 2025: 55}}
      - {label: No, tone: negative, values: {2026: 40, 2025: 45}}
    source: Survey
  - id: themes
    label: Themes
    text: Per theme?
    unit: percentage
    n: {2026: 50, 2025: 40}
    items:
      - {label: Care, options: [{label: Yes, values: {2026: 70, 2025: 60}}, {label: No, values: {2026: 30, 2025: 40}}]}
      - {label: Money, options: [{label: Yes, values: {2026: 20, 2025: 25}}, {label: No, values: {2026: 80, 2025: 75}}]}
  - id: burden
    label: Burden
    text: How heavy?
    unit: score
    scale: [1, 5]
    n: {2026: 50, 2025: 40}
    options:
      - {label: Forms, values: {2026: 4.05, 2025: 4.1}}
      - {label: New fund, values: {2026: 3.04}}
",
    )
    .unwrap();
    let charts: String = [("vraag", "bars"), ("vraag", "donut"), ("themes", "stacked"), ("burden", "scores"), ("vraag", "table")]
        .iter()
        .map(|(question, kind)| format!("\n::: chart\nquestion: {question}\nkind: {kind}\n:::\n"))
        .collect();
    let kpi = "\n::: chart\nquestion: vraag\nkind: kpi\noptions: yes\n:::\n";
    std::fs::write(root.join("content/01-pagina.md"), format!("---\ntitle: A page\n---\n{charts}{kpi}")).unwrap();
    let out = build(root);
    let html = read(&out.join("pagina/index.html"));
    let between = |open: &str, close: &str| -> Vec<String> {
        html.split(open).skip(1).filter_map(|rest| rest.split(close).next()).map(decode).collect()
    };
    let mut texts = between("<desc", "</desc>");
    texts.extend(between("<title", "</title>"));
    texts.extend(between("<th scope=\"col\">", "</th>"));
    texts.extend(between("<caption>", "</caption>"));
    texts.extend(between("<summary>", "</summary>"));
    assert!(texts.len() >= 20, "{texts:?}");
    let joined = texts.join(" | ");
    for dutch in [
        "Staafdiagram",
        "Ringdiagram",
        "Gestapeld",
        "Gemiddelde",
        "Kerncijfer",
        "Antwoord",
        "Onderwerp",
        "Onderdeel",
        "Tabel",
        " en ",
        "verandering",
        "punt",
        "schaal",
    ] {
        assert!(!joined.contains(dutch), "{dutch:?} on an English site: {joined}");
    }
    for english in [
        "Bar chart",
        "Donut chart",
        "Stacked bar chart",
        "Mean score on a scale from 1 to 5",
        "Answer",
        "Subject",
        "Item",
        "Table of the chart",
        "55% in 2025 and 60% in 2026",
    ] {
        assert!(joined.contains(english), "{english:?} missing: {joined}");
    }
    // Interface words follow the language too, and `[words]` still changes any of them.
    assert!(html.contains(" · Data: Survey<"), "the site's own word for `source`");
    assert!(!html.contains("Terug") && !html.contains("Volgende") && !html.contains("Bron"));
}

/// A chapter folder folio may not read is an error, not a chapter silently left out. As
/// root every folder can be read, so there folio runs as the user `nobody` (setpriv).
#[test]
fn an_unreadable_chapter_folder_fails_the_build() {
    use std::os::unix::fs::PermissionsExt;
    let is_root = std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let site = fixture("minimal");
    let chapter = site.path().join("content/05-dicht");
    std::fs::create_dir_all(&chapter).unwrap();
    std::fs::write(chapter.join("_index.md"), "---\ntitle: Dicht\n---\n\nOmslag.\n").unwrap();
    std::fs::write(chapter.join("01-pagina.md"), "---\ntitle: Binnen\n---\n\nTekst.\n").unwrap();
    for entry in walkdir::WalkDir::new(site.path()).into_iter().filter_map(Result::ok) {
        let mode = if entry.file_type().is_dir() { 0o777 } else { 0o666 };
        std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(&chapter, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut command = if is_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(env!("CARGO_BIN_EXE_folio"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
    };
    let output = command.arg("--root").arg(site.path()).arg("build").output().unwrap();
    std::fs::set_permissions(&chapter, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("error: content/05-dicht: folio cannot read this folder (Permission denied (os error 13)), so its pages would be missing from the monitor"),
        "{stderr}"
    );
}

/// Boxes: a title, a variant the theme styles, a visible frame; inside a list item too.
#[test]
fn boxes_have_a_title_a_variant_and_may_stand_in_a_list_item() {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("content/01-pagina.md"),
        "---\ntitle: Een pagina\n---\n\n::: box\ntitle: Aanbeveling 1\nvariant: aanbeveling\n\nMaak meerjarige afspraken.\n:::\n\n\
         - Eerste punt\n\n  ::: box\n  title: Toelichting\n  variant: toelichting\n\n  Wat het punt betekent.\n  :::\n- Tweede punt\n",
    )
    .unwrap();
    let out = build(site.path());
    let page = read(&out.join("pagina/index.html"));
    assert!(page.contains("<aside class=\"box box-aanbeveling\" aria-labelledby=\"pagina--box-1\">"), "{page}");
    assert!(page.contains("<p class=\"box-title\" id=\"pagina--box-1\">Aanbeveling 1</p>"), "{page}");
    let item = page.split("<li>").nth(1).expect("a list item");
    assert!(item.contains("box box-toelichting") && item.contains("Wat het punt betekent."), "the box stays in its item: {page}");
    assert!(!item.contains("Tweede punt"));
}

/// A contents page lists every page after it with a link: files on screen, sheets in print.
#[test]
fn a_contents_page_links_every_page_after_it() {
    let site = fixture("complete");
    std::fs::write(site.path().join("content/01-inhoud.md"), "---\ntitle: Inhoud\nlayout: contents\n---\n\nWat er in staat.\n").unwrap();
    let out = build(site.path());
    let contents = read(&out.join("inhoud/index.html"));
    assert!(
        contents.contains("<li class=\"contents-level-0\"><a href=\"../financiering/index.html\">Financiering<span class=\"contents-page\">4</span></a></li>"),
        "{contents}"
    );
    assert!(contents.contains("<li class=\"contents-level-1\"><a href=\"../financiering/tarieven/index.html\">"), "{contents}");
    let print = read(&out.join("print.html"));
    assert!(
        print.contains(
            "<li class=\"contents-level-0\"><a href=\"#page-financiering\">Financiering<span class=\"contents-page\">4</span></a></li>"
        ),
        "{print}"
    );
}

/// The publication date stands on the cover in the site's language.
#[test]
fn the_cover_shows_the_publication_date_in_words() {
    let site = fixture("minimal");
    let settings = read(&site.path().join("site.toml"));
    std::fs::write(site.path().join("site.toml"), settings.replacen("\n", "\ndate = 2023-12-18\n", 1)).unwrap();
    let out = build(site.path());
    assert!(read(&out.join("index.html")).contains("<p class=\"cover-date\">18 december 2023</p>"));
}

/// A result block without a label starts with its question; nothing names a missing heading.
#[test]
fn a_result_block_may_go_without_a_label() {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("content/01-pagina.md"),
        "---\ntitle: Een pagina\n---\n\n::: result\ntext: Welk tarief?\n\nUitleg.\n:::\n",
    )
    .unwrap();
    let out = build(site.path());
    let page = read(&out.join("pagina/index.html"));
    assert!(page.contains("<section class=\"result span-1\">\n\n<p class=\"result-question\">Welk tarief?</p>"), "{page}");
    assert!(!page.contains("result-label") && !page.contains("aria-labelledby=\"pagina--result"), "{page}");
}

/// An older edition: n unknown for some years, values missing (`~`), a count series without
/// n and an NPS in bars build clean under `--strict`, and no made-up figure is printed.
#[test]
fn an_older_edition_with_unknown_n_and_missing_values_builds_clean_under_strict() {
    let site = fixture("older-edition");
    let (ok, output) = folio(site.path(), &["build", "--strict"]);
    assert!(ok && !output.contains("warning"), "{output}");
    let page = read(&site.path().join("public/cijfers/index.html"));
    let figures: Vec<&str> = page.split("<figure").skip(1).collect();
    assert_eq!(figures.len(), 12, "{page}");
    for figure in &figures {
        let title = figure.split("<title").nth(1).unwrap_or(figure).split('<').next().unwrap_or_default();
        // Every chart shows the missing year as a dash (the score chart by leaving the dot out,
        // the table in its cell) and says so in its text alternative.
        let is_table = figure.contains("chart-kind-table");
        assert!(is_table || figure.contains("geen gegevens in"), "{title}: the text alternative does not name the missing year");
        assert!(figure.contains(">\u{2013}<"), "{title}: no dash for the missing year");
    }
    // Only known n are printed; nothing stands in for an unknown one.
    assert!(page.contains("n = 44 in 2018"), "{page}");
    assert!(page.contains("n = 44 (2018)"), "the base under the chart names the year it has: {page}");
    assert!(!page.contains("n = 0") && !page.contains("n = 44 in 2018 en") && !page.contains("n = unknown"), "{page}");
    assert!(page.contains("−4") && page.contains("1.200"), "the NPS below zero and the count are drawn");
}
