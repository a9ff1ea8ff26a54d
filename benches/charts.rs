//! Chart rendering throughput, without a benchmark framework (no extra dependency):
//! `cargo bench --bench charts` renders every chart kind from realistic questions for about
//! two seconds per kind and prints charts per second.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use folio::charts::{render, ChartKind, ChartSpec, Frame, Style};
use folio::data::model::{AnswerOption, Item, Question, Unit, Year};

fn option(id: &str, label: &str, values: &[(Year, f64)]) -> AnswerOption {
    AnswerOption { id: id.into(), label: label.into(), values: values.iter().copied().collect(), tone: None, missing: Default::default() }
}

fn question(id: &str, unit: Unit, multiple: bool, items: Vec<Item>) -> Question {
    Question {
        id: id.into(),
        label: format!("Vraag {id}"),
        text: String::new(),
        unit,
        multiple,
        n: [(2024, 90), (2025, 103), (2026, 98)].into_iter().collect(),
        n_unknown: Default::default(),
        items,
        notes: vec![],
        footnotes: vec![],
        source: None,
        base: None,
        sum_tolerance: None,
        origin: ("bench.yaml".into(), 1),
    }
}

fn simple(id: &str, unit: Unit, multiple: bool, options: Vec<AnswerOption>) -> Question {
    question(
        id,
        unit,
        multiple,
        vec![Item { id: String::new(), label: String::new(), n: BTreeMap::new(), n_unknown: Default::default(), options }],
    )
}

fn cases() -> Vec<(ChartSpec, Question)> {
    let two = |a: f64, b: f64| [(2026, a), (2025, b)];
    let tarief = simple(
        "tarief",
        Unit::Percentage,
        false,
        vec![
            option("landelijk", "Het landelijk richttariefpercentage zoals beschreven in het regionale inkoopbeleid", &two(30.0, 35.0)),
            option("regionaal", "Het richttariefpercentage van het zorgkantoor", &two(17.0, 13.0)),
            option("hoger", "Een hoger tariefpercentage", &two(24.5, 39.0)),
            option("anders", "Anders, namelijk …", &two(28.5, 13.0)),
        ],
    );
    let janee = simple(
        "maatwerk",
        Unit::Percentage,
        false,
        vec![
            option("ja", "Ja", &two(56.0, 67.0)),
            option("ten-dele", "Ten dele", &two(18.0, 22.0)),
            option("nee", "Nee", &two(26.0, 11.0)),
        ],
    );
    let themes = ["Adequate tarieven", "Vereenvoudiging van het inkoopbeleid", "Heldere criteria", "Relatie met het zorgkantoor"];
    let matrix = question(
        "wijziging",
        Unit::Percentage,
        false,
        themes
            .iter()
            .enumerate()
            .map(|(i, label)| Item {
                id: format!("thema-{i}"),
                label: label.to_string(),
                n: BTreeMap::new(),
                n_unknown: Default::default(),
                options: vec![
                    option("verbeterd", "Verbeterd", &two(20.0 + i as f64, 18.0)),
                    option("verslechterd", "Verslechterd", &two(15.0, 22.0 - i as f64)),
                    option("gelijk", "Gelijk gebleven", &two(65.0 - i as f64, 60.0 + i as f64)),
                ],
            })
            .collect(),
    );
    let scores = simple(
        "lasten",
        Unit::Score { min: 1.0, max: 5.0 },
        false,
        (0..6).map(|i| option(&format!("s{i}"), &format!("Geldstroom {i}"), &two(2.5 + i as f64 * 0.3, 3.1))).collect(),
    );
    let nps = simple("nps", Unit::Nps, false, vec![option("nps", "NPS", &[(2026, 5.0), (2025, 7.0), (2024, -3.0)])]);
    let range = simple(
        "bezetting",
        Unit::Percentage,
        false,
        vec![
            option("min", "Minimum", &two(12.0, 20.0)),
            option("avg", "Gemiddelde", &two(95.5, 88.0)),
            option("max", "Maximum", &two(100.0, 99.0)),
        ],
    );
    let mut multiple = tarief.clone();
    multiple.multiple = true;
    let with_options = |kind, options: &[&str]| {
        let mut spec = ChartSpec::new(kind);
        spec.options = Some(options.iter().map(|s| s.to_string()).collect());
        spec
    };
    vec![
        (ChartSpec::new(ChartKind::Bars), tarief.clone()),
        (ChartSpec::new(ChartKind::BarsHorizontal), tarief),
        (ChartSpec::new(ChartKind::Donut), janee.clone()),
        (ChartSpec::new(ChartKind::Stacked), matrix.clone()),
        (with_options(ChartKind::Diverging, &["verbeterd", "verslechterd"]), matrix),
        (ChartSpec::new(ChartKind::Scores), scores),
        (ChartSpec::new(ChartKind::Kpi), nps),
        (ChartSpec::new(ChartKind::Options), multiple),
        (ChartSpec::new(ChartKind::Range), range),
        (ChartSpec::new(ChartKind::Table), janee),
    ]
}

fn main() {
    let style = Style::default();
    let budget = Duration::from_millis(if std::env::args().any(|a| a == "--quick") { 200 } else { 2000 });
    let mut total = (0usize, Duration::ZERO);
    for (spec, question) in cases() {
        let start = Instant::now();
        let mut count = 0usize;
        let mut bytes = 0usize;
        while start.elapsed() < budget {
            let chart =
                render(black_box(&spec), black_box(&question), &style, "bench--chart-1", Frame::new(640.0, 340.0)).expect("renders");
            bytes = chart.svg.len();
            count += 1;
        }
        let elapsed = start.elapsed();
        println!("{:<16} {:>9.0} charts/s  {:>6} bytes of SVG", spec.kind.name(), count as f64 / elapsed.as_secs_f64(), bytes);
        total = (total.0 + count, total.1 + elapsed);
    }
    println!("{:<16} {:>9.0} charts/s (one thread)", "all kinds", total.0 as f64 / total.1.as_secs_f64());
}
