//! Content loading: every Markdown file under `content/` becomes a `Page`, in reading
//! order, with its chapter, its web address and its place in the navigation.

pub mod front_matter;
mod scan;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use front_matter::{FrontMatter, Layout, Signature};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::slugify;

use scan::{scan, Entry, EntryKind};

/// One monitor page, ready for the Markdown stage.
#[derive(Debug, Clone)]
pub struct Page {
    /// The Markdown file, relative to the site folder (for messages).
    pub source: PathBuf,
    pub front: FrontMatter,
    pub layout: Layout,
    pub body: String,
    /// 1-based line of the source file on which `body` starts.
    pub body_line: usize,
    /// Output folder relative to the output root, with forward slashes: "" for the start
    /// page, "financiering/" for a chapter cover, "financiering/tarieven/" for a page.
    pub url_path: String,
    /// Unique, id-safe name of the page ("financiering-tarieven"); prefixes its ids.
    pub key: String,
    /// Index into `Content::chapters`.
    pub chapter: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Chapter {
    pub title: String,
    /// Name in the chapter tabs.
    pub tab: String,
    /// Index into `Content::pages` of the chapter's cover page.
    pub cover: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub chapters: Vec<Chapter>,
}

/// Reads `content/` under `site_root`. Drafts are left out unless `include_drafts`.
pub fn load(site_root: &Path, include_drafts: bool) -> Result<Content, Diagnostics> {
    let content_dir = site_root.join("content");
    let mut diagnostics = Vec::new();
    let entries = scan(&content_dir, site_root, &mut diagnostics);

    // Read and split every file once, in parallel; the order comes from names and the
    // `order:` settings found in there.
    let paths: Vec<&PathBuf> = entries
        .iter()
        .flat_map(|entry| match &entry.kind {
            EntryKind::Page(path) => vec![path],
            EntryKind::Chapter { index, pages } => std::iter::once(index).chain(pages).collect(),
        })
        .collect();
    let mut parsed: HashMap<PathBuf, Result<ParsedPage, Diagnostic>> =
        paths.par_iter().map(|path| ((*path).clone(), read_page(site_root, path))).collect();
    let order_of = |path: &Path| parsed.get(path).and_then(|result| result.as_ref().ok()).and_then(|page| page.1.order);
    let files: Vec<(PathBuf, Option<usize>)> = ordered_files(entries, &order_of);
    let parsed: Vec<Result<ParsedPage, Diagnostic>> = files
        .iter()
        .map(|(path, _)| parsed.remove(path).unwrap_or_else(|| Err(Diagnostic::error(path, "the file was not read"))))
        .collect();

    let mut content = Content::default();
    let mut seen_urls: HashMap<String, PathBuf> = HashMap::new();
    let mut chapter_of_group: HashMap<usize, usize> = HashMap::new();
    for ((path, group), result) in files.iter().zip(parsed) {
        let (source, front, body, body_line) = match result {
            Ok(parsed) => parsed,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        if front.draft && !include_drafts {
            continue;
        }
        let is_chapter_index = path.file_name().is_some_and(|name| name == "_index.md");
        let layout = front.layout.unwrap_or(if is_chapter_index { Layout::Chapter } else { Layout::Results });
        let chapter = match (group, is_chapter_index) {
            (Some(group), true) => {
                let index = content.chapters.len();
                content.chapters.push(Chapter {
                    title: front.title.clone(),
                    tab: front.tab.clone().unwrap_or_else(|| front.title.clone()),
                    cover: content.pages.len(),
                });
                chapter_of_group.insert(*group, index);
                Some(index)
            }
            (Some(group), false) => chapter_of_group.get(group).copied(),
            (None, _) => None,
        };
        let url_path = match page_url(&content_dir, path, &front, &source) {
            Ok(url) => url,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        if let Some(first) = seen_urls.get(&url_path) {
            diagnostics.push(
                Diagnostic::error(&source, format!("this page gets the same web address `{url_path}` as {}", first.display()))
                    .help("rename one of the files, or give one of them another `slug:` in its front matter"),
            );
            continue;
        }
        seen_urls.insert(url_path.clone(), source.clone());
        content.pages.push(Page { source, front, layout, body, body_line, url_path, key: String::new(), chapter });
    }
    if content.pages.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::error(site_root.join("content"), "there are no pages")
                .help("add a Markdown file such as content/00-omslag.md, or run `folio init` to start from an example"),
        );
    }
    if !diagnostics.is_empty() {
        return Err(Diagnostics(diagnostics));
    }
    // The first page is the start page: it lives at the root of the site.
    content.pages[0].url_path = String::new();
    for page in &mut content.pages {
        page.key = page_key(&page.url_path);
    }
    Ok(content)
}

/// The largest Markdown file folio reads as a page (a long monitor page is some 20 kB).
pub const MAX_PAGE_BYTES: u64 = 10 * 1024 * 1024;

/// A page file read and split: (source relative to the site, front matter, body, body line).
type ParsedPage = (PathBuf, FrontMatter, String, usize);

fn read_page(site_root: &Path, path: &Path) -> Result<ParsedPage, Diagnostic> {
    let source = path.strip_prefix(site_root).unwrap_or(path).to_path_buf();
    // A symbolic link may lead out of the monitor folder; folio reads only what is inside.
    if let Some(file) = crate::paths::leads_outside(path, site_root) {
        return Err(Diagnostic::error(
            &source,
            format!("the page leads outside the monitor folder (through a symbolic link, to {})", file.display()),
        )
        .help("copy the file into content/ instead of linking to it"));
    }
    // A monitor page fills one screen; a file this big is a wrong file or a pasted dump,
    // and would cost gigabytes of memory to render.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_PAGE_BYTES {
            return Err(Diagnostic::error(
                &source,
                format!("the file is {:.1} MB; a page may be at most {} MB", meta.len() as f64 / 1_048_576.0, MAX_PAGE_BYTES / 1_048_576),
            )
            .help("check that this is the right file; split a long text over several pages, and link large files (PDF, images) instead of pasting them in"));
        }
    }
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::error(&source, format!("cannot read the file: {err}")).help("check that the file exists and may be read")
    })?;
    let text = crate::text::decode_utf8(bytes, &source)?;
    let split = front_matter::split(&text, &source)?;
    Ok((source.clone(), split.front.clone(), split.body.to_string(), split.body_line))
}

