//! The survey's sources as a build needs them: the codebook and the newest export, read and
//! interpreted once per build. A large export takes a while to read, and `folio serve`
//! rebuilds on every saved change, so a [`SourceCache`] hands back the sources it read
//! before while both files are unchanged: the same path, size and modification time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::codebook::{self, Codebook};
use super::responses::{self, Responses};
use crate::data::model::Year;
use crate::diagnostic::Diagnostics;

/// The codebook, and the answers of the newest export when there is one.
#[derive(Debug)]
pub struct SurveySources {
    pub codebook: Codebook,
    pub responses: Option<Responses>,
    /// Respondents per earlier year that has an export but no `responded:` in the codebook
    /// (the rows of its export), so the report's response table need not show "–".
    pub earlier_respondents: BTreeMap<Year, u32>,
}

/// The sources of the last build, kept for the next one (see the module's comment).
#[derive(Debug, Default)]
pub struct SourceCache {
    kept: Option<(Vec<FileStamp>, Arc<SurveySources>)>,
    reads: usize,
}

/// A file as the cache recognises it: where it is, how large, when last written.
#[derive(Debug, Clone, PartialEq)]
struct FileStamp {
    path: PathBuf,
    size: u64,
    modified: Option<SystemTime>,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(FileStamp { path: path.to_path_buf(), size: metadata.len(), modified: metadata.modified().ok() })
    }
}

impl SourceCache {
    /// How many times the sources were read from disk (not handed back from the cache).
    pub fn reads(&self) -> usize {
        self.reads
    }

    /// The sources of the monitor in `site_root`; none when it has no `survey/codebook.yaml`.
    pub fn load(&mut self, site_root: &Path) -> Result<Option<Arc<SurveySources>>, Diagnostics> {
        let codebook_shown = super::codebook_path();
        let codebook_file = site_root.join(&codebook_shown);
        let Some(codebook_stamp) = FileStamp::of(&codebook_file).filter(|_| codebook_file.is_file()) else {
            self.kept = None;
            return Ok(None);
        };
        let year = super::latest_export_year(site_root);
        let export_shown = year.map(super::export_path);
        let mut stamps = vec![codebook_stamp];
        stamps.extend(export_shown.as_ref().and_then(|shown| FileStamp::of(&site_root.join(shown))));
        let earlier_years: Vec<Year> = super::export_years(site_root).into_iter().filter(|y| Some(*y) != year).collect();
        stamps.extend(earlier_years.iter().filter_map(|y| FileStamp::of(&site_root.join(super::export_path(*y)))));
        if let Some((kept_stamps, sources)) = &self.kept {
            if *kept_stamps == stamps {
                return Ok(Some(Arc::clone(sources)));
            }
        }
        self.kept = None;
        self.reads += 1;
        let codebook = codebook::load(&codebook_file, &codebook_shown)?;
        let responses = match (year, export_shown) {
            (Some(year), Some(shown)) => {
                let export = super::export::read(&site_root.join(&shown), &shown)?;
                Some(responses::interpret(&codebook, &export, &shown, year)?)
            }
            _ => None,
        };
        let mut earlier_respondents = BTreeMap::new();
        for earlier in earlier_years {
            if codebook.survey.response.get(&earlier).is_some_and(|figures| figures.responded.is_some()) {
                continue;
            }
            let shown = super::export_path(earlier);
            let export = super::export::read(&site_root.join(&shown), &shown)?;
            earlier_respondents.insert(earlier, u32::try_from(export.rows.len()).unwrap_or(u32::MAX));
        }
        let sources = Arc::new(SurveySources { codebook, responses, earlier_respondents });
        self.kept = Some((stamps, Arc::clone(&sources)));
        Ok(Some(sources))
    }
}
