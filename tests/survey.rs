//! From a survey export to result data and the research report. The exports are
//! synthetic, written by the test from the table below (never real member data); every
//! expected figure is worked out by hand in the comments.

mod common;

use std::path::Path;

use common::*;
use folio::data::model::{Question, Unit};
use folio::survey::significance::Method;
use folio::survey::{self, aggregate, codebook, crosstab, export, responses, stats};

/// The synthetic export for 2026: twelve organisations. Routing: `maatwerk_gehonoreerd`
/// and `onderwerpen` were only asked of who answered `maatwerk` with 1 (Ja).
const ROWS: &[&[&str]] = &[
    &[
        "organisatie",
        "omzet",
        "zorgkantoor",
        "tariefgesprek",
        "maatwerk",
        "maatwerk_gehonoreerd",
        "onderwerpen",
        "tarief",
        "lasten_meerzorg",
        "lasten_stagefonds",
        "nps",
        "toelichting",
    ],
    &["A01", "1", "11", "1", "1", "1", "1|2", "96,8", "4", "3", "9", "Goed gesprek"],
    &["A02", "1", "12", "1", "2", "", "", "", "5", "9", "10", ""],
    &["A03", "2", "21", "2", "1", "3", "3", "97", "4", "2", "6", ""],
    &["A04", "2", "21", "3", "2", "", "", "", "3", "", "7", "Financiële zorgen; één gesprek in het café"],
    &["A05", "3", "31", "1", "1", "2", "1|3", "96,5", "5", "4", "8", ""],
    &["A06", "3", "Coöperatie VGZ", "Ten dele", "2", "", "", "", "2", "3", "0", ""],
    &["A07", "1", "11", "1", "2", "", "", "", "4", "4", "9", ""],
    &["A08", "2", "12", "3", "1", "1", "2", "", "", "", "5", ""],
    &["A09", "3", "21", "1", "2", "", "", "", "5", "5", "10", ""],
    &["A10", "1", "31", "2", "1", "", "1", "", "3", "3", "8", ""],
    &["A11", "2", "", "1", "2", "", "", "", "4", "4", "9", ""],
    &["A12", "3", "21", "2", "1", "1", "2", "97,3", "1", "1", "3", ""],
];

/// The rows as CSV with the given separator, quoting cells that need it.
fn csv_text(rows: &[&[&str]], separator: char) -> String {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                if cell.contains(separator) || cell.contains('"') {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.to_string()
                }
            })
            .collect();
        text.push_str(&cells.join(&separator.to_string()));
        text.push_str("\r\n");
    }
    text
}

/// What a Dutch spreadsheet program writes: semicolons, Windows-1252 (é is the byte 0xE9).
fn spreadsheet_bytes(rows: &[&[&str]]) -> Vec<u8> {
    let text = csv_text(rows, ';');
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn survey_site(export: &[u8]) -> tempfile::TempDir {
    let site = fixture("survey");
    std::fs::write(site.path().join("survey/export-2026.csv"), export).unwrap();
    site
}

fn load(site: &Path, file: &str) -> Vec<Question> {
    let relative = Path::new("data").join(file);
    folio::data::load::parse_file(&read(&site.join(&relative)), &relative).expect("written data reads back")
}

fn question<'a>(questions: &'a [Question], id: &str) -> &'a Question {
    questions.iter().find(|q| q.id == id).unwrap_or_else(|| panic!("no question `{id}`"))
}

/// (option id, value) for one year of a simple question.
fn values(question: &Question, year: u16) -> Vec<(String, f64)> {
    question.items[0].options.iter().filter_map(|o| o.values.get(&year).map(|v| (o.id.clone(), *v))).collect()
}

fn pairs(expected: &[(&str, f64)]) -> Vec<(String, f64)> {
    expected.iter().map(|(id, v)| (id.to_string(), *v)).collect()
}

fn run_data(site: &Path) {
    let (ok, stderr) = folio(site, &["data"]);
    assert!(ok, "folio data failed:\n{stderr}");
}

#[test]
fn aggregates_match_hand_computed_figures() {
    let site = survey_site(csv_text(ROWS, ',').as_bytes());
    run_data(site.path());
    let financiering = load(site.path(), "financiering.yaml");

    // Ja 6, Ten dele 4 (one written out as its label), Nee 2 of 12: 50 / 33,3 / 16,7, and
    // the largest remainder (0,67) goes to Nee: 50 + 33 + 17 = 100.
    let gesprek = question(&financiering, "tariefgesprek");
    assert_eq!(values(gesprek, 2026), pairs(&[("ja", 50.0), ("ten-dele", 33.0), ("nee", 17.0)]));
    assert_eq!(gesprek.n.get(&2026), Some(&12));
    assert_eq!(gesprek.source.as_deref(), Some("Testpeiling 2026"));

    // Routing: six said Ja to maatwerk; one of them left the follow-up empty, so n = 5:
    // Ja 3, Deels 1, Nee 1.
    let gehonoreerd = question(&financiering, "maatwerk-gehonoreerd");
    assert_eq!(gehonoreerd.n.get(&2026), Some(&5));
    assert_eq!(values(gehonoreerd, 2026), pairs(&[("ja", 60.0), ("deels", 20.0), ("nee", 20.0)]));

    // Several answers: of the six asked, 3 innovatie, 3 regionaal, 2 personeel.
    let onderwerpen = question(&financiering, "onderwerpen");
    assert!(onderwerpen.multiple);
    assert_eq!(onderwerpen.n.get(&2026), Some(&6));
    assert_eq!(values(onderwerpen, 2026), pairs(&[("innovatie", 50.0), ("regionaal", 50.0), ("personeel", 33.0)]));

    // Numbers written with a decimal comma: 96,8 97 96,5 97,3 → mean 96,9.
    let tarief = question(&financiering, "tarief");
    assert_eq!(tarief.unit, Unit::Count);
    assert_eq!(tarief.n.get(&2026), Some(&4));
    assert_eq!(values(tarief, 2026), pairs(&[("gemiddelde", 96.9), ("minimum", 96.5), ("maximum", 97.3)]));

    let toekomst = load(site.path(), "toekomstblik.yaml");
    // Scale: meerzorg 40 / 11 = 3,64; stagefonds skips the 9 (weet niet): 29 / 9 = 3,22.
    let lasten = question(&toekomst, "lasten");
    assert_eq!(lasten.unit, Unit::Score { min: 1.0, max: 5.0 });
    assert_eq!(lasten.n.get(&2026), Some(&11));
    let per_item: Vec<(String, u32, f64)> = lasten.items.iter().map(|i| (i.id.clone(), i.n[&2026], i.options[0].values[&2026])).collect();
    assert_eq!(per_item, vec![("meerzorg".to_string(), 11, 3.64), ("stagefonds".to_string(), 9, 3.22)]);

    // NPS: critici 4, neutralen 3, fans 5 of 12 → 33 / 25 / 42 (the remainder 0,67 goes to
    // the fans) and NPS = 42 − 33 = +9.
    assert_eq!(values(question(&toekomst, "nps"), 2026), pairs(&[("nps", 9.0)]));
    assert_eq!(values(question(&toekomst, "nps-groepen"), 2026), pairs(&[("critici", 33.0), ("neutralen", 25.0), ("fans", 42.0)]));

    // Open answers are not result data.
    assert!(financiering.iter().chain(&toekomst).all(|q| q.id != "toelichting"));
}

