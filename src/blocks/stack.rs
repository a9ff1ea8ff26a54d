//! `::: stack`: blocks one under another in one place of the sheet's grid.

use std::path::Path;

use tera::Context;

use super::{Block, Body, Kind, Setting, Slot, Value};
use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "stack",
    about: "blocks one under another in one place of the sheet's grid",
    settings: &[Setting { name: "span", value: Value::Span, about: "how many columns of the sheet's grid the stack takes (default 1)" }],
    renamed: &[],
    body: Body::Whole,
    read: |settings| Box::new(Stack { span: settings.span().unwrap_or(1) }),
};

#[derive(Debug)]
struct Stack {
    span: u8,
}

impl Block for Stack {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("span", &self.span);
        page.render_template("directives/stack.html", context, call, source)
    }

    fn slot(&self) -> Slot {
        Slot::Span(self.span)
    }
}
