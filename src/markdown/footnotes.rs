//! Footnotes referred to from inside a block. A block's body is parsed on its own, where a
//! `[^label]` whose definition stands at the foot of the page would be left as literal
//! text; so the page's definitions are known to every body, and the numbers follow the
//! order in which the references appear on the page, inside blocks or not.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag};

use super::PageState;

/// The page's footnote numbers in reading order, and the labels defined on it.
pub(super) fn scan(text: &str) -> (HashMap<String, usize>, Vec<String>) {
    let mut numbers = HashMap::new();
    let mut defined = Vec::new();
    for event in Parser::new_ext(text, super::options()) {
        match event {
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                numbers.entry(label.to_string()).or_insert(next);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => defined.push(label.to_string()),
            _ => {}
        }
    }
    (numbers, defined)
}

/// Definitions that stand in for the page's own at the end of a block's body, so that the
/// body's references are read as references. `transform` drops them again.
pub(super) fn stand_ins(defined: &[String]) -> String {
    let mut text = String::from("\n\n");
    for label in defined {
        text.push_str(&format!("[^{label}]: {}\n\n", super::SENTINEL));
    }
    text
}

/// The number of the footnote `label`: its place among the page's references.
pub(super) fn footnote_number(state: &mut PageState, label: &str) -> usize {
    let next = state.footnotes.len() + 1;
    *state.footnotes.entry(label.to_string()).or_insert(next)
}