#[test]
fn updating_keeps_earlier_years_notes_and_other_questions() {
    let site = survey_site(csv_text(ROWS, ',').as_bytes());
    run_data(site.path());
    let path = site.path().join("data/financiering.yaml");
    let first = read(&path);
    assert!(first.starts_with("# Hoofdstuk Financiering. Deze kop blijft staan"), "the leading comment stays:\n{first}");
    let financiering = load(site.path(), "financiering.yaml");
    let gesprek = question(&financiering, "tariefgesprek");
    assert_eq!(values(gesprek, 2025), pairs(&[("ja", 63.0), ("ten-dele", 21.0), ("nee", 16.0)]));
    assert_eq!(gesprek.n.get(&2025), Some(&112));
    assert_eq!(gesprek.notes, vec!["2025 uit het onderzoeksrapport 2025.".to_string()]);
    assert_eq!(values(question(&financiering, "handmatig"), 2025), pairs(&[("ja", 40.0), ("nee", 60.0)]));
    assert_eq!(financiering.iter().map(|q| q.id.as_str()).take(2).collect::<Vec<_>>(), ["tariefgesprek", "handmatig"], "the order stays");

    // Running again changes nothing: the year's figures are replaced by the same ones.
    run_data(site.path());
    assert_eq!(read(&path), first);
}

#[test]
fn the_windows_1252_semicolon_variant_gives_the_same_figures() {
    let utf8 = survey_site(csv_text(ROWS, ',').as_bytes());
    let spreadsheet = survey_site(&spreadsheet_bytes(ROWS));
    let report = survey::run(spreadsheet.path(), &survey::DataOptions::default()).expect("the spreadsheet variant reads");
    assert_eq!((report.encoding, report.delimiter, report.year, report.respondents), ("Windows-1252", ';', 2026, 12));
    run_data(utf8.path());
    for file in ["data/financiering.yaml", "data/toekomstblik.yaml"] {
        assert_eq!(read(&spreadsheet.path().join(file)), read(&utf8.path().join(file)), "{file}");
    }
    // "Coöperatie VGZ" written out in Windows-1252 is recognised as the segment's label.
    let book = codebook::load(&spreadsheet.path().join("survey/codebook.yaml"), Path::new("survey/codebook.yaml")).unwrap();
    let parsed = export::parse(&spreadsheet_bytes(ROWS), Path::new("export.csv")).unwrap();
    let answers = responses::interpret(&book, &parsed, Path::new("export.csv"), 2026).unwrap();
    assert_eq!(answers.respondents[5].segments["uitvoerder"], Some(2));
    // The open answer keeps its é and ë, in the private file for authors.
    let open = read(&spreadsheet.path().join("survey/open-answers-2026.md"));
    assert!(open.contains("- Financiële zorgen; één gesprek in het café (regel 5, A04)"), "{open}");
}

#[test]
fn a_malformed_row_and_an_unknown_code_are_reported_with_their_lines() {
    let mut rows: Vec<&[&str]> = ROWS.to_vec();
    rows[4] = &["A04", "2", "21", "3"]; // line 5: cells missing
    rows[6] = &["A06", "3", "31", "7", "2", "", "", "", "2", "3", "0", ""]; // line 7: no option has code 7
    let site = survey_site(csv_text(&rows, ',').as_bytes());
    let before = read(&site.path().join("data/financiering.yaml"));
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(!ok);
    assert!(stderr.contains("error: survey/export-2026.csv:5: this row has 4 cells, but the header names 12 columns"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(read(&site.path().join("data/financiering.yaml")), before, "nothing is written");

    rows[4] = ROWS[4];
    let site = survey_site(csv_text(&rows, ',').as_bytes());
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(!ok);
    assert!(
        stderr.contains("error: survey/export-2026.csv:7: column `tariefgesprek`: `7` is not an answer to question `tariefgesprek`"),
        "{stderr}"
    );
    assert!(stderr.contains("help: the codes are: 1 (Ja), 2 (Ten dele), 3 (Nee)"), "{stderr}");
}

#[test]
fn an_answer_that_routing_skipped_is_left_out_with_a_warning() {
    let mut rows: Vec<&[&str]> = ROWS.to_vec();
    // Line 3: maatwerk is 2 (Nee), so maatwerk_gehonoreerd was not asked, yet holds a 3.
    rows[2] = &["A02", "1", "12", "1", "2", "3", "", "", "5", "9", "10", ""];
    let site = survey_site(csv_text(&rows, ',').as_bytes());
    let report = survey::run(site.path(), &survey::DataOptions::default()).unwrap();
    let warning = report.warnings.iter().map(ToString::to_string).find(|w| w.contains("routing")).expect("a routing warning");
    assert!(warning.starts_with("warning: survey/export-2026.csv:3: column `maatwerk_gehonoreerd` holds an answer"), "{warning}");
    let financiering = load(site.path(), "financiering.yaml");
    assert_eq!(question(&financiering, "maatwerk-gehonoreerd").n.get(&2026), Some(&5), "the skipped answer is not counted");
}

#[test]
fn largest_remainder_rounding_always_adds_up_to_100() {
    // A small deterministic generator (LCG) instead of a random crate: same cases every run.
    let mut state: u64 = 2026;
    let mut next = |limit: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % limit
    };
    for _ in 0..2000 {
        let options = 2 + next(6) as usize;
        let counts: Vec<u32> = (0..options).map(|_| next(40) as u32).collect();
        let total: u32 = counts.iter().sum();
        if total == 0 {
            continue;
        }
        let shares = aggregate::largest_remainder(&counts, 0);
        assert_eq!(shares.iter().sum::<f64>(), 100.0, "{counts:?} → {shares:?}");
        for (count, share) in counts.iter().zip(&shares) {
            let exact = f64::from(*count) * 100.0 / f64::from(total);
            assert!((share - exact).abs() < 1.0, "{counts:?} → {shares:?}");
        }
    }
    assert_eq!(aggregate::largest_remainder(&[1, 1, 1], 0), vec![34.0, 33.0, 33.0], "ties: the earlier option first");
    assert_eq!(aggregate::largest_remainder(&[1, 2, 4], 1), vec![14.3, 28.6, 57.1]);
}

#[test]
fn nps_splits_critics_passives_and_promoters() {
    assert_eq!(aggregate::nps_groups(&[0.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0]), [3, 2, 2]);
    assert_eq!(aggregate::nps_groups(&[]), [0, 0, 0]);
}

#[test]
fn chi_square_matches_reference_values() {
    let close = |a: f64, b: f64| (a - b).abs() < 1e-4;
    // 2×2: every expected count is 15; χ² = 4 × 25 / 15 = 6,6667; df 1; p = erfc(√(χ²/2)).
    let test = stats::chi_square(&[vec![10, 20], vec![20, 10]]).unwrap();
    assert!(close(test.statistic, 6.666_667) && test.degrees_of_freedom == 1 && close(test.p_value, 0.009_823), "{test:?}");
    // 3×2: χ² = 12,5278; df 2; p = e^(−χ²/2) = 0,001904.
    let test = stats::chi_square(&[vec![10, 20], vec![20, 20], vec![30, 10]]).unwrap();
    assert!(close(test.statistic, 12.527_778) && test.degrees_of_freedom == 2 && close(test.p_value, 0.001_904), "{test:?}");
    // Critical values of the textbook tables at the 5% level.
    for (critical, df) in [(3.841_459, 1), (5.991_465, 2), (7.814_728, 3), (9.487_729, 4), (11.070_498, 5), (18.307_038, 10)] {
        assert!(close(stats::chi_square_p(critical, df), 0.05), "df {df}: {}", stats::chi_square_p(critical, df));
    }
    // An empty column is left out, and a table without two rows and columns has no test.
    let test = stats::chi_square(&[vec![10, 0, 20], vec![20, 0, 10]]).unwrap();
    assert_eq!(test.degrees_of_freedom, 1);
    assert!(stats::chi_square(&[vec![5, 5], vec![0, 0]]).is_none());
}

/// Reference values computed with SciPy 1.17.1 (Python 3): `scipy.stats.chi2.sf`,
/// `fisher_exact`, `kruskal`, `false_discovery_control(method="bh")` and, for the
/// two-proportion z-test, `chi2_contingency(correction=False)` on the 2×2 table (its X² is z²).
/// The exact permutation p-values were found by enumerating every 2×3 table with the same
/// margins (hypergeometric probabilities), in the same Python session.
#[test]
fn statistics_match_scipy_reference_values() {
    let relative = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1e-300);
    for (x, df, p) in [
        (3.841459, 1, 0.04999999465319563),
        (0.5, 1, 0.47950012218695337),
        (12.5, 3, 0.005852662593326735),
        (30.0, 10, 0.000856641210775301),
        (60.0, 20, 7.121750862815593e-06),
        (1.0, 7, 0.9948285365165155),
        (100.0, 40, 4.791357300338064e-07),
        (25.0, 4, 5.0309817823062075e-05),
    ] {
        assert!(relative(stats::chi_square_p(x, df), p), "χ²({x}, {df}) = {} ≠ {p}", stats::chi_square_p(x, df));
    }
    for (table, p) in [
        ([[3, 1], [1, 3]], 0.48571428571428565),
        ([[8, 2], [1, 5]], 0.034965034965034975),
        ([[0, 5], [6, 1]], 0.01515151515151515),
        ([[10, 0], [2, 7]], 0.000714455822814956),
        ([[3, 5], [4, 50]], 0.039707492465292815),
    ] {
        assert!((stats::fisher_exact(table) - p).abs() < 1e-9, "Fisher {table:?}: {} ≠ {p}", stats::fisher_exact(table));
    }
    let groups = [vec![2.9, 3.0, 2.5, 2.6, 3.2], vec![3.8, 2.7, 4.0, 2.4], vec![2.8, 3.4, 3.7, 2.2, 2.0]];
    let test = stats::kruskal_wallis(&groups).unwrap();
    assert!(relative(test.statistic, 0.7714285714285722) && relative(test.p_value, 0.6799647735788936), "{test:?}");
    // With ties (scores on a 1–5 scale), corrected for them.
    let groups = [vec![1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0], vec![3.0, 4.0, 4.0, 5.0, 5.0], vec![1.0, 1.0, 2.0, 2.0, 3.0]];
    let test = stats::kruskal_wallis(&groups).unwrap();
    assert!(relative(test.statistic, 9.07460930318073) && relative(test.p_value, 0.010702213908391203), "{test:?}");
    assert_eq!(test.degrees_of_freedom, 2);
    assert!(stats::kruskal_wallis(&[vec![3.0, 3.0], vec![3.0]]).is_none(), "no spread, no test");

    let adjusted = stats::benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005, 0.20, 0.049]);
    for (a, b) in adjusted.iter().zip([0.03, 0.0588, 0.0588, 0.03, 0.2, 0.0588]) {
        assert!((a - b).abs() < 1e-12, "{adjusted:?}");
    }
    for ((x1, n1, x2, n2), z, p) in [
        ((40, 100, 55, 110), 1.4541033236921448, 0.1459176622441427),
        ((6, 12, 70, 112), 0.8448761977199286, 0.39817996527160116),
        ((30, 50, 10, 50), 4.08248290463863, 4.455709060405612e-05),
    ] {
        let test = stats::two_proportions(x1, n1, x2, n2).unwrap();
        assert!(relative(test.z.abs(), z) && relative(test.p_value, p), "{x1}/{n1} vs {x2}/{n2}: {test:?}");
    }
    assert!(stats::two_proportions(0, 10, 0, 20).is_none(), "0% against 0%: nothing to test");

    // The choice of test: Pearson where Cochran's rule holds, Fisher for a sparse 2×2, and the
    // seeded Monte Carlo p for a sparse larger table, within 3 standard errors (±0,005) of the
    // exact permutation p, and the same on every run.
    use folio::survey::significance::independence;
    assert_eq!(independence(&[vec![10, 20], vec![20, 10]], 5.0).unwrap().method, Method::Pearson);
    let fisher = independence(&[vec![8, 2], vec![1, 5]], 5.0).unwrap();
    assert_eq!(fisher.method, Method::FisherExact);
    assert!((fisher.p_value - 0.034965034965034975).abs() < 1e-9, "{fisher:?}");
    for (table, exact) in [([[4, 1, 0], [1, 3, 5]], 0.025974025974025976), ([[5, 0, 2], [1, 4, 1]], 0.04603729603729604)] {
        let table: Vec<Vec<u32>> = table.iter().map(|r| r.to_vec()).collect();
        let test = independence(&table, 5.0).unwrap();
        assert_eq!(test.method, Method::MonteCarlo { permutations: 10_000 });
        assert!((test.p_value - exact).abs() < 0.005, "{table:?}: Monte Carlo {} against exact {exact}", test.p_value);
        assert_eq!(independence(&table, 5.0).unwrap().p_value, test.p_value, "seeded: the same p every run");
    }
}

