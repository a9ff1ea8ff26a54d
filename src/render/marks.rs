//! Stand-ins for pieces of a page that are filled in after a template or the Markdown has
//! rendered (a page body in its frame, a link whose address depends on where the page is
//! shown). A fixed string such as `@@folio-slot@@` could be typed by an author, whose text
//! would then swallow the page; these stand-ins carry a token drawn at random for each
//! build and checked not to occur in the text the build read, so no author text can
//! collide with them.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use crate::config::SiteConfig;
use crate::content::Content;

/// The per-build token and the stand-ins made from it. Letters and digits only, so it
/// passes unchanged through HTML and address escaping.
#[derive(Debug, Clone)]
pub struct Marks {
    token: String,
    slot: String,
}

impl Marks {
    /// A token that none of the site's own text holds.
    pub fn new(config: &SiteConfig, content: &Content) -> Marks {
        loop {
            let token = format!("folio{}", random_hex());
            if !occurs_in_inputs(&token, config, content) {
                let slot = format!("{token}S");
                return Marks { token, slot };
            }
        }
    }

    /// The token itself: `links` builds its address stand-ins from it.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Stands in for a large piece of HTML while a template renders.
    pub fn slot(&self) -> &str {
        &self.slot
    }

    /// `rendered` with its slot replaced by `html`; a template without the slot is kept.
    pub fn fill(&self, rendered: String, html: &str) -> String {
        match rendered.find(&self.slot) {
            Some(at) => {
                let mut out = String::with_capacity(rendered.len() + html.len());
                out.push_str(&rendered[..at]);
                out.push_str(html);
                out.push_str(&rendered[at + self.slot.len()..]);
                out
            }
            None => rendered,
        }
    }

    /// The text before and after the slot (the whole text and nothing when it has none).
    pub fn split<'t>(&self, rendered: &'t str) -> (&'t str, &'t str) {
        rendered.split_once(self.slot.as_str()).unwrap_or((rendered, ""))
    }
}

/// 128 random bits as hex. `RandomState` is seeded from the operating system's randomness,
/// which is all a token needs (it is not a secret, only unforeseeable).
fn random_hex() -> String {
    let mut out = String::with_capacity(32);
    for round in 0..2u64 {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(round);
        hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out
}

/// Whether any text an author wrote (pages, titles, settings) holds `token`.
fn occurs_in_inputs(token: &str, config: &SiteConfig, content: &Content) -> bool {
    let in_pages = content.pages.iter().any(|page| {
        let front = &page.front;
        [Some(&page.body), Some(&front.title), front.subtitle.as_ref(), front.tab.as_ref()].into_iter().flatten().any(|t| t.contains(token))
    });
    let in_chapters = content.chapters.iter().any(|c| c.title.contains(token) || c.tab.contains(token));
    in_pages || in_chapters || config.title.contains(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_only_the_slot() {
        let marks = Marks { token: "folioT".into(), slot: "folioTS".into() };
        assert_eq!(marks.fill("a folioTS b".into(), "X"), "a X b");
        assert_eq!(marks.fill("@@folio-slot@@".into(), "X"), "@@folio-slot@@");
        assert_eq!(marks.split("a folioTS b"), ("a ", " b"));
        assert_ne!(random_hex(), random_hex());
    }
}
