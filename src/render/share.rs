//! Share cards: what a search engine, LinkedIn or a newsletter shows for a page's link. A
//! meta description (the page's `description:` or its intro), Open Graph and Twitter tags
//! and the canonical address. The tags that need an absolute address come from `base_url`;
//! without it they are left out, and the build says so once.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::{Layout, Page};
use crate::diagnostic::Diagnostic;

/// How long a description may be: what search results and share cards show before they cut.
const MAX_DESCRIPTION: usize = 160;

/// The share image every page links to, from the theme's static folder.
pub const IMAGE: &str = "static/share.png";

/// A page's share card as `base.html` sees it (the template escapes every value).
#[derive(Debug, Serialize)]
pub struct ShareView {
    pub description: String,
    /// `article` for a page, `website` for the start page.
    pub kind: &'static str,
    /// The page's absolute address (also its canonical link), with `base_url`.
    pub url: Option<String>,
    /// The share image's absolute address, with `base_url`.
    pub image: Option<String>,
}

/// The share card of `page`, whose rendered Markdown is `body_html`.
pub fn view(config: &SiteConfig, page: &Page, body_html: &str) -> ShareView {
    let description = page
        .front
        .description
        .as_deref()
        .map(clean)
        .filter(|text| !text.is_empty())
        .or_else(|| intro(body_html))
        .or_else(|| page.front.subtitle.as_deref().map(clean))
        .unwrap_or_else(|| config.title.clone());
    let base = config.base_url.as_deref().map(with_slash);
    ShareView {
        description: shorten(&description, MAX_DESCRIPTION),
        kind: if page.url_path.is_empty() || page.layout == Layout::Cover { "website" } else { "article" },
        url: base.as_ref().map(|base| format!("{base}{}", page.url_path)),
        image: base.as_ref().map(|base| format!("{base}{IMAGE}")),
    }
}

/// The one warning of a build without `base_url` (not one per page).
pub fn missing_base_url() -> Diagnostic {
    Diagnostic::warning(
        "site.toml",
        "no `base_url`: the pages have no canonical link and their share cards no address or image \
         (a link shared on LinkedIn or in a newsletter shows no picture)",
    )
    .help("set `base_url = \"https://…/\"` to the address where the monitor will be published")
}

fn with_slash(base: &str) -> String {
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// The text of the first plain paragraph (`<p>` without a class: the author's own text, not
/// a label, source line or caption of a block) of the page's HTML.
pub fn intro(html: &str) -> Option<String> {
    let own = without_quotes(html);
    let mut rest = own.as_str();
    while let Some(start) = rest.find("<p>") {
        let after = &rest[start + 3..];
        let end = after.find("</p>").unwrap_or(after.len());
        let text = clean(&decode_entities(&strip_tags(&after[..end])));
        if !text.is_empty() {
            return Some(text);
        }
        rest = &after[end..];
    }
    None
}

/// `html` without its quotations: a member's quote is not the page's own introduction.
fn without_quotes(html: &str) -> String {
    let mut own = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<blockquote") {
        own.push_str(&rest[..start]);
        rest = rest[start..].find("</blockquote>").map_or("", |end| &rest[start + end..]);
    }
    own.push_str(rest);
    own
}

/// The text between the tags.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The characters the Markdown renderer writes as entities, back as characters (the
/// template escapes them again, once).
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// One line: runs of white space (line breaks in the source) as one space.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut at the last word boundary within `max` characters, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    // Room for the ellipsis.
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ', '.', '(', '–', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intro_is_the_first_plain_paragraph_as_text() {
        let html =
            "<p class=\"kicker\">Hoofdstuk</p><h2>Kop</h2><p>Een <strong>kwart</strong> &amp; meer\nkoos &lt;dit&gt;.</p><p>Tweede.</p>";
        assert_eq!(intro(html).as_deref(), Some("Een kwart & meer koos <dit>."));
        assert_eq!(intro("<p class=\"x\">alleen een label</p><p> </p>"), None);
        assert_eq!(intro("<blockquote><p>Citaat.</p></blockquote><p>Eigen tekst.</p>").as_deref(), Some("Eigen tekst."));
    }

    #[test]
    fn a_long_text_is_cut_at_a_word_with_an_ellipsis() {
        let text = "woord ".repeat(60);
        let short = shorten(text.trim(), 160);
        assert!(short.chars().count() <= 160, "{short}");
        assert!(short.ends_with("woord…"), "{short}");
        assert_eq!(shorten("kort", 160), "kort");
    }
}
