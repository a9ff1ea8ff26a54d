//! Rows of the row-based charts: score items with a gap in their years, and the years of
//! a stacked chart grouped per item.

use super::*;

/// The scores fixture with one item rated in 2026 only, like the sample's HLO-opslag.
fn lasten_with_a_new_item() -> Question {
    let mut question = lasten();
    question.items[0].options.insert(1, option("hlo-opslag", "HLO-opslag", &[(2026, 3.04)]));
    question
}

#[test]
fn a_score_chart_shows_an_item_that_lacks_a_year() {
    let question = lasten_with_a_new_item();
    let chart = render_ok(&spec(ChartKind::Scores), &question);
    let doc = parsed(&chart.svg);
    let texts = texts(&doc);
    assert!(texts.contains(&"HLO-opslag".to_string()) && texts.contains(&"3,04".to_string()), "{texts:?}");
    // One dot per score: three items in two years, the new item in one.
    let dots = doc.descendants().filter(|n| n.has_tag_name("circle") && n.attribute("r") == Some("6")).count();
    assert_eq!(dots, 3 * 2 + 1);
    // Its one dot has the colour of 2026, the first year.
    let newest = year_fill(&question, 2026);
    let coloured = doc.descendants().filter(|n| n.attribute("r") == Some("6") && n.attribute("fill") == Some(newest.as_str())).count();
    assert_eq!(coloured, 4);
    assert_eq!(chart.table.rows[1], vec!["HLO-opslag", "\u{2013}", "3,04"]);
    assert!(chart.description.contains("HLO-opslag 3,04 in 2026;"), "{}", chart.description);
    // Other kinds still ask for the missing value.
    let err = render(&spec(ChartKind::Bars), &question, &Style::default(), "x", wide()).unwrap_err();
    assert!(err.to_string().contains("no value for option `hlo-opslag` in 2025"), "{err}");
    // An item without any of the chosen years is an error too: there is nothing to draw.
    let mut older = spec(ChartKind::Scores);
    older.years = Some(vec![2025]);
    assert!(render(&older, &question, &Style::default(), "x", wide()).is_err());
}

/// The vertical centre of each rect filled with palette colour `index`.
fn row_centres(doc: &roxmltree::Document, index: usize) -> Vec<f64> {
    bars_of(doc, &palette(index)).iter().map(|(_, y, _, height)| y + height / 2.0).collect()
}

#[test]
fn two_years_of_a_stacked_chart_are_rows_of_one_band_per_item() {
    let question = capaciteit();
    for width in [920.0, 320.0] {
        let chart = render(&spec(ChartKind::Stacked), &question, &Style::default(), "p--chart-1", Frame::new(width, 320.0)).unwrap();
        assert_eq!(chart.svg.matches("<svg").count(), 1, "one chart, not one per year");
        let doc = parsed(&chart.svg);
        // Rows in order: item 1 in 2026 and 2025, then item 2 in 2026 and 2025.
        let rows = row_centres(&doc, 0);
        assert_eq!(rows.len(), 4);
        assert!(rows.windows(2).all(|pair| pair[0] < pair[1]), "{rows:?}");
        // Baselines of the texts that start with `wanted` (labels may wrap).
        let text_at = |wanted: &str| -> Vec<f64> {
            doc.descendants()
                .filter(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.trim().starts_with(wanted)))
                .map(|n| n.attribute("y").unwrap().parse().unwrap())
                .collect()
        };
        // Each row carries its year, right before its bar.
        assert_eq!(text_at("2026").len(), 2, "{width}");
        assert_eq!(text_at("2025").len(), 2, "{width}");
        // The item's label stands once, with its own two rows: beside them or above them.
        let label = text_at("Vervangingsbouw")[0];
        assert!(label < rows[1] + 12.0 && label < rows[2], "label at {label}, rows {rows:?}");
        let second = text_at("Uitbreiding")[0];
        assert!(second > rows[1] && second < rows[3] + 12.0, "label at {second}, rows {rows:?}");
    }
}
