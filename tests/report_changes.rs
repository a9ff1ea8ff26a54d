//! Changes since the year before in the research report (issue 22 item 3): Fisher's exact
//! test where the z-test's expected counts are too small, the item named in a matrix's
//! change note, the years' shared respondents stated, and a question asked in other words
//! flagged and not tested. On the breakdown fixture with a matrix question added.

mod common;

use common::*;

const MATRIX: &str = "
  - id: oordeel
    label: Oordeel per onderwerp
    text: Hoe oordeelt u over deze onderwerpen?
    type: single
    chapter: resultaten
    options:
      - {code: 1, id: goed, label: Goed}
      - {code: 2, id: matig, label: Matig}
      - {code: 3, id: slecht, label: Slecht}
    items:
      - {id: tarief, label: Tarief, column: tevreden}
      - {id: maatwerk, label: Maatwerk, column: maatwerk}
";

const EARLIER: &str = "
  - id: maatwerk
    label: Maatwerk
    text: Heeft u maatwerk gekregen?
    unit: percentage
    n: {2025: 100}
    options:
      - {id: ja, label: Ja, values: {2025: 20}}
      - {id: nee, label: Nee, values: {2025: 80}}
  - id: oordeel
    label: Oordeel per onderwerp
    text: Hoe oordeelt u over deze onderwerpen?
    unit: percentage
    n: {2025: 100}
    items:
      - id: tarief
        label: Tarief
        n: {2025: 100}
        options:
          - {id: goed, label: Goed, values: {2025: 70}}
          - {id: matig, label: Matig, values: {2025: 20}}
          - {id: slecht, label: Slecht, values: {2025: 10}}
      - id: maatwerk
        label: Maatwerk
        n: {2025: 100}
        options:
          - {id: goed, label: Goed, values: {2025: 10}}
          - {id: matig, label: Matig, values: {2025: 88}}
          - {id: slecht, label: Slecht, values: {2025: 2}}
";

fn figure<'a>(report: &'a str, caption: &str) -> &'a str {
    let at = report.find(&format!("<strong>{caption}")).unwrap_or_else(|| panic!("no table {caption:?} in the report:\n{report}"));
    let start = report[..at].rfind("<figure").unwrap();
    &report[start..at + report[at..].find("</figure>").unwrap()]
}

#[test]
fn changes_name_their_item_use_fishers_test_when_sparse_and_skip_a_reworded_question() {
    let site = fixture("survey-breakdowns");
    let codebook = site.path().join("survey/codebook.yaml");
    let text = read(&codebook)
        .replace("    text: Heeft u maatwerk gekregen?\n", "    text: Heeft u maatwerk gekregen?\n    wording_changed: 2026\n");
    std::fs::write(&codebook, format!("{text}{MATRIX}")).unwrap();
    let data = site.path().join("data/resultaten.yaml");
    std::fs::write(&data, format!("{}{EARLIER}", read(&data))).unwrap();
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(ok, "{stderr}");
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));

    // The matrix: each change is named with its item. Tarief: Goed fell from 70 of 100 to 30
    // of 60 (statsmodels' proportions_ztest([30, 70], [60, 100]): z = −2,53, p = 0,0114), a
    // z-test; Maatwerk: Slecht went from 2 of 100 to 0 of 60, a table whose cells expect 0,75
    // and 1,25: scipy.stats.fisher_exact([[0, 60], [2, 98]]).pvalue = 0,5283.
    let matrix = figure(&report, "Tabel 6 – Hoe oordeelt u over deze onderwerpen?");
    assert!(matrix.contains("Tarief: Goed −20 (p = "), "{matrix}");
    assert!(matrix.contains("zonder correctie p = 0,011; Cohens h"), "{matrix}");
    assert!(matrix.contains("Maatwerk: Slecht −2 (p = "), "{matrix}");
    assert!(matrix.contains("zonder correctie p = 0,528; exacte toets van Fisher; Cohens h"), "{matrix}");
    // The note says that the years share respondents.
    assert!(matrix.contains("Veel organisaties antwoordden in beide jaren"), "{matrix}");

    // The reworded question: flagged, and no change tested or marked.
    let reworded = figure(&report, "Tabel 2 – Heeft u maatwerk gekregen?");
    assert!(reworded.contains("De vraag is vanaf 2026 anders gesteld"), "{reworded}");
    assert!(!reworded.contains("Verschil 2026") && !reworded.contains('▲') && !reworded.contains('▼'), "{reworded}");
    assert!(report.contains("Een vraag die in het codeboek als anders gesteld is gemarkeerd"), "the method appendix says so");
}
