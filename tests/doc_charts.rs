//! docs/charts.md shows every chart kind with a picture drawn by folio from the example
//! beside it. These tests build the examples as a real site and compare each chart with the
//! committed `docs/charts/<kind>.svg`, so a picture can never drift from what folio draws;
//! and they check the page's table of units against what folio accepts.
//! `FOLIO_BLESS=1 cargo test --test doc_charts` writes the pictures anew.

mod common;

use std::path::Path;

use common::*;
use folio::charts::{self, ChartError, ChartKind, ChartSpec, Style};

/// One `## kind` section of docs/charts.md: its text and its code examples.
struct Section {
    kind: String,
    text: String,
    yaml: Vec<String>,
    markdown: Vec<String>,
}

fn sections() -> Vec<Section> {
    let text = read(&repo().join("docs/charts.md"));
    let mut found: Vec<Section> = Vec::new();
    let mut block: Option<(String, String)> = None;
    for line in text.lines() {
        if let Some((language, body)) = &mut block {
            if line == "```" {
                let section = found.last_mut().expect("examples stand under a `## kind` heading");
                match language.as_str() {
                    "yaml" => section.yaml.push(std::mem::take(body)),
                    "markdown" => section.markdown.push(std::mem::take(body)),
                    _ => {}
                }
                block = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
            continue;
        }
        if let Some(language) = line.strip_prefix("```") {
            block = Some((language.to_string(), String::new()));
        } else if let Some(kind) = line.strip_prefix("## ") {
            found.push(Section { kind: kind.trim().to_string(), text: String::new(), yaml: Vec::new(), markdown: Vec::new() });
        } else if let Some(section) = found.last_mut() {
            section.text.push_str(line);
            section.text.push('\n');
        }
    }
    found
}

/// The first `<svg>…</svg>` of the chart of `kind` on a built page: the sheet's drawing.
fn chart_svg(page: &str, kind: &str) -> String {
    let figure = page.find(&format!("chart-kind-{kind}\"")).unwrap_or_else(|| panic!("no {kind} chart on its page"));
    let start = figure + page[figure..].find("<svg").expect("the chart has a drawing");
    let end = start + page[start..].find("</svg>").expect("the drawing is closed") + "</svg>".len();
    format!("{}\n", &page[start..end])
}

#[test]
fn every_chart_kind_has_its_picture_drawn_by_folio() {
    let sections = sections();
    let kinds: Vec<&str> = charts::KINDS.iter().map(|kind| kind.name()).collect();
    let documented: Vec<&str> = sections.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(documented, kinds, "docs/charts.md has a section per chart kind, in the order of KINDS");

    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::write(site.join("site.toml"), "title = \"Grafieken\"\n").unwrap();
    std::fs::create_dir_all(site.join("data")).unwrap();
    let data: String = sections.iter().flat_map(|s| s.yaml.iter()).map(String::as_str).collect();
    std::fs::write(site.join("data/grafieken.yaml"), format!("questions:\n{data}")).unwrap();
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(site.join("content/00-omslag.md"), "---\ntitle: Grafieken\nlayout: cover\n---\n").unwrap();
    for (i, section) in sections.iter().enumerate() {
        assert_eq!(section.markdown.len(), 1, "{}: one Markdown example", section.kind);
        let page = format!("---\ntitle: {}\n---\n\n{}", section.kind, section.markdown[0]);
        std::fs::write(site.join(format!("content/{:02}-{}.md", i + 1, section.kind)), page).unwrap();
    }
    // --strict: the examples are clean, not only drawable.
    let (ok, stderr) = folio(site, &["build", "--strict"]);
    assert!(ok, "{stderr}");

    let bless = std::env::var_os("FOLIO_BLESS").is_some();
    let mut stale = Vec::new();
    for section in &sections {
        let page = read(&site.join("public").join(&section.kind).join("index.html"));
        if section.kind == "table" {
            assert!(page.contains("chart-kind-table\""), "{page}");
            assert!(!section.text.contains("charts/table.svg"));
            continue;
        }
        let picture = format!("charts/{}.svg", section.kind);
        assert!(section.text.contains(&format!("]({picture})")), "the `{}` section shows {picture}", section.kind);
        let drawn = chart_svg(&page, &section.kind);
        let committed = repo().join("docs").join(&picture);
        if bless {
            std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
            std::fs::write(&committed, &drawn).unwrap();
        } else if std::fs::read_to_string(&committed).ok().as_deref() != Some(drawn.as_str()) {
            stale.push(picture);
        }
    }
    assert!(stale.is_empty(), "pictures differ from what folio draws now: {stale:?}; refresh with FOLIO_BLESS=1 and look at them");
}

/// A picture is a file a browser shows on its own: an SVG root with its namespace, well
/// formed enough that every opened element is closed.
#[test]
fn the_pictures_stand_on_their_own() {
    for kind in charts::KINDS.iter().filter(|kind| **kind != ChartKind::Table) {
        let svg = read(&repo().join("docs/charts").join(format!("{}.svg", kind.name())));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "), "{}", kind.name());
        assert!(svg.contains("font-family=") && svg.trim_end().ends_with("</svg>"), "{}", kind.name());
        assert!(!svg.contains("var(--") && !svg.contains("class=\"chart-"), "{}: styled by the page, not by itself", kind.name());
    }
}

const UNITS: [&str; 4] = ["percentage", "score", "count", "nps"];

/// The units a row of the overview table in docs/charts.md names for `kind`.
fn documented_units(kind: &str) -> Vec<&'static str> {
    let text = read(&repo().join("docs/charts.md"));
    let row = text.lines().find(|line| line.starts_with(&format!("| `{kind}` |"))).unwrap_or_else(|| panic!("no table row for {kind}"));
    let unit_cell = row.split('|').nth(3).expect("a unit column").to_string();
    if unit_cell.trim().starts_with("any") {
        return UNITS.to_vec();
    }
    UNITS.iter().copied().filter(|unit| unit_cell.contains(unit)).collect()
}

