//! `folio init`: a new monitor that builds at once, to start from.

use std::path::Path;

use crate::diagnostic::Diagnostic;

macro_rules! skeleton {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("skeleton/", $name)))),*]
    };
}

const SKELETON: &[(&str, &str)] = skeleton![
    "site.toml",
    "content/00-omslag.md",
    "content/01-voorwoord.md",
    "content/02-resultaten/_index.md",
    "content/02-resultaten/01-tevredenheid.md",
    "content/03-tot-slot.md",
    "data/resultaten.yaml",
];

/// Writes the skeleton into `dir` (created when missing). Refuses to overwrite a monitor.
pub fn init(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    if dir.join("site.toml").exists() || dir.join("content").exists() {
        return Err(Diagnostic::error(dir, "this folder already holds a monitor (site.toml or content/)")
            .help("choose a new or empty folder, e.g. `folio init mijn-monitor`"));
    }
    let mut written = Vec::new();
    for (name, text) in SKELETON {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| {
                Diagnostic::error(parent, format!("cannot create the folder: {err}")).help("check that you may write there")
            })?;
        }
        std::fs::write(&path, text)
            .map_err(|err| Diagnostic::error(&path, format!("cannot write the file: {err}")).help("check that you may write there"))?;
        written.push(name.to_string());
    }
    Ok(written)
}