#[test]
fn breakdowns_choose_the_test_that_suits_each_table() {
    let site = survey_site(csv_text(ROWS, ',').as_bytes());
    let book = codebook::load(&site.path().join("survey/codebook.yaml"), Path::new("codebook.yaml")).unwrap();
    let parsed = export::parse(csv_text(ROWS, ',').as_bytes(), Path::new("export.csv")).unwrap();
    let answers = responses::interpret(&book, &parsed, Path::new("export.csv"), 2026).unwrap();
    let found = crosstab::breakdowns(&book, &answers, 1, &Default::default());
    assert_eq!(found.len(), 2);
    // By revenue: Ja 3/1/2, Ten dele 1/1/2, Nee 0/2/0 → χ² = 5,5, df 4. Every expected count
    // lies below 5 (Cochran's rule fails), so the p is a permutation p, not the chi-square
    // distribution's 0,2397: within ±0,005 of the exact permutation p 0,43896 (enumerated in
    // Python over every table with these margins).
    let omzet = &found[0];
    assert_eq!(omzet.counts(), [vec![3, 1, 2], vec![1, 1, 2], vec![0, 2, 0]]);
    let test = omzet.tests[0].unwrap();
    assert_eq!(test.method, Method::MonteCarlo { permutations: 10_000 });
    assert!((test.statistic.unwrap() - 5.5).abs() < 1e-9 && (test.p_value - 0.438_96).abs() < 0.005, "{test:?}");
    assert!(!test.significant(0.05));
    // By Wlz-uitvoerder: A11 has no zorgkantoor and is left out, so n = 11 and one unknown.
    // Ja 3/1/1, Ten dele 0/2/2, Nee 1/1/0: χ² = 4,4 and the exact permutation p 0,54286.
    let uitvoerder = &found[1];
    assert_eq!((uitvoerder.n(), uitvoerder.unknown), (11, 1));
    assert_eq!(uitvoerder.counts(), [vec![3, 1, 1], vec![0, 2, 2], vec![1, 1, 0]]);
    assert!((uitvoerder.tests[0].unwrap().p_value - 0.542_857).abs() < 0.005, "{:?}", uitvoerder.tests);
    assert_eq!(uitvoerder.column_shares()[0], vec![75.0, 0.0, 25.0]);

    // A larger synthetic sample where the answer depends on the segment is significant.
    let mut big: Vec<Vec<String>> = vec![ROWS[0].iter().map(|s| s.to_string()).collect()];
    for i in 0..90 {
        let size = 1 + i % 3;
        let answer = if size == 1 { 1 + (i % 5 == 0) as usize } else { 2 + (i % 4 != 0) as usize };
        let row = [
            format!("B{i}"),
            size.to_string(),
            "21".into(),
            answer.to_string(),
            "2".into(),
            "".into(),
            "".into(),
            "".into(),
            "3".into(),
            "3".into(),
            "8".into(),
            "".into(),
        ];
        big.push(row.to_vec());
    }
    let rows: Vec<Vec<&str>> = big.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let parsed = export::parse(csv_text(&rows, ',').as_bytes(), Path::new("export.csv")).unwrap();
    // (As 2027: the codebook says 40 organisations were approached in 2026, fewer than 90.)
    let answers = responses::interpret(&book, &parsed, Path::new("export.csv"), 2027).unwrap();
    let by_size = &crosstab::breakdowns(&book, &answers, 1, &Default::default())[0];
    let test = by_size.tests[0].unwrap();
    assert_eq!(test.method, Method::Pearson, "90 answers: Cochran's rule holds");
    assert!(test.significant(0.05) && test.p_value < 0.001, "{test:?}");
}

