//! Every kind rendered from a realistic question and read back.

use super::*;

#[test]
fn kind_names_round_trip() {
    for kind in KINDS {
        assert_eq!(ChartKind::parse(kind.name()), Ok(kind));
    }
    let error = ChartKind::parse("pie").unwrap_err();
    assert!(error.contains("`pie`") && error.contains("bars-horizontal") && error.contains("table"), "{error}");
}

#[test]
fn bars_are_proportional_and_labelled() {
    let question = tarief();
    let chart = render_ok(&in_data_order(ChartKind::Bars), &question);
    assert_labels_and_values(&chart, &question);
    let doc = parsed(&chart.svg);
    assert_eq!(doc.root_element().attribute("class"), Some("chart chart-bars"));
    for year in [2026, 2025].iter() {
        let bars = bars_of(&doc, &year_fill(&question, *year));
        let values: Vec<f64> = question.items[0].options.iter().map(|o| o.values[year]).collect();
        let heights: Vec<f64> = bars.iter().map(|b| b.3).collect();
        assert_proportional(&heights, &values);
        // Bars stand on one baseline.
        let bottoms: Vec<f64> = bars.iter().map(|b| b.1 + b.3).collect();
        assert!(bottoms.iter().all(|b| (b - bottoms[0]).abs() < 0.01), "{bottoms:?}");
    }
    // The legend names the years, so colour is not the only cue.
    let texts = texts(&doc);
    assert!(texts.contains(&"2026".to_string()) && texts.contains(&"2025".to_string()));
    assert!(texts.contains(&"24,5%".to_string()));
}

#[test]
fn horizontal_bars_wrap_long_labels_and_are_proportional() {
    let question = tarief();
    let chart = render_ok(&in_data_order(ChartKind::BarsHorizontal), &question);
    assert_labels_and_values(&chart, &question);
    let doc = parsed(&chart.svg);
    let texts = texts(&doc);
    assert!(texts.iter().all(|t| t.chars().count() <= 40), "a line is longer than 40 characters: {texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Het richttariefpercentage")), "labels wrap at words: {texts:?}");
    for year in [2026, 2025].iter() {
        let widths: Vec<f64> = bars_of(&doc, &year_fill(&question, *year)).iter().map(|b| b.2).collect();
        let values: Vec<f64> = question.items[0].options.iter().map(|o| o.values[year]).collect();
        assert_proportional(&widths, &values);
    }
}

#[test]
fn option_list_uses_a_full_scale_track() {
    let question = redenen();
    let chart = render_ok(&in_data_order(ChartKind::Options), &question);
    assert_labels_and_values(&chart, &question);
    let doc = parsed(&chart.svg);
    let widths: Vec<f64> = bars_of(&doc, &year_fill(&question, 2026)).iter().map(|b| b.2).collect();
    let values: Vec<f64> = question.items[0].options.iter().map(|o| o.values[&2026]).collect();
    assert_proportional(&widths, &values);
    // 63% is 63% of the track, not of the longest bar.
    let track: f64 = doc
        .descendants()
        .filter(|n| n.attribute("fill") == Some("#ececec"))
        .map(|n| n.attribute("width").unwrap().parse::<f64>().unwrap())
        .next()
        .unwrap();
    assert!((widths[0] - 0.63 * track).abs() <= 1.0, "{} vs track {track}", widths[0]);
    assert!(chart.table.caption.contains("meerdere antwoorden mogelijk"));
}

