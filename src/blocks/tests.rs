use std::path::Path;

use super::*;

fn rules(columns: u8) -> Rules<'static> {
    static VARIANTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    Rules { columns, variants: VARIANTS.get_or_init(|| vec!["aanbeveling".into()]) }
}

fn written(settings: &[(&str, &str)]) -> Vec<Written> {
    settings.iter().enumerate().map(|(i, (key, value))| Written { key: key.to_string(), value: value.to_string(), line: 11 + i }).collect()
}

/// A value each kind of value accepts.
fn good(value: Value) -> &'static str {
    match value {
        Value::Text | Value::Picture => "Tekst",
        Value::Span | Value::Count => "2",
        Value::Variant => "aanbeveling",
        Value::Question | Value::Ids | Value::Id => "vraag-1",
        Value::ChartKind => "donut",
        Value::Order => "data",
        Value::Years => "2026, 2025",
        Value::Flag => "true",
    }
}

#[test]
fn every_kind_reads_every_setting_it_lists_with_its_kind_of_value() {
    for kind in KINDS {
        let all: Vec<(&str, &str)> = kind.settings.iter().map(|setting| (setting.name, good(setting.value))).collect();
        let written = written(&all);
        let (read, asked) = Reader::read_asking(kind, &written, &rules(3), Path::new("p.md"), 10);
        assert!(read.is_ok(), "{}: {:?}", kind.name, read.err());
        assert_eq!(asked, kind.setting_names(), "the `{}` block reads the settings the registry lists, in its order", kind.name);
        assert!(!kind.about.is_empty() && kind.settings.iter().all(|setting| !setting.about.is_empty()));
    }
}

#[test]
fn names_are_unique() {
    let mut names: Vec<&str> = KINDS.iter().map(|kind| kind.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), KINDS.len());
    for kind in KINDS {
        let mut settings = kind.setting_names();
        settings.sort();
        settings.dedup();
        assert_eq!(settings.len(), kind.settings.len(), "{}", kind.name);
    }
}

#[test]
fn a_span_is_a_whole_number_of_the_themes_columns() {
    let result = kind("result").unwrap();
    let read = |columns: u8, span: &str| Reader::read(result, &written(&[("span", span)]), &rules(columns), Path::new("p.md"), 10);
    assert!(read(4, "4").is_ok());
    let problems = read(4, "5").unwrap_err();
    assert_eq!(problems[0].line, Some(11));
    assert_eq!(problems[0].message, "`span: 5` is not a width on this sheet");
    assert!(problems[0].help.as_deref().unwrap().contains("from 1 to 4"), "{:?}", problems[0].help);
    assert!(read(3, "4").is_err());
    assert!(read(3, "twee").is_err());
}

#[test]
fn every_wrong_setting_of_a_block_is_reported_at_its_line() {
    let chart = kind("chart").unwrap();
    let written = written(&[("question", "vraag"), ("kind", "taart"), ("years", "2026, twintig, 20x5"), ("changes", "ja")]);
    let problems = Reader::read(chart, &written, &rules(3), Path::new("p.md"), 10).unwrap_err();
    let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(12), Some(13), Some(13), Some(14)], "{problems:?}");
    assert!(problems[0].message.contains("unknown chart kind `taart`"));
    let problems = Reader::read(chart, &[], &rules(3), Path::new("p.md"), 10).unwrap_err();
    assert_eq!((problems[0].message.as_str(), problems[0].line), ("a chart needs a question", Some(10)));
}

/// docs/authoring.md holds the table of blocks made from the registry, between two marker
/// lines; `FOLIO_BLESS=1 cargo test --lib blocks` writes it there.
#[test]
fn the_docs_list_every_block_and_setting() {
    const START: &str = "<!-- The table below is made from src/blocks (FOLIO_BLESS=1 cargo test --lib blocks writes it). -->\n";
    const END: &str = "<!-- End of the table of blocks. -->\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/authoring.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let (before, rest) = docs.split_once(START).expect("docs/authoring.md has the start marker of the table of blocks");
    let (table, after) = rest.split_once(END).expect("docs/authoring.md has the end marker of the table of blocks");
    let wanted = reference_table();
    if std::env::var_os("FOLIO_BLESS").is_some() {
        std::fs::write(&path, format!("{before}{START}{wanted}{END}{after}")).unwrap();
    } else {
        assert_eq!(
            table, wanted,
            "docs/authoring.md: the table of blocks differs from the registry; run FOLIO_BLESS=1 cargo test --lib blocks"
        );
    }
}
