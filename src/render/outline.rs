//! `[numbering]`: the numbers of chapters (1, 2, …) and sections (1.1 for a page in chapter
//! 1, 1.1.1 for a `##` heading on it), settled once for the whole publication.

use std::collections::HashMap;

use crate::config::NumberingConfig;
use crate::content::{Content, Page};

/// The number of every numbered page, by page key.
#[derive(Debug, Default)]
pub struct Outline {
    by_page: HashMap<String, String>,
    chapters: Vec<Option<String>>,
    sections: bool,
}

impl Outline {
    pub fn new(content: &Content, numbering: NumberingConfig) -> Outline {
        let mut outline = Outline { sections: numbering.sections, ..Outline::default() };
        if !numbering.chapters {
            outline.chapters = vec![None; content.chapters.len()];
            return outline;
        }
        outline.chapters = (1..=content.chapters.len()).map(|n| Some(n.to_string())).collect();
        let mut pages_in = vec![0usize; content.chapters.len()];
        for (index, page) in content.pages.iter().enumerate() {
            let Some(chapter) = page.chapter else { continue };
            if content.chapters[chapter].cover == index {
                outline.by_page.insert(page.key.clone(), (chapter + 1).to_string());
            } else if numbering.sections {
                pages_in[chapter] += 1;
                outline.by_page.insert(page.key.clone(), format!("{}.{}", chapter + 1, pages_in[chapter]));
            }
        }
        outline
    }

    /// "2" for the cover of chapter 2, "2.1" for the first page in it (with sections).
    pub fn number_of(&self, page: &Page) -> Option<&str> {
        self.by_page.get(&page.key).map(String::as_str)
    }

    /// The number shown with chapter `index` (0-based) in tabs and kickers.
    pub fn chapter(&self, index: usize) -> Option<&str> {
        self.chapters.get(index).and_then(Option::as_deref)
    }

    /// What the page's `##` headings are numbered under: a section page's own number.
    /// A chapter cover's headings stay unnumbered (1.1 is the chapter's first page).
    pub fn section_of(&self, page: &Page) -> Option<String> {
        let number = self.number_of(page)?;
        (self.sections && number.contains('.')).then(|| number.to_string())
    }
}
