//! Tests for the charts module: fixtures modelled on the 2026 monitor, and helpers that
//! parse the SVG back (roxmltree) so we check what a browser would see.

mod colors;
mod donut_labels;
mod errors;
mod kinds;
mod rows;

use std::collections::BTreeMap;

use super::*;
use crate::data::model::{AnswerOption, Item, Question, Unit, Year};

/// The full width of the default sheet: room for every kind's full layout.
pub(super) fn wide() -> Frame {
    Frame::new(920.0, 320.0)
}

pub(super) fn option(id: &str, label: &str, values: &[(Year, f64)]) -> AnswerOption {
    AnswerOption { id: id.into(), label: label.into(), values: values.iter().copied().collect(), tone: None, missing: Default::default() }
}

pub(super) fn question(id: &str, unit: Unit, multiple: bool, items: Vec<Item>) -> Question {
    let mut n = BTreeMap::new();
    n.insert(2025, 103);
    n.insert(2026, 98);
    Question {
        id: id.into(),
        label: format!("Label {id}"),
        text: format!("Vraag {id}?"),
        unit,
        multiple,
        n,
        items,
        n_unknown: Default::default(),
        notes: vec![],
        footnotes: vec![],
        source: None,
        base: None,
        sum_tolerance: None,
        origin: ("data/test.yaml".into(), 1),
    }
}

pub(super) fn simple(id: &str, unit: Unit, multiple: bool, options: Vec<AnswerOption>) -> Question {
    question(
        id,
        unit,
        multiple,
        vec![Item { id: String::new(), label: String::new(), n: BTreeMap::new(), n_unknown: Default::default(), options }],
    )
}

pub(super) fn item(id: &str, label: &str, options: Vec<AnswerOption>) -> Item {
    Item { id: id.into(), label: label.into(), n: BTreeMap::new(), n_unknown: Default::default(), options }
}

/// Tariff question: long labels, one value with a decimal.
pub(super) fn tarief() -> Question {
    simple(
        "tariefpercentage",
        Unit::Percentage,
        false,
        vec![
            option("landelijk", "Landelijk richttariefpercentage", &[(2026, 30.0), (2025, 35.0)]),
            option(
                "regionaal",
                "Het richttariefpercentage zoals beschreven in het regionale inkoopbeleid van het zorgkantoor",
                &[(2026, 17.0), (2025, 13.0)],
            ),
            option("hoger", "Een hoger tariefpercentage dan het richttariefpercentage", &[(2026, 24.5), (2025, 38.0)]),
            option("anders", "Anders, namelijk …", &[(2026, 28.5), (2025, 14.0)]),
        ],
    )
}

/// Yes / partly / no, for donuts and stacked bars.
pub(super) fn maatwerk() -> Question {
    simple(
        "maatwerk",
        Unit::Percentage,
        false,
        vec![
            option("ja", "Ja", &[(2026, 56.0), (2025, 67.0)]),
            option("ten-dele", "Ten dele", &[(2026, 18.0), (2025, 22.0)]),
            option("nee", "Nee", &[(2026, 26.0), (2025, 11.0)]),
        ],
    )
}

/// A matrix question (themes × yes/no), one narrow segment.
pub(super) fn capaciteit() -> Question {
    question(
        "capaciteit",
        Unit::Percentage,
        false,
        vec![
            item(
                "vervangingsbouw",
                "Vervangingsbouw intramurale capaciteit",
                vec![
                    option("ja", "Ja, geheel", &[(2026, 25.0), (2025, 21.0)]),
                    option("deels", "Ja, gedeeltelijk", &[(2026, 3.0), (2025, 10.0)]),
                    option("nee", "Nee", &[(2026, 72.0), (2025, 69.0)]),
                ],
            ),
            item(
                "uitbreiding",
                "Uitbreiding van het aantal plaatsen",
                vec![
                    option("ja", "Ja, geheel", &[(2026, 40.0), (2025, 33.0)]),
                    option("deels", "Ja, gedeeltelijk", &[(2026, 20.0), (2025, 27.0)]),
                    option("nee", "Nee", &[(2026, 40.0), (2025, 40.0)]),
                ],
            ),
        ],
    )
}

pub(super) fn ontwikkeling() -> Question {
    let pair = |up: f64, down: f64| {
        vec![
            option("verbeterd", "Verbeterd", &[(2026, up), (2025, up - 4.0)]),
            option("verslechterd", "Verslechterd", &[(2026, down), (2025, down + 6.0)]),
            option("gelijk", "Gelijk gebleven", &[(2026, 100.0 - up - down), (2025, 98.0 - up - down)]),
        ]
    };
    question(
        "ontwikkeling",
        Unit::Percentage,
        false,
        vec![
            item("samenwerking", "Samenwerking met het zorgkantoor", pair(34.0, 12.0)),
            item("bekostiging", "Bekostiging van innovatie", pair(15.0, 41.0)),
        ],
    )
}

pub(super) fn lasten() -> Question {
    simple(
        "administratieve-lasten",
        Unit::Score { min: 1.0, max: 5.0 },
        false,
        vec![
            option("meerzorg", "Meerzorg", &[(2026, 4.05), (2025, 4.13)]),
            option("hlo", "HLO-opslag", &[(2026, 3.5), (2025, 3.2)]),
            option("regulier", "Reguliere productieafspraken", &[(2026, 2.81), (2025, 2.9)]),
        ],
    )
}

