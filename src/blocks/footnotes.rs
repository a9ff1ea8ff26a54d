//! `::: footnotes`: notes marked *, **, …, one per list item.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use super::{Block, Body, Kind};
use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "footnotes",
    about: "notes marked *, **, …: one per list item",
    settings: &[],
    renamed: &[],
    body: Body::ListItems,
    read: |_| Box::new(Footnotes),
};

#[derive(Debug)]
struct Footnotes;

#[derive(Serialize)]
struct MarkedNote {
    mark: String,
    html: String,
}

impl Block for Footnotes {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        if call.parts.is_empty() {
            return Err(Diagnostic::error(source, "a footnotes block holds no notes")
                .at_line(call.line)
                .help("write each note as a list item: `- De toelichting.`"));
        }
        let notes: Vec<MarkedNote> =
            call.parts.iter().enumerate().map(|(i, part)| MarkedNote { mark: "*".repeat(i + 1), html: part.html.clone() }).collect();
        let mut context = Context::new();
        context.insert("notes", &notes);
        page.render_template("directives/footnotes.html", context, call, source)
    }
}
