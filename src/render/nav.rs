//! Navigation: Terug/Volgende from the one flat reading order, chapter tabs, page numbers.
//! Every address is relative, so the site works from disk and from any sub-path.

use serde::Serialize;

use crate::content::Content;

use super::outline::Outline;

/// Where the links of a page point: to the page files of the site, or to the sections of
/// the print document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Page,
    Print,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NavLink {
    pub title: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Tab {
    pub title: String,
    /// The chapter's number, with `[numbering] chapters = true`.
    pub number: Option<String>,
    pub href: String,
    /// The page shown is in this chapter.
    pub current: bool,
    /// The page shown is this chapter's cover.
    pub is_page: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageNav {
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
    pub tabs: Vec<Tab>,
    /// 1-based page number, as in the print document.
    pub number: usize,
    pub count: usize,
    pub start_href: String,
    /// The monitor's contents page (the first page with `layout: contents`), if it has one.
    pub contents_href: Option<String>,
    /// This page is the contents page (its header link is marked current, not left out, so
    /// the header keeps its shape).
    pub is_contents: bool,
    /// The title of the page's chapter, for "where am I" beside the page number.
    pub chapter: Option<String>,
}

/// "" → "", "a/" → "../", "a/b/" → "../../": from a page's folder back to the site root.
pub fn root_prefix(url_path: &str) -> String {
    "../".repeat(url_path.matches('/').count())
}

/// The address of the page at `target_url` (e.g. "financiering/tarieven/"), seen from a page
/// whose root prefix is `root`. Always names `index.html`, so it works from disk.
pub fn page_href(root: &str, target_url: &str) -> String {
    format!("{root}{target_url}index.html")
}

/// The link to a page in the given mode, seen from a page with root prefix `root`.
pub fn href(content: &Content, target: usize, root: &str, mode: Mode) -> String {
    let page = &content.pages[target];
    match mode {
        Mode::Page => page_href(root, &page.url_path),
        Mode::Print => format!("#page-{}", page.key),
    }
}

/// One line of a generated contents page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContentsEntry {
    pub title: String,
    /// The chapter's or section's number, with `[numbering]`.
    pub number: Option<String>,
    pub href: String,
    /// 0: a chapter or a page outside chapters; 1: a page in a chapter.
    pub level: u8,
    /// The entry is the page being shown (a report's sidebar marks it).
    pub current: bool,
    /// The page's number in the reading order, as its footer shows it ("4 / 23").
    pub page: usize,
}

/// Every page after the contents page `index`, in reading order: chapters (by their cover)
/// and the pages in them one level down.
pub fn contents(content: &Content, outline: &Outline, index: usize, mode: Mode) -> Vec<ContentsEntry> {
    let root = match mode {
        Mode::Page => root_prefix(&content.pages[index].url_path),
        Mode::Print => String::new(),
    };
    let is_cover = |target: usize| content.chapters.iter().any(|chapter| chapter.cover == target);
    (index + 1..content.pages.len())
        .map(|target| {
            let page = &content.pages[target];
            let level = u8::from(page.chapter.is_some() && !is_cover(target));
            ContentsEntry {
                title: page.front.title.clone(),
                number: outline.number_of(page).map(String::from),
                href: href(content, target, &root, mode),
                level,
                current: false,
                page: target + 1,
            }
        })
        .collect()
}

/// A row of tabs stays readable up to about a dozen chapters; a longer monitor shows the
/// chapters nearest the current one. This also keeps pages of very large sites small.
pub const MAX_TABS: usize = 12;

/// Which chapters get a tab on a page in chapter `current`: all of them, or a window of
/// `MAX_TABS` around the current one.
fn tab_window(chapters: usize, current: Option<usize>) -> std::ops::Range<usize> {
    if chapters <= MAX_TABS {
        return 0..chapters;
    }
    let start = current.unwrap_or(0).saturating_sub(MAX_TABS / 2).min(chapters - MAX_TABS);
    start..start + MAX_TABS
}

/// Navigation for page `index`. Linear in the number of chapters; called once per page.
pub fn for_page(content: &Content, outline: &Outline, index: usize, mode: Mode) -> PageNav {
    let page = &content.pages[index];
    let root = match mode {
        Mode::Page => root_prefix(&page.url_path),
        Mode::Print => String::new(),
    };
    let link = |target: usize| NavLink { title: content.pages[target].front.title.clone(), href: href(content, target, &root, mode) };
    let tabs = tab_window(content.chapters.len(), page.chapter)
        .map(|chapter_index| (chapter_index, &content.chapters[chapter_index]))
        .map(|(chapter_index, chapter)| Tab {
            title: chapter.tab.clone(),
            number: outline.chapter(chapter_index).map(String::from),
            href: href(content, chapter.cover, &root, mode),
            current: page.chapter == Some(chapter_index),
            is_page: chapter.cover == index,
        })
        .collect();
    PageNav {
        prev: index.checked_sub(1).map(link),
        next: (index + 1 < content.pages.len()).then(|| link(index + 1)),
        tabs,
        number: index + 1,
        count: content.pages.len(),
        start_href: href(content, 0, &root, mode),
        contents_href: contents_page(content).map(|target| href(content, target, &root, mode)),
        is_contents: contents_page(content) == Some(index),
        chapter: page.chapter.map(|chapter| content.chapters[chapter].title.clone()),
    }
}

/// The first page laid out as contents: the overview every page's header links to.
fn contents_page(content: &Content) -> Option<usize> {
    content.pages.iter().position(|page| page.layout == crate::content::Layout::Contents)
}

/// The pages of the chapter that page `index` belongs to, after its cover, in reading
/// order: the list on a chapter's divider and in a report's sidebar. Empty outside chapters.
pub fn chapter_pages(content: &Content, outline: &Outline, index: usize, mode: Mode) -> Vec<ContentsEntry> {
    let Some(chapter) = content.pages[index].chapter else {
        return Vec::new();
    };
    let root = match mode {
        Mode::Page => root_prefix(&content.pages[index].url_path),
        Mode::Print => String::new(),
    };
    (content.chapters[chapter].cover + 1..content.pages.len())
        .take_while(|&target| content.pages[target].chapter == Some(chapter))
        .map(|target| ContentsEntry {
            title: content.pages[target].front.title.clone(),
            number: outline.number_of(&content.pages[target]).map(String::from),
            href: href(content, target, &root, mode),
            level: 1,
            current: target == index,
            page: target + 1,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_lead_back_to_the_root() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("financiering/"), "../");
        assert_eq!(root_prefix("financiering/tarieven/"), "../../");
        assert_eq!(page_href("../../", "inkoop/"), "../../inkoop/index.html");
        assert_eq!(page_href("../", ""), "../index.html");
    }

    #[test]
    fn long_monitors_show_the_nearest_chapters() {
        assert_eq!(tab_window(5, Some(3)), 0..5);
        assert_eq!(tab_window(500, None), 0..12);
        assert_eq!(tab_window(500, Some(3)), 0..12);
        assert_eq!(tab_window(500, Some(250)), 244..256);
        assert_eq!(tab_window(500, Some(499)), 488..500);
    }
}
