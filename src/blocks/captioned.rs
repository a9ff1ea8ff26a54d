//! `::: table` and `::: figure`: a table, or a picture or chart, with a numbered caption
//! ("Tabel 1"), notes and a source line.

use std::path::Path;

use tera::Context;

use super::{At, Block, Body, Kind, Reader, Setting, Value};
use crate::diagnostic::Diagnostic;
use crate::markdown::{DirectiveCall, Lead};
use crate::render::directives::PageHooks;
use crate::render::numbers;

const SETTINGS: &[Setting] = &[
    Setting {
        name: "id",
        value: Value::Id,
        about: "the id that links point to, after the word: `#tabel-<id>` (default: the number, `#tabel-2`)",
    },
    Setting { name: "caption", value: Value::Text, about: "the caption after the number (required)" },
    Setting { name: "source", value: Value::Text, about: "where the figures come from, under the notes" },
];

pub const TABLE: Kind = Kind {
    name: "table",
    about: "a Markdown table with a numbered caption, notes and a source",
    settings: SETTINGS,
    renamed: &[],
    body: Body::Lead,
    read: |settings| Box::new(read(settings, numbers::Kind::Table)),
};

pub const FIGURE: Kind = Kind {
    name: "figure",
    about: "a picture or a chart with a numbered caption, notes and a source",
    settings: SETTINGS,
    renamed: &[],
    body: Body::Lead,
    read: |settings| Box::new(read(settings, numbers::Kind::Figure)),
};

#[derive(Debug)]
struct Captioned {
    kind: numbers::Kind,
    id: Option<At<String>>,
    caption: String,
    source: Option<String>,
}

fn read(settings: &mut Reader, kind: numbers::Kind) -> Captioned {
    let name = kind_name(kind);
    let help = format!("add a line such as `caption: Contractduur per zorgkantoor` right after `::: {name}`");
    Captioned {
        kind,
        id: settings.id("id"),
        caption: settings.required("caption", help).unwrap_or_default(),
        source: settings.filled("source"),
    }
}

fn kind_name(kind: numbers::Kind) -> &'static str {
    match kind {
        numbers::Kind::Table => TABLE.name,
        numbers::Kind::Figure => FIGURE.name,
    }
}

impl Block for Captioned {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let name = kind_name(self.kind);
        self.check_lead(call, source)?;
        let numbers = &page.site.numbers;
        let Some(numbered) = numbers.at(&page.page.key, call.line) else {
            return Err(Diagnostic::error(source, format!("this `{name}` block was not found when the publication was numbered"))
                .at_line(call.line)
                .help("start the block's `:::` line at most three spaces in, as other blocks"));
        };
        if let Some(first) = numbers.taken_by_another(&numbered.anchor, &page.page.key, call.line) {
            return Err(Diagnostic::error(source, format!("the id `{}` is already taken by {}", numbered.anchor, first.label))
                .at_line(self.id.as_ref().map_or(call.line, |id| id.line))
                .help("give each table and figure an `id:` of its own"));
        }
        let part = |index: usize| call.parts.get(index).map(|p| p.html.trim().to_string()).filter(|html| !html.is_empty());
        let mut context = Context::new();
        context.insert("id", &format!("{}--{}", page.page.key, numbered.anchor));
        context.insert("label", &numbered.label);
        context.insert("caption", &self.caption);
        context.insert("content", &part(0));
        context.insert("notes", &part(1));
        context.insert("source", &self.source);
        let template = match self.kind {
            numbers::Kind::Table => "directives/table.html",
            numbers::Kind::Figure => "directives/figure.html",
        };
        page.render_template(template, context, call, source)
    }

    /// A figure's numbered caption is the title of the chart in it.
    fn titles_its_chart(&self) -> bool {
        self.kind == numbers::Kind::Figure
    }
}

impl Captioned {
    /// A table block starts with its Markdown table, a figure with its picture or chart.
    fn check_lead(&self, call: &DirectiveCall, source: &Path) -> Result<(), Diagnostic> {
        let lead = call.lead.unwrap_or(Lead::Nothing);
        match (self.kind, lead) {
            (numbers::Kind::Table, Lead::Table) | (numbers::Kind::Figure, Lead::Image | Lead::Block) => Ok(()),
            (numbers::Kind::Table, _) => Err(Diagnostic::error(source, "a `table` block does not start with a table")
                .at_line(call.line)
                .help("put the Markdown table (lines that start with `|`) first in the block, after a blank line; notes go below it")),
            (numbers::Kind::Figure, _) => Err(Diagnostic::error(source, "a `figure` block does not start with a picture or a chart")
                .at_line(call.line)
                .help("put an image (`![Beschrijving](beeld.png)` on a line of its own) or a `::: chart` block first in the block; notes go below it")),
        }
    }
}
