//! `::: result`: one result of the survey: a short label, the question as asked, and what
//! was found (a chart, text).

use std::path::Path;

use tera::Context;

use super::{Block, Body, Kind, Reader, Renamed, Setting, Slot, Value};
use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "result",
    about: "a result block: a label, the question as asked, and a chart or text",
    settings: &[
        Setting {
            name: "label",
            value: Value::Text,
            about: "a short label: the heading without a finding, beside the question with one (optional)",
        },
        Setting { name: "finding", value: Value::Text, about: "the block's takeaway in one sentence, its heading (optional)" },
        Setting { name: "text", value: Value::Text, about: "the question as respondents read it" },
        Setting { name: "span", value: Value::Span, about: "how many columns of the sheet's grid the block takes (default 1)" },
    ],
    renamed: &[Renamed { old: "question", new: "text", old_now: "`question:` now only names a question from data/ in a `::: chart`" }],
    body: Body::Whole,
    read: |settings| Box::new(read(settings)),
};

#[derive(Debug)]
struct ResultBlock {
    label: Option<String>,
    finding: Option<String>,
    text: Option<String>,
    span: u8,
}

fn read(settings: &mut Reader) -> ResultBlock {
    ResultBlock {
        label: settings.filled("label"),
        finding: settings.filled("finding"),
        text: settings.text("text"),
        span: settings.span().unwrap_or(1),
    }
}

impl Block for ResultBlock {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("label", &self.label);
        context.insert("finding", &self.finding);
        context.insert("text", &self.text);
        context.insert("id", &page.next_id("result"));
        context.insert("span", &self.span);
        page.render_template("directives/result.html", context, call, source)
    }

    fn slot(&self) -> Slot {
        Slot::Span(self.span)
    }

    /// Its heading (label or finding) and the question say what a chart in it shows.
    fn titles_its_chart(&self) -> bool {
        self.label.is_some() || self.finding.is_some()
    }
}
