//! The research report as part of the monitor: laid out by the theme (and restyled by a
//! site's own), linked from every page, printed to its own PDF, its sources read once and
//! kept between rebuilds; and the privacy scan of issue 16: no group smaller than
//! `[survey] min_group` anywhere in the public output of a survey with many small groups.
//! The exports are synthetic, written by the tests (never real member data).

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const MISSING: &str = "the report's PDF test needs Chromium and poppler-utils: install them with \
`apt install chromium poppler-utils` (or run `bash tests/run`)";

/// The default minimum group size, which the small-groups fixture keeps.
const MIN_GROUP: usize = 5;

/// One synthetic organisation of the small-groups survey.
struct Respondent {
    /// Revenue class 1–4; zorgkantoor 1–12, or none (an empty cell).
    omzet: usize,
    zorgkantoor: Option<usize>,
    tevreden: usize,
    maatwerk: usize,
    /// Only asked of who asked for maatwerk (routing).
    gehonoreerd: Option<usize>,
}

/// 60 organisations. Zorgkantoren 1–11 have 20, 12, 8, 5, 4, 3, 2, 1, 1, 1 and 1 respondents,
/// zorgkantoor 12 none, and two respondents name no zorgkantoor; the revenue classes have
/// 30, 20, 7 and 3. Every other organisation asked for maatwerk, so a group of 5 or 8 is
/// small again among who answered `gehonoreerd`.
fn respondents() -> Vec<Respondent> {
    let zorgkantoor_sizes = [20, 12, 8, 5, 4, 3, 2, 1, 1, 1, 1];
    let mut zorgkantoren: Vec<Option<usize>> =
        zorgkantoor_sizes.iter().enumerate().flat_map(|(k, &size)| std::iter::repeat_n(Some(k + 1), size)).collect();
    zorgkantoren.extend([None, None]);
    (0..60)
        .map(|i| {
            let maatwerk = 1 + i % 2;
            Respondent {
                omzet: match i {
                    0..=29 => 1,
                    30..=49 => 2,
                    50..=56 => 3,
                    _ => 4,
                },
                // Interleaved, so revenue class and zorgkantoor are not the same split.
                zorgkantoor: zorgkantoren[(i * 7) % 60],
                tevreden: 1 + (i * 5 + i / 7) % 3,
                maatwerk,
                gehonoreerd: (maatwerk == 1).then_some(1 + (i / 2) % 3),
            }
        })
        .collect()
}

fn export_csv(respondents: &[Respondent]) -> String {
    let mut csv = String::from("organisatie,omzet,zorgkantoor,tevreden,maatwerk,gehonoreerd,onderwerpen,tarief,lasten,nps,toelichting\n");
    for (i, r) in respondents.iter().enumerate() {
        let cells = [
            format!("Org {i:02}"),
            r.omzet.to_string(),
            r.zorgkantoor.map_or(String::new(), |k| k.to_string()),
            r.tevreden.to_string(),
            r.maatwerk.to_string(),
            r.gehonoreerd.map_or(String::new(), |g| g.to_string()),
            if r.maatwerk == 1 { ["1", "2|3", "1|3"][i % 3].to_string() } else { String::new() },
            format!("{}", 95 + i % 4),
            (1 + i % 5).to_string(),
            (i % 11).to_string(),
            if i == 7 { "Alleen wij hebben dit zo geregeld".to_string() } else { String::new() },
        ];
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    csv
}

/// The small-groups fixture with its export written and `folio data` run.
fn small_groups_site() -> tempfile::TempDir {
    let site = fixture("small-groups");
    std::fs::write(site.path().join("survey/export-2026.csv"), export_csv(&respondents())).unwrap();
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(ok, "folio data failed:\n{stderr}");
    site
}

/// The small-groups survey built and its report printed once, by `folio pdf --report`.
struct Printed {
    site: tempfile::TempDir,
    pdf: PathBuf,
    stderr: String,
}

fn printed() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| {
        tool("chromium", MISSING);
        tool("pdftotext", MISSING);
        let site = small_groups_site();
        let (ok, stderr) = folio(site.path(), &["pdf", "--report"]);
        assert!(ok, "folio pdf --report failed:\n{stderr}\n({MISSING})");
        let pdf = site.path().join("onderzoeksrapport.pdf");
        assert!(pdf.is_file(), "no report PDF: {stderr}");
        Printed { site, pdf, stderr }
    })
}

