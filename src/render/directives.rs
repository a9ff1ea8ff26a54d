//! What the blocks, citations and links of one page become: the render stage's answers to
//! the Markdown stage's `Hooks`.

mod captioned;

use std::cell::{Cell, RefCell};
use std::path::Path;

use serde::Serialize;
use tera::Context;

use crate::charts::{self, ChartKind, ChartSpec, Frame};
use crate::content::Page;
use crate::data::model::Year;
use crate::data::{shorten, Cited};
use crate::diagnostic::Diagnostic;
use crate::markdown::{DirectiveCall, Hooks, OuterBlock};

use super::links::{self, Media};
use super::numbers::Kind;
use super::{theme::error_chain, SiteParts};

/// The hooks for one page. Used on one thread at a time, hence `Cell`s.
pub struct PageHooks<'a> {
    pub site: &'a SiteParts<'a>,
    pub page: &'a Page,
    pub media: RefCell<Vec<Media>>,
    /// Places on pages that this page links to, checked once every page is rendered.
    pub anchors: RefCell<Vec<links::WantedAnchor>>,
    /// Time spent drawing charts, for `--timings`.
    pub chart_time: Cell<std::time::Duration>,
    /// Numbers blocks that need an id (results, charts) in page order.
    counter: Cell<usize>,
}

/// A chart's data table as the template sees it.
#[derive(Serialize)]
struct TableView<'t> {
    caption: &'t str,
    header: &'t [String],
    rows: &'t [Vec<String>],
}

#[derive(Serialize)]
struct Card {
    number: String,
    title_html: String,
    html: String,
}

#[derive(Serialize)]
struct MarkedNote {
    mark: String,
    html: String,
}

impl<'a> PageHooks<'a> {
    pub fn new(site: &'a SiteParts<'a>, page: &'a Page) -> Self {
        PageHooks {
            site,
            page,
            media: RefCell::new(Vec::new()),
            anchors: RefCell::new(Vec::new()),
            chart_time: Cell::new(std::time::Duration::ZERO),
            counter: Cell::new(0),
        }
    }

    fn next_id(&self, what: &str) -> String {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        format!("{}--{what}-{n}", self.page.key)
    }

    fn render(&self, template: &str, mut context: Context, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        context.insert("words", &self.site.config.words);
        context.insert("body", &call.body_html);
        self.site.theme.tera.render(template, &context).map_err(|err| {
            Diagnostic::error(source, format!("the template `{template}` failed for this `{}` block: {}", call.name, error_chain(&err)))
                .at_line(call.line)
                .help("check the template in your theme folder, or delete it to use the built-in one")
        })
    }

    fn quote(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        let name = call.attr("name").filter(|n| !n.is_empty());
        context.insert("name", &name);
        context.insert("function", &call.attr("function"));
        let portrait = match call.attr("portrait") {
            Some(path) if !path.is_empty() => {
                if name.is_none() {
                    return Err(Diagnostic::error(source, "a quote with a portrait needs a `name:`")
                        .at_line(call.line)
                        .help("add `name: …` (a role is fine, e.g. `name: Bestuurder`), or remove the portrait"));
                }
                // Escaped here and marked safe in the template, so `/` stays readable.
                Some(escape_attribute(&self.link(path, true, source, setting_line(call, "portrait"))?))
            }
            _ => None,
        };
        context.insert("portrait", &portrait);
        context.insert("portrait_alt", &name.map(|n| format!("Portret: {n}")));
        context.insert("span", &self.span(call, source)?);
        self.render("directives/quote.html", context, call, source)
    }

    /// A result block: a short label (optional; a text-heavy report may not have one), the
    /// question, and its content.
    fn result(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("label", &call.attr("label").filter(|l| !l.trim().is_empty()));
        context.insert("finding", &call.attr("finding").filter(|f| !f.trim().is_empty()));
        context.insert("text", &call.attr("text"));
        context.insert("id", &self.next_id("result"));
        context.insert("span", &self.span(call, source)?);
        self.render("directives/result.html", context, call, source)
    }

