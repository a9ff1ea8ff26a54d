//! Precision in the research report, on the breakdown fixture (tests/sites/survey-breakdowns):
//! the 95% interval under every share and NPS, the effect size beside every test, the mark
//! on groups too small to be more than indicative, and the verdict that tells "no
//! difference" from "too few to tell". The reference figures were computed once from the
//! fixture's export with SciPy 1.17.1 and statsmodels 0.15.0; each comment gives the call.

mod common;

use std::path::Path;

use common::*;

fn report(site: &Path) -> String {
    let (ok, stderr) = folio(site, &["data"]);
    assert!(ok, "folio data failed:\n{stderr}");
    read(&build(site).join("onderzoeksrapport/index.html"))
}

fn figure<'a>(report: &'a str, caption: &str) -> &'a str {
    let at = report.find(caption).unwrap_or_else(|| panic!("no table {caption:?} in the report:\n{report}"));
    let start = report[..at].rfind("<figure").unwrap();
    &report[start..at + report[at..].find("</figure>").unwrap()]
}

/// The intervals printed under the cells of the row `label`, in order ("" where none).
fn row_intervals(table: &str, label: &str) -> Vec<String> {
    let start = format!("<tr><th scope=\"row\">{label}</th>");
    let at = table.find(&start).unwrap_or_else(|| panic!("no row {label:?} in {table}"));
    let row = &table[at..at + table[at..].find("</tr>").unwrap()];
    row.split("<td>")
        .skip(1)
        .map(|cell| cell.split_once("<span class=\"interval\">").map_or("", |(_, rest)| rest.split("</span>").next().unwrap()).to_string())
        .collect()
}

#[test]
fn every_share_has_its_wilson_interval_and_every_test_its_effect_size() {
    let site = fixture("survey-breakdowns");
    let report = report(site.path());

    // Satisfaction by region (Noord 20/6/4, Zuid 10/7/13 of 30 each; Pearson's test).
    // proportion_confint(20, 30, method="wilson") = (0,488, 0,808); (6, 30) = (0,095, 0,373);
    // (4, 30) = (0,053, 0,297); (10, 30) = (0,192, 0,512); (7, 30) = (0,118, 0,409);
    // (13, 30) = (0,274, 0,608); the total (30, 60) = (0,377, 0,623).
    let region = figure(&report, "Bent u tevreden over de contractering? (n=60)");
    // (Zuid 10 of 30 prints as 34%: the shares of its column are rounded to add up to 100.)
    assert_eq!(row_cells(region, "Ja"), ["67%", "34%", "50%"]);
    assert_eq!(row_intervals(region, "Ja"), ["49–81%", "19–51%", "38–62%"]);
    assert_eq!(row_intervals(region, "Ten dele")[..2], ["10–37%", "12–41%"]);
    assert_eq!(row_intervals(region, "Nee")[..2], ["5–30%", "27–61%"]);
    assert_eq!(row_intervals(region, "n"), ["", "", ""], "counts have no interval");
    // scipy.stats.contingency.association([[20, 6, 4], [10, 7, 13]], method="cramer") = 0,369:
    // medium for a table with two groups (Cohen: 0,3 to 0,5).
    assert!(region.contains("p zonder correctie = 0,017). Effectgrootte: Cramérs V = 0,37 (middelgroot)."), "{region}");
    // 30 in each region: enough to call the outcome "no significant difference".
    assert!(region.contains("<p class=\"verdict\">Geen statistisch significant verschil (p = "), "{region}");
    assert!(!region.contains("Indicatief"), "{region}");

    // Maatwerk by revenue: Ja 5 of 30, 0 of 18, 0 of 6. proportion_confint(5, 30) = (0,073,
    // 0,336); (0, 18) = (0, 0,176); (0, 6) = (0, 0,390): a 0% of six could be 39%.
    let revenue = figure(&report, "Heeft u maatwerk gekregen? (n=54)");
    assert_eq!(row_intervals(revenue, "Ja")[..3], ["7–34%", "0–18%", "0–39%"]);
    // Middel (18) and Groot (6) are below 30: marked, with the note that says why.
    assert!(revenue.contains("<th scope=\"col\">Klein</th><th scope=\"col\">Middel*</th><th scope=\"col\">Groot*</th>"), "{revenue}");
    assert!(revenue.contains("* Indicatief: minder dan 30 respondenten, de uitkomst is onzeker."), "{revenue}");
    // Not significant with a group of six: too few to tell, not "no difference".
    assert!(
        revenue.contains("<p class=\"verdict\">Te weinig respondenten om te zeggen of de groepen verschillen: geen statistisch significant verschil (p = "),
        "{revenue}"
    );
    assert!(revenue.contains("maar de kleinste groep telt 6 respondenten"), "{revenue}");

    // Meerzorg scores by revenue: scipy.stats.kruskal gives H = 5,116 over 54 scores;
    // ε² = H (n + 1) / (n² − 1) = 0,0965, medium (0,06 to 0,14).
    let scores = figure(&report, "Hoe hoog zijn de administratieve lasten (1 = zeer laag, 5 = zeer hoog)? (n=54)");
    assert!(scores.contains("Kruskal–Wallis-toets (H = 5,12; df = 2; p zonder correctie = 0,077); ε² = 0,10 (middelgroot)."), "{scores}");
    assert!(scores.contains("Te weinig om te zeggen: de kleinste groep telt 6 respondenten."), "{scores}");

    // The NPS has its interval in every column, and the method appendix says how all of it is done.
    let nps = figure(&report, "Zou u uw zorgkantoor aanbevelen? (n=60)");
    assert!(row_intervals(nps, "NPS").iter().all(|i| i.contains(" tot ")), "{nps}");
    for sentence in [
        "berekend met de methode van Wilson",
        "aangepaste Wald-methode (Rocks, 2016)",
        "minder dan 30 respondenten is gemarkeerd met * als indicatief",
        "Cramérs V (0 = geen samenhang, 1 = volledige samenhang)",
        "‘te weinig respondenten om te zeggen of de groepen verschillen’ in plaats van ‘geen statistisch significant verschil’",
    ] {
        assert!(report.contains(sentence), "the method appendix lacks {sentence:?}");
    }
}