#[test]
fn donut_draws_arcs_per_year() {
    let question = maatwerk();
    let chart = render_ok(&spec(ChartKind::Donut), &question);
    assert_labels_and_values(&chart, &question);
    let doc = parsed(&chart.svg);
    let paths: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("path")).collect();
    assert_eq!(paths.len(), 6, "three segments for each of two years");
    assert!(paths.iter().all(|p| p.attribute("d").unwrap().contains('A')), "segments are arcs");
    let texts = texts(&doc);
    assert!(texts.contains(&"2026".to_string()) && texts.contains(&"2025".to_string()));
    assert!(chart.svg.len() < 8000, "donut svg is {} bytes", chart.svg.len());
    assert!(
        chart.description.starts_with("Ringdiagram: Ja 67% in 2025 en 56% in 2026; Nee 11% in 2025 en 26% in 2026; Ten dele"),
        "{}",
        chart.description
    );
}

#[test]
fn donut_of_a_single_answer_fills_the_ring() {
    let question =
        simple("alles", Unit::Percentage, false, vec![option("ja", "Ja", &[(2026, 100.0)]), option("nee", "Nee", &[(2026, 0.0)])]);
    let chart = render_ok(&spec(ChartKind::Donut), &question);
    assert_labels_and_values(&chart, &question);
}

#[test]
fn stacked_bars_per_item_with_separators() {
    let question = capaciteit();
    let mut chart_spec = spec(ChartKind::Stacked);
    chart_spec.years = Some(vec![2026]);
    let chart = render_ok(&chart_spec, &question);
    let doc = parsed(&chart.svg);
    let texts = texts(&doc);
    assert!(chart.title.ends_with("(2026)"), "the title names the one year: {}", chart.title);
    for label in ["Ja, geheel", "Ja, gedeeltelijk", "Nee", "25%", "72%", "40%", "20%"] {
        assert!(texts.iter().any(|t| t == label), "{label} missing in {texts:?}");
    }
    // Segments of one bar: widths proportional to the values.
    let first_row: Vec<f64> = (0..3).map(|i| bars_of(&doc, &palette(i))[0].2).collect();
    assert_proportional(&first_row, &[25.0, 3.0, 72.0]);
    let separators =
        doc.descendants().filter(|n| n.attribute("stroke") == Some("#FFFFFF") || n.attribute("stroke") == Some("#ffffff")).count();
    assert_eq!(separators, 4, "two separators per bar");
    assert_eq!(chart.table.header, vec!["Onderwerp", "Ja, geheel", "Ja, gedeeltelijk", "Nee"]);
    assert_eq!(chart.table.rows[0], vec!["Vervangingsbouw intramurale capaciteit", "25%", "3%", "72%"]);
    assert_eq!(chart.table.caption, "Label capaciteit (2026) (n = 98 in 2026)");
    assert_eq!(chart.base.as_deref(), Some("n = 98"));
    let mut no_n = question.clone();
    no_n.n.clear();
    assert_eq!(render_ok(&chart_spec, &no_n).table.caption, "Label capaciteit (2026)");
    assert_eq!(render_ok(&chart_spec, &no_n).base, None);
}

#[test]
fn stacked_bars_per_year_for_a_simple_question() {
    let question = maatwerk();
    let chart = render_ok(&spec(ChartKind::Stacked), &question);
    assert_labels_and_values(&chart, &question);
    let doc = parsed(&chart.svg);
    assert_eq!(bars_of(&doc, &palette(0)).len(), 2, "one bar per year");
}

#[test]
fn diverging_bars_go_both_ways_from_the_centre() {
    let question = ontwikkeling();
    let mut chart_spec = spec(ChartKind::Diverging);
    chart_spec.options = Some(vec!["verbeterd".into(), "verslechterd".into()]);
    let chart = render_ok(&chart_spec, &question);
    let doc = parsed(&chart.svg);
    let right = bars_of(&doc, &palette(0));
    let left = bars_of(&doc, &palette(1));
    assert_eq!((right.len(), left.len()), (4, 4), "two items × two years");
    let centre = right[0].0;
    assert!(right.iter().all(|b| (b.0 - centre).abs() < 0.01), "right bars start at the centre");
    assert!(left.iter().all(|b| (b.0 + b.2 - centre).abs() < 0.01), "left bars end at the centre");
    let mut lengths: Vec<f64> = right.iter().map(|b| b.2).collect();
    lengths.extend(left.iter().map(|b| b.2));
    assert_proportional(&lengths, &[30.0, 34.0, 11.0, 15.0, 18.0, 12.0, 47.0, 41.0]);
    let texts = texts(&doc).join(" ");
    for label in ["Verbeterd", "Verslechterd", "Samenwerking met het zorgkantoor", "Bekostiging van innovatie", "34%", "47%"] {
        assert!(texts.contains(label), "{label} missing in {texts}");
    }
    assert_eq!(chart.table.header, vec!["Onderwerp", "Verbeterd 2025", "Verbeterd 2026", "Verslechterd 2025", "Verslechterd 2026"]);
}

