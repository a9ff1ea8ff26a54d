//! `::: columns`: text set in columns.

use std::path::Path;

use tera::Context;

use super::{Block, Body, Kind, Setting, Slot, Value};
use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "columns",
    about: "text (a long list, for example) set in columns",
    settings: &[Setting { name: "count", value: Value::Count, about: "how many columns (default 2)" }],
    renamed: &[],
    body: Body::Whole,
    read: |settings| Box::new(Columns { count: settings.count("count").unwrap_or(2) }),
};

#[derive(Debug)]
struct Columns {
    count: u8,
}

impl Block for Columns {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("count", &self.count);
        page.render_template("directives/columns.html", context, call, source)
    }

    fn slot(&self) -> Slot {
        Slot::Share(self.count)
    }
}
