//! `folio init`: a new monitor that builds at once, to start from.

use std::path::Path;

use crate::diagnostic::Diagnostic;

macro_rules! skeleton {
    ($folder:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!($folder, "/", $name)))),*]
    };
}

/// What `folio init` starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// A survey monitor: cover, foreword, a chapter of results, a closing page.
    Monitor,
    /// A text report: contents page, numbered chapters and sections, boxes, a numbered
    /// table and figure, footnotes.
    Report,
}

impl Template {
    /// What the starter is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Template::Monitor => "monitor",
            Template::Report => "report",
        }
    }

    fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Template::Monitor => SKELETON,
            Template::Report => REPORT,
        }
    }
}

const REPORT: &[(&str, &str)] = skeleton!["report":
    "site.toml",
    "content/00-omslag.md",
    "content/01-inhoud.md",
    "content/02-samenvatting.md",
    "content/03-aanpak/_index.md",
    "content/03-aanpak/01-onderzoek.md",
    "content/03-aanpak/02-werkwijze.md",
    "content/04-uitkomsten/_index.md",
    "content/04-uitkomsten/01-tevredenheid.md",
    "content/04-uitkomsten/02-wat-opvalt.md",
    "data/uitkomsten.yaml",
];

/// Every starter gets it, unless its folder already has one (a `git init` before `folio init`).
pub const GITIGNORE: &str = ".gitignore";

/// The list of folio's output and scratch for git (the folder and the PDF of the starter's
/// site.toml, the staging folder, the lock, the private open answers).
const GITIGNORE_TEXT: &str = include_str!("gitignore");

const SKELETON: &[(&str, &str)] = skeleton!["skeleton":
    "site.toml",
    "content/00-omslag.md",
    "content/01-voorwoord.md",
    "content/02-resultaten/_index.md",
    "content/02-resultaten/01-tevredenheid.md",
    "content/03-tot-slot.md",
    "data/resultaten.yaml",
];

/// The patterns of the starters' `.gitignore`, for a folder that keeps its own.
pub fn gitignore_patterns() -> Vec<&'static str> {
    GITIGNORE_TEXT.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
}

/// Writes the skeleton into `dir` (created when missing). Refuses a folder that holds a
/// monitor or any other files (hidden ones such as `.git` aside): nothing an author has
/// is ever replaced.
pub fn init(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    init_from(dir, Template::Monitor)
}

/// Writes the starter `template` into `dir`, as `init` does.
pub fn init_from(dir: &Path, template: Template) -> Result<Vec<String>, Diagnostic> {
    if dir.join("site.toml").exists() || dir.join("content").exists() {
        return Err(Diagnostic::error(dir, "this folder already holds a monitor (site.toml or content/)")
            .help("choose a new or empty folder, e.g. `folio init mijn-monitor`"));
    }
    refuse_files(dir)?;
    let mut written = Vec::new();
    let gitignore = [(GITIGNORE, GITIGNORE_TEXT)];
    for (name, text) in template.files().iter().chain(&gitignore) {
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