    /// `span:` of a result or quote: how many columns of the sheet's grid it takes.
    fn span(&self, call: &DirectiveCall, source: &Path) -> Result<u8, Diagnostic> {
        let columns = self.site.theme.settings.sheet.columns;
        match call.attr("span") {
            None => Ok(1),
            Some(text) => parse_span(text, columns).ok_or_else(|| {
                Diagnostic::error(source, format!("`span: {text}` is not a width on this sheet"))
                    .at_line(setting_line(call, "span"))
                    .help(format!("write how many of the sheet's {columns} columns the block takes: a whole number from 1 to {columns}"))
            }),
        }
    }

    /// The slot a chart is drawn for: the full width of the sheet's content, narrowed by
    /// the blocks around the chart (a result's span, a share of `columns`).
    fn chart_frame(&self, outer: &[OuterBlock]) -> Frame {
        let sheet = &self.site.theme.settings.sheet;
        // A report is one column: every chart takes the article's width.
        if self.site.config.mode == crate::config::LayoutMode::Report {
            return Frame::new(sheet.article, sheet.phone);
        }
        let mut width = sheet.content;
        for block in outer {
            match block.name.as_str() {
                // A wrong setting is reported when the outer block itself renders.
                "result" | "quote" | "stack" | "box" => {
                    let span = block.attr("span").and_then(|text| parse_span(text, sheet.columns)).unwrap_or(1);
                    width = width.min(sheet.span_width(span));
                }
                "columns" => width = sheet.share(width, block.attr("count").and_then(parse_count).unwrap_or(2)),
                _ => {}
            }
        }
        Frame::new(width, sheet.phone)
    }

    /// Blocks one under another in one place of the sheet's grid.
    fn stack(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("span", &self.span(call, source)?);
        self.render("directives/stack.html", context, call, source)
    }

