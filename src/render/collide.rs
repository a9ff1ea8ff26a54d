//! Two outputs may not share a path: one would silently replace the other (a page folder
//! named `media/` beside the linked files, `x.png` at the top and `content/x.png`, names
//! that differ only in case, which are one file on the disks of Windows and macOS).

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;

use super::{FileContents, OutputFile, SiteParts};

/// Refuses the site when two of its files land on the same path (ignoring case), naming
/// where each comes from.
pub fn refuse_same_paths(site: &SiteParts, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let pages: HashMap<String, &Path> =
        site.content.pages.iter().map(|p| (format!("{}index.html", p.url_path), p.source.as_path())).collect();
    let mut seen: HashMap<String, (&str, String)> = HashMap::with_capacity(files.len());
    for file in files {
        let source = source_of(site, file, &pages);
        match seen.get(&file.path.to_lowercase()) {
            Some((path, first)) if *first != source => return Err(clash(path, first, &file.path, &source)),
            _ => {
                seen.insert(file.path.to_lowercase(), (&file.path, source));
            }
        }
    }
    Ok(())
}

/// Where an output file comes from, as the author knows it.
fn source_of(site: &SiteParts, file: &OutputFile, pages: &HashMap<String, &Path>) -> String {
    if let Some(page) = pages.get(&file.path) {
        return page.display().to_string();
    }
    match &file.contents {
        FileContents::CopyOf(from) => from.strip_prefix(site.root).unwrap_or(from).display().to_string(),
        _ if file.path.starts_with("static/") => format!("the theme `{}`", site.config.theme),
        _ => format!("folio's own {}", file.path),
    }
}

fn clash(first_path: &str, first: &str, path: &str, source: &str) -> Diagnostic {
    let same =
        if first_path == path { format!("`{path}`") } else { format!("`{path}` and `{first_path}` (one file where case does not count)") };
    Diagnostic::error(source, format!("this and {first} both become the output file {same}, and one would replace the other"))
        .help("rename or move one of the files: a linked file is copied to `media/` by its place below `content/` (a file outside `content/` by its place in the monitor folder)")
}