fn pdf_text(pdf: &Path) -> String {
    run(tool("pdftotext", MISSING).args(["-enc", "UTF-8"]).arg(pdf).arg("-"))
}

#[test]
fn the_report_is_a_theme_template_that_a_site_overrides_per_file() {
    let site = small_groups_site();
    let out = build(site.path());
    let report = read(&out.join("onderzoeksrapport/index.html"));
    // The built-in template, on the monitor's stylesheet and its own, with the site's words.
    for expected in [
        "<link rel=\"stylesheet\" href=\"../static/style.css\">",
        "<link rel=\"stylesheet\" href=\"../static/report.css\">",
        "<body class=\"report-document\">",
        "<a href=\"../index.html\">Naar de monitor</a>",
        "<h1>Onderzoeksrapport kleine groepen 2026</h1>",
    ] {
        assert!(report.contains(expected), "missing {expected:?}:\n{report}");
    }
    assert!(out.join("static/report.css").is_file() && out.join("static/report.js").is_file());

    // A site's own template and stylesheet take the place of the built-in ones; the other
    // theme files stay built in.
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("report.html"),
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><body><h1>Eigen opmaak: {{ title }}</h1>\
         {% for chapter in chapters %}<h2>{{ chapter.title }} ({{ chapter.tables | length }} tabellen)</h2>{% endfor %}\
         <a href=\"{{ root | safe }}index.html\">{{ words.to_monitor }}</a></body></html>",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("themes/default/static")).unwrap();
    std::fs::write(site.path().join("themes/default/static/report.css"), "h1 { color: #7a1f3d; }\n").unwrap();
    let out = build(site.path());
    assert_eq!(
        read(&out.join("onderzoeksrapport/index.html")),
        "<!DOCTYPE html><html lang=\"nl\"><body><h1>Eigen opmaak: Onderzoeksrapport kleine groepen 2026</h1>\
         <h2>Financiering (5 tabellen)</h2><h2>Toekomstblik (2 tabellen)</h2>\
         <a href=\"../index.html\">Naar de monitor</a></body></html>"
    );
    assert_eq!(read(&out.join("static/report.css")), "h1 { color: #7a1f3d; }\n");
    assert!(read(&out.join("static/style.css")).starts_with("/* folio default theme."), "style.css stays built in");

    // A template that does not parse is named, with its line.
    std::fs::write(templates.join("report.html"), "<h1>{{ title </h1>\n").unwrap();
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(!ok && stderr.contains("themes/default/templates/report.html:1:"), "{stderr}");
}

#[test]
fn every_page_links_to_the_report_in_its_footer_unless_turned_off() {
    let site = small_groups_site();
    let out = build(site.path());
    for (page, href) in [("index.html", "onderzoeksrapport/index.html"), ("tevredenheid/index.html", "../onderzoeksrapport/index.html")] {
        let html = read(&out.join(page));
        let link = format!("<p class=\"footer-link footer-report\"><a href=\"{href}\">Onderzoeksrapport</a></p>");
        assert!(html.contains(&link), "{page} has no footer link {link:?}:\n{html}");
        // The link leads to the report, from wherever the page is.
        let target = out.join(page).parent().unwrap().join(href);
        assert!(read(&target).contains("<h1>Onderzoeksrapport kleine groepen 2026</h1>"), "{}", target.display());
    }

    // The word is the site's; `report_link = false` leaves the link out (the report stays).
    let config = site.path().join("site.toml");
    let settings = read(&config);
    std::fs::write(&config, format!("{settings}\n[words]\nreport = \"Het volledige rapport\"\n")).unwrap();
    let page = read(&build(site.path()).join("tevredenheid/index.html"));
    assert!(page.contains("<a href=\"../onderzoeksrapport/index.html\">Het volledige rapport</a>"), "{page}");
    std::fs::write(&config, format!("{settings}\n[footer]\nreport_link = false\n")).unwrap();
    let out = build(site.path());
    assert!(!read(&out.join("tevredenheid/index.html")).contains("onderzoeksrapport"));
    assert!(out.join("onderzoeksrapport/index.html").is_file());
    // A typo in the setting is refused, as every unknown setting is.
    std::fs::write(&config, format!("{settings}\n[footer]\nreport_links = false\n")).unwrap();
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(!ok && stderr.contains("unknown field `report_links`"), "{stderr}");
}

