//! `::: box`: a box with a title and a variant the theme styles (recommendation,
//! explanation, …).

use std::path::Path;

use tera::Context;

use super::{Block, Body, Kind, Reader, Setting, Slot, Value};
use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "box",
    about: "a box with a title, coloured by its variant (a recommendation, an explanation, a frame)",
    settings: &[
        Setting { name: "title", value: Value::Text, about: "the box's title (optional)" },
        Setting { name: "variant", value: Value::Variant, about: "the box's colour and meaning; without it a plain box" },
        Setting {
            name: "span",
            value: Value::Span,
            about: "on a results page, how many columns of the sheet's grid the box takes; without it the box is part of the text",
        },
    ],
    renamed: &[],
    body: Body::Whole,
    read: |settings| Box::new(read(settings)),
};

#[derive(Debug)]
struct Boxed {
    title: Option<String>,
    variant: Option<String>,
    /// Without `span:` a box is part of the text and takes its whole width.
    span: Option<u8>,
}

fn read(settings: &mut Reader) -> Boxed {
    Boxed { title: settings.filled("title"), variant: settings.variant("variant"), span: settings.span() }
}

impl Block for Boxed {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("title", &self.title);
        context.insert("variant", &self.variant);
        context.insert("span", &self.span);
        context.insert("id", &page.next_id("box"));
        page.render_template("directives/box.html", context, call, source)
    }

    fn slot(&self) -> Slot {
        // A chart in a box without `span:` is drawn for one column, as in a result block:
        // the box may stand in one column of the grid.
        Slot::Span(self.span.unwrap_or(1))
    }
}
