//! `::: cards`: numbered cards, one per `###` heading.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use super::{Block, Body, Kind};
use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub const KIND: Kind = Kind {
    name: "cards",
    about: "numbered cards, one per `###` heading",
    settings: &[],
    renamed: &[],
    body: Body::Headings,
    read: |_| Box::new(Cards),
};

#[derive(Debug)]
struct Cards;

#[derive(Serialize)]
struct Card {
    number: String,
    title_html: String,
    html: String,
}

impl Block for Cards {
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
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
        page.render_template("directives/cards.html", context, call, source)
    }
}