#[test]
fn the_survey_is_read_once_and_kept_between_rebuilds_while_unchanged() {
    let site = small_groups_site();
    let options = folio::build::BuildOptions::default();
    let report_of = |prepared: &folio::build::Prepared| {
        prepared.files.iter().find(|f| f.path == "onderzoeksrapport/index.html").map(|f| f.contents.clone())
    };
    let mut cache = folio::survey::SourceCache::default();
    let first = folio::build::prepare_with(site.path(), options, &mut cache).expect("first build");
    let second = folio::build::prepare_with(site.path(), options, &mut cache).expect("second build");
    assert_eq!(cache.reads(), 1, "the second build takes the codebook and export from the cache");
    assert!(report_of(&first).is_some());
    assert_eq!(report_of(&first), report_of(&second));

    // A changed export is read again, and the report shows it.
    let mut respondents = respondents();
    respondents.truncate(55);
    std::fs::write(site.path().join("survey/export-2026.csv"), export_csv(&respondents)).unwrap();
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(ok, "{stderr}");
    let third = folio::build::prepare_with(site.path(), options, &mut cache).expect("third build");
    assert_eq!(cache.reads(), 2);
    assert_ne!(report_of(&second), report_of(&third));
    // So is a changed codebook.
    let codebook = site.path().join("survey/codebook.yaml");
    let text = read(&codebook);
    std::fs::write(&codebook, text.replace("Onderzoeksrapport kleine groepen 2026", "Rapport kleine groepen")).unwrap();
    let fourth = folio::build::prepare_with(site.path(), options, &mut cache).expect("fourth build");
    assert_eq!(cache.reads(), 3);
    let Some(folio::render::FileContents::Bytes(html)) = report_of(&fourth) else { panic!("no report") };
    assert!(String::from_utf8(html).unwrap().contains("<h1>Rapport kleine groepen</h1>"));
    // Without a codebook there is no report, and nothing to read.
    std::fs::remove_file(&codebook).unwrap();
    let fifth = folio::build::prepare_with(site.path(), options, &mut cache).expect("fifth build");
    assert_eq!((report_of(&fifth), cache.reads()), (None, 3));
}

#[test]
fn the_report_prints_to_its_own_pdf() {
    let printed = printed();
    assert!(printed.stderr.contains("wrote ") && printed.stderr.contains("onderzoeksrapport.pdf"), "{}", printed.stderr);
    let info = run(tool("pdfinfo", MISSING).arg(&printed.pdf));
    assert!(info.contains("Title:           Onderzoeksrapport kleine groepen 2026"), "{info}");
    // A4 portrait: 595 × 842 points.
    assert!(info.contains("Page size:       594.96 x 841.92 pts (A4)"), "{info}");
    let sheets: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(sheets >= 5, "{info}");

    // Each chapter and appendix starts a sheet, under the running header (the report's title),
    // and every sheet carries its number in the running footer.
    let text = pdf_text(&printed.pdf);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), sheets);
    let report = read(&printed.site.path().join("public/onderzoeksrapport/index.html"));
    let headings: Vec<String> = report
        .match_indices("<h2 id=\"")
        .filter(|(at, _)| !report[*at..].starts_with("<h2 id=\"inhoud\""))
        .map(|(at, _)| {
            let start = at + report[at..].find('>').unwrap() + 1;
            decode(&report[start..start + report[start..].find("</h2>").unwrap()])
        })
        .collect();
    assert!(headings.len() >= 5, "{headings:?}");
    for heading in &headings {
        let starts = pages.iter().any(|page| {
            let lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            lines.first() == Some(&"Onderzoeksrapport kleine groepen 2026") && lines.get(1) == Some(&heading.as_str())
        });
        assert!(starts, "no sheet starts with {heading:?}:\n{text}");
    }
    for (number, page) in pages.iter().enumerate() {
        // pdftotext drops the spaces of "2 / 7".
        assert!(page.replace(' ', "").contains(&format!("{}/{sheets}", number + 1)), "sheet {} has no number:\n{page}", number + 1);
    }
    // Every table of the report is in the PDF.
    for caption in report.match_indices("<strong>Tabel ").map(|(at, _)| &report[at + 8..at + 8 + report[at + 8..].find(" – ").unwrap()]) {
        assert!(text.contains(&format!("{caption} – ")), "{caption} is not in the PDF");
    }

    // A monitor without a survey has no report to print, and says so.
    let minimal = fixture("minimal");
    let (ok, stderr) = folio(minimal.path(), &["pdf", "--report"]);
    assert!(!ok && stderr.contains("this monitor has no research report to print"), "{stderr}");
    assert!(!minimal.path().join("onderzoeksrapport.pdf").exists());
    // The report's PDF replaces only an earlier PDF, as the monitor's does.
    let notes = printed.site.path().join("notities.pdf");
    std::fs::write(&notes, "mijn aantekeningen").unwrap();
    let (ok, stderr) = folio(printed.site.path(), &["pdf", "--report", "--no-build", "--output", notes.to_str().unwrap()]);
    assert!(!ok && stderr.contains("this file exists and is not a PDF"), "{stderr}");
    assert_eq!(read(&notes), "mijn aantekeningen");
    // `[pdf] report_output` stays inside the monitor's folder.
    let config = printed.site.path().join("site.toml");
    let settings = read(&config);
    std::fs::write(&config, format!("{settings}\n[pdf]\nreport_output = \"../rapport.pdf\"\n")).unwrap();
    let (ok, stderr) = folio(printed.site.path(), &["pdf", "--report", "--no-build"]);
    std::fs::write(&config, settings).unwrap();
    assert!(!ok && stderr.contains("`[pdf] report_output = \"../rapport.pdf\"` points outside the monitor's folder"), "{stderr}");
}

