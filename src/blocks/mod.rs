//! The blocks an author writes as `::: name` … `:::`: one file per kind, each with its typed
//! settings, how they are read and how the block is rendered, and one registry (`KINDS`)
//! that lists them all. The Markdown stage finds blocks and reads their settings through the
//! registry; the render stage renders them through it; the docs' table of blocks and the
//! "unknown setting" messages come from it. Adding a block kind is one file here and one
//! line in `KINDS`.

mod boxed;
mod captioned;
mod cards;
mod chart;
mod columns;
mod footnotes;
mod quote;
mod reference;
mod result;
mod settings;
mod stack;

use std::fmt::Debug;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::markdown::DirectiveCall;
use crate::render::directives::PageHooks;

pub use reference::reference_table;
pub use settings::{At, Reader, Written};

/// Every block an author can write, in the order the docs and messages list them.
pub const KINDS: &[&Kind] = &[
    &quote::KIND,
    &result::KIND,
    &columns::KIND,
    &stack::KIND,
    &boxed::KIND,
    &cards::KIND,
    &footnotes::KIND,
    &chart::KIND,
    &captioned::TABLE,
    &captioned::FIGURE,
];

/// One kind of block: its name, what it is for, its settings and how it reads them.
pub struct Kind {
    pub name: &'static str,
    /// What the block is, in one line (the docs' table of blocks).
    pub about: &'static str,
    pub settings: &'static [Setting],
    /// Settings under an old name, which get a message that says what to write instead.
    pub renamed: &'static [Renamed],
    /// How the Markdown stage splits the block's body before it is rendered.
    pub body: Body,
    /// Reads the block's settings; a setting that is wrong is noted in the reader, and the
    /// block is not rendered.
    pub read: fn(&mut Reader) -> Box<dyn Block>,
}

/// A setting a block takes.
pub struct Setting {
    pub name: &'static str,
    pub value: Value,
    /// What it means, in one line.
    pub about: &'static str,
}

/// A setting under its old name.
pub struct Renamed {
    pub old: &'static str,
    pub new: &'static str,
    /// What the old name means now.
    pub old_now: &'static str,
}

/// The kind of value a setting takes; each has one reader in `settings.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// Text on one line.
    Text,
    /// A picture's path, relative to the Markdown file.
    Picture,
    /// How many of the sheet's grid columns a block takes.
    Span,
    /// A number of text columns, 1 to 6.
    Count,
    /// A box variant of the theme (`[boxes] variants`).
    Variant,
    /// The id of a question in data/.
    Question,
    /// A chart kind.
    ChartKind,
    /// The order of a chart's options.
    Order,
    /// Years, newest first.
    Years,
    /// Ids from data/, separated by commas.
    Ids,
    /// `true` or `false`.
    Flag,
    /// An id for links: lowercase letters, digits and hyphens.
    Id,
}

impl Value {
    /// What an author writes, for the docs' table.
    pub fn describe(self) -> &'static str {
        match self {
            Value::Text => "text",
            Value::Picture => "a picture's path, relative to the page",
            Value::Span => "a whole number from 1 to the sheet's columns (3 in the default theme)",
            Value::Count => "a whole number from 1 to 6",
            Value::Variant => "a box variant of the theme (`aanbeveling`, `toelichting`, `kader` in the default theme)",
            Value::Question => "a question id from data/",
            Value::ChartKind => "a chart kind (see charts.md)",
            Value::Order => "`value` or `data`",
            Value::Years => "years in digits, newest first, separated by commas",
            Value::Ids => "ids from data/, separated by commas",
            Value::Flag => "`true` or `false`",
            Value::Id => "lowercase letters, digits and hyphens",
        }
    }
}

/// What the Markdown stage does with a block's body before the block is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Rendered whole.
    Whole,
    /// One part per `###` heading (cards).
    Headings,
    /// One part per list item (footnotes).
    ListItems,
    /// What it starts with (a table, a picture, a block) and the rest (numbered blocks).
    Lead,
}

/// What a block does to the width of a chart inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Nothing: the chart is as wide as the block around this one.
    Same,
    /// The block takes this many columns of the sheet's grid.
    Span(u8),
    /// The block shares its width among this many text columns.
    Share(u8),
}

/// A block whose settings are read: what the render stage renders.
pub trait Block: Debug {
    /// The block's HTML.
    fn render(&self, page: &PageHooks, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic>;
    /// What the block does to the width of a chart inside it.
    fn slot(&self) -> Slot {
        Slot::Same
    }
    /// Whether the block's own heading names a chart inside it, so the chart's title is not
    /// printed again (it stays the drawing's accessible name and the table's caption).
    fn titles_its_chart(&self) -> bool {
        false
    }
}

/// What the theme decides about settings: how many columns a span may take, which box
/// variants exist.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules<'a> {
    pub columns: u8,
    pub variants: &'a [String],
}

/// The block kind called `name`.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|kind| kind.name == name)
}

impl Kind {
    pub fn setting(&self, name: &str) -> Option<&'static Setting> {
        self.settings.iter().find(|setting| setting.name == name)
    }

    /// The names of the settings, for "use one of: …".
    pub fn setting_names(&self) -> Vec<&'static str> {
        self.settings.iter().map(|setting| setting.name).collect()
    }
}

impl PartialEq for Kind {
    fn eq(&self, other: &Kind) -> bool {
        self.name == other.name
    }
}

impl Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kind({})", self.name)
    }
}

#[cfg(test)]
mod tests;