#[test]
fn scores_put_dots_on_the_scale() {
    let question = lasten();
    let chart = render_ok(&spec(ChartKind::Scores), &question);
    assert_labels_and_values(&chart, &question);
    let doc = parsed(&chart.svg);
    let texts = texts(&doc);
    assert!(texts.contains(&"4,05".to_string()) && texts.contains(&"2,90".to_string()), "{texts:?}");
    for tick in ["1", "3", "5"] {
        assert!(texts.contains(&tick.to_string()), "scale tick {tick} missing");
    }
    assert_eq!(chart.table.header, vec!["Onderdeel", "2025", "2026"]);
    assert_eq!(chart.table.rows[0], vec!["Meerzorg", "4,13", "4,05"]);
    assert!(chart.table.caption.contains("gemiddelde score op een schaal van 1 tot 5"), "{}", chart.table.caption);
}

#[test]
fn kpi_tiles_show_trend_in_text() {
    let question = nps();
    let chart = render_ok(&spec(ChartKind::Kpi), &question);
    assert_labels_and_values(&chart, &question);
    let texts = texts(&parsed(&chart.svg));
    for text in ["+5", "+7", "\u{2212}3", "\u{2212}2", "+10", "\u{25BC}", "\u{25B2}", "2024", "NPS"] {
        assert!(texts.contains(&text.to_string()), "{text} missing in {texts:?}");
    }
    assert_eq!(
        chart.description,
        "Kerncijfer: NPS \u{2212}3 in 2024, +7 in 2025 en +5 in 2026; verandering van 2024 naar 2025 +10 en van 2025 naar 2026 \u{2212}2."
    );
}

#[test]
fn range_marks_minimum_average_maximum() {
    let question = bezetting();
    let chart = render_ok(&spec(ChartKind::Range), &question);
    assert_labels_and_values(&chart, &question);
    assert!(texts(&parsed(&chart.svg)).contains(&"95,5%".to_string()));
}

#[test]
fn table_kind_has_no_svg() {
    let question = capaciteit();
    let chart = render(&spec(ChartKind::Table), &question, &Style::default(), "x", wide()).unwrap();
    assert!(chart.svg.is_empty());
    assert_eq!(chart.table.rows.len(), 2);
    assert_eq!(chart.table.header.len(), 1 + 3 * 2);
    assert_eq!(chart.table.caption, "Label capaciteit (n = 103 in 2025 en 98 in 2026)");
}