/// Files in reading order, each with the group (chapter folder) it belongs to.
fn ordered_files(mut entries: Vec<Entry>, order_of: &dyn Fn(&Path) -> Option<i64>) -> Vec<(PathBuf, Option<usize>)> {
    let entry_order = |entry: &Entry| match &entry.kind {
        EntryKind::Page(path) => order_of(path),
        EntryKind::Chapter { index, .. } => order_of(index),
    };
    entries.sort_by_cached_key(|entry| sort_key(&entry.name, entry_order(entry)));
    let mut files = Vec::new();
    for (group, entry) in entries.into_iter().enumerate() {
        match entry.kind {
            EntryKind::Page(path) => files.push((path, None)),
            EntryKind::Chapter { index, mut pages } => {
                files.push((index, Some(group)));
                pages.sort_by_cached_key(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy().to_string();
                    sort_key(&name, order_of(p))
                });
                files.extend(pages.into_iter().map(|p| (p, Some(group))));
            }
        }
    }
    files
}

/// Sort by `order`, else by the number in front of the name, then by name.
fn sort_key(name: &str, order: Option<i64>) -> (i64, String) {
    let (prefix, _) = split_number_prefix(name);
    (order.or(prefix).unwrap_or(i64::MAX), name.to_string())
}

/// "02-financiering" → (Some(2), "financiering").
fn split_number_prefix(name: &str) -> (Option<i64>, &str) {
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &name[digits..];
        if let Some(rest) = rest.strip_prefix(['-', '_', ' ', '.']) {
            if !rest.is_empty() {
                return (name[..digits].parse().ok(), rest);
            }
        }
    }
    (None, name)
}

fn slug_of(name: &str) -> String {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    slugify(split_number_prefix(stem).1)
}

fn page_url(content_dir: &Path, path: &Path, front: &FrontMatter, source: &Path) -> Result<String, Diagnostic> {
    let relative = path.strip_prefix(content_dir).unwrap_or(path);
    let chapter_slug =
        relative.parent().filter(|p| !p.as_os_str().is_empty()).map(|dir| slug_of(&dir.file_name().unwrap_or_default().to_string_lossy()));
    let file_name = relative.file_name().unwrap_or_default().to_string_lossy().to_string();
    let own_slug = match &front.slug {
        // Checked with the front matter (`front_matter::split`).
        Some(slug) => Some(slug.clone()),
        None if file_name == "_index.md" => None,
        None => Some(slug_of(&file_name)),
    };
    if own_slug.as_deref() == Some("") {
        return Err(Diagnostic::error(source, "the file name gives no usable web address")
            .help("use letters in the file name, e.g. 01-tarieven.md, or set `slug:` in the front matter"));
    }
    let first = chapter_slug.as_deref().or(own_slug.as_deref()).unwrap_or("");
    if RESERVED.contains(&first) {
        return Err(reserved_address(source, first, chapter_slug.is_some()));
    }
    let mut url = String::new();
    if let Some(chapter) = chapter_slug {
        url.push_str(&chapter);
        url.push('/');
    }
    if let Some(slug) = own_slug {
        url.push_str(&slug);
        url.push('/');
    }
    Ok(url)
}

/// Output folders of folio's own: linked files go to `media/`, the theme's files to
/// `static/`. A page or chapter there would share paths with them.
const RESERVED: [&str; 2] = ["media", "static"];

fn reserved_address(source: &Path, slug: &str, in_chapter: bool) -> Diagnostic {
    let what = if in_chapter { "its chapter folder's name" } else { "its name" };
    let holds = if slug == "media" { "the files that pages link to" } else { "the theme's style sheets and scripts" };
    Diagnostic::error(
        source,
        format!("this page's address would start with `{slug}/` ({what}), the output folder where folio puts {holds}"),
    )
    .help("rename the folder or file (e.g. `05-beeldmateriaal`), or set another `slug:` in the front matter")
}

fn page_key(url_path: &str) -> String {
    let key = url_path.trim_end_matches('/').replace('/', "-");
    if key.is_empty() {
        "start".to_string()
    } else {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_prefixes_order_and_disappear() {
        assert_eq!(split_number_prefix("02-financiering"), (Some(2), "financiering"));
        assert_eq!(split_number_prefix("2026-cijfers"), (Some(2026), "cijfers"));
        assert_eq!(split_number_prefix("voorwoord"), (None, "voorwoord"));
        assert_eq!(slug_of("01-Tarieven en Maatwerk.md"), "tarieven-en-maatwerk");
        assert_eq!(slug_of("05-📊"), "");
    }
}
