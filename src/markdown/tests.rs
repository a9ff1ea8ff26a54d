use super::*;

/// Renders blocks as `<name>body</name>` so the tests see what the stage passes on.
struct EchoHooks;

impl Hooks for EchoHooks {
    fn block_rules(&self) -> Rules<'_> {
        Rules { columns: 3, variants: &[] }
    }
    fn directive(&self, call: &DirectiveCall, _: &Path) -> Result<String, Diagnostic> {
        let parts: Vec<String> = call.parts.iter().map(|p| format!("[{}|{}]", p.title_html, p.html.trim())).collect();
        let name = call.kind.name;
        Ok(format!("<{name}>{}{}</{name}>", call.body_html, parts.join("")))
    }
    fn cite(&self, reference: &str, source: &Path, line: usize) -> Result<String, Diagnostic> {
        match reference {
            "vraag.ja.2025" => Ok("56%".into()),
            _ => Err(Diagnostic::error(source, format!("no value `{reference}`")).at_line(line)),
        }
    }
    fn link(&self, destination: &str, _: bool, _: &Path, _: usize) -> Result<String, Diagnostic> {
        Ok(destination.to_string())
    }
}

fn render_md(text: &str) -> Result<String, Diagnostic> {
    let ctx = Context { source: Path::new("content/p.md"), key: "p", first_line: 4, raw_html: false };
    // The first problem, for tests about one; `render` reports all of them.
    render(text, &ctx, &EchoHooks).map_err(|mut found| found.0.swap_remove(0))
}

#[test]
fn blocks_render_in_place_and_nest() {
    let html =
        render_md("Intro.\n\n::: result\nlabel: Tarief\n\n::: quote\nname: Bestuurder\n\nZeg *iets*.\n:::\n\nUitleg.\n:::\n\nSlot.\n")
            .unwrap();
    assert_eq!(html, "<p>Intro.</p>\n<result><quote><p>Zeg <em>iets</em>.</p>\n</quote>\n<p>Uitleg.</p>\n</result>\n<p>Slot.</p>\n");
}