#[test]
fn description_and_table_follow_the_selection() {
    let question = tarief();
    let mut chart_spec = spec(ChartKind::Bars);
    chart_spec.options = Some(vec!["anders".into(), "landelijk".into()]);
    chart_spec.years = Some(vec![2025, 2026]);
    chart_spec.title = Some("Afgesproken tariefpercentage".into());
    let chart = render_ok(&chart_spec, &question);
    assert_eq!(chart.title, "Afgesproken tariefpercentage");
    assert_eq!(
        chart.description,
        "Staafdiagram: Anders, namelijk … 14% in 2025 en 28,5% in 2026; Landelijk richttariefpercentage 35% in 2025 en 30% in 2026."
    );
    assert_eq!(chart.table.header, vec!["Antwoord", "2025", "2026"]);
    assert_eq!(chart.table.rows, vec![vec!["Anders, namelijk …", "14%", "28,5%"], vec!["Landelijk richttariefpercentage", "35%", "30%"]]);
    assert_eq!(chart.table.caption, "Afgesproken tariefpercentage (n = 103 in 2025 en 98 in 2026)");
    let doc = parsed(&chart.svg);
    assert_eq!(doc.root_element().children().find(|n| n.has_tag_name("title")).unwrap().text(), Some("Afgesproken tariefpercentage"));
    assert!(!texts(&doc).iter().any(|t| t.contains("Het richttariefpercentage")), "unselected option drawn");
}

#[test]
fn years_run_oldest_to_newest_whatever_the_order_asked() {
    let chart = render_ok(&spec(ChartKind::Table), &nps());
    assert_eq!(chart.table.header, vec!["Antwoord", "2024", "2025", "2026"]);
    let mut newest_first = spec(ChartKind::Kpi);
    newest_first.years = Some(vec![2026, 2025, 2024]);
    let texts = texts(&parsed(&render_ok(&newest_first, &nps()).svg));
    let at = |year: &str| texts.iter().position(|t| t == year).unwrap();
    assert!(at("2024") < at("2025") && at("2025") < at("2026"), "KPI tiles read 2024 → 2026: {texts:?}");
}

#[test]
fn dutch_numbers() {
    let nl = NumberFormat::default();
    assert_eq!(value_text(95.5, &Unit::Percentage, &nl), "95,5%");
    assert_eq!(value_text(56.0, &Unit::Percentage, &nl), "56%");
    assert_eq!(value_text(33.333, &Unit::Percentage, &nl), "33,3%");
    assert_eq!(value_text(4.05, &Unit::Score { min: 1.0, max: 5.0 }, &nl), "4,05");
    assert_eq!(value_text(4.1, &Unit::Score { min: 1.0, max: 5.0 }, &nl), "4,10");
    assert_eq!(value_text(1234.0, &Unit::Count, &nl), "1.234");
    assert_eq!(value_text(7.0, &Unit::Nps, &nl), "+7");
    assert_eq!(value_text(-3.0, &Unit::Nps, &nl), "\u{2212}3");
    assert_eq!(value_text(0.0, &Unit::Nps, &nl), "0");
}

#[test]
fn labels_and_titles_are_escaped() {
    let evil = r#"<script>alert(1)</script> & "x""#;
    let question =
        simple("evil", Unit::Percentage, false, vec![option("a", evil, &[(2026, 40.0)]), option("b", "Nee 'b'", &[(2026, 60.0)])]);
    for kind in KINDS {
        if kind == ChartKind::Table
            || kind == ChartKind::Kpi
            || kind == ChartKind::Diverging
            || kind == ChartKind::Range
            || kind == ChartKind::Scores
        {
            continue;
        }
        let mut chart_spec = spec(kind);
        chart_spec.title = Some(evil.into());
        let chart = render(&chart_spec, &question, &Style::default(), "p--chart-1", wide()).unwrap();
        assert!(!chart.svg.contains("<script"), "{kind:?}: {}", chart.svg);
        let doc = parsed(&chart.svg);
        let joined = texts(&doc).join(" ");
        assert!(joined.contains("<script>alert(1)</script>") && joined.contains("& \"x\""), "{kind:?}: {joined}");
        let title = doc.root_element().children().find(|n| n.has_tag_name("title")).unwrap();
        // A one-year chart's title names its year after the author's title.
        assert!(title.text().unwrap().starts_with(evil), "{kind:?}: {:?}", title.text());
        let desc = doc.root_element().children().find(|n| n.has_tag_name("desc")).unwrap();
        assert!(desc.text().unwrap().contains(evil));
    }
    // The id prefix is an attribute value: escaped as well.
    let chart = render(&spec(ChartKind::Bars), &question, &Style::default(), "a\"b", wide()).unwrap();
    assert!(roxmltree::Document::parse(&chart.svg).is_ok());
}