#[test]
fn codebook_mistakes_are_reported_with_their_line() {
    let text = read(&repo().join("tests/sites/survey/survey/codebook.yaml"))
        .replace("asked_if: {question: maatwerk, answer: ja}", "asked_if: {question: maatwerkk, answer: ja}");
    let problems = codebook::parse(&text, Path::new("survey/codebook.yaml")).unwrap_err();
    let line = text.lines().position(|l| l.contains("id: maatwerk-gehonoreerd")).unwrap() + 1;
    let message = problems.to_string();
    assert!(
        message.starts_with(&format!("error: survey/codebook.yaml:{line}: question `maatwerk-gehonoreerd`: `asked_if` names `maatwerkk`")),
        "{message}"
    );

    let text = read(&repo().join("tests/sites/survey/survey/codebook.yaml")).replace("type: nps", "type: stars");
    let message = codebook::parse(&text, Path::new("survey/codebook.yaml")).unwrap_err().to_string();
    assert!(message.contains("unknown variant `stars`") && message.contains("help: use one of the values"), "{message}");
}

#[test]
fn the_export_needs_every_column_the_codebook_names() {
    let mut header: Vec<&str> = ROWS[0].to_vec();
    header[3] = "gesprek";
    let mut rows: Vec<&[&str]> = ROWS.to_vec();
    rows[0] = &header;
    let site = survey_site(csv_text(&rows, ',').as_bytes());
    let problems = survey::run(site.path(), &survey::DataOptions::default()).unwrap_err().to_string();
    assert!(
        problems.contains("survey/export-2026.csv:1: the export has no column `tariefgesprek` (for question `tariefgesprek`)"),
        "{problems}"
    );
}

#[test]
fn folio_data_then_build_give_the_monitor_and_the_research_report() {
    let site = survey_site(&spreadsheet_bytes(ROWS));
    run_data(site.path());
    let out = build(site.path());
    let page = read(&out.join("gesprek/index.html"));
    assert!(page.contains("50% in 2026, 63% in 2025"), "the citation uses the computed figure");
    let report = read(&out.join("onderzoeksrapport/index.html"));
    for expected in [
        "<html lang=\"nl\">",
        "Tabel 1 – Bent u tevreden over het gesprek met het zorgkantoor over het tarief? (2025: n=112, 2026: n=12)",
        "<h2 id=\"hoofdstuk-1\">1. Financiering</h2>",
        "<h2 id=\"hoofdstuk-2\">2. Toekomstblik</h2>",
        "Bijlage 2: Verschillen naar jaaromzet",
        "Bijlage 3: Verschillen tussen Wlz-uitvoerders",
        // Five tests in the report: two breakdowns (Monte Carlo p 0,435 and 0,547) and the change
        // since 2025 of the three options of Tabel 1. 2025: 63%, 21%, 16% of 112 → 71, 24, 18;
        // 2026: 6, 4, 2 of 12. Every one of those 2×2 tables has a cell that expects fewer than 5
        // (12 × 20 / 124 = 1,9 for Nee), so each change gets Fisher's exact test:
        // scipy.stats.fisher_exact([[6, 6], [71, 41]]).pvalue = 0,3684, ([[4, 8], [24, 88]])
        // 0,4655, ([[2, 10], [18, 94]]) 1,0; `false_discovery_control` of the five gives 0,683
        // for all but the last (1,000).
        // With 12 respondents in groups of at most 8 that is not "no difference" but "too few to tell".
        "Te weinig respondenten om te zeggen of de groepen verschillen: geen statistisch significant verschil (p = 0,683, gecorrigeerd voor meervoudig toetsen), maar de kleinste groep telt",
        // Cohen's h: abs(statsmodels.stats.proportion.proportion_effectsize(6/12, 71/112)) = 0,2712,
        // (4/12, 24/112) 0,2684, (2/12, 18/112) 0,0161; with 12 respondents in 2026 (below 30)
        // no change can be told.
        "Verschil 2026 ten opzichte van 2025 in procentpunten, getoetst met de toets voor twee proporties of, waar een cel minder dan 5 antwoorden verwacht, de exacte toets van Fisher (p gecorrigeerd voor meervoudig toetsen); geen enkel verschil is statistisch significant: Ja −13 (p = 0,683; zonder correctie p = 0,368; exacte toets van Fisher; Cohens h = 0,27 (klein); te weinig respondenten om te zeggen), Ten dele +12 (p = 0,683; zonder correctie p = 0,466; exacte toets van Fisher; Cohens h = 0,27 (klein); te weinig respondenten om te zeggen), Nee +1 (p = 1,000; zonder correctie p = 1,000; exacte toets van Fisher; Cohens h = 0,02 (verwaarloosbaar); te weinig respondenten om te zeggen). Veel organisaties antwoordden in beide jaren; de toets behandelt de jaren als afzonderlijke steekproeven",
        "Toets: permutatietoets (Monte Carlo, 10.000 permutaties met vaste startwaarde) op de chi-kwadraatwaarde, omdat de chi-kwadraatverdeling hier niet betrouwbaar is (in 9 van de 9 cellen worden minder dan 5 antwoorden verwacht, het kleinste verwachte aantal is 0,7; χ² = 5,50; df = 4; p zonder correctie = 0,435).",
        // 11 respondents in the table: the total too is only indicative.
        "<th scope=\"col\">Totaal excl. onbekend (n = 1)*</th>",
        "de p-waarden van alle 5 toetsen in dit rapport samen gecorrigeerd met de methode van Benjamini en Hochberg",
        "<tr><th scope=\"row\">Aantal benaderde organisaties</th><td>382</td><td>40</td></tr>",
        "<tr><th scope=\"row\">Responspercentage</th><td>29%</td><td>30%</td></tr>",
        // Under each share its 95% interval: 5 fans of 12, statsmodels'
        // proportion_confint(5, 12, method="wilson") = (0,193, 0,680); under the NPS (4 critici,
        // 3 neutralen, 5 fans) the adjusted Wald interval of precision.rs's test: −36 to +49.
        "<tr><th scope=\"row\">Fans (9–10)</th><td>42%<span class=\"interval\">19–68%</span></td></tr>",
        "<tr><th scope=\"row\">NPS</th><td>+9<span class=\"interval\">−36 tot +49</span></td></tr>",
        "Coöperatie VGZ",
        "Alleen gevraagd aan wie bij ‘Verzoek om maatwerk’ antwoordde: Ja.",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in the report:\n{report}");
    }
    assert!(!report.contains("café"), "open answers stay out of the report");
    assert!(!out.join("survey").exists(), "the survey folder is not published");
}

#[test]
fn the_report_escapes_text_and_is_absent_without_a_codebook() {
    let site = survey_site(csv_text(ROWS, ',').as_bytes());
    run_data(site.path());
    let path = site.path().join("survey/codebook.yaml");
    std::fs::write(&path, read(&path).replace("title: Onderzoeksrapport testpeiling 2026", "title: \"Rapport <script>x</script> & co\""))
        .unwrap();
    let html = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    assert!(html.contains("<h1>Rapport &lt;script&gt;x&lt;&#x2F;script&gt; &amp; co</h1>"), "{html}");

    let minimal = fixture("minimal");
    let out = build(minimal.path());
    assert!(!out.join("onderzoeksrapport").exists());
    assert!(!read(&out.join("index.html")).contains("onderzoeksrapport"), "no link to a report that is not there");
}

#[test]
fn the_codebook_example_in_the_documentation_is_valid() {
    let docs = read(&repo().join("docs/survey.md"));
    let start = docs.find("```yaml\n").expect("a YAML example") + "```yaml\n".len();
    let example = &docs[start..start + docs[start..].find("```").unwrap()];
    let book = codebook::parse(example, Path::new("docs/survey.md")).unwrap_or_else(|d| panic!("{d}"));
    assert!(book.questions.iter().any(|q| q.asked_if.is_some()), "the example shows routing");
    assert!(!book.segments.is_empty(), "the example shows segments");
    // The export example in the documentation fits the codebook example.
    let csv_start = docs.find("```csv\n").expect("a CSV example") + "```csv\n".len();
    let csv = &docs[csv_start..csv_start + docs[csv_start..].find("```").unwrap()];
    let parsed = export::parse(csv.as_bytes(), Path::new("docs/survey.md")).unwrap_or_else(|d| panic!("{d}"));
    let answers = responses::interpret(&book, &parsed, Path::new("docs/survey.md"), 2026).unwrap_or_else(|d| panic!("{d}"));
    assert!(!aggregate::aggregate(&book, &answers).is_empty());
}

