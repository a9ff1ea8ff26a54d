//! The site kept in memory while serving, and rebuilt in part when a file changes: one page
//! for an edited page, the pages that use a question for a data change, everything for
//! `site.toml`, a theme file or a change in the order of pages.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::{self, BuildOptions, Loaded};
use crate::content::{self, Content};
use crate::data::{self, model::Question};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::{self, FileContents, RenderedPage, SiteParts};

/// What a reader can request: the bytes, or a file to read from disk (media).
#[derive(Debug, Clone)]
pub enum Served {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

/// Which pages a change touched: "*" for all, else the output paths of pages.
pub type Touched = Vec<String>;

pub struct LiveSite {
    root: PathBuf,
    options: BuildOptions,
    loaded: Loaded,
    pages: Vec<RenderedPage>,
    pub files: HashMap<String, Served>,
    pub warnings: Vec<Diagnostic>,
}

/// What kind of file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// site.toml or the theme: everything.
    Site,
    Content,
    Data,
}

impl LiveSite {
    pub fn new(root: &Path, options: BuildOptions) -> Result<LiveSite, Diagnostics> {
        let loaded = build::load(root, options)?;
        let mut live =
            LiveSite { root: root.to_path_buf(), options, loaded, pages: Vec::new(), files: HashMap::new(), warnings: Vec::new() };
        let all: Vec<usize> = (0..live.loaded.content.pages.len()).collect();
        live.pages = live.render(&all)?;
        live.assemble()?;
        Ok(live)
    }

    /// Applies a batch of changed paths. On error the site stays as it was.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Touched, Diagnostics> {
        let kinds: BTreeSet<Kind> = changed.iter().filter_map(|path| self.kind_of(path)).collect();
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        if kinds.contains(&Kind::Site) {
            *self = LiveSite::new(&self.root, self.options)?;
            return Ok(vec!["*".into()]);
        }
        let new_content = if kinds.contains(&Kind::Content) { Some(content::load(&self.root, self.options.drafts)?) } else { None };
        let new_questions = if kinds.contains(&Kind::Data) { Some(data::load::load_dir(&self.root)?) } else { None };

        let content = new_content.as_ref().unwrap_or(&self.loaded.content);
        let questions: &[Question] = new_questions.as_deref().unwrap_or(&self.loaded.results.questions);
        let warnings = build::content_checks(&self.loaded.config, content, questions);
        if warnings.iter().any(|d| d.is_error() || self.options.strict) {
            return Err(Diagnostics(warnings));
        }

        // Which pages to render again.
        let structure_changed = new_content.as_ref().is_some_and(|new| structure(new) != structure(&self.loaded.content));
        let to_render: Vec<usize> = if structure_changed {
            (0..content.pages.len()).collect()
        } else {
            let changed_questions = new_questions.as_ref().map(|new| changed_ids(&self.loaded.results.questions, new)).unwrap_or_default();
            (0..content.pages.len())
                .filter(|&i| {
                    let page_changed = new_content.as_ref().is_some_and(|new| {
                        let (old, new) = (&self.loaded.content.pages[i], &new.pages[i]);
                        old.front != new.front || old.body != new.body
                    });
                    page_changed || self.pages[i].questions.iter().any(|q| changed_questions.contains(q))
                })
                .collect()
        };

        // Render against the new state; keep the old one until everything succeeded.
        let results = new_questions.clone().map(data::Results::new);
        let results_ref = results.as_ref().unwrap_or(&self.loaded.results);
        let site = SiteParts::new(&self.root, &self.loaded.config, content, results_ref, &self.loaded.theme);
        let rendered = render::render_pages(&site, &to_render)?;
        let mut pages = if structure_changed { Vec::new() } else { self.pages.clone() };
        if structure_changed {
            pages = rendered;
        } else {
            for (index, page) in to_render.iter().zip(rendered) {
                pages[*index] = page;
            }
        }
        let mut files = render::assemble(&site, pages.clone())?;
        files.extend(crate::survey::report_files(&self.root, &self.loaded.config)?);
        drop(site);

        let touched = if structure_changed {
            vec!["*".to_string()]
        } else {
            let mut touched: Touched = to_render.iter().map(|&i| content.pages[i].url_path.clone()).collect();
            touched.push("print.html".into());
            touched
        };
        if let Some(new) = new_content {
            self.loaded.content = new;
        }
        if let Some(results) = results {
            self.loaded.results = results;
        }
        self.pages = pages;
        self.files = to_served(files);
        self.warnings = warnings;
        Ok(touched)
    }

    fn render(&self, indices: &[usize]) -> Result<Vec<RenderedPage>, Diagnostics> {
        let site = SiteParts::new(&self.root, &self.loaded.config, &self.loaded.content, &self.loaded.results, &self.loaded.theme);
        render::render_pages(&site, indices).map_err(|d| self.loaded.fail_with(d))
    }

    fn assemble(&mut self) -> Result<(), Diagnostics> {
        let site = SiteParts::new(&self.root, &self.loaded.config, &self.loaded.content, &self.loaded.results, &self.loaded.theme);
        let mut files = render::assemble(&site, self.pages.clone())?;
        files.extend(crate::survey::report_files(&self.root, &self.loaded.config)?);
        self.files = to_served(files);
        self.warnings = self.loaded.warnings.clone();
        Ok(())
    }

    fn kind_of(&self, path: &Path) -> Option<Kind> {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let first = relative.components().next()?.as_os_str().to_string_lossy().to_string();
        match first.as_str() {
            "site.toml" | "themes" => Some(Kind::Site),
            "content" => Some(Kind::Content),
            // The survey feeds the research report only; rebuilding it is cheap.
            "survey" => Some(Kind::Data),
            "data" => Some(Kind::Data),
            _ => None,
        }
    }
}

fn to_served(files: Vec<render::OutputFile>) -> HashMap<String, Served> {
    files
        .into_iter()
        .map(|file| {
            let served = match file.contents {
                FileContents::Bytes(bytes) => Served::Bytes(Arc::new(bytes)),
                FileContents::CopyOf(path) => Served::File(path),
                FileContents::Parts(parts) => Served::Bytes(Arc::new(parts.concat().into_bytes())),
            };
            (file.path, served)
        })
        .collect()
}

/// What the navigation of every page depends on: order, addresses, titles, chapters.
fn structure(content: &Content) -> Vec<String> {
    let mut parts: Vec<String> = content
        .pages
        .iter()
        .map(|p| format!("{}|{}|{}|{:?}|{:?}|{}", p.key, p.url_path, p.front.title, p.chapter, p.layout, p.source.display()))
        .collect();
    parts.extend(content.chapters.iter().map(|c| format!("{}|{}|{}", c.title, c.tab, c.cover)));
    parts
}

/// Ids of questions that were added, removed or changed.
fn changed_ids(old: &[Question], new: &[Question]) -> BTreeSet<String> {
    let old_by_id: HashMap<&str, &Question> = old.iter().map(|q| (q.id.as_str(), q)).collect();
    let new_by_id: HashMap<&str, &Question> = new.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut changed = BTreeSet::new();
    for (id, question) in &new_by_id {
        if old_by_id.get(id).is_none_or(|old| !same_figures(old, question)) {
            changed.insert(id.to_string());
        }
    }
    changed.extend(old_by_id.keys().filter(|id| !new_by_id.contains_key(*id)).map(|id| id.to_string()));
    changed
}

/// Equal apart from where in the file the question stands.
fn same_figures(a: &Question, b: &Question) -> bool {
    let mut b = b.clone();
    b.origin = a.origin.clone();
    *a == b
}