#[test]
fn palette_has_enough_contrast() {
    let style = Style::default();
    assert!(contrast_ratio(&style.text_color, "#ffffff") >= 4.5);
    for colour in &style.palette {
        let on_white = contrast_ratio(colour, "#ffffff");
        assert!(on_white >= 3.0, "{colour} has {on_white:.2}:1 against white");
        let label = svg::label_on(colour, &style.text_color);
        let on_bar = contrast_ratio(&label, colour);
        assert!(on_bar >= 4.5, "label {label} on {colour} has {on_bar:.2}:1");
    }
    // Sanity of the formula: black on white is 21:1, a colour with itself 1:1.
    assert!((contrast_ratio("#000000", "#ffffff") - 21.0).abs() < 0.01);
    assert!((contrast_ratio("#1f4e79", "#1f4e79") - 1.0).abs() < 1e-9);
}

#[test]
fn wrap_splits_at_spaces_and_never_cuts() {
    let lines = svg::wrap("Het richttariefpercentage zoals beschreven in het regionale inkoopbeleid", 28);
    assert_eq!(lines, vec!["Het richttariefpercentage", "zoals beschreven in het", "regionale inkoopbeleid"]);
    assert_eq!(svg::wrap("Onoverzichtelijkheidsgevoelens", 10), vec!["Onoverzichtelijkheidsgevoelens"]);
    assert_eq!(svg::wrap("", 10), vec![""]);
}

/// Every kind drawn for a one-column slot, a phone and the full sheet: the drawing is
/// exactly as wide as its slot (so the theme shows it at one unit per unit), no text is set
/// below 12 units, and a wide slot brings a narrow drawing for phones.
#[test]
fn every_kind_is_drawn_for_its_slot_with_text_of_12_units_or_more() {
    let cases: Vec<(ChartKind, Question)> = vec![
        (ChartKind::Bars, tarief()),
        (ChartKind::BarsHorizontal, tarief()),
        (ChartKind::Options, tarief()),
        (ChartKind::Donut, tarief()),
        (ChartKind::Stacked, capaciteit()),
        (ChartKind::Scores, lasten()),
        (ChartKind::Diverging, ontwikkeling()),
        (ChartKind::Kpi, nps()),
    ];
    for (kind, question) in cases {
        let mut chart_spec = spec(kind);
        if kind == ChartKind::Diverging {
            chart_spec.options = Some(vec!["verbeterd".into(), "verslechterd".into()]);
        }
        for width in [290.0, 320.0, 605.0, 920.0] {
            let chart = render(&chart_spec, &question, &Style::default(), "p--chart-1", Frame::new(width, 320.0)).unwrap();
            for svg in [&chart.svg, &chart.narrow_svg] {
                if svg.is_empty() {
                    continue;
                }
                let doc = roxmltree::Document::parse(svg).unwrap();
                let view_box: Vec<f64> = doc.root_element().attribute("viewBox").unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
                let expected = if std::ptr::eq(svg, &chart.svg) { width } else { 320.0 };
                assert!((view_box[2] - expected).abs() <= 1.0 || kind == ChartKind::Kpi, "{kind:?} at {width}: viewBox {view_box:?}");
                assert!(view_box[2] <= expected + 1.0, "{kind:?} at {width}: wider than its slot: {view_box:?}");
                for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
                    let size: f64 = text.attribute("font-size").unwrap().parse().unwrap();
                    let content = text.text().unwrap_or("");
                    assert!(size >= 12.0, "{kind:?} at {width}: `{content}` at {size}");
                    // No text runs out of the drawing (estimated width, as the layout sees it).
                    let x: f64 = text.attribute("x").unwrap().parse().unwrap();
                    let w = svg::text_width(content, size);
                    let (left, right) = match text.attribute("text-anchor").unwrap_or("start") {
                        "middle" => (x - w / 2.0, x + w / 2.0),
                        "end" => (x - w, x),
                        _ => (x, x + w),
                    };
                    assert!(
                        left >= -2.0 && right <= view_box[2] + 2.0,
                        "{kind:?} at {width}: `{content}` runs from {left:.0} to {right:.0}"
                    );
                }
            }
            assert_eq!(chart.narrow_svg.is_empty(), width <= 352.0, "{kind:?} at {width}: narrow drawing");
        }
    }
}