pub(super) fn nps() -> Question {
    let mut q = simple("nps", Unit::Nps, false, vec![option("nps", "NPS", &[(2026, 5.0), (2025, 7.0), (2024, -3.0)])]);
    q.n.insert(2024, 90);
    q
}

pub(super) fn redenen() -> Question {
    simple(
        "redenen",
        Unit::Percentage,
        true,
        vec![
            option("knelpunten", "Bijdragen aan het oplossen van knelpunten in de regio", &[(2026, 63.0), (2025, 15.0)]),
            option("innovatie", "Het toepassen van innovatie(s)", &[(2026, 52.0), (2025, 33.0)]),
            option("financieel", "De financiële positie van de zorgorganisatie", &[(2026, 0.0), (2025, 49.0)]),
            option("anders", "Anders, namelijk …", &[(2026, 26.0), (2025, 33.0)]),
        ],
    )
}

pub(super) fn bezetting() -> Question {
    simple(
        "bezetting",
        Unit::Percentage,
        false,
        vec![
            option("min", "Minimum", &[(2026, 12.0), (2025, 20.0)]),
            option("avg", "Gemiddelde", &[(2026, 95.5), (2025, 88.0)]),
            option("max", "Maximum", &[(2026, 100.0), (2025, 99.0)]),
        ],
    )
}

pub(super) fn spec(kind: ChartKind) -> ChartSpec {
    ChartSpec::new(kind)
}

/// A spec that keeps the options in data order (`order: data`), for tests that compare
/// drawn bars with the data's options one by one.
pub(super) fn in_data_order(kind: ChartKind) -> ChartSpec {
    ChartSpec { order: Order::Data, ..ChartSpec::new(kind) }
}

/// The fill of `year` in a chart of all of `question`'s years (current = newest).
pub(super) fn year_fill(question: &Question, year: Year) -> String {
    let years = question.years();
    let colours = crate::charts::colors::year_colors(&years, &Style::default());
    colours[years.iter().position(|y| *y == year).expect("a year of the question")].clone()
}

/// Palette colour `index`.
pub(super) fn palette(index: usize) -> String {
    Style::default().palette[index].clone()
}

pub(super) fn render_ok(spec: &ChartSpec, question: &Question) -> Chart {
    let chart = render(spec, question, &Style::default(), "p--chart-1", wide()).unwrap_or_else(|e| panic!("{e}"));
    if let Ok(dir) = std::env::var("CHARTS_OUT") {
        let _ = std::fs::create_dir_all(&dir);
        let name = format!("{dir}/{}-{}.svg", question.id, spec.kind.name());
        let _ = std::fs::write(name, &chart.svg);
    }
    chart
}

/// The parsed SVG; checks the accessibility wrapper on the way.
pub(super) fn parsed(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-labelledby"), Some("p--chart-1-title p--chart-1-desc"));
    assert!(root.attribute("viewBox").is_some_and(|v| v.starts_with("0 0 ")));
    assert!(root.attribute("class").is_some_and(|c| c.starts_with("chart chart-")));
    let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(children[0].tag_name().name(), "title");
    assert_eq!(children[0].attribute("id"), Some("p--chart-1-title"));
    assert_eq!(children[1].tag_name().name(), "desc");
    assert_eq!(children[1].attribute("id"), Some("p--chart-1-desc"));
    doc
}

/// Every `<text>` node's content, in document order.
pub(super) fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").trim().to_string()).collect()
}

/// Every option label (as consecutive wrapped lines) and every value appears as text.
pub(super) fn assert_labels_and_values(chart: &Chart, question: &Question) {
    let doc = parsed(&chart.svg);
    let texts = texts(&doc);
    let joined = texts.join(" ");
    let format = Style::default().format;
    for item in &question.items {
        for option in &item.options {
            assert!(joined.contains(&option.label), "label {:?} missing in {joined:?}", option.label);
            for value in option.values.values() {
                let text = value_text(*value, &question.unit, &format);
                assert!(texts.contains(&text), "value {text:?} missing in {texts:?}");
            }
        }
    }
}

/// (x, y, width, height) of rects filled with `colour`, in document order.
pub(super) fn bars_of(doc: &roxmltree::Document, colour: &str) -> Vec<(f64, f64, f64, f64)> {
    let number = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(colour))
        .map(|n| (number(n, "x"), number(n, "y"), number(n, "width"), number(n, "height")))
        .collect()
}

/// Lengths proportional to values: one factor for all, within 1.5 px (both ends of a bar
/// are rounded to whole pixels).
pub(super) fn assert_proportional(lengths: &[f64], values: &[f64]) {
    assert_eq!(lengths.len(), values.len(), "{lengths:?} vs {values:?}");
    let (i, max) = values.iter().enumerate().fold((0, 0.0), |acc, (i, v)| if *v > acc.1 { (i, *v) } else { acc });
    let factor = lengths[i] / max;
    for (length, value) in lengths.iter().zip(values) {
        assert!((length - value * factor).abs() <= 1.5, "length {length} for {value} (factor {factor}): {lengths:?} {values:?}");
    }
}