/// The groups of the small-groups codebook: (segment, code, label).
const GROUPS: &[(&str, usize, &str)] = &[
    ("omzet", 1, "Minder dan 40 miljoen euro"),
    ("omzet", 2, "40 tot 100 miljoen euro"),
    ("omzet", 3, "100 tot 250 miljoen euro"),
    ("omzet", 4, "Meer dan 250 miljoen euro"),
    ("zorgkantoor", 1, "Zorgkantoor Amsterdam"),
    ("zorgkantoor", 2, "Zorgkantoor Rotterdam"),
    ("zorgkantoor", 3, "Zorgkantoor Utrecht"),
    ("zorgkantoor", 4, "Zorgkantoor Groningen"),
    ("zorgkantoor", 5, "Zorgkantoor Zwolle"),
    ("zorgkantoor", 6, "Zorgkantoor Arnhem"),
    ("zorgkantoor", 7, "Zorgkantoor Eindhoven"),
    ("zorgkantoor", 8, "Zorgkantoor Maastricht"),
    ("zorgkantoor", 9, "Zorgkantoor Leeuwarden"),
    ("zorgkantoor", 10, "Zorgkantoor Haarlem"),
    ("zorgkantoor", 11, "Zorgkantoor Middelburg"),
    ("zorgkantoor", 12, "Zorgkantoor Assen"),
];

/// The questions that are broken down, with their text and who answered them.
fn answered(question: &str) -> impl Fn(&Respondent) -> bool {
    let question = question.to_string();
    let routed = ["Is het verzoek om maatwerk gehonoreerd?", "Waarover ging het verzoek om maatwerk?"].contains(&question.as_str());
    move |r: &Respondent| !routed || r.gehonoreerd.is_some()
}

fn in_group(segment: &str, code: usize, r: &Respondent) -> bool {
    match segment {
        "omzet" => r.omzet == code,
        _ => r.zorgkantoor == Some(code),
    }
}

/// The text a reader sees: tags removed, entities decoded, white space made single.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode(&text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` without the notes that say which groups "Overig" holds: naming a group there
/// shows none of its answers.
fn without_merge_notes(text: &str) -> String {
    let mut rest = text;
    let mut kept = String::new();
    while let Some(at) = rest.find("Overig omvat ") {
        kept.push_str(&rest[..at]);
        let end = rest[at..].find("niet herkenbaar is.").or_else(|| rest[at..].find("herkenbaar is.")).expect("the note ends");
        rest = &rest[at + end..];
    }
    kept.push_str(rest);
    kept
}