/// A question of `unit` shaped as `kind` needs it (one item; two options for diverging,
/// three for range, one for kpi), so only the unit decides.
fn question(unit: &str, kind: ChartKind) -> folio::data::model::Question {
    let options = match kind {
        ChartKind::Kpi => 1,
        ChartKind::Diverging => 2,
        _ => 3,
    };
    let unit_line = if unit == "score" { "unit: score\n    scale: [0, 100]".to_string() } else { format!("unit: {unit}") };
    let values = ["20", "30", "50"];
    let options: String = (0..options).map(|i| format!("      - {{label: Optie {i}, values: {{2026: {}}}}}\n", values[i])).collect();
    let yaml = format!(
        "questions:\n  - id: vraag\n    label: Vraag\n    text: Een vraag?\n    {unit_line}\n    n: {{2026: 50}}\n    options:\n{options}"
    );
    folio::data::load::parse_file(&yaml, Path::new("vraag.yaml")).unwrap().remove(0)
}

#[test]
fn the_units_table_says_what_folio_accepts() {
    let mut wrong = Vec::new();
    let frame = folio::render::theme::ThemeSettings::built_in().sheet.slot(1);
    for kind in charts::KINDS {
        let documented = documented_units(kind.name());
        for unit in UNITS {
            let accepted = match charts::render(&ChartSpec::new(kind), &question(unit, kind), &Style::default(), "c", frame) {
                Ok(_) => true,
                Err(ChartError::WrongKind { .. }) => false,
                Err(other) => panic!("{} of a {unit} question: {other}", kind.name()),
            };
            if accepted != documented.contains(&unit) {
                wrong.push(format!("{} {} {unit}", kind.name(), if accepted { "accepts" } else { "refuses" }));
            }
        }
    }
    assert!(wrong.is_empty(), "docs/charts.md's table of units is out of date: {wrong:?}");
}