#[test]
fn a_block_gets_its_settings_typed() {
    struct Settings;
    impl Hooks for Settings {
        fn block_rules(&self) -> Rules<'_> {
            Rules { columns: 3, variants: &[] }
        }
        fn directive(&self, call: &DirectiveCall, _: &Path) -> Result<String, Diagnostic> {
            Ok(format!("{:?}", call.block))
        }
        fn cite(&self, _: &str, _: &Path, _: usize) -> Result<String, Diagnostic> {
            Ok(String::new())
        }
        fn link(&self, destination: &str, _: bool, _: &Path, _: usize) -> Result<String, Diagnostic> {
            Ok(destination.to_string())
        }
    }
    let ctx = Context { source: Path::new("content/p.md"), key: "p", first_line: 1, raw_html: false };
    let html = render("::: quote\nname: Bestuurder\nspan: 2\n\nZeg iets.\n:::\n", &ctx, &Settings).unwrap();
    assert!(html.contains(r#"name: Some("Bestuurder")"#) && html.contains("span: 2"), "{html}");
}

#[test]
fn every_wrong_setting_of_every_block_is_reported_in_one_run() {
    let text = "::: result\nquestion: Welk?\nspan: 9\n\n::: chart\nquestion: q\nkind: taart\nsoort: x\n:::\n:::\n\n::: quote\nnaam: X\n\nTekst {{x.y.z}}.\n:::\n";
    let ctx = Context { source: Path::new("content/p.md"), key: "p", first_line: 1, raw_html: false };
    let problems = render(text, &ctx, &EchoHooks).unwrap_err().0;
    let found: Vec<(usize, &str)> = problems.iter().map(|p| (p.line.unwrap(), p.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (2, "`question:` in a `result` block is called `text:` now"),
            (3, "`span: 9` is not a width on this sheet"),
            (7, "unknown chart kind `taart` (known: bars, bars-horizontal, donut, stacked, diverging, scores, kpi, options, range, table)"),
            (8, "unknown setting `soort` for a `chart` block"),
            (13, "unknown setting `naam` for a `quote` block"),
            (15, "no value `x.y.z`"),
        ]
    );
}

#[test]
fn block_without_blank_lines_around_it() {
    let html = render_md("Tekst\n::: quote\nEen citaat\n:::\nMeer tekst\n").unwrap();
    assert!(html.contains("<quote><p>Een citaat</p>\n</quote>"), "{html}");
    assert!(html.starts_with("<p>Tekst</p>"), "{html}");
    assert!(html.contains("<p>Meer tekst</p>"), "{html}");
}

#[test]
fn cards_and_footnotes_are_split_into_parts() {
    let html = render_md("::: cards\n### Een\nTekst een.\n\n### Twee\nTekst twee.\n:::\n").unwrap();
    assert!(html.contains("[Een|<p>Tekst een.</p>][Twee|<p>Tekst twee.</p>]"), "{html}");
    let html = render_md("::: footnotes\n- Eerste noot.\n- Tweede noot.\n:::\n").unwrap();
    assert!(html.contains("[|Eerste noot.][|Tweede noot.]"), "{html}");
}

#[test]
fn citations_are_replaced_and_errors_carry_the_line() {
    let html = render_md("In 2025 zei {{ vraag.ja.2025 }} ja.\n").unwrap();
    assert_eq!(html, "<p>In 2025 zei 56% ja.</p>\n");
    let err = render_md("Regel een.\n\nRegel {{vraag.nee.2030}}.\n").unwrap_err();
    assert_eq!(err.line, Some(6));
    let err = render_md("::: quote\nTekst\n\n{{x.y.z}}\n:::\n").unwrap_err();
    assert_eq!(err.line, Some(7));
}

#[test]
fn raw_html_is_shown_as_text_and_scripts_are_refused() {
    let html = render_md("Hallo <script>alert(1)</script> daar\n\n<div onclick=\"x()\">blok</div>\n").unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("<div onclick"), "{html}");
    let err = render_md("[klik](javascript:alert(1))\n").unwrap_err();
    assert!(err.message.contains("would run code"));
    let err = render_md("[klik]( JaVaScRiPt:alert(1))\n").unwrap_err();
    assert!(err.message.contains("would run code"));
}

#[test]
fn heading_ids_are_prefixed_unique_and_footnotes_namespaced() {
    let html = render_md("## Eén kop\n\n## Eén kop\n\nTekst[^a].\n\n[^a]: Noot.\n").unwrap();
    assert!(html.contains("<h2 id=\"p--een-kop\">"), "{html}");
    assert!(html.contains("<h2 id=\"p--een-kop-2\">"), "{html}");
    assert!(html.contains("href=\"#p--fn-a\""), "{html}");
    assert!(html.contains("id=\"p--fn-a\""), "{html}");
}

#[test]
fn code_is_left_alone() {
    let html = render_md("```\n::: quote\n{{vraag.x}}\n```\n").unwrap();
    assert!(html.contains("::: quote\n{{vraag.x}}"), "{html}");
}

#[test]
fn heading_attributes_other_than_id_and_class_are_refused() {
    let html = render_md("## Kop {#eigen .breed}\n\n## Twee {id=twee class=smal}\n");
    let html = html.unwrap_or_else(|err| panic!("{err}"));
    assert!(html.contains("<h2 id=\"p--eigen\" class=\"breed\">") || html.contains("<h2 id=\"p--eigen\" class=\"breed\""), "{html}");
    assert!(html.contains("<h2 id=\"p--twee\" class=\"smal\">"), "{html}");
    let quoted = render_md("## Kop {#a\"onclick=x .b\"onclick=y}\n").unwrap();
    assert!(!quoted.contains("\"onclick"), "{quoted}");
    let error = render_md("Tekst.\n\n## Kop {onclick=alert(1)}\n").unwrap_err();
    assert_eq!(error.line, Some(6));
    assert!(error.message.contains("`onclick`"), "{error}");
    for hostile in ["## Kop {onmouseover=\"alert(1)\"}", "## Kop {style=x}", "## Kop {#a .b OnClick=x}", "## Kop {data-x=1}"] {
        assert!(render_md(hostile).is_err(), "{hostile}");
    }
}