/// The rows with the cells of the given columns emptied (nobody answered those questions).
fn without_answers(columns: &[&str]) -> Vec<Vec<String>> {
    let indices: Vec<usize> = columns.iter().map(|c| ROWS[0].iter().position(|h| h == c).expect("a column")).collect();
    ROWS.iter()
        .enumerate()
        .map(|(line, row)| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| if line > 0 && indices.contains(&i) { String::new() } else { cell.to_string() })
                .collect()
        })
        .collect()
}

fn csv_of(rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    csv_text(&rows, ',')
}

/// The `<figure>` of the report whose caption holds `caption`.
fn figure<'a>(report: &'a str, caption: &str) -> &'a str {
    let at = report.find(caption).unwrap_or_else(|| panic!("no table {caption:?} in the report:\n{report}"));
    let start = report[..at].rfind("<figure").unwrap();
    let end = at + report[at..].find("</figure>").unwrap();
    &report[start..end]
}

#[test]
fn a_question_nobody_answered_reads_back_and_says_geen_antwoorden() {
    let site = survey_site(csv_of(&without_answers(&["tariefgesprek", "tarief", "nps"])).as_bytes());
    run_data(site.path());
    // The second run reads what the first wrote (it once refused: "cannot read back").
    run_data(site.path());
    let financiering = load(site.path(), "financiering.yaml");
    let tarief = question(&financiering, "tarief");
    assert!(tarief.n.is_empty() && tarief.years().is_empty(), "{tarief:?}");
    assert_eq!(tarief.items[0].options.len(), 3, "the options stay, without values");
    // 2025 stays; 2026 has no figures and no n.
    let gesprek = question(&financiering, "tariefgesprek");
    assert_eq!((gesprek.years(), gesprek.n.get(&2026)), (vec![2025], None));

    // A page that cites or charts the missing figures stops the build with a clear message.
    let page = site.path().join("content/01-gesprek.md");
    let (ok, stderr) = folio(site.path(), &["check"]);
    assert!(!ok && stderr.contains("question `tariefgesprek` has no values for 2026 (years: 2025)"), "{stderr}");
    std::fs::write(&page, "---\ntitle: Tarief\n---\n\n::: chart\nquestion: tarief\nkind: bars\n:::\n").unwrap();
    let (ok, stderr) = folio(site.path(), &["check"]);
    assert!(!ok && stderr.contains("question `tarief` has no answers in any year (geen antwoorden)"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    std::fs::write(&page, "---\ntitle: Gesprek\n---\n\nTevreden in 2025: {{tariefgesprek.ja.2025}}.\n").unwrap();
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    assert!(report.contains("Welk tariefpercentage is afgesproken? (geen antwoorden)"), "{report}");
    assert!(report.contains("Zou u uw zorgkantoor aanbevelen? (geen antwoorden)"), "{report}");
    let table = figure(
        &report,
        "Tabel 1 – Bent u tevreden over het gesprek met het zorgkantoor over het tarief? (2025: n=112, 2026: geen antwoorden)",
    );
    assert_eq!(row_cells(table, "Ja"), ["63%", "–"], "{table}");
    // The 2025 share has its interval (71 of 112: Wilson 54–72%); the empty year has none.
    assert!(table.contains("<td>63%<span class=\"interval\">54–72%</span></td><td>–</td>"), "{table}");
    // Its breakdowns show no shares of nobody and no test.
    let breakdown = figure(&report, "Bent u tevreden over het gesprek met het zorgkantoor over het tarief? (n=0)");
    assert!(!breakdown.contains("0%") && breakdown.contains("<td>–</td>"), "{breakdown}");
    assert!(breakdown.contains("Geen toets: niemand heeft deze vraag beantwoord") && !breakdown.contains("χ²"), "{breakdown}");
}

#[test]
fn a_group_without_respondents_shows_a_dash_not_zero_percent() {
    // Nobody in the largest revenue class (code 3): its column has n = 0.
    let mut rows = without_answers(&[]);
    for row in rows.iter_mut().skip(1).filter(|r| r[1] == "3") {
        row[1] = "2".into();
    }
    let site = survey_site(csv_of(&rows).as_bytes());
    run_data(site.path());
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    let breakdown = figure(&report, "Bent u tevreden over het gesprek met het zorgkantoor over het tarief? (n=12)");
    // Ja: klein 3 of 4, middel 3 of 8, groot nobody; Totaal 6 of 12.
    assert_eq!(row_cells(breakdown, "Ja"), ["75%", "38%", "–", "50%"], "{breakdown}");
    assert!(breakdown.contains("<tr><th scope=\"row\">n</th><td>4</td><td>8</td><td>0</td><td>12</td></tr>"), "{breakdown}");
}

fn row_numbers(table: &str, label: &str) -> Vec<u32> {
    row_cells(table, label).iter().map(|cell| cell.parse().unwrap_or_else(|_| panic!("{cell:?} is no count"))).collect()
}

#[test]
fn no_published_group_is_smaller_than_the_minimum() {
    // 40 organisations: 33 small, 3 middle-sized, 4 large; zorgkantoor 11 (Zilveren Kruis) 30×,
    // 21 (CZ) 6×, 31 (VGZ) 2× and 2 unknown. The default minimum is 5.
    let mut rows: Vec<Vec<String>> = vec![ROWS[0].iter().map(|s| s.to_string()).collect()];
    for i in 0..40 {
        let omzet = match i {
            0..=2 => "2",
            3..=6 => "3",
            _ => "1",
        };
        let zorgkantoor = match i {
            0..=29 => "11",
            30..=35 => "21",
            36..=37 => "31",
            _ => "",
        };
        let answer = (1 + i % 3).to_string();
        let cells = [&format!("C{i:02}"), omzet, zorgkantoor, &answer, "2", "", "", "", "3", "3", "8", ""];
        rows.push(cells.iter().map(|s| s.to_string()).collect());
    }
    let site = survey_site(csv_of(&rows).as_bytes());
    let config = site.path().join("site.toml");
    std::fs::write(&config, "title = \"Testmonitor peiling\"\nedition = 2026\n").unwrap();
    run_data(site.path());
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));

    // Every figure that names a group: the n row of each breakdown (but Totaal) and the
    // Aantal column of each distribution.
    let mut sizes = Vec::new();
    for table in report.split("<figure").skip(1) {
        let mut n = row_numbers(table, "n");
        n.pop();
        sizes.extend(n);
        if table.contains("<th scope=\"col\">Aantal</th>") {
            let body = &table[table.find("<tbody>").unwrap()..];
            sizes.extend(body.split("<tr><th scope=\"row\">").skip(1).map(|row| {
                let cell = &row[row.find("<td>").unwrap() + 4..];
                cell[..cell.find("</td>").unwrap()].parse::<u32>().unwrap()
            }));
        }
    }
    assert!(sizes.len() >= 8, "the scan found the tables: {sizes:?}");
    assert!(sizes.iter().all(|&n| n == 0 || n >= 5), "a group below 5 is published: {sizes:?}\n{report}");

    // Small groups are folded into "Overig", topped up with the smallest group when needed.
    let uitvoerders = figure(&report, "Verdeling respondenten naar Wlz-uitvoerder (n=40)");
    assert_eq!(row_cells(uitvoerders, "Zilveren Kruis"), ["30", "75%"]);
    assert_eq!(row_cells(uitvoerders, "Overig"), ["10", "25%"]);
    assert!(uitvoerders.contains("Overig omvat CZ, Coöperatie VGZ en Onbekend: groepen met minder dan 5 respondenten"), "{uitvoerders}");
    let omzet = figure(&report, "Tabel B4 – Bent u tevreden");
    assert!(
        omzet.contains("<th scope=\"col\">Minder dan 40 miljoen euro</th><th scope=\"col\">Overig*</th><th scope=\"col\">Totaal</th>"),
        "{omzet}"
    );
    assert_eq!(row_numbers(omzet, "n"), [33, 7, 40]);
    assert!(omzet.contains("Overig omvat 40 tot 100 miljoen euro en Meer dan 100 miljoen euro"), "{omzet}");
}

