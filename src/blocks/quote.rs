//! `::: quote`: what someone said, with their name, function and portrait when given.

use std::path::Path;

use tera::Context;

use super::{At, Block, Body, Kind, Reader, Setting, Slot, Value};
use crate::diagnostic::Diagnostic;
use crate::markdown::{DirectiveCall, Hooks};
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "quote",
    about: "a quote box: what a respondent or a named person said",
    settings: &[
        Setting { name: "name", value: Value::Text, about: "who said it (a name or a role); without it the quote is anonymous" },
        Setting { name: "function", value: Value::Text, about: "their function or organisation, under the name" },
        Setting { name: "portrait", value: Value::Picture, about: "a portrait beside the name (needs `name:`)" },
        Setting { name: "span", value: Value::Span, about: "how many columns of the sheet's grid the quote takes (default 1)" },
    ],
    renamed: &[],
    body: Body::Whole,
    read: |settings| Box::new(read(settings)),
};

#[derive(Debug)]
struct Quote {
    name: Option<String>,
    function: Option<String>,
    portrait: Option<At<String>>,
    span: u8,
}

fn read(settings: &mut Reader) -> Quote {
    Quote {
        name: settings.filled("name"),
        function: settings.text("function"),
        portrait: settings.picture("portrait"),
        span: settings.span().unwrap_or(1),
    }
}

impl Block for Quote {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("name", &self.name);
        context.insert("function", &self.function);
        let portrait = match &self.portrait {
            Some(portrait) => {
                if self.name.is_none() {
                    return Err(Diagnostic::error(source, "a quote with a portrait needs a `name:`")
                        .at_line(call.line)
                        .help("add `name: …` (a role is fine, e.g. `name: Bestuurder`), or remove the portrait"));
                }
                // Escaped here and marked safe in the template, so `/` stays readable.
                Some(escape_attribute(&page.link(&portrait.value, true, source, portrait.line)?))
            }
            None => None,
        };
        context.insert("portrait", &portrait);
        context.insert("portrait_alt", &self.name.as_ref().map(|n| format!("Portret: {n}")));
        context.insert("span", &self.span);
        page.render_template("directives/quote.html", context, call, source)
    }

    fn slot(&self) -> Slot {
        Slot::Span(self.span)
    }
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('\'', "&#39;").replace('<', "&lt;").replace('>', "&gt;")
}