#[test]
fn vertical_bars_with_labels_too_long_for_their_group_become_horizontal_bars() {
    let chart = render(&spec(ChartKind::Bars), &tarief(), &Style::default(), "p", Frame::new(290.0, 320.0)).unwrap();
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let texts: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"richttariefpercentage"), "labels wrap at words, never cut: {texts:?}");
    let bars = bars_of(&doc, &year_fill(&tarief(), 2026));
    assert!(bars.iter().all(|b| (b.3 - 14.0).abs() < 0.5), "horizontal bars of one height: {bars:?}");
}

#[test]
fn a_one_year_chart_names_its_year_in_the_title_instead_of_a_legend() {
    let mut one_year = spec(ChartKind::BarsHorizontal);
    one_year.years = Some(vec![2026]);
    let chart = render(&one_year, &tarief(), &Style::default(), "p", wide()).unwrap();
    assert_eq!(chart.title, "Label tariefpercentage (2026)");
    assert!(!chart.svg.contains("<circle"), "no legend swatches: {}", chart.svg);
    one_year.title = Some("Tarief in 2026".into());
    assert_eq!(render(&one_year, &tarief(), &Style::default(), "p", wide()).unwrap().title, "Tarief in 2026");
}

#[test]
fn bars_draw_a_negative_nps_below_the_zero_line() {
    for kind in [ChartKind::Bars, ChartKind::BarsHorizontal] {
        let chart = render_ok(&spec(kind), &nps());
        let doc = parsed(&chart.svg);
        let texts = texts(&doc);
        assert!(["+5", "+7", "\u{2212}3"].iter().all(|v| texts.contains(&v.to_string())), "{kind:?}: {texts:?}");
        // Three bars; the negative one lies on the other side of the zero line from the others.
        let bars: Vec<(f64, f64, f64, f64)> = [2026, 2025, 2024].iter().flat_map(|y| bars_of(&doc, &year_fill(&nps(), *y))).collect();
        assert_eq!(bars.len(), 3, "{kind:?}");
        let (plus, minus) = (bars[0], bars[2]);
        if kind == ChartKind::Bars {
            assert!((plus.1 + plus.3 - minus.1).abs() < 0.01, "the bars meet at zero: {plus:?} {minus:?}");
            assert!(minus.3 / plus.3 > 0.55 && minus.3 / plus.3 < 0.65, "−3 is 3/5 of +5: {plus:?} {minus:?}");
        } else {
            assert!((minus.0 + minus.2 - plus.0).abs() < 0.01, "the bars meet at zero: {plus:?} {minus:?}");
        }
    }
}