#[test]
fn small_groups_fold_into_the_codebooks_own_overig_group() {
    let group = |id: &str| crosstab::Group { id: id.into(), label: id.to_uppercase() };
    let groups = vec![group("a"), group("overig"), group("b"), group("c")];
    // a 10, overig 1, b 2, c 0: b joins the codebook's own "Overig", which then holds 3, the
    // minimum; c, without respondents, stays and shows "–".
    let (shown, columns, merged) =
        crosstab::merge_small_groups(groups.clone(), vec![vec![6, 4], vec![1, 0], vec![0, 2], vec![0, 0]], 3, "Overig");
    assert_eq!(shown.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), ["A", "C", "OVERIG"]);
    assert_eq!((columns, merged), (vec![vec![6, 4], vec![0, 0], vec![1, 2]], vec!["B".to_string()]));
    // a 10, b 6, c 2: "Overig" would hold only c, so the smallest other group, b, joins it.
    let three = vec![group("a"), group("b"), group("c")];
    let (shown, columns, merged) = crosstab::merge_small_groups(three, vec![vec![10], vec![6], vec![2]], 5, "Overig");
    assert_eq!(shown.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), ["A", "Overig"]);
    assert_eq!((columns, merged), (vec![vec![10], vec![8]], vec!["B".to_string(), "C".to_string()]));
    // No group too small: the table stays as it is.
    let (shown, _, merged) =
        crosstab::merge_small_groups(groups.clone(), vec![vec![6, 4], vec![3, 0], vec![0, 5], vec![0, 0]], 3, "Overig");
    assert_eq!((shown, merged), (groups, Vec::<String>::new()));
}

