//! `::: table` and `::: figure`: a table, or a picture or chart, with a numbered caption
//! ("Tabel 1"), notes and a source line.

use std::path::Path;

use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::markdown::{DirectiveCall, Lead};
use crate::render::numbers::Kind;
use crate::slug::is_slug;

use super::{setting_line, PageHooks};

impl PageHooks<'_> {
    pub(super) fn captioned(&self, call: &DirectiveCall, kind: Kind, source: &Path) -> Result<String, Diagnostic> {
        let name = &call.name;
        let caption = call.attr("caption").map(str::trim).filter(|c| !c.is_empty()).ok_or_else(|| {
            Diagnostic::error(source, format!("a `{name}` block needs a caption"))
                .at_line(call.line)
                .help(format!("add a line such as `caption: Contractduur per zorgkantoor` right after `::: {name}`"))
        })?;
        if let Some(id) = call.attr("id").map(str::trim) {
            if !is_slug(id) {
                return Err(Diagnostic::error(source, format!("`id: {id}` is not an id"))
                    .at_line(setting_line(call, "id"))
                    .help("write lowercase letters, digits and hyphens only, e.g. `id: contractduur`"));
            }
        }
        self.check_lead(call, kind, source)?;
        let numbers = &self.site.numbers;
        let Some(numbered) = numbers.at(&self.page.key, call.line) else {
            return Err(Diagnostic::error(source, format!("this `{name}` block was not found when the publication was numbered"))
                .at_line(call.line)
                .help("start the block's `:::` line at most three spaces in, as other blocks"));
        };
        if let Some(first) = numbers.taken_by_another(&numbered.anchor, &self.page.key, call.line) {
            return Err(Diagnostic::error(source, format!("the id `{}` is already taken by {}", numbered.anchor, first.label))
                .at_line(setting_line(call, "id"))
                .help("give each table and figure an `id:` of its own"));
        }
        let part = |index: usize| call.parts.get(index).map(|p| p.html.trim().to_string()).filter(|html| !html.is_empty());
        let mut context = Context::new();
        context.insert("id", &format!("{}--{}", self.page.key, numbered.anchor));
        context.insert("label", &numbered.label);
        context.insert("caption", caption);
        context.insert("content", &part(0));
        context.insert("notes", &part(1));
        context.insert("source", &call.attr("source").map(str::trim).filter(|s| !s.is_empty()));
        let template = match kind {
            Kind::Table => "directives/table.html",
            Kind::Figure => "directives/figure.html",
        };
        self.render(template, context, call, source)
    }

    /// A table block starts with its Markdown table, a figure with its picture or chart.
    fn check_lead(&self, call: &DirectiveCall, kind: Kind, source: &Path) -> Result<(), Diagnostic> {
        let lead = call.lead.unwrap_or(Lead::Nothing);
        match (kind, lead) {
            (Kind::Table, Lead::Table) | (Kind::Figure, Lead::Image | Lead::Block) => Ok(()),
            (Kind::Table, _) => Err(Diagnostic::error(source, "a `table` block does not start with a table")
                .at_line(call.line)
                .help("put the Markdown table (lines that start with `|`) first in the block, after a blank line; notes go below it")),
            (Kind::Figure, _) => Err(Diagnostic::error(source, "a `figure` block does not start with a picture or a chart")
                .at_line(call.line)
                .help("put an image (`![Beschrijving](beeld.png)` on a line of its own) or a `::: chart` block first in the block; notes go below it")),
        }
    }
}
