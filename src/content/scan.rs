//! Finding the pages: Markdown files directly under `content/` and chapter folders with
//! their pages. A folder that cannot be read is an error, never a chapter left out.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

use super::slug_of;

/// A file or chapter folder before ordering.
pub struct Entry {
    /// File or folder name, for sorting.
    pub name: String,
    pub kind: EntryKind,
}

pub enum EntryKind {
    Page(PathBuf),
    Chapter { index: PathBuf, pages: Vec<PathBuf> },
}

/// Lists pages and chapter folders directly under `content/`.
pub fn scan(content_dir: &Path, site_root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let mut entries = Vec::new();
    let read = match std::fs::read_dir(content_dir) {
        Ok(read) => read,
        Err(err) => {
            diagnostics.push(
                Diagnostic::error(
                    content_dir.strip_prefix(site_root).unwrap_or(content_dir),
                    format!("cannot read the content folder: {err}"),
                )
                .help("create a folder `content/` with one Markdown file per page, or run `folio init`"),
            );
            return entries;
        }
    };
    let mut paths = Vec::new();
    for entry in read {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(err) => diagnostics.push(
                Diagnostic::error("content", format!("cannot list the content folder: {err}")).help("check that the folder may be read"),
            ),
        }
    }
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            let relative = |p: &Path| p.strip_prefix(site_root).unwrap_or(p).to_path_buf();
            let mut pages = match chapter_files(&path) {
                Ok(pages) => pages,
                Err((at, err)) => {
                    diagnostics.push(unreadable_folder(&relative(&at), &err));
                    continue;
                }
            };
            if let Some(nested) = pages.iter().find(|p| p.parent() != Some(path.as_path())) {
                diagnostics.push(
                    Diagnostic::error(relative(nested), "chapters cannot contain sub-chapters")
                        .help("move this page up into its chapter folder; folders inside a chapter may hold only images"),
                );
                continue;
            }
            if pages.is_empty() {
                continue; // an image folder
            }
            if slug_of(&name).is_empty() {
                diagnostics.push(empty_chapter_slug(&relative(&path)));
                continue;
            }
            let index = path.join("_index.md");
            if !index.exists() {
                diagnostics.push(
                    Diagnostic::error(relative(&path), "this chapter folder has no `_index.md`")
                        .help("add `_index.md` with the chapter's cover page: front matter with `title: Naam van het hoofdstuk`"),
                );
                continue;
            }
            pages.retain(|p| p != &index);
            entries.push(Entry { name, kind: EntryKind::Chapter { index, pages } });
        } else if is_markdown(&path) {
            entries.push(Entry { name, kind: EntryKind::Page(path.clone()) });
        }
    }
    entries
}

/// The Markdown files in a chapter folder, or the place that could not be read. A folder
/// folio may not read is an error: skipping it would publish the monitor without its pages.
fn chapter_files(folder: &Path) -> Result<Vec<PathBuf>, (PathBuf, walkdir::Error)> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(folder).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|err| (err.path().unwrap_or(folder).to_path_buf(), err))?;
        if is_markdown(entry.path()) {
            pages.push(entry.into_path());
        }
    }
    Ok(pages)
}

fn unreadable_folder(folder: &Path, err: &walkdir::Error) -> Diagnostic {
    let why = err.io_error().map_or_else(|| err.to_string(), ToString::to_string);
    Diagnostic::error(folder, format!("folio cannot read this folder ({why}), so its pages would be missing from the monitor"))
        .help("give yourself permission to read the folder (e.g. `chmod -R u+rX` on it), or move it out of content/")
}

/// A chapter folder's name is its pages' address: one without Latin letters or digits
/// (`05-📊`, Greek, CJK) would put them at the root of the web server.
fn empty_chapter_slug(folder: &Path) -> Diagnostic {
    Diagnostic::error(folder, "the chapter folder's name gives no usable web address (it has no Latin letters or digits)").help(
        "rename the folder with Latin letters, e.g. `05-resultaten`; the chapter's title comes from `title:` in its _index.md and may be in any script",
    )
}

fn is_markdown(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|ext| ext == "md")
}