#[test]
fn more_respondents_than_approached_is_an_error_with_the_line_and_the_fix() {
    // In the codebook itself.
    let text = read(&repo().join("tests/sites/survey/survey/codebook.yaml"))
        .replace("{approached: 382, responded: 112}", "{approached: 30, responded: 40}");
    let line = text.lines().position(|l| l.contains("2025: {approached: 30")).unwrap() + 1;
    let message = codebook::parse(&text, Path::new("survey/codebook.yaml")).unwrap_err().to_string();
    assert!(
        message.starts_with(&format!(
            "error: survey/codebook.yaml:{line}: 2025: `responded: 40` is more than `approached: 30` (a response rate above 100%)"
        )),
        "{message}"
    );
    assert!(message.contains("help: correct one of the two"), "{message}");

    // An export with more rows than the organisations approached in its year (2026: 40).
    let site = survey_site(csv_text(ROWS, ',').as_bytes());
    let path = site.path().join("survey/codebook.yaml");
    std::fs::write(&path, read(&path).replace("2026: {approached: 40}", "2026: {approached: 10}")).unwrap();
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(!ok);
    let line = read(&path).lines().position(|l| l.contains("2026: {approached: 10}")).unwrap() + 1;
    assert!(
        stderr.contains(&format!(
            "error: survey/codebook.yaml:{line}: 2026: the export holds 12 respondents, but `approached: 10` says fewer organisations were approached"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("help: correct `approached` for 2026 under `response:`"), "{stderr}");
}

#[test]
fn names_typed_in_code_columns_are_accepted_when_the_codebook_lists_them() {
    let site = survey_site(b"");
    let path = site.path().join("survey/codebook.yaml");
    std::fs::write(&path, read(&path).replace("{code: [11, 12], id: zilveren-kruis", "{code: [11, 12, \"'t Gooi\"], id: zilveren-kruis"))
        .unwrap();
    let mut rows = without_answers(&[]);
    // A spreadsheet's curly apostrophe, capitals and a double space all mean the listed name;
    // an answer's label in lower case means its option.
    rows[1][2] = "’t Gooi".into();
    rows[2][2] = "’T  GOOI".into();
    rows[3][3] = "ten dele".into();
    std::fs::write(site.path().join("survey/export-2026.csv"), csv_of(&rows)).unwrap();
    run_data(site.path());
    let book = codebook::load(&path, Path::new("survey/codebook.yaml")).unwrap();
    let parsed = export::parse(csv_of(&rows).as_bytes(), Path::new("export.csv")).unwrap();
    let answers = responses::interpret(&book, &parsed, Path::new("export.csv"), 2026).unwrap();
    assert_eq!((answers.respondents[0].segments["uitvoerder"], answers.respondents[1].segments["uitvoerder"]), (Some(0), Some(0)));
    assert_eq!(answers.respondents[2].answers("tariefgesprek"), [responses::Answer::Choice(vec![1])]);

    // A name the codebook does not list stops the run, with the line and the fix.
    rows[4][2] = "Gooi en Vechtstreek".into();
    std::fs::write(site.path().join("survey/export-2026.csv"), csv_of(&rows)).unwrap();
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(!ok);
    assert!(
        stderr
            .contains("error: survey/export-2026.csv:5: column `zorgkantoor`: `Gooi en Vechtstreek` is not a code of segment `uitvoerder`"),
        "{stderr}"
    );
    assert!(stderr.contains("e.g. `code: [11, \"Gooi en Vechtstreek\"]` under its group"), "{stderr}");
}

#[test]
fn a_breakdown_that_would_contradict_its_chapter_table_stops_the_build() {
    let site = survey_site(csv_text(ROWS, ',').as_bytes());
    run_data(site.path());
    // Someone types over this year's Ja (50) in data/.
    let data = site.path().join("data/financiering.yaml");
    let text = read(&data);
    std::fs::write(&data, text.replacen("values: {2026: 50, 2025: 63}", "values: {2026: 55, 2025: 63}", 1)).unwrap();
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(!ok, "{stderr}");
    let line = text.lines().position(|l| l.contains("- id: tariefgesprek")).unwrap() + 1;
    assert!(
        stderr.contains(&format!(
            "error: data/financiering.yaml:{line}: the research report's breakdown of `tariefgesprek` would contradict its chapter table for 2026: Ja: 55% in the data, 50% in the export"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("help: run `folio data`"), "{stderr}");
    // Running `folio data` puts it right.
    run_data(site.path());
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok, "{stderr}");
}

#[test]
fn folio_data_keeps_hand_typed_labels() {
    let site = survey_site(csv_text(ROWS, ',').as_bytes());
    let data = site.path().join("data/financiering.yaml");
    // The author words the labels for readers; the codebook keeps the questionnaire's.
    let edited = read(&data)
        .replace("label: Gesprek met zorgkantoor", "label: \"Gesprek over het tarief\"")
        .replace("{id: ten-dele, label: Ten dele,", "{id: ten-dele, label: \"Gedeeltelijk tevreden\",");
    std::fs::write(&data, &edited).unwrap();
    run_data(site.path());
    run_data(site.path());
    let gesprek = question(&load(site.path(), "financiering.yaml"), "tariefgesprek").clone();
    assert_eq!(gesprek.label, "Gesprek over het tarief");
    let labels: Vec<&str> = gesprek.items[0].options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels, ["Ja", "Gedeeltelijk tevreden", "Nee"]);
    assert_eq!(values(&gesprek, 2026), pairs(&[("ja", 50.0), ("ten-dele", 33.0), ("nee", 17.0)]));
}

/// The fixture `survey-breakdowns` read straight from its CSV, without folio: one map per row.
fn raw_rows(site: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = read(&site.join("survey/export-2026.csv"));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines.map(|line| header.iter().map(|h| h.to_string()).zip(line.split(',').map(str::to_string)).collect()).collect()
}

/// Percentages of `counts` that add up to 100: floors first, then one point each to the
/// largest remainders (ties: the earlier one). Written here apart from folio's own.
fn hare(counts: &[u32]) -> Vec<u32> {
    let total: u32 = counts.iter().sum();
    let mut shares: Vec<u32> = counts.iter().map(|c| c * 100 / total).collect();
    let mut by_remainder: Vec<usize> = (0..counts.len()).collect();
    by_remainder.sort_by_key(|&i| (std::cmp::Reverse(counts[i] * 100 % total), i));
    let missing = 100 - shares.iter().sum::<u32>();
    for &i in by_remainder.iter().take(missing as usize) {
        shares[i] += 1;
    }
    shares
}

fn dutch(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// ln(n!) by summing logs: enough for the 60 rows here.
fn ln_factorial(n: u32) -> f64 {
    (2..=n).map(|k| f64::from(k).ln()).sum()
}

#[test]
fn every_cell_of_the_breakdowns_by_region_is_recomputed_from_the_raw_export() {
    let site = fixture("survey-breakdowns");
    run_data(site.path());
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    let rows = raw_rows(site.path());
    let regions = [("1", "Noord"), ("2", "Zuid")];
    let in_region = |code: &'static str| rows.iter().filter(move |r| r["regio"] == code);

    // Satisfaction by region: shares per column (and the total), n, and Pearson's χ².
    let table = figure(&report, "Bent u tevreden over de contractering? (n=60)");
    let options = [("1", "Ja"), ("2", "Ten dele"), ("3", "Nee")];
    let counts: Vec<Vec<u32>> = regions
        .iter()
        .map(|(code, _)| options.iter().map(|(o, _)| in_region(code).filter(|r| r["tevreden"] == *o).count() as u32).collect())
        .collect();
    let totals: Vec<u32> = (0..3).map(|o| counts.iter().map(|c| c[o]).sum()).collect();
    let columns: Vec<Vec<u32>> = counts.iter().map(|c| hare(c)).chain([hare(&totals)]).collect();
    for (o, (_, label)) in options.iter().enumerate() {
        let expected: Vec<String> = columns.iter().map(|c| format!("{}%", c[o])).collect();
        assert_eq!(row_cells(table, label), expected, "{label}");
    }
    let sizes: Vec<u32> = counts.iter().map(|c| c.iter().sum()).collect();
    assert_eq!(row_numbers(table, "n"), [sizes[0], sizes[1], sizes[0] + sizes[1]]);
    let n = f64::from(sizes[0] + sizes[1]);
    let mut chi = 0.0;
    for (g, group) in counts.iter().enumerate() {
        for (o, &observed) in group.iter().enumerate() {
            let expected = f64::from(sizes[g]) * f64::from(totals[o]) / n;
            chi += (f64::from(observed) - expected).powi(2) / expected;
        }
    }
    assert!(table.contains(&format!("Toets: chi-kwadraattoets van Pearson (χ² = {}; df = 2;", dutch(chi, 2))), "{table}");

    // Maatwerk by region is a sparse 2×2 table: Fisher's exact test, its p recomputed here by
    // summing the hypergeometric probabilities of every table at most as likely as this one.
    let table = figure(&report, "Heeft u maatwerk gekregen? (n=60)");
    let ja: Vec<u32> = regions.iter().map(|(code, _)| in_region(code).filter(|r| r["maatwerk"] == "1").count() as u32).collect();
    let (rows_n, ja_n, all) = (30u32, ja[0] + ja[1], 60u32);
    let probability = |a: u32| {
        (ln_factorial(ja_n) + ln_factorial(all - ja_n) + ln_factorial(rows_n) + ln_factorial(all - rows_n)
            - ln_factorial(all)
            - ln_factorial(a)
            - ln_factorial(ja_n - a)
            - ln_factorial(rows_n - a)
            - ln_factorial(all - rows_n - ja_n + a))
        .exp()
    };
    let observed = probability(ja[0]);
    let p: f64 = (0..=ja_n).map(probability).filter(|&q| q <= observed * (1.0 + 1e-7)).sum();
    assert!(table.contains("exacte toets van Fisher, omdat de chi-kwadraattoets hier niet betrouwbaar is"), "{table}");
    assert!(table.contains(&format!("p zonder correctie = {})", dutch(p, 3))), "Fisher p {p}: {table}");
    assert_eq!(
        row_cells(table, "Ja"),
        [hare(&[ja[0], 30 - ja[0]])[0], hare(&[ja[1], 30 - ja[1]])[0], hare(&[ja_n, 60 - ja_n])[0]].map(|s| format!("{s}%"))
    );

    // NPS by region: per group the rounded shares of critici, neutralen and fans, and the
    // NPS as fans minus critici of those shares.
    let table = figure(&report, "Zou u uw zorgkantoor aanbevelen? (n=60)");
    let groups = |scores: Vec<u32>| {
        hare(&[
            scores.iter().filter(|&&s| s <= 6).count() as u32,
            scores.iter().filter(|&&s| s == 7 || s == 8).count() as u32,
            scores.iter().filter(|&&s| s >= 9).count() as u32,
        ])
    };
    let per_column: Vec<Vec<u32>> = regions
        .iter()
        .map(|(code, _)| groups(in_region(code).map(|r| r["nps"].parse().unwrap()).collect()))
        .chain([groups(rows.iter().map(|r| r["nps"].parse().unwrap()).collect())])
        .collect();
    let nps: Vec<String> = per_column
        .iter()
        .map(|s| {
            let score = i64::from(s[2]) - i64::from(s[0]);
            if score > 0 {
                format!("+{score}")
            } else if score < 0 {
                format!("−{}", -score)
            } else {
                "0".to_string()
            }
        })
        .collect();
    assert_eq!(row_cells(table, "NPS"), nps);
    for (i, label) in ["Critici (0–6)", "Neutralen (7–8)", "Fans (9–10)"].iter().enumerate() {
        assert_eq!(row_cells(table, label), per_column.iter().map(|s| format!("{}%", s[i])).collect::<Vec<_>>(), "{label}");
    }

    // Mean scores per region, each item over who scored it.
    let table = figure(&report, "Hoe hoog zijn de administratieve lasten (1 = zeer laag, 5 = zeer hoog)? (n=60)");
    for (column, label) in [("lasten_meerzorg", "Meerzorg"), ("lasten_stagefonds", "Stagefonds")] {
        let mean = |rows: Vec<&std::collections::HashMap<String, String>>| {
            let scores: Vec<f64> = rows.iter().filter(|r| !r[column].is_empty()).map(|r| r[column].parse().unwrap()).collect();
            dutch(scores.iter().sum::<f64>() / scores.len() as f64, 2)
        };
        let expected = vec![mean(in_region("1").collect()), mean(in_region("2").collect()), mean(rows.iter().collect())];
        assert_eq!(row_cells(table, label), expected, "{label}");
    }
    assert!(table.contains("Kruskal–Wallis-toets (H = "), "{table}");

    // Multiple choice: per option the share of who answered in the group.
    let table = figure(&report, "Welke knelpunten ervaart u? (n=42)");
    let answered = |rows: Vec<&std::collections::HashMap<String, String>>| -> Vec<Vec<String>> {
        let answered: Vec<_> = rows.into_iter().filter(|r| !r["knelpunten"].is_empty()).collect();
        ["1", "2", "3"]
            .iter()
            .map(|code| {
                let chosen = answered.iter().filter(|r| r["knelpunten"].split('|').any(|c| c == *code)).count();
                vec![format!("{}%", (chosen as f64 * 100.0 / answered.len() as f64).round())]
            })
            .collect()
    };
    let per_region: Vec<Vec<Vec<String>>> =
        vec![answered(in_region("1").collect()), answered(in_region("2").collect()), answered(rows.iter().collect())];
    for (o, label) in ["Personeel", "Tarief", "Administratie"].iter().enumerate() {
        let expected: Vec<String> = per_region.iter().map(|column| column[o][0].clone()).collect();
        assert_eq!(row_cells(table, label), expected, "{label}");
    }
}

#[test]
fn sparse_tables_get_fishers_test_or_a_monte_carlo_p_and_the_report_corrects_for_many_tests() {
    let site = fixture("survey-breakdowns");
    run_data(site.path());
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    // By revenue class (30 / 18 / 6 and six unknown): sparse 3×3 and 2×3 tables.
    let by_revenue = figure(&report, "Bent u tevreden over de contractering? (n=54)");
    assert!(by_revenue.contains("Toets: permutatietoets (Monte Carlo, 10.000 permutaties met vaste startwaarde)"), "{by_revenue}");
    assert!(by_revenue.contains("<th scope=\"col\">Totaal excl. onbekend (n = 6)</th>"), "{by_revenue}");
    assert!(figure(&report, "Heeft u maatwerk gekregen? (n=54)").contains("Toets: permutatietoets (Monte Carlo"));
    // Region (30 / 30): Pearson where every cell expects 5 or more, Fisher for the 2×2.
    assert!(figure(&report, "Bent u tevreden over de contractering? (n=60)").contains("Toets: chi-kwadraattoets van Pearson"));
    assert!(figure(&report, "Heeft u maatwerk gekregen? (n=60)").contains("Toets: exacte toets van Fisher"));
    // Satisfaction differs by region at p = 0,017 on its own, but not after the correction
    // for the report's 19 tests (per segment: one each for satisfaction, maatwerk and NPS, one
    // per option of the three knelpunten, one per item of the two scales; and the change since
    // 2025 of the three options of satisfaction); the NPS stays significant.
    let satisfaction = figure(&report, "Bent u tevreden over de contractering? (n=60)");
    assert!(
        satisfaction.contains("p zonder correctie = 0,017") && satisfaction.contains("Geen statistisch significant verschil"),
        "{satisfaction}"
    );
    let nps = figure(&report, "Zou u uw zorgkantoor aanbevelen? (n=60)");
    assert!(nps.contains("<p class=\"verdict significant\">Dit is een statistisch significant verschil (p &lt; 0,001"), "{nps}");
    // The method appendix names every rule.
    for sentence in [
        "de p-waarden van alle 19 toetsen in dit rapport samen gecorrigeerd met de methode van Benjamini en Hochberg",
        "maar alleen waar die betrouwbaar is (regel van Cochran: in hoogstens 20% van de cellen minder dan 5 verwachte antwoorden en in geen cel minder dan 1)",
        "een permutatietoets (Monte Carlo, 10.000 permutaties met een vaste startwaarde",
        "bij scores is de Kruskal–Wallis-toets gebruikt",
        "Verschillen met het vorige jaar zijn per antwoord getoetst met de toets voor twee proporties (z-toets)",
    ] {
        assert!(report.contains(sentence), "the method text lacks {sentence:?}");
    }
    // Small groups stay out of every breakdown column: "Groot" answered the multiple-choice
    // question fewer than five times, so it joins "Overig" there.
    let choices = figure(&report, "Welke knelpunten ervaart u? (n=38)");
    assert!(choices.contains("<th scope=\"col\">Overig*</th>") && choices.contains("Overig omvat Middel en Groot"), "{choices}");
    // Satisfaction since 2025 (n = 100: 80 / 12 / 8): Ja fell to 30 of 60 and Nee rose to 17 of
    // 60, significant (SciPy: p = 7,4e−5 and 6,1e−4 before the correction); Ten dele (12% → 22%,
    // p = 0,103) did not change significantly.
    let chapter = figure(&report, "Tabel 1 – Bent u tevreden over de contractering? (2025: n=100, 2026: n=60)");
    assert_eq!(row_cells(chapter, "Ja"), ["80%", "50% ▼"]);
    assert_eq!(row_cells(chapter, "Ten dele"), ["12%", "22%"]);
    assert_eq!(row_cells(chapter, "Nee"), ["8%", "28% ▲"]);
    assert!(
        // Cohen's h: abs(statsmodels.stats.proportion.proportion_effectsize(30/60, 80/100)) = 0,6435.
        chapter.contains("; ▲ of ▼: statistisch significant gestegen of gedaald: Ja −30 (p &lt; 0,001; zonder correctie p &lt; 0,001; Cohens h = 0,64 (middelgroot))"),
        "{chapter}"
    );
    // The same report on every build: the Monte Carlo p is seeded.
    let again = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    assert_eq!(again, report);
}

/// `changes: true` marks in a chart exactly the changes the research report marks: the same
/// test, corrected with the report's other tests; other kinds and monitors without a survey
/// get a message instead.
#[test]
fn a_chart_marks_the_changes_the_report_finds_significant() {
    let site = fixture("survey-breakdowns");
    run_data(site.path());
    let page = "---\ntitle: Tevredenheid\n---\n\n::: chart\nquestion: tevreden\nkind: bars\nchanges: true\n:::\n\n::: chart\nquestion: tevreden\nkind: table\nchanges: true\n:::\n";
    std::fs::write(site.path().join("content/01-tevredenheid.md"), page).unwrap();
    let out = build(site.path());
    let report = read(&out.join("onderzoeksrapport/index.html"));
    assert!(report.contains("50% ▼") && report.contains("28% ▲"), "the report marks the fall of Ja and the rise of Nee");
    let html = read(&out.join("tevredenheid/index.html"));
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(svg.contains(">50% ▼<") && svg.contains(">28% ▲<"), "{svg}");
    assert!(!svg.contains("22% ▲") && !svg.contains("22% ▼"), "Ten dele did not change significantly: {svg}");
    assert!(svg.contains("Ja 80% in 2025 en 50% in 2026 (significant gedaald sinds 2025)"), "the text alternative says it: {svg}");
    assert!(html.contains("<td>50% ▼</td>") && html.contains("<td>28% ▲</td>"), "the tables agree");
    assert!(html.contains("▲ ▼ Significant gestegen of gedaald sinds 2025"), "a note says what the marks mean");

    std::fs::write(site.path().join("content/01-tevredenheid.md"), page.replace("kind: bars", "kind: stacked")).unwrap();
    let (ok, output) = folio(site.path(), &["build"]);
    assert!(
        !ok && output
            .contains("`changes: true` marks significant changes in kinds bars, bars-horizontal, options and table, not in `stacked`"),
        "{output}"
    );

    let plain = fixture("minimal");
    std::fs::write(
        plain.path().join("content/01-pagina.md"),
        "---\ntitle: Een pagina\n---\n\n::: chart\nquestion: vraag\nchanges: true\n:::\n",
    )
    .unwrap();
    let (ok, output) = folio(plain.path(), &["build"]);
    assert!(!ok && output.contains("but this monitor has no survey (survey/codebook.yaml)"), "{output}");
}

/// An earlier year with its export but no `responded:` in the codebook: the response table
/// counts that export's rows instead of showing "–".
#[test]
fn an_earlier_export_gives_its_year_respondents() {
    let site = fixture("survey-breakdowns");
    let survey = site.path().join("survey");
    let export = read(&survey.join("export-2026.csv"));
    let earlier: Vec<&str> = export.lines().take(41).collect(); // the header and 40 rows
    std::fs::write(survey.join("export-2025.csv"), earlier.join("\n") + "\n").unwrap();
    let codebook = read(&survey.join("codebook.yaml"))
        .replace("    2026: {approached: 80}\n", "    2026: {approached: 80}\n    2025: {approached: 50}\n");
    std::fs::write(survey.join("codebook.yaml"), codebook).unwrap();
    run_data(site.path());
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    let table = figure(&report, "Respons op het onderzoek");
    assert!(table.contains("<th scope=\"col\">2025</th><th scope=\"col\">2026</th>"), "{table}");
    assert!(table.contains("<th scope=\"row\">Aantal deelnemende organisaties</th><td>40</td><td>60</td>"), "{table}");
    assert!(table.contains("<th scope=\"row\">Responspercentage</th><td>80%</td><td>75%</td>"), "{table}");
}