#[test]
fn the_size_below_which_a_group_is_indicative_is_a_codebook_setting() {
    let site = fixture("survey-breakdowns");
    let codebook = site.path().join("survey/codebook.yaml");
    let text = read(&codebook).replace("  id_column: organisatie\n", "  id_column: organisatie\n  indicative_below: 10\n");
    std::fs::write(&codebook, text).unwrap();
    let report = report(site.path());
    let revenue = figure(&report, "Heeft u maatwerk gekregen? (n=54)");
    // Middel (18) is no longer marked, Groot (6) still is.
    assert!(revenue.contains("<th scope=\"col\">Middel</th><th scope=\"col\">Groot*</th>"), "{revenue}");
    assert!(revenue.contains("* Indicatief: minder dan 10 respondenten"), "{revenue}");
    assert!(report.contains("Een groep (of een jaar) met minder dan 10 respondenten is gemarkeerd"), "the method appendix follows");
}

/// Every word of the report that folio writes itself is in the site's language; the report's
/// words come from the same `[words]` table of site.toml as the monitor's.
#[test]
fn an_english_site_gets_an_english_report() {
    let site = fixture("survey-english");
    let report = report(site.path());
    for expected in [
        "<html lang=\"en\">",
        "<h2 id=\"inhoud\">Contents</h2>",
        // Set under [words.research_report] in the fixture's site.toml.
        "Appendix 1: How the survey was done",
        "Appendix 2: Differences by annual revenue",
        "Table 1 – Are you satisfied with the contracting? (2025: n=100, 2026: n=60)",
        "Table A4 – Are you satisfied with the contracting? (n=54)",
        "<th scope=\"col\">Total excl. unknown (n = 6)</th>",
        "Change 2026 compared with 2025 in percentage points, tested with the two-proportion test",
        "Yes −30 (p &lt; 0.001; without correction p &lt; 0.001; Cohen&#x27;s h = 0.64 (medium))",
        "<tr><th scope=\"row\">Detractors (0–6)</th>",
        "<tr><th scope=\"row\">Organisations approached</th><td>80</td></tr>",
        "Too few respondents to tell whether the groups differ",
        "* Indicative: fewer than 30 respondents",
        "Test: Pearson&#x27;s chi-square test (χ² = 8.17; df = 2; p without correction = 0.017). Effect size: Cramér&#x27;s V = 0.37 (medium).",
        "Several answers possible: per group the percentage that chose the answer.",
        "Other holds Medium and Large: groups with fewer than 5 respondents are merged",
        "Under each percentage is its 95% confidence interval",
        "So the p-values of all 19 tests in this report were corrected together",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in the English report:\n{report}");
    }
    // No Dutch word of folio's own is left.
    let text = report.split("<body").nth(1).unwrap();
    for dutch in [
        "Tabel",
        "Bijlage",
        "Inhoud",
        "Antwoord",
        "Totaal",
        "Overig",
        "Onbekend",
        "Critici",
        "toets",
        "gecorrigeerd",
        "respondenten",
        "Meerdere",
        "Gemiddelde",
        "Verschil",
        "Aantal",
        " tot ",
        "Indicatief",
        "Naar de monitor",
    ] {
        assert!(!text.contains(dutch), "{dutch:?} in the English report:\n{report}");
    }
}
