//! Every way a chart block can ask for something the data does not have.

use super::*;

fn error(spec: &ChartSpec, question: &Question) -> String {
    render(spec, question, &Style::default(), "x", wide()).unwrap_err().to_string()
}

fn with<F: FnOnce(&mut ChartSpec)>(kind: ChartKind, change: F) -> ChartSpec {
    let mut chart_spec = spec(kind);
    change(&mut chart_spec);
    chart_spec
}

#[test]
fn unknown_option_lists_the_known_ones() {
    let message = error(&with(ChartKind::Bars, |s| s.options = Some(vec!["landelijk".into(), "lager".into()])), &tarief());
    assert_eq!(message, "question `tariefpercentage` has no option `lager` (known: landelijk, regionaal, hoger, anders)");
}

#[test]
fn unknown_item_lists_the_known_ones() {
    let message = error(&with(ChartKind::Stacked, |s| s.items = Some(vec!["nieuwbouw".into()])), &capaciteit());
    assert_eq!(message, "question `capaciteit` has no item `nieuwbouw` (known: vervangingsbouw, uitbreiding)");
}

#[test]
fn items_on_a_simple_question() {
    let message = error(&with(ChartKind::Bars, |s| s.items = Some(vec!["a".into()])), &tarief());
    assert!(message.starts_with("question `tariefpercentage` has no items") && message.contains("remove `items:`"), "{message}");
}

#[test]
fn unknown_year_lists_the_years() {
    let message = error(&with(ChartKind::Bars, |s| s.years = Some(vec![2026, 2019])), &tarief());
    assert_eq!(message, "question `tariefpercentage` has no values for 2019 (years: 2025, 2026)");
}

#[test]
fn missing_value_for_a_selected_option() {
    let mut question = tarief();
    question.items[0].options[1].values.remove(&2025);
    let message = error(&spec(ChartKind::Bars), &question);
    assert!(message.starts_with("question `tariefpercentage` has no value for option `regionaal` in 2025 (it has: 2026)"), "{message}");
    assert!(message.contains("leave 2025 out of `years:`"), "{message}");
    // Leaving the year out fixes it.
    assert!(render(&with(ChartKind::Bars, |s| s.years = Some(vec![2026])), &question, &Style::default(), "x", wide()).is_ok());
    let mut matrix = capaciteit();
    matrix.items[1].options[0].values.remove(&2025);
    let message = error(&spec(ChartKind::Stacked), &matrix);
    assert!(message.contains("option `ja` of item `uitbreiding` in 2025"), "{message}");
}

#[test]
fn empty_selections() {
    let message = error(&with(ChartKind::Bars, |s| s.options = Some(vec![])), &tarief());
    assert!(message.contains("selects no options"), "{message}");
    let message = error(&with(ChartKind::Bars, |s| s.years = Some(vec![])), &tarief());
    assert!(message.contains("selects no years"), "{message}");
}

#[test]
fn scores_need_a_score_question() {
    let message = error(&spec(ChartKind::Scores), &tarief());
    assert!(
        message.starts_with("kind `scores` needs a question with unit score; question `tariefpercentage` is a percentage question"),
        "{message}"
    );
}

#[test]
fn diverging_needs_two_options() {
    let message = error(&spec(ChartKind::Diverging), &ontwikkeling());
    assert!(message.starts_with("kind `diverging` needs exactly two options"), "{message}");
    assert!(message.contains("has 3 options selected") && message.contains("known: verbeterd, verslechterd, gelijk"), "{message}");
}

#[test]
fn kpi_needs_one_value_per_year() {
    let message = error(&spec(ChartKind::Kpi), &tarief());
    assert!(message.starts_with("kind `kpi` needs a question with unit nps, count or a single option"), "{message}");
    assert!(
        render(&with(ChartKind::Kpi, |s| s.options = Some(vec!["landelijk".into()])), &tarief(), &Style::default(), "x", wide()).is_ok()
    );
}

#[test]
fn parts_of_a_whole_need_single_answers() {
    for kind in [ChartKind::Donut, ChartKind::Stacked] {
        let message = error(&spec(kind), &redenen());
        assert!(message.contains("allows several answers") && message.contains("use `options`"), "{message}");
    }
    let message = error(&spec(ChartKind::Donut), &lasten());
    assert!(message.starts_with("kind `donut` needs a percentage question"), "{message}");
}

#[test]
fn one_item_kinds_on_a_matrix() {
    for kind in [ChartKind::Bars, ChartKind::BarsHorizontal, ChartKind::Donut, ChartKind::Options, ChartKind::Range] {
        let message = error(&spec(kind), &capaciteit());
        assert!(message.contains("has 2 items selected") && message.contains("choose one with `items:`"), "{kind:?}: {message}");
    }
    let one = with(ChartKind::Donut, |s| s.items = Some(vec!["uitbreiding".into()]));
    assert!(render(&one, &capaciteit(), &Style::default(), "x", wide()).is_ok());
}

#[test]
fn range_needs_three_options() {
    let message = error(&with(ChartKind::Range, |s| s.options = Some(vec!["min".into(), "max".into()])), &bezetting());
    assert!(message.contains("three options"), "{message}");
}

#[test]
fn a_gap_the_data_does_not_mark_asks_for_the_value_or_a_tilde() {
    let mut question = tarief();
    question.items[0].options[1].values.remove(&2025);
    let message = error(&spec(ChartKind::Bars), &question);
    assert!(message.contains("no value for option `regionaal` in 2025") && message.contains("`2025: ~`"), "{message}");
}
