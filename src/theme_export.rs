//! `folio theme export DIR`: the built-in theme written out as files, to read and to copy
//! from. A monitor keeps only the files it changes (see `render::theme::load`), so the
//! export is a place to start from, not a theme a monitor has to carry whole.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::render::theme::DEFAULT_THEME;

/// Writes every file of the built-in theme into `dir` (created when missing) and returns
/// their names. Nothing is written when any of them is already there, and nothing is
/// written through a symbolic link, so every file lands inside `dir`.
pub fn export(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    refuse_links(dir)?;
    refuse_existing(dir)?;
    let mut written = Vec::new();
    for (name, bytes) in DEFAULT_THEME {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| {
                Diagnostic::error(parent, format!("cannot create the folder: {err}")).help("check that you may write there")
            })?;
        }
        write_new(&path, bytes)?;
        written.push(name.to_string());
    }
    Ok(written)
}

/// The folders the theme's files go into, below `dir`: `templates`, `templates/partials`, ….
fn folders_inside() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = DEFAULT_THEME
        .iter()
        .flat_map(|(name, _)| Path::new(name).ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()).map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    folders
}

/// A folder inside `dir` that is a symbolic link (or a file) would send the files
/// elsewhere: refused before anything is written.
fn refuse_links(dir: &Path) -> Result<(), Diagnostic> {
    for folder in folders_inside() {
        let path = dir.join(&folder);
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.file_type().is_symlink() || !meta.is_dir() {
            let what = if meta.file_type().is_symlink() { "a symbolic link" } else { "not a folder" };
            return Err(Diagnostic::error(
                &path,
                format!("{} is {what}; the theme's files would not land inside {}", folder.display(), dir.display()),
            )
            .help("export into a new or empty folder, e.g. `folio theme export ingebouwd-thema`"));
        }
    }
    Ok(())
}

/// Files of the theme already in `dir` are never replaced: say which, and write nothing.
fn refuse_existing(dir: &Path) -> Result<(), Diagnostic> {
    let there: Vec<&str> =
        DEFAULT_THEME.iter().map(|(name, _)| *name).filter(|name| std::fs::symlink_metadata(dir.join(name)).is_ok()).collect();
    if there.is_empty() {
        return Ok(());
    }
    let more = if there.len() > 5 { format!(" and {} more", there.len() - 5) } else { String::new() };
    let shown: Vec<&str> = there.iter().take(5).copied().collect();
    Err(Diagnostic::error(dir, format!("this folder already holds {}{more}; `folio theme export` never replaces a file", shown.join(", ")))
        .help("export into a new or empty folder, e.g. `folio theme export ingebouwd-thema`, and copy from there the files you want to change"))
}

/// Creates `path` only if nothing is there (not even a symbolic link).
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(bytes))
        .map_err(|err| Diagnostic::error(path, format!("cannot write the file: {err}")).help("check that you may write there"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_are_those_of_the_files() {
        let folders = folders_inside();
        let shown: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
        assert_eq!(shown, ["static", "static/fonts", "templates", "templates/directives", "templates/partials"]);
    }
}