#[test]
fn no_group_below_the_minimum_is_published_anywhere() {
    let printed = printed();
    let respondents = respondents();
    let size = |segment: &str, code: usize, counted: &dyn Fn(&Respondent) -> bool| {
        respondents.iter().filter(|r| in_group(segment, code, r) && counted(r)).count()
    };
    // Groups too small to show anywhere (but with respondents): one to four organisations.
    let small: Vec<&str> =
        GROUPS.iter().filter(|(s, c, _)| (1..MIN_GROUP).contains(&size(s, *c, &|_| true))).map(|(_, _, label)| *label).collect();
    assert_eq!(small.len(), 8, "the fixture has many small groups: {small:?}");

    // 1. Nowhere in the public output, nor in the report's PDF, does a small group's name stand
    //    but in a note that says "Overig" holds it.
    let out = printed.site.path().join("public");
    let mut scanned = Vec::new();
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let name = entry.path().strip_prefix(&out).unwrap().display().to_string();
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let text = if name.ends_with(".html") { visible_text(&text) } else { text.into_owned() };
        scanned.push((name, without_merge_notes(&text)));
    }
    let pdf = pdf_text(&printed.pdf);
    scanned.push(("onderzoeksrapport.pdf".into(), without_merge_notes(&pdf.split_whitespace().collect::<Vec<_>>().join(" "))));
    for required in ["index.html", "tevredenheid/index.html", "print.html", "onderzoeksrapport/index.html", "onderzoeksrapport.pdf"] {
        assert!(scanned.iter().any(|(name, _)| name == required), "{required} was not scanned");
    }
    for (name, text) in &scanned {
        for label in &small {
            assert!(!text.contains(label), "{name} shows the group “{label}” of fewer than {MIN_GROUP} respondents");
        }
    }
    assert!(pdf.contains("Overig omvat"), "the PDF says which groups are merged");
    // Nor does an open answer, which can name its organisation.
    assert!(!scanned.iter().any(|(_, text)| text.contains("Alleen wij hebben")), "an open answer was published");

    // 2. Every column of every breakdown, recounted from the export: a named group holds at
    //    least the minimum of who answered that question, and its n says so; "Overig" too.
    let report = read(&out.join("onderzoeksrapport/index.html"));
    let mut columns_checked = 0;
    for figure in report.split("<figure").skip(1) {
        let caption = visible_text(&figure[figure.find("<strong>").unwrap()..figure.find("</strong>").unwrap()]);
        let heads: Vec<String> = figure
            .match_indices("<th scope=\"col\">")
            // A group below `indicative_below` has a * after its name.
            .map(|(at, _)| decode(&figure[at + 16..at + 16 + figure[at + 16..].find("</th>").unwrap()]).trim_end_matches('*').to_string())
            .collect();
        let n_row = row_cells(figure, "n");
        if caption.contains("Verdeling respondenten") {
            // A distribution: every row's count.
            for count in figure.split("<tr><th scope=\"row\">").skip(1).map(row_value) {
                assert!(count == 0 || count >= MIN_GROUP, "{caption}: a row of {count}");
                columns_checked += 1;
            }
            continue;
        }
        if n_row.is_empty() {
            continue;
        }
        let question = caption.split(" – ").nth(1).unwrap().split(" (n=").next().unwrap().to_string();
        let counted = answered(&question);
        for (column, head) in heads.iter().skip(1).enumerate() {
            let shown: usize = n_row[column].parse().unwrap();
            if let Some((segment, code, _)) = GROUPS.iter().find(|(_, _, label)| label == head) {
                assert_eq!(shown, size(segment, *code, &counted), "{caption}: n of {head}");
            }
            assert!(shown == 0 || shown >= MIN_GROUP, "{caption}: the column {head} holds {shown} respondents");
            columns_checked += 1;
        }
    }
    assert!(columns_checked >= 20, "the scan found the breakdowns and distributions ({columns_checked} columns)");
}

/// The first number of a distribution row (its count).
fn row_value(row: &str) -> usize {
    let cell = &row[row.find("<td>").unwrap() + 4..];
    cell[..cell.find("</td>").unwrap()].parse().unwrap()
}
