//! Numbered tables and figures: "Tabel 1", "Figuur 2", counted through the whole
//! publication in reading order. Pages render in parallel and independently, so the
//! numbers are settled first, in one pass over every page's blocks.

use std::collections::HashMap;

use crate::config::Words;
use crate::content::Content;
use crate::markdown::blocks;
use crate::slug::{is_slug, slugify};

/// The two kinds of numbered block, each counted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Table,
    Figure,
}

impl Kind {
    pub fn of_block(name: &str) -> Option<Kind> {
        match name {
            "table" => Some(Kind::Table),
            "figure" => Some(Kind::Figure),
            _ => None,
        }
    }

    /// The word before the number, in the site's language ("Tabel").
    pub fn word(self, words: &Words) -> &str {
        match self {
            Kind::Table => &words.table,
            Kind::Figure => &words.figure,
        }
    }
}

/// One numbered block of the publication.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbered {
    pub kind: Kind,
    pub number: usize,
    /// The page it stands on.
    pub page: usize,
    /// Its id within the page, "tabel-contracten" (the element's id carries the page key too).
    pub anchor: String,
    /// "Tabel 1".
    pub label: String,
}

/// Every numbered block of the publication, found by its place or by its anchor.
#[derive(Debug, Default)]
pub struct Numbers {
    entries: Vec<Numbered>,
    /// (page key, line of the opening `:::`) → entry.
    by_place: HashMap<(String, usize), usize>,
    /// Anchor → the first entry with it (a second one is an error when its page renders).
    by_anchor: HashMap<String, usize>,
}

impl Numbers {
    /// Numbers every `::: table` and `::: figure` of `content` in reading order. A page
    /// whose blocks cannot be read is skipped here; rendering it reports why.
    pub fn count(content: &Content, words: &Words) -> Numbers {
        let mut numbers = Numbers::default();
        let mut counts: HashMap<Kind, usize> = HashMap::new();
        for (page_index, page) in content.pages.iter().enumerate() {
            // Most pages hold no numbered block; reading their blocks would cost a parse each.
            if !opens_numbered_block(&page.body) {
                continue;
            }
            let mut found = Vec::new();
            collect(&page.body, page.body_line, page, &mut found);
            for (kind, line, id) in found {
                let count = counts.entry(kind).or_insert(0);
                *count += 1;
                let prefix = slugify(kind.word(words));
                let anchor = match id.filter(|id| is_slug(id)) {
                    Some(id) => format!("{prefix}-{id}"),
                    None => format!("{prefix}-{count}"),
                };
                let index = numbers.entries.len();
                numbers.by_place.insert((page.key.clone(), line), index);
                numbers.by_anchor.entry(anchor.clone()).or_insert(index);
                numbers.entries.push(Numbered {
                    kind,
                    number: *count,
                    page: page_index,
                    anchor,
                    label: format!("{} {count}", kind.word(words)),
                });
            }
        }
        numbers
    }

    /// The block whose opening `:::` is on `line` of the page with key `page`.
    pub fn at(&self, page: &str, line: usize) -> Option<&Numbered> {
        self.by_place.get(&(page.to_string(), line)).map(|&index| &self.entries[index])
    }

    /// The block a link's fragment (`tabel-contracten`) names.
    pub fn by_anchor(&self, anchor: &str) -> Option<&Numbered> {
        self.by_anchor.get(anchor).map(|&index| &self.entries[index])
    }

    /// Every anchor with the page its block is on.
    pub fn anchors(&self) -> impl Iterator<Item = (&str, usize)> {
        self.by_anchor.iter().map(|(anchor, &index)| (anchor.as_str(), self.entries[index].page))
    }

    /// Whether `anchor` is taken by a block other than the one at (`page`, `line`).
    pub fn taken_by_another(&self, anchor: &str, page: &str, line: usize) -> Option<&Numbered> {
        self.by_anchor(anchor).filter(|first| self.at(page, line) != Some(*first))
    }
}

/// Whether any line of `text` looks like `::: table` or `::: figure` (in code too: this
/// only decides whether the page's blocks are read).
fn opens_numbered_block(text: &str) -> bool {
    text.lines().any(|line| {
        let rest = line.trim_start().trim_start_matches(':');
        rest.len() + 3 <= line.trim_start().len() && matches!(rest.split_whitespace().next(), Some("table" | "figure"))
    })
}

/// The numbered blocks in `text` (nested ones too), in reading order: kind, line, `id:`.
fn collect(text: &str, first_line: usize, page: &crate::content::Page, found: &mut Vec<(Kind, usize, Option<String>)>) {
    let read = blocks::find(text, &page.source, first_line);
    if !read.problems.is_empty() {
        return;
    }
    for block in read.blocks {
        if let Some(kind) = Kind::of_block(block.kind.name) {
            let id = block.written("id").map(|value| value.trim().to_string());
            found.push((kind, block.line, id));
        }
        collect(&text[block.body.clone()], block.body_line, page, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_that_open_a_numbered_block_are_read() {
        assert!(opens_numbered_block("Tekst.\n\n::: table\ncaption: x\n"));
        assert!(opens_numbered_block("- punt\n\n  :::: figure\n"));
        assert!(!opens_numbered_block("::: quote\nEen tabel en een figuur.\n:::\n"));
        assert!(!opens_numbered_block(":: table\n"));
    }
}