#[test]
fn quotes_in_a_row_on_a_page_become_one_stack_and_nothing_else_does() {
    let html = render_md("::: quote\nEen.\n:::\n\n::: quote\nTwee.\n:::\n\nTekst.\n\n::: quote\nDrie.\n:::\n").unwrap();
    assert_eq!(
        html,
        "<div class=\"stack\">\n<quote><p>Een.</p>\n</quote><quote><p>Twee.</p>\n</quote></div>\n<p>Tekst.</p>\n<quote><p>Drie.</p>\n</quote>"
    );
    // Inside a block, quotes stay as they are: the stack is a page-level arrangement.
    let nested = render_md("::: result\nlabel: R\n\n::: quote\nA.\n:::\n\n::: quote\nB.\n:::\n:::\n").unwrap();
    assert!(!nested.contains("stack"), "{nested}");
}

#[test]
fn a_block_knows_the_blocks_around_it() {
    struct Outer;
    impl Hooks for Outer {
        fn block_rules(&self) -> Rules<'_> {
            Rules { columns: 3, variants: &[] }
        }
        fn directive(&self, call: &DirectiveCall, _: &Path) -> Result<String, Diagnostic> {
            let outer: Vec<String> = call.outer.iter().map(|b| format!("{}:{:?}", b.kind.name, b.block.slot())).collect();
            Ok(format!("[{} in {}]{}", call.kind.name, outer.join(">"), call.body_html))
        }
        fn cite(&self, _: &str, _: &Path, _: usize) -> Result<String, Diagnostic> {
            Ok(String::new())
        }
        fn link(&self, destination: &str, _: bool, _: &Path, _: usize) -> Result<String, Diagnostic> {
            Ok(destination.to_string())
        }
    }
    let ctx = Context { source: Path::new("content/p.md"), key: "p", first_line: 1, raw_html: false };
    let html = render("::: result\nlabel: R\nspan: 2\n\n::: chart\nquestion: q\n:::\n:::\n", &ctx, &Outer).unwrap();
    assert!(html.contains("[chart in result:Span(2)]"), "{html}");
    assert!(html.starts_with("[result in ]"), "{html}");
}

#[test]
fn a_block_inside_a_list_item_stays_in_the_item() {
    let html = render_md("- Eerste punt\n\n  ::: box\n  title: Let op\n\n  Uitleg.\n  :::\n- Tweede punt\n").unwrap();
    let item = html.split("<li>").nth(1).expect("a first item");
    assert!(item.contains("<box><p>Uitleg.</p>\n</box>"), "{html}");
    assert!(item.contains("Eerste punt") && !item.contains("Tweede punt"), "{html}");
    assert_eq!(html.matches("<ul>").count(), 1, "one list: {html}");
}

/// Numbers sections and names one numbered table, as the render stage would.
struct NumberingHooks;

impl Hooks for NumberingHooks {
    fn block_rules(&self) -> Rules<'_> {
        Rules { columns: 3, variants: &[] }
    }
    fn directive(&self, call: &DirectiveCall, _: &Path) -> Result<String, Diagnostic> {
        let parts: Vec<String> = call.parts.iter().map(|p| format!("[{}]", p.html.trim())).collect();
        let name = call.kind.name;
        Ok(format!("<{name} {:?}>{}</{name}>", call.lead, parts.join("")))
    }
    fn cite(&self, reference: &str, source: &Path, line: usize) -> Result<String, Diagnostic> {
        EchoHooks.cite(reference, source, line)
    }
    fn link(&self, destination: &str, _: bool, _: &Path, _: usize) -> Result<String, Diagnostic> {
        Ok(destination.to_string())
    }
    fn reference_label(&self, destination: &str) -> Option<String> {
        (destination == "#tabel-duur").then(|| "Tabel 3".to_string())
    }
    fn section_number(&self) -> Option<String> {
        Some("2.1".into())
    }
}

fn render_numbered(text: &str) -> Result<String, Diagnostic> {
    let ctx = Context { source: Path::new("content/p.md"), key: "p", first_line: 1, raw_html: false };
    render(text, &ctx, &NumberingHooks).map_err(|mut found| found.0.swap_remove(0))
}