    /// A box with a title and a variant the theme styles (recommendation, explanation, …).
    fn boxed(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let variants = &self.site.theme.settings.boxes.variants;
        let variant = match call.attr("variant").map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(name) if variants.iter().any(|known| known == name) => Some(name),
            Some(name) => {
                return Err(Diagnostic::error(source, format!("the theme has no box variant `{name}` (known: {})", variants.join(", ")))
                    .at_line(setting_line(call, "variant"))
                    .help("use one of the known variants, or add it to `[boxes] variants` in your theme's theme.toml and style `.box-<variant>` in its static/site.css"))
            }
        };
        let mut context = Context::new();
        context.insert("title", &call.attr("title").filter(|t| !t.trim().is_empty()));
        context.insert("variant", &variant);
        // Without `span:` a box is part of the text and takes its whole width.
        let span = call.attr("span").map(|_| self.span(call, source)).transpose()?;
        context.insert("span", &span);
        context.insert("id", &self.next_id("box"));
        self.render("directives/box.html", context, call, source)
    }

    fn columns(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let count = match call.attr("count") {
            None => 2,
            Some(text) => parse_count(text).ok_or_else(|| {
                Diagnostic::error(source, format!("`count: {text}` is not a number of columns"))
                    .at_line(setting_line(call, "count"))
                    .help("write a whole number from 1 to 6, e.g. `count: 3`")
            })?,
        };
        let mut context = Context::new();
        context.insert("count", &count);
        self.render("directives/columns.html", context, call, source)
    }

    fn cards(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        if call.parts.is_empty() {
            return Err(Diagnostic::error(source, "a cards block holds no cards")
                .at_line(call.line)
                .help("start each card with a `### Title` line"));
        }
        let cards: Vec<Card> = call
            .parts
            .iter()
            .enumerate()
            .map(|(i, part)| Card { number: format!("{:02}", i + 1), title_html: part.title_html.clone(), html: part.html.clone() })
            .collect();
        let mut context = Context::new();
        context.insert("cards", &cards);
        self.render("directives/cards.html", context, call, source)
    }

    fn footnotes(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        if call.parts.is_empty() {
            return Err(Diagnostic::error(source, "a footnotes block holds no notes")
                .at_line(call.line)
                .help("write each note as a list item: `- De toelichting.`"));
        }
        let notes: Vec<MarkedNote> =
            call.parts.iter().enumerate().map(|(i, part)| MarkedNote { mark: "*".repeat(i + 1), html: part.html.clone() }).collect();
        let mut context = Context::new();
        context.insert("notes", &notes);
        self.render("directives/footnotes.html", context, call, source)
    }

    fn chart(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let at = |message: String, help: &str| Diagnostic::error(source, message).at_line(call.line).help(help.to_string());
        let question_id = call
            .attr("question")
            .filter(|q| !q.is_empty())
            .ok_or_else(|| at("a chart needs a question".into(), "add a line `question: <id>` with the id of a question in data/"))?;
        let question = self.site.results.question(question_id).ok_or_else(|| {
            at(
                format!("there is no question `{question_id}` in data/ (known: {})", shorten(&self.site.results.ids())),
                "check the spelling, or add the question to a file in data/",
            )
        })?;
        let kind =
            ChartKind::parse(call.attr("kind").unwrap_or("bars")).map_err(|message| at(message, "see docs/data.md for the chart kinds"))?;
        let years = match call.attr("years") {
            None => None,
            Some(text) => Some(
                list(text)
                    .into_iter()
                    .map(|year| {
                        year.parse::<Year>().map_err(|_| {
                            Diagnostic::error(source, format!("`{year}` is not a year"))
                                .at_line(setting_line(call, "years"))
                                .help("write years in digits, newest first, e.g. `years: 2026, 2025`")
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let changes = match call.attr("changes").map(str::trim) {
            None | Some("false") => None,
            Some("true") => {
                let tested = self.site.results.significant_changes.as_ref().ok_or_else(|| {
                    at(
                        "`changes: true` marks the changes the research report tests, but this monitor has no survey (survey/codebook.yaml)".into(),
                        "leave `changes:` out, or add the survey's codebook and exports (see docs/survey.md)",
                    )
                })?;
                Some(tested.get(question_id).cloned().unwrap_or_default())
            }
            Some(other) => {
                return Err(Diagnostic::error(source, format!("`changes: {other}` is not understood"))
                    .at_line(setting_line(call, "changes"))
                    .help("write `changes: true` to mark significant changes since the year before with ▲ and ▼"))
            }
        };
        let spec = ChartSpec {
            changes,
            kind,
            years,
            options: call.attr("options").map(|text| list(text).into_iter().map(String::from).collect()),
            items: call.attr("items").map(|text| list(text).into_iter().map(String::from).collect()),
            title: call.attr("title").map(String::from),
            order: charts::Order::parse(call.attr("order")).map_err(|message| at(message, "leave `order:` out to sort by value"))?,
        };
        let id = self.next_id("chart");
        let started = std::time::Instant::now();
        let chart = charts::render(&spec, question, &self.site.chart_style, &id, self.chart_frame(&call.outer))
            .map_err(|err| at(err.to_string(), "check the chart's settings against the question in data/"))?;
        self.chart_time.set(self.chart_time.get() + started.elapsed());
        let mut context = Context::new();
        context.insert("id", &id);
        context.insert("kind", kind.name());
        // In a figure, the figure's numbered caption is the chart's title; in a result block
        // with a heading (its label or finding), that heading and the question say what the
        // chart shows, so its title is not printed a third time (it stays the drawing's
        // accessible name and the table's caption).
        let titled_by_block = call.outer.last().is_some_and(|block| match block.name.as_str() {
            "figure" => true,
            "result" => ["label", "finding"].iter().any(|key| block.attr(key).is_some_and(|v| !v.trim().is_empty())),
            _ => false,
        });
        context.insert("title", if titled_by_block { "" } else { chart.title.as_str() });
        context.insert("description", &chart.description);
        context.insert("svg", &chart.svg);
        context.insert("narrow_svg", &chart.narrow_svg);
        let table = TableView { caption: &chart.table.caption, header: &chart.table.header, rows: &chart.table.rows };
        context.insert("table", &table);
        let footnotes: Vec<&String> = question.footnotes.iter().chain(&chart.notes).collect();
        context.insert("footnotes", &footnotes);
        context.insert("source", &question.source.as_ref().or(self.site.config.data.source.as_ref()));
        context.insert("base", &chart.base);
        context.insert("question", &question.text);
        self.render("directives/chart.html", context, call, source)
    }
}

/// `span:` of a result or quote: a whole number of the sheet's `columns`.
fn parse_span(text: &str, columns: u8) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|n| (1..=columns).contains(n))
}

/// `count:` of a columns block: 1 to 6.
fn parse_count(text: &str) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|n| (1..=6).contains(n))
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('\'', "&#39;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The file line of a block's setting: settings stand one per line right after `::: name`.
fn setting_line(call: &DirectiveCall, key: &str) -> usize {
    call.attrs.iter().position(|(k, _)| k == key).map_or(call.line, |index| call.line + 1 + index)
}

fn list(text: &str) -> Vec<&str> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

impl Hooks for PageHooks<'_> {
    fn directive(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        match call.name.as_str() {
            "quote" => self.quote(call, source),
            "result" => self.result(call, source),
            "columns" => self.columns(call, source),
            "stack" => self.stack(call, source),
            "box" => self.boxed(call, source),
            "cards" => self.cards(call, source),
            "footnotes" => self.footnotes(call, source),
            "chart" => self.chart(call, source),
            "table" => self.captioned(call, Kind::Table, source),
            "figure" => self.captioned(call, Kind::Figure, source),
            // The Markdown stage only passes names from its DIRECTIVES table.
            other => Err(Diagnostic::error(source, format!("the block `::: {other}` has no template")).at_line(call.line)),
        }
    }

    fn cite(&self, reference: &str, source: &Path, line: usize) -> Result<String, Diagnostic> {
        let format = &self.site.chart_style.format;
        match self.site.results.cite(reference) {
            Ok(Cited::Value { value, unit }) => Ok(charts::value_text(value, &unit, format)),
            Ok(Cited::Respondents(n)) => Ok(format.format(f64::from(n), 0)),
            Err(message) => {
                Err(Diagnostic::error(source, message).at_line(line).help("a citation reads {{question.option.year}}, with ids from data/"))
            }
        }
    }

    fn reference_label(&self, destination: &str) -> Option<String> {
        // `#tabel-x`, or `pagina.md#tabel-x`: the block is found by its id alone.
        let numbered = self.site.numbers.by_anchor(destination.rsplit_once('#')?.1)?;
        Some(numbered.label.clone())
    }

    fn section_number(&self) -> Option<String> {
        self.site.outline.section_of(self.page)
    }

    fn link(&self, destination: &str, is_image: bool, source: &Path, line: usize) -> Result<String, Diagnostic> {
        let (mut media, mut anchors) = (self.media.borrow_mut(), Vec::new());
        let address = links::rewrite(
            destination,
            is_image,
            self.site.root,
            source,
            &self.page.key,
            &self.site.link_targets,
            links::Found { media: &mut media, anchors: &mut anchors },
        )
        .map_err(|message| links::link_error(source, line, message))?;
        self.anchors.borrow_mut().extend(anchors.into_iter().map(|(page_key, id)| links::WantedAnchor {
            page_key,
            id,
            written: destination.to_string(),
            source: source.to_path_buf(),
            line,
        }));
        Ok(address)
    }
}
