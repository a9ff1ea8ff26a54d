//! Watching the site's sources. Editors save in bursts (a temporary file, a rename, a
//! backup), so changes are collected until the folder has been quiet for a moment.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

/// How long the folder must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(25);
/// A steady stream of saves still gets a rebuild this often.
const MAX_WAIT: Duration = Duration::from_millis(400);

pub struct SourceWatcher {
    // Kept alive: dropping it stops the watching.
    watcher: notify::RecommendedWatcher,
    events: Receiver<PathBuf>,
    /// The folders watched as a whole (`content/`, …).
    recursive: Vec<PathBuf>,
    /// Further folders watched for the linked files they hold.
    extra: BTreeSet<PathBuf>,
}

impl SourceWatcher {
    /// Watches `content/`, `data/`, `themes/`, `survey/` and `site.toml` under `root`.
    pub fn new(root: &Path) -> notify::Result<SourceWatcher> {
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
            if let Ok(event) = result {
                if matches!(event.kind, notify::EventKind::Access(_)) {
                    return;
                }
                for path in event.paths {
                    let _ = sender.send(path);
                }
            }
        })?;
        // The root itself, not recursively: site.toml, and folders that appear later.
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut recursive = Vec::new();
        for folder in ["content", "data", "themes", "survey"] {
            let path = root.join(folder);
            if path.is_dir() {
                watcher.watch(&path, RecursiveMode::Recursive)?;
                recursive.push(path);
            }
        }
        Ok(SourceWatcher { watcher, events, recursive, extra: BTreeSet::new() })
    }

    /// Also watches the folders of `files` (media a page links to from outside the
    /// source folders), so deleting or replacing one rebuilds the preview. The whole
    /// monitor folder is not watched: it may hold big folders (`target/`, `.git/`) that
    /// have nothing to do with the monitor.
    pub fn watch_files<'a>(&mut self, files: impl Iterator<Item = &'a Path>) {
        for file in files {
            let Some(folder) = file.parent() else { continue };
            if self.recursive.iter().any(|r| folder.starts_with(r)) || self.extra.contains(folder) {
                continue;
            }
            // A folder that cannot be watched still builds; the next save of a page rebuilds it.
            if self.watcher.watch(folder, RecursiveMode::NonRecursive).is_ok() {
                self.extra.insert(folder.to_path_buf());
            }
        }
    }

    /// Blocks until sources changed; returns the changed paths of one burst, without
    /// editor temporaries. None when the watcher stopped.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.events.recv().ok()?;
            let mut paths = BTreeSet::from([first]);
            let started = Instant::now();
            loop {
                match self.events.recv_timeout(QUIET) {
                    Ok(path) => {
                        paths.insert(path);
                        if started.elapsed() > MAX_WAIT {
                            break;
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            let relevant: Vec<PathBuf> = paths.into_iter().filter(|p| !is_editor_temporary(p)).collect();
            if !relevant.is_empty() {
                return Some(relevant);
            }
        }
    }
}

/// Swap files, backups and other files an editor writes beside the real one.
pub fn is_editor_temporary(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_string()) else { return true };
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporaries_are_ignored() {
        for name in [".01-tarieven.md.swp", "01-tarieven.md~", "#01-tarieven.md#", "4913", ".goutputstream-X1", "x.tmp"] {
            assert!(is_editor_temporary(Path::new(name)), "{name}");
        }
        assert!(!is_editor_temporary(Path::new("content/01-tarieven.md")));
        assert!(!is_editor_temporary(Path::new("site.toml")));
    }
}