/// A year the data marks `~` is drawn as "–" by every kind, and said in the text alternative.
#[test]
fn every_kind_shows_a_missing_year_as_a_dash() {
    fn with_gap(mut question: Question, year: Year) -> Question {
        for item in &mut question.items {
            for option in &mut item.options {
                option.values.remove(&year);
                option.missing.insert(year);
            }
        }
        question
    }
    let cases: Vec<(ChartKind, Question)> = vec![
        (ChartKind::Bars, with_gap(tarief(), 2025)),
        (ChartKind::BarsHorizontal, with_gap(tarief(), 2025)),
        (ChartKind::Options, with_gap(redenen(), 2025)),
        (ChartKind::Donut, with_gap(maatwerk(), 2025)),
        (ChartKind::Stacked, with_gap(maatwerk(), 2025)),
        (ChartKind::Diverging, with_gap(ontwikkeling(), 2025)),
        (ChartKind::Scores, with_gap(lasten(), 2025)),
        (ChartKind::Kpi, with_gap(nps(), 2025)),
        (ChartKind::Range, with_gap(bezetting(), 2025)),
        (ChartKind::Table, with_gap(tarief(), 2025)),
    ];
    for (kind, question) in cases {
        let mut chart_spec = spec(kind);
        if kind == ChartKind::Diverging {
            chart_spec.options = Some(vec!["verbeterd".into(), "verslechterd".into()]);
        }
        let chart = render(&chart_spec, &question, &Style::default(), "p--chart-1", wide()).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert!(chart.description.contains("geen gegevens in 2025"), "{kind:?}: {}", chart.description);
        if kind == ChartKind::Table {
            assert!(chart.table.rows.iter().all(|row| row.contains(&"\u{2013}".to_string())), "{:?}", chart.table.rows);
            continue;
        }
        if kind == ChartKind::Scores {
            continue; // a score item without the year simply has no dot for it
        }
        let doc = parsed(&chart.svg);
        assert!(texts(&doc).contains(&"\u{2013}".to_string()), "{kind:?}: no dash in {:?}", texts(&doc));
        assert!(chart.table.rows.iter().flatten().any(|cell| cell == "\u{2013}"), "{kind:?}: {:?}", chart.table.rows);
    }
}

#[test]
fn the_base_says_one_n_when_every_year_has_it_and_who_was_asked() {
    let mut question = maatwerk();
    question.n = [(2026, 122), (2025, 122)].into_iter().collect();
    assert_eq!(render_ok(&spec(ChartKind::Stacked), &question).base.as_deref(), Some("n = 122"));
    question.n.insert(2025, 1112);
    question.base = Some("wie 'Ja' antwoordde".into());
    assert_eq!(render_ok(&spec(ChartKind::Stacked), &question).base.as_deref(), Some("n = 122 (2026), 1.112 (2025): wie 'Ja' antwoordde"));
    question.n.clear();
    question.n_unknown = [2025, 2026].into_iter().collect();
    assert_eq!(render_ok(&spec(ChartKind::Stacked), &question).base, None);
}

#[test]
fn nominal_options_are_sorted_by_the_newest_year_unless_the_chart_keeps_the_data_order() {
    let question = tarief();
    let labels =
        |chart_spec: &ChartSpec| -> Vec<String> { render_ok(chart_spec, &question).table.rows.iter().map(|row| row[0].clone()).collect() };
    let sorted = labels(&spec(ChartKind::BarsHorizontal));
    let newest: Vec<f64> =
        sorted.iter().map(|label| question.items[0].options.iter().find(|o| &o.label == label).unwrap().values[&2026]).collect();
    assert!(newest.windows(2).all(|pair| pair[0] >= pair[1]), "{sorted:?} {newest:?}");
    let data: Vec<String> = question.items[0].options.iter().map(|o| o.label.clone()).collect();
    assert_eq!(labels(&in_data_order(ChartKind::BarsHorizontal)), data);
    // A scale keeps its order, with a non-answer moved after it.
    let mut toned = maatwerk();
    toned.items[0].options[0].tone = Some(crate::data::model::Tone::None);
    toned.items[0].options[1].tone = Some(crate::data::model::Tone::Positive);
    toned.items[0].options[2].tone = Some(crate::data::model::Tone::Negative);
    let table = render_ok(&spec(ChartKind::Stacked), &toned).table;
    let rows: Vec<&str> = table.rows.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(rows, [toned.items[0].options[1].label.as_str(), &toned.items[0].options[2].label, &toned.items[0].options[0].label]);
}
