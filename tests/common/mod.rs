//! Helpers shared by the integration tests: copying fixture sites, running folio, and
//! reading the rendered HTML.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `tests/sites/<name>` (or any folder) into a fresh temporary folder.
pub fn copy_site(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(from, dir.path());
    dir
}

pub fn fixture(name: &str) -> tempfile::TempDir {
    copy_site(&repo().join("tests/sites").join(name))
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let relative = entry.path().strip_prefix(from).unwrap();
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the folio binary; returns (success, stderr).
pub fn folio(site: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_folio")).arg("--root").arg(site).args(args).output().expect("run folio");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

pub fn build(site: &Path) -> PathBuf {
    let (ok, stderr) = folio(site, &["build"]);
    assert!(ok, "build failed:\n{stderr}");
    site.join("public")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// One start tag with its attributes (entities decoded).
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// Every start tag in `html`, in order. Enough for the HTML folio writes.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset + 1;
        i = start;
        if start >= bytes.len() || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name_end = html[start..].find(|c: char| c.is_whitespace() || c == '>' || c == '/').map_or(html.len(), |e| start + e);
        let name = html[start..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut j = name_end;
        loop {
            while j < bytes.len() && (bytes[j] as char).is_whitespace() {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' || bytes[j] == b'/' {
                break;
            }
            let key_end = html[j..].find(|c: char| c.is_whitespace() || c == '=' || c == '>').map_or(html.len(), |e| j + e);
            let key = html[j..key_end].to_ascii_lowercase();
            j = key_end;
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                let quote = bytes[j];
                if quote == b'"' || quote == b'\'' {
                    let end = html[j + 1..].find(quote as char).map_or(html.len(), |e| j + 1 + e);
                    value = decode(&html[j + 1..end]);
                    j = end + 1;
                } else {
                    let end = html[j..].find(|c: char| c.is_whitespace() || c == '>').map_or(html.len(), |e| j + e);
                    value = decode(&html[j..end]);
                    j = end;
                }
            }
            attrs.push((key, value));
        }
        tags.push(Tag { name, attrs });
        i = j.max(start);
    }
    tags
}

pub fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The link with `rel` ("next"/"prev") in the page's pager, if any.
pub fn pager_link(html: &str, rel: &str) -> Option<String> {
    tags(html).into_iter().find(|t| t.name == "a" && t.attr("rel") == Some(rel)).and_then(|t| t.attr("href").map(String::from))
}

/// Resolves a relative `href` seen from `file`; None for external addresses.
pub fn resolve(file: &Path, href: &str) -> Option<(PathBuf, Option<String>)> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("tel:") {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string())),
        None => (href, None),
    };
    let target = if path.is_empty() { file.to_path_buf() } else { normalize(&file.parent().unwrap().join(path)) };
    Some((target, fragment))
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The text of the first `<h1>` of a page.
pub fn h1(html: &str) -> String {
    let start = html.find("<h1").expect("an h1");
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let end = open_end + html[open_end..].find("</h1>").unwrap();
    decode(&html[open_end..end])
}

/// Every broken relative link (href or src) in every HTML file under `out`, as
/// "file -> link" lines. Fragments must name an id in the target file.
pub fn broken_links(out: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok) {
        let file = entry.path();
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = read(file);
        for tag in tags(&html) {
            for attr in ["href", "src"] {
                let Some(link) = tag.attr(attr) else { continue };
                if link.starts_with('/') {
                    broken.push(format!("{} -> {link} (absolute)", file.display()));
                    continue;
                }
                let Some((target, fragment)) = resolve(file, link) else { continue };
                if !target.is_file() {
                    broken.push(format!("{} -> {link}", file.display()));
                } else if let Some(fragment) = fragment {
                    let text = read(&target);
                    if !text.contains(&format!("id=\"{fragment}\"")) {
                        broken.push(format!("{} -> {link} (no id)", file.display()));
                    }
                }
            }
        }
    }
    broken
}

/// Every file of the output folder with its contents.
pub fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(out).unwrap().to_string_lossy().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// An external program (chromium, pdftotext…) to run; `why` says what needs it and how to
/// install it, for the message when it is missing.
pub fn tool(name: &str, why: &str) -> Command {
    let found = std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()));
    assert!(found, "`{name}` was not found on PATH: {why}");
    Command::new(name)
}

/// Runs `command`, which must succeed, and returns what it wrote to stdout.
pub fn run(command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(output.status.success(), "{command:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The cells of the table rows labelled `label`, after `<tr><th scope="row">label</th>`.
pub fn row_cells(table: &str, label: &str) -> Vec<String> {
    let start = format!("<tr><th scope=\"row\">{label}</th>");
    table
        .match_indices(&start)
        .flat_map(|(at, _)| {
            let row = &table[at..at + table[at..].find("</tr>").unwrap()];
            // A research report's cell may carry its 95% interval after the figure: left out here.
            row.split("<td>")
                .skip(1)
                .map(|cell| cell.trim_end_matches("</td>").split("<span class=\"interval\">").next().unwrap_or_default().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}
