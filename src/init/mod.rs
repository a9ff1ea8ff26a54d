//! `folio init`: a new monitor that builds at once, to start from.

use std::path::Path;

use crate::diagnostic::Diagnostic;

macro_rules! skeleton {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("skeleton/", $name)))),*]
    };
}

/// The list of folio's output and scratch for git, which a new monitor gets unless its
/// folder already has one (a `git init` before `folio init`).
pub const GITIGNORE: &str = ".gitignore";

const SKELETON: &[(&str, &str)] = skeleton![
    ".gitignore",
    "site.toml",
    "content/00-omslag.md",
    "content/01-voorwoord.md",
    "content/02-resultaten/_index.md",
    "content/02-resultaten/01-tevredenheid.md",
    "content/03-tot-slot.md",
    "data/resultaten.yaml",
];

/// The patterns of the skeleton's `.gitignore`, for a folder that keeps its own.
pub fn gitignore_patterns() -> Vec<&'static str> {
    let (_, text) = SKELETON.iter().find(|(name, _)| *name == GITIGNORE).expect("the skeleton has a .gitignore");
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
}

/// Writes the skeleton into `dir` (created when missing). Refuses a folder that holds a
/// monitor or any other files (hidden ones such as `.git` aside): nothing an author has
/// is ever replaced.
pub fn init(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    if dir.join("site.toml").exists() || dir.join("content").exists() {
        return Err(Diagnostic::error(dir, "this folder already holds a monitor (site.toml or content/)")
            .help("choose a new or empty folder, e.g. `folio init mijn-monitor`"));
    }
    refuse_files(dir)?;
    let mut written = Vec::new();
    for (name, text) in SKELETON {
        let path = dir.join(name);
        if *name == GITIGNORE && std::fs::symlink_metadata(&path).is_ok() {
            // The author's own; `main` says which lines to add.
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| {
                Diagnostic::error(parent, format!("cannot create the folder: {err}")).help("check that you may write there")
            })?;
        }
        write_new(&path, text)?;
        written.push(name.to_string());
    }
    Ok(written)
}

/// The visible entries of `dir`, if any, are an error that names them.
fn refuse_files(dir: &Path) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    let mut names: Vec<String> =
        entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().to_string()).filter(|n| !n.starts_with('.')).collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let more = if names.len() > 5 { format!(" and {} more", names.len() - 5) } else { String::new() };
    names.truncate(5);
    Err(Diagnostic::error(dir, format!("this folder already holds files ({}{more}), which `folio init` could replace", names.join(", ")))
        .help("choose a new or empty folder, e.g. `folio init mijn-monitor`"))
}

/// Creates `path` only if nothing is there (not even a symbolic link), so a file that
/// appeared since the check is still not replaced.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|err| Diagnostic::error(path, format!("cannot write the file: {err}")).help("check that you may write there"))
}