#[test]
fn page_headings_are_numbered_under_the_page_and_blocks_keep_theirs() {
    let html = render_numbered("## Een\n\n### Sub\n\n## Twee\n\n::: box\n## In een blok\n:::\n").unwrap();
    assert!(html.contains("<h2 id=\"p--een\"><span class=\"section-number\">2.1.1</span> Een</h2>"), "{html}");
    assert!(html.contains("<h3 id=\"p--sub\">Sub</h3>"), "{html}");
    assert!(html.contains("<span class=\"section-number\">2.1.2</span> Twee"), "{html}");
    assert_eq!(html.matches("section-number").count(), 2, "a heading inside a block is not a section: {html}");
}

#[test]
fn a_link_to_a_numbered_block_gets_its_number_and_must_not_name_another() {
    let html = render_numbered("Zie [](#tabel-duur) en [Tabel 3](#tabel-duur) en [de tabel](#tabel-duur).\n").unwrap();
    assert_eq!(
        html,
        "<p>Zie <a href=\"#tabel-duur\">Tabel 3</a> en <a href=\"#tabel-duur\">Tabel 3</a> en <a href=\"#tabel-duur\">de tabel</a>.</p>\n"
    );
    let err = render_numbered("Regel.\n\nZie [tabel 2](#tabel-duur).\n").unwrap_err();
    assert_eq!(err.line, Some(3));
    assert_eq!(err.message, "the link says `Tabel 2`, but `#tabel-duur` is Tabel 3");
}

#[test]
fn a_numbered_block_is_split_into_its_lead_and_its_notes() {
    let html = render_numbered("::: table\ncaption: C\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNoot.\n:::\n").unwrap();
    assert!(html.starts_with("<table Some(Table)>[<table>"), "{html}");
    assert!(html.ends_with("</table>][<p>Noot.</p>]</table>"), "{html}");
    let html = render_numbered("::: figure\ncaption: C\n\n![Beeld](b.png)\n:::\n").unwrap();
    assert!(html.starts_with("<figure Some(Image)>[<p><img src=\"b.png\" alt=\"Beeld\" /></p>][]"), "{html}");
    let html = render_numbered("::: figure\ncaption: C\n\n::: chart\nquestion: q\n:::\n:::\n").unwrap();
    assert!(html.starts_with("<figure Some(Block)>[<chart"), "{html}");
    let html = render_numbered("::: figure\ncaption: C\n\nTekst met ![beeld](b.png) erin.\n:::\n").unwrap();
    assert!(html.starts_with("<figure Some(Other)>"), "{html}");
    let html = render_numbered("::: table\ncaption: C\n\n:::\n").unwrap();
    assert!(html.starts_with("<table Some(Nothing)>"), "{html}");
}

#[test]
fn a_block_refers_to_a_footnote_at_the_foot_of_the_page_in_reading_order() {
    let html = render_md("Eerst.[^a]\n\n::: box\nIn het blok.[^b]\n:::\n\nDan.[^a]\n\n[^b]: Tweede.\n[^a]: Eerste.\n").unwrap();
    assert!(html.contains("Eerst.<sup class=\"footnote-ref\"><a href=\"#p--fn-a\" id=\"p--fnref-a\">1</a></sup>"), "{html}");
    assert!(html.contains("In het blok.<sup class=\"footnote-ref\"><a href=\"#p--fn-b\" id=\"p--fnref-b\">2</a></sup>"), "{html}");
    assert!(!html.contains("[^"), "no reference is left as text: {html}");
    assert_eq!(html.matches("class=\"footnote-definition\"").count(), 2, "the stand-ins are not shown: {html}");
    assert!(html.contains("id=\"p--fn-b\"><span class=\"footnote-label\">2</span>"), "{html}");
    assert!(!html.contains(SENTINEL), "{html}");
    // A block without references is parsed as before.
    assert_eq!(render_md("::: box\nGeen noot.\n:::\n\nTekst.[^a]\n\n[^a]: Noot.\n").unwrap().matches("footnote-definition").count(), 1);
}
