//! The chart grammar on real sites: every chart states its base and source under it (the
//! sample monitor, and `n: unknown` in an older edition), and `folio check` warns where one
//! label gets two colours or a question mixes toned and untoned options.
//! (The same lines in the PDF: tests/pdf.rs.)

mod common;

use std::path::Path;

use common::*;

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "data", "themes"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
    dir
}

/// (title, text under the chart) of every chart figure in `html`; the text is "" when the
/// figure has no base or source line.
fn chart_lines(html: &str) -> Vec<(String, String)> {
    html.split("<figure class=\"chart-figure")
        .skip(1)
        .map(|figure| {
            let figure = &figure[..figure.find("</figure>").expect("a closed figure")];
            let between = |start: &str, end: &str| {
                figure.find(start).map_or(String::new(), |from| {
                    let rest = &figure[from + start.len()..];
                    let rest = &rest[rest.find('>').unwrap() + 1..];
                    decode(&strip_tags(&rest[..rest.find(end).unwrap()]))
                })
            };
            (between("class=\"chart-title\"", "</figcaption>"), between("class=\"chart-source\"", "</p>"))
        })
        .collect()
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
    text
}

fn pages(out: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html" || e.file_name() == "print.html")
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_chart_of_the_sample_states_its_n_and_source() {
    let site = sample_copy();
    let out = build(site.path());
    let mut charts = 0;
    for page in pages(&out) {
        for (title, line) in chart_lines(&read(&page)) {
            charts += 1;
            assert!(line.starts_with("n = "), "{}: the chart `{title}` has no n line: {line:?}", page.display());
            assert!(line.contains(" · Bron: Ledenpeiling "), "{}: `{title}`: {line:?}", page.display());
        }
    }
    assert!(charts >= 2 * 25, "the sample's charts on their pages and in print.html: {charts}");
    // Numbers in the Dutch way, one n when every year has the same, the part asked said.
    let tarieven = read(&out.join("financiering/maatwerk/index.html"));
    let lines: Vec<String> = chart_lines(&tarieven).into_iter().map(|(_, line)| line).collect();
    assert!(lines.iter().any(|line| line.starts_with("n = 27 (2026), 39 (2025): wie om maatwerk verzocht · Bron:")), "{lines:?}");
    assert!(lines.iter().any(|line| line.starts_with("n = 122 (2026), 112 (2025) · Bron:")), "{lines:?}");
}

#[test]
fn a_chart_prints_no_n_where_the_data_says_unknown() {
    let site = fixture("older-edition");
    let out = build(site.path());
    let lines = chart_lines(&read(&out.join("cijfers/index.html")));
    let line_of = |title: &str| {
        lines.iter().find(|(t, _)| t.starts_with(title)).map(|(_, line)| line.clone()).unwrap_or_else(|| panic!("no {title}: {lines:?}"))
    };
    // 2019 unknown, 2018 known: only 2018's n, with its year (one n would claim 2019 too).
    assert_eq!(line_of("Tevreden over de afspraken"), "n = 44 (2018)");
    // `n: unknown` for the whole question: nothing (and the fixture names no source).
    for title in ["Redenen om mee te doen", "Administratieve lasten", "Net Promoter Score"] {
        assert_eq!(line_of(title), "", "{title}");
    }
    assert!(!read(&out.join("cijfers/index.html")).contains("n = unknown"));
}

#[test]
fn a_source_comes_from_the_question_the_data_file_or_the_site() {
    let site = fixture("older-edition");
    std::fs::write(site.path().join("site.toml"), "title = \"Monitor\"\n\n[data]\nsource = \"Peiling 2019\"\n").unwrap();
    let data = site.path().join("data/oud.yaml");
    let text = read(&data).replacen("questions:", "source: Archief van de monitor\nquestions:", 1);
    let text = text.replacen("    n: unknown\n", "    n: unknown\n    source: Eigen telling\n", 1);
    std::fs::write(&data, text).unwrap();
    let out = build(site.path());
    let lines = chart_lines(&read(&out.join("cijfers/index.html")));
    let line_of = |title: &str| lines.iter().find(|(t, _)| t.starts_with(title)).map(|(_, line)| line.clone()).unwrap();
    // The first `n: unknown` question (redenen) names its own; the others take the file's.
    assert_eq!(line_of("Redenen om mee te doen"), "Bron: Eigen telling");
    assert_eq!(line_of("Tevreden over de afspraken"), "n = 44 (2018) · Bron: Archief van de monitor");
    std::fs::write(&data, read(&data).replacen("source: Archief van de monitor\n", "", 1)).unwrap();
    let out = build(site.path());
    let lines = chart_lines(&read(&out.join("cijfers/index.html")));
    assert!(lines.iter().any(|(_, line)| line == "n = 44 (2018) · Bron: Peiling 2019"), "the site's default: {lines:?}");
}

#[test]
fn check_warns_where_one_label_gets_two_colours_or_a_question_mixes_the_systems() {
    let site = fixture("label-colours");
    let (ok, stderr) = folio(site.path(), &["check"]);
    assert!(ok, "warnings only: {stderr}");
    assert!(
        stderr.contains("warning: data/vragen.yaml:11: the option `Nee` of question `gesprek` is coloured by its label (no tone), but as tone `negative` in question `tevreden` (data/vragen.yaml:2)"),
        "{stderr}"
    );
    assert!(stderr.contains("help: give it `tone: negative` here too"), "{stderr}");
    assert!(stderr.contains("warning: data/vragen.yaml:20: question `afspraken` mixes colour systems"), "{stderr}");
    let (ok, _) = folio(site.path(), &["check", "--strict"]);
    assert!(!ok, "--strict fails on the warnings");
}
