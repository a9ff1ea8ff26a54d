//! `::: chart`: one question from data/ drawn as a chart, with its data table.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use super::{At, Block, Body, Kind, Reader, Setting, Value};
use crate::charts::{self, ChartKind, ChartSpec, Order};
use crate::data::model::Year;
use crate::data::shorten;
use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "chart",
    about: "a question from data/ drawn as a chart, with its figures in a table",
    settings: &[
        Setting { name: "question", value: Value::Question, about: "the question to draw (required)" },
        Setting { name: "kind", value: Value::ChartKind, about: "how to draw it (default `bars`)" },
        Setting { name: "years", value: Value::Years, about: "the years to show (default: every year in the data)" },
        Setting { name: "options", value: Value::Ids, about: "the answer options to show, in this order (default: all)" },
        Setting { name: "items", value: Value::Ids, about: "the items of a question about several themes (default: all)" },
        Setting { name: "title", value: Value::Text, about: "the chart's title (default: the question's label)" },
        Setting { name: "changes", value: Value::Flag, about: "`true` marks significant changes since the year before with ▲ and ▼" },
        Setting {
            name: "order",
            value: Value::Order,
            about: "`data` keeps the options in the data file's order; `value` (the default) sorts options without a tone by value",
        },
    ],
    renamed: &[],
    body: Body::Whole,
    read: |settings| Box::new(read(settings)),
};

const CHANGES_HELP: &str = "write `changes: true` to mark significant changes since the year before with ▲ and ▼";

#[derive(Debug)]
struct Chart {
    question: At<String>,
    kind: ChartKind,
    years: Option<Vec<Year>>,
    options: Option<Vec<String>>,
    items: Option<Vec<String>>,
    title: Option<String>,
    /// `changes: true`, with its line.
    changes: Option<At<bool>>,
    order: Order,
}

fn read(settings: &mut Reader) -> Chart {
    let line = settings.line();
    Chart {
        question: settings.question("question").unwrap_or(At { value: String::new(), line }),
        kind: settings.chart_kind("kind").unwrap_or(ChartKind::Bars),
        years: settings.years("years"),
        options: settings.ids("options"),
        items: settings.ids("items"),
        title: settings.text("title"),
        changes: settings.flag("changes", CHANGES_HELP).filter(|changes| changes.value),
        order: settings.order("order").unwrap_or_default(),
    }
}

/// A chart's data table as the template sees it.
#[derive(Serialize)]
struct TableView<'t> {
    caption: &'t str,
    header: &'t [String],
    rows: &'t [Vec<String>],
}

impl Block for Chart {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let at = |line: usize, message: String, help: &str| Diagnostic::error(source, message).at_line(line).help(help.to_string());
        let results = page.site.results;
        let question_id = &self.question.value;
        let question = results.question(question_id).ok_or_else(|| {
            at(
                self.question.line,
                format!("there is no question `{question_id}` in data/ (known: {})", shorten(&results.ids())),
                "check the spelling, or add the question to a file in data/",
            )
        })?;
        let changes = match &self.changes {
            None => None,
            Some(changes) => {
                let tested = results.significant_changes.as_ref().ok_or_else(|| {
                    at(
                        changes.line,
                        "`changes: true` marks the changes the research report tests, but this monitor has no survey (survey/codebook.yaml)".into(),
                        "leave `changes:` out, or add the survey's codebook and exports (see docs/survey.md)",
                    )
                })?;
                Some(tested.get(question_id).cloned().unwrap_or_default())
            }
        };
        let spec = ChartSpec {
            changes,
            kind: self.kind,
            years: self.years.clone(),
            options: self.options.clone(),
            items: self.items.clone(),
            title: self.title.clone(),
            order: self.order,
        };
        let id = page.next_id("chart");
        let started = std::time::Instant::now();
        let chart = charts::render(&spec, question, &page.site.chart_style, &id, page.chart_frame(&call.outer))
            .map_err(|err| at(call.line, err.to_string(), "check the chart's settings against the question in data/"))?;
        page.chart_time.set(page.chart_time.get() + started.elapsed());
        let mut context = Context::new();
        context.insert("id", &id);
        context.insert("kind", self.kind.name());
        // In a figure, the figure's numbered caption is the chart's title; in a result block
        // with a heading (its label or finding), that heading and the question say what the
        // chart shows, so its title is not printed a third time.
        let titled_by_block = call.outer.last().is_some_and(|block| block.block.titles_its_chart());
        context.insert("title", if titled_by_block { "" } else { chart.title.as_str() });
        context.insert("description", &chart.description);
        context.insert("svg", &chart.svg);
        context.insert("narrow_svg", &chart.narrow_svg);
        let table = TableView { caption: &chart.table.caption, header: &chart.table.header, rows: &chart.table.rows };
        context.insert("table", &table);
        let footnotes: Vec<&String> = question.footnotes.iter().chain(&chart.notes).collect();
        context.insert("footnotes", &footnotes);
        context.insert("source", &question.source.as_ref().or(page.site.config.data.source.as_ref()));
        context.insert("base", &chart.base);
        context.insert("question", &question.text);
        page.render_template("directives/chart.html", context, call, source)
    }
}
