//! The site kept in memory while serving. Every change rebuilds the whole site (the sample
//! takes about 10 ms), so the preview fails exactly where `folio build` fails; only the
//! pages whose output changed are reloaded.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::build::{self, BuildOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::{FileContents, OutputFile};
use crate::survey::SourceCache;

/// What a reader can request: the bytes, or a file to read from disk (media).
#[derive(Debug, Clone, PartialEq)]
pub enum Served {
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

/// Which pages a change touched: "*" for all, else page folders ("pagina/") and other
/// HTML files ("print.html").
pub type Touched = Vec<String>;

pub struct LiveSite {
    root: PathBuf,
    options: BuildOptions,
    /// Where `folio build` writes; a build beside the preview is no change of a source.
    output_dir: PathBuf,
    pub files: HashMap<String, Served>,
    pub warnings: Vec<Diagnostic>,
    /// The survey's sources, read again only when the codebook or the export changed.
    survey: SourceCache,
}

impl LiveSite {
    /// Builds the whole site in memory, with every check of `folio build`.
    pub fn new(root: &Path, options: BuildOptions) -> Result<LiveSite, Diagnostics> {
        LiveSite::with_cache(root, options, &mut SourceCache::default())
    }

    /// A build that keeps the survey's sources in `survey` (left behind on error, for the next try).
    fn with_cache(root: &Path, options: BuildOptions, survey: &mut SourceCache) -> Result<LiveSite, Diagnostics> {
        let prepared = build::prepare_with(root, options, survey)?;
        Ok(LiveSite {
            root: root.to_path_buf(),
            options,
            output_dir: prepared.output_dir,
            files: to_served(prepared.files),
            warnings: prepared.warnings,
            survey: std::mem::take(survey),
        })
    }

    /// Rebuilds after a batch of changed paths; None when none of them is a source. On
    /// error the site stays as it was.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Option<Touched>, Diagnostics> {
        let sources: Vec<&PathBuf> = changed.iter().filter(|path| self.is_source(path)).collect();
        if sources.is_empty() {
            return Ok(None);
        }
        let new = LiveSite::with_cache(&self.root, self.options, &mut self.survey)?;
        let touched = touched(&self.files, &new.files, &sources);
        *self = new;
        Ok(Some(touched))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Files read from disk on request (linked media), to be watched as sources.
    pub fn media(&self) -> impl Iterator<Item = &Path> {
        self.files.values().filter_map(|served| match served {
            Served::File(path) => Some(path.as_path()),
            Served::Bytes(_) => None,
        })
    }

    /// Anything in the monitor's folder can be linked from a page, except the output
    /// folder and hidden files (`.git`).
    fn is_source(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else { return false };
        let hidden = relative.components().any(|c| matches!(c, Component::Normal(name) if name.to_string_lossy().starts_with('.')));
        !hidden && !path.starts_with(&self.output_dir) && relative != Path::new("")
    }
}

/// What changed between two builds: every page when pages came or went, or when a theme
/// asset or a linked file changed (any page may show it); else the pages and other HTML
/// files whose bytes differ.
fn touched(old: &HashMap<String, Served>, new: &HashMap<String, Served>, changed: &[&PathBuf]) -> Touched {
    let pages = |files: &HashMap<String, Served>| files.keys().filter(|p| p.ends_with(".html")).cloned().collect::<BTreeSet<_>>();
    let shared_changed = new.iter().any(|(path, served)| {
        !path.ends_with(".html") && (old.get(path) != Some(served) || matches!(served, Served::File(file) if changed.contains(&file)))
    });
    if pages(old) != pages(new) || shared_changed {
        return vec!["*".into()];
    }
    // In address order (a BTreeSet), page folders first.
    let (mut folders, mut others) = (Vec::new(), Vec::new());
    for path in pages(new).into_iter().filter(|path| old.get(path) != new.get(path)) {
        match path.strip_suffix("index.html") {
            Some(folder) => folders.push(folder.to_string()),
            None => others.push(path),
        }
    }
    folders.extend(others);
    folders
}

fn to_served(files: Vec<OutputFile>) -> HashMap<String, Served> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The small-groups test monitor with an export of `rows` organisations, its data computed.
    fn survey_site(rows: usize) -> tempfile::TempDir {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/small-groups");
        let site = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&fixture).into_iter().filter_map(Result::ok) {
            let target = site.path().join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        write_export(site.path(), rows);
        crate::survey::run(site.path(), &crate::survey::DataOptions::default()).expect("folio data");
        site
    }

    fn write_export(root: &Path, rows: usize) -> PathBuf {
        let mut csv =
            String::from("organisatie,omzet,zorgkantoor,tevreden,maatwerk,gehonoreerd,onderwerpen,tarief,lasten,nps,toelichting\n");
        for i in 0..rows {
            let asked = if i % 2 == 0 { "1,1,1|2" } else { "2,," };
            csv.push_str(&format!("Org {i},{},{},{},{asked},96,3,{},\n", 1 + i % 4, 1 + i % 3, 1 + i % 3, i % 11));
        }
        let path = root.join("survey/export-2026.csv");
        std::fs::write(&path, csv).unwrap();
        path
    }

    #[test]
    fn a_rebuild_reads_the_survey_again_only_when_it_changed() {
        let site = survey_site(30);
        let mut live = LiveSite::new(site.path(), BuildOptions::default()).expect("first build");
        assert_eq!(live.survey.reads(), 1);
        let page = site.path().join("content/01-tevredenheid.md");
        std::fs::write(&page, "---\ntitle: Tevredenheid\n---\n\nAnders geschreven.\n").unwrap();
        assert!(live.update(std::slice::from_ref(&page)).expect("rebuild").is_some());
        assert_eq!(live.survey.reads(), 1, "a changed page leaves the export as it was read");
        let export = write_export(site.path(), 31);
        crate::survey::run(site.path(), &crate::survey::DataOptions::default()).expect("folio data");
        assert!(live.update(&[export]).expect("rebuild").is_some());
        assert_eq!(live.survey.reads(), 2, "a changed export is read again");
        let Some(Served::Bytes(report)) = live.files.get("onderzoeksrapport/index.html") else { panic!("no report") };
        assert!(String::from_utf8_lossy(report).contains("(n=31)"), "the report shows the new export");
    }
}
