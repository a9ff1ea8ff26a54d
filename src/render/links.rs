//! Links and images written in Markdown. A page body is rendered once but shown in two
//! places (its own page, and print.html), so addresses inside it are written with
//! stand-ins and filled in per place by `resolve`. The stand-ins are built from this
//! build's token (`marks`), which no author text holds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::paths::{climbs_out, leads_outside, normalize};

use super::marks::Marks;
use super::nav::{page_href, Mode};
use super::numbers::{Kind, Numbers};
use crate::config::Words;
use crate::slug::slugify;

/// The stand-ins of one build, all starting with its token. Letters and digits only, so
/// they survive the escaping of addresses and attributes.
struct Markers {
    /// The token: every stand-in starts with it.
    token: String,
    /// Stands for "the site root, seen from here"; followed by a path below the root.
    root: String,
    /// `page key sep fragment end`: a link to another page of the monitor.
    page: String,
    sep: String,
    end: String,
}

impl Markers {
    fn new(marks: &Marks) -> Markers {
        let token = marks.token().to_string();
        Markers { root: format!("{token}R"), page: format!("{token}P"), sep: format!("{token}F"), end: format!("{token}E"), token }
    }
}

/// A link to a place on a page (`#kop`, `01-tarieven.md#kop`): checked against the ids the
/// pages really have once every page is rendered, so no link points at nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WantedAnchor {
    /// The key of the page the link points into.
    pub page_key: String,
    /// The full id it needs there ("tarieven--kop").
    pub id: String,
    /// The link as the author wrote it, and where.
    pub written: String,
    pub source: PathBuf,
    pub line: usize,
}

/// Links whose anchor no page has, as errors naming the file and line of each.
pub fn missing_anchors<'a>(wanted: impl Iterator<Item = &'a WantedAnchor>, has_id: impl Fn(&str, &str) -> bool) -> Vec<Diagnostic> {
    wanted
        .filter(|anchor| !has_id(&anchor.page_key, &anchor.id))
        .map(|anchor| {
            Diagnostic::error(&anchor.source, format!("the link `{}` points to a place that its page does not have", anchor.written))
                .at_line(anchor.line)
                .help("link to a heading by its id: `## Aanbevelingen` gets `#aanbevelingen`, and `## Kop {#eigen-id}` gets `#eigen-id`")
        })
        .collect()
}

/// What `rewrite` finds a page needs besides the address: files to copy, and places on
/// pages (page key, full id) to check.
pub struct Found<'f> {
    pub media: &'f mut Vec<Media>,
    pub anchors: &'f mut Vec<(String, String)>,
}

/// A file an author links to (an image, a PDF), copied into the output.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Media {
    /// Absolute path of the file.
    pub from: PathBuf,
    /// Path below the output root, forward slashes: "media/financiering/portret.jpg".
    pub to: String,
}

/// Pages by source file, to resolve links between pages.
pub struct LinkTargets {
    by_source: HashMap<PathBuf, String>,
    url_by_key: HashMap<String, String>,
    markers: Markers,
    /// Numbered tables and figures: anchor ("tabel-contracten") → key of the page they are on.
    numbered: HashMap<String, String>,
    /// The starts of their anchors ("tabel-", "figuur-"): a link to one that does not exist is an error.
    numbered_prefixes: Vec<String>,
    /// Whether linked files that run scripts when opened (HTML, SVG) may be published:
    /// only with `raw_html = true`, where authors are trusted with HTML anyway.
    scripts_allowed: bool,
}

impl LinkTargets {
    pub fn new(content: &Content, marks: &Marks, scripts_allowed: bool, numbers: &Numbers, words: &Words) -> LinkTargets {
        LinkTargets {
            by_source: content.pages.iter().map(|p| (normalize(&p.source), p.key.clone())).collect(),
            url_by_key: content.pages.iter().map(|p| (p.key.clone(), p.url_path.clone())).collect(),
            markers: Markers::new(marks),
            numbered: numbers.anchors().map(|(anchor, page)| (anchor.to_string(), content.pages[page].key.clone())).collect(),
            numbered_prefixes: [Kind::Table, Kind::Figure].iter().map(|kind| format!("{}-", slugify(kind.word(words)))).collect(),
            scripts_allowed,
        }
    }

    /// Whether `fragment` is meant for a numbered table or figure ("tabel-…", "figuur-…").
    fn names_numbered(&self, fragment: &str) -> bool {
        self.numbered.contains_key(fragment) || self.numbered_prefixes.iter().any(|prefix| fragment.starts_with(prefix.as_str()))
    }

    /// Where a link to `#fragment` on page `key` points: a numbered table or figure is found
    /// on whichever page holds it; any other fragment is an id on the page itself.
    fn fragment(&self, fragment: &str, key: &str) -> Result<String, String> {
        if let Some(page) = self.numbered.get(fragment) {
            if page != key {
                let m = &self.markers;
                return Ok(format!("{}{page}{}#{page}--{fragment}{}", m.page, m.sep, m.end));
            }
        } else if let Some(prefix) = self.numbered_prefixes.iter().find(|prefix| fragment.starts_with(prefix.as_str())) {
            let mut known: Vec<&str> =
                self.numbered.keys().filter(|anchor| anchor.starts_with(prefix.as_str())).map(String::as_str).collect();
            known.sort();
            let known: Vec<String> = known.iter().map(|anchor| format!("#{anchor}")).collect();
            let known = if known.is_empty() {
                "none".to_string()
            } else {
                crate::data::shorten(&known.iter().map(String::as_str).collect::<Vec<_>>())
            };
            return Err(format!("the link `#{fragment}` names no table or figure of the publication (known: {known}){NO_TARGET}"));
        }
        Ok(format!("#{key}--{fragment}"))
    }
}

/// What a Markdown link or image destination becomes. `source` is the page's file relative
/// to `site_root`; `key` the page's id prefix.
pub fn rewrite(
    destination: &str,
    is_image: bool,
    site_root: &Path,
    source: &Path,
    key: &str,
    targets: &LinkTargets,
    found: Found,
) -> Result<String, String> {
    let Found { media, anchors } = found;
    if destination.is_empty() {
        return Ok(String::new());
    }
    if let Some(fragment) = destination.strip_prefix('#') {
        // Heading ids carry the page key, so they stay unique in print.html.
        if !targets.names_numbered(fragment) {
            anchors.push((key.to_string(), format!("{key}--{fragment}")));
        }
        return targets.fragment(fragment, key);
    }
    if has_scheme(destination) {
        // Every address passes here (portraits too): none may run code.
        if crate::address::code_scheme(destination).is_some() {
            return Err(format!("the link `{destination}` would run code or embed data, which folio does not allow"));
        }
        if crate::address::is_local_file(destination) {
            return Err(format!(
                "`{destination}` is a file on this computer ({LOCAL_FILE}), which readers cannot open and a PDF would take in"
            ));
        }
        return Ok(destination.to_string());
    }
    if destination.starts_with('/') || destination.starts_with('\\') {
        return Err(format!(
            "`{destination}` starts at the root of a web server, which breaks when the monitor is opened from disk or from a sub-path; write the path relative to this file"
        ));
    }
    let (path_part, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (destination, None),
    };
    let path_part = path_part.split_once('?').map_or(path_part, |(path, _)| path);
    let decoded = percent_decode(path_part).unwrap_or_else(|| path_part.to_string());
    refuse_odd_characters(destination, &decoded)?;
    let base = source.parent().unwrap_or(Path::new(""));
    let relative = normalize(&base.join(&decoded));
    if climbs_out(&relative) {
        return Err(format!("`{destination}` points outside the monitor folder; keep linked files inside it"));
    }
    if decoded.ends_with(".md") {
        let key = targets.by_source.get(&relative).ok_or_else(|| {
            // The file is there but not among the pages: only a draft is left out.
            if site_root.join(&relative).is_file() {
                return format!(
                    "`{destination}` links to a draft ({} has `draft: true`), which is left out of the published monitor",
                    relative.display()
                );
            }
            format!(
                "`{destination}` names no page of the monitor (it would be {}); check the file name, or whether that page is a draft",
                relative.display()
            )
        })?;
        // A numbered table or figure is found wherever it stands, whichever page is named.
        if let Some(numbered) = fragment.filter(|f| targets.names_numbered(f)) {
            return targets.fragment(numbered, "");
        }
        if let Some(fragment) = fragment {
            anchors.push((key.clone(), format!("{key}--{fragment}")));
        }
        let fragment = fragment.map(|f| format!("#{key}--{f}")).unwrap_or_default();
        let m = &targets.markers;
        return Ok(format!("{}{key}{}{fragment}{}", m.page, m.sep, m.end));
    }
    let absolute = site_root.join(&relative);
    if absolute.is_dir() {
        return Err(format!("`{destination}` is a folder ({}), not a file; name the file itself", relative.display()));
    }
    if !absolute.is_file() {
        let what = if is_image { "image" } else { "file" };
        return Err(format!("the {what} `{destination}` does not exist (looked for {})", relative.display()));
    }
    // A symbolic link may still lead out of the folder; follow it and check.
    if leads_outside(&absolute, site_root).is_some() {
        return Err(format!("`{destination}` leads outside the monitor folder (through a symbolic link); copy the file into the folder"));
    }
    if !targets.scripts_allowed && runs_scripts(&relative) {
        return Err(format!(
            "`{destination}` is an HTML or SVG file, which runs its scripts on the monitor's own address when opened; {SCRIPTS}"
        ));
    }
    let below_content = relative.strip_prefix("content").unwrap_or(&relative);
    let to = format!("media/{}", below_content.to_string_lossy().replace('\\', "/"));
    media.push(Media { from: absolute, to: to.clone() });
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    Ok(format!("{}{}{fragment}", targets.markers.root, escape_path(&to)))
}

/// Fills in the stand-ins of `html` for a page whose root prefix is `root`, or for print.html.
pub fn resolve(html: &str, root: &str, mode: Mode, targets: &LinkTargets) -> String {
    let m = &targets.markers;
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find(&m.token) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix(&m.root) {
            if mode == Mode::Page {
                out.push_str(root);
            }
            rest = after;
        } else if let Some(after) = rest.strip_prefix(&m.page) {
            let end = after.find(&m.end).unwrap_or(after.len());
            let (key, fragment) = after[..end].split_once(&m.sep).unwrap_or((&after[..end], ""));
            out.push_str(&page_link(key, fragment, root, mode, targets));
            rest = after.get(end + m.end.len()..).unwrap_or("");
        } else {
            // Only `rewrite` writes the token, always as one of the above.
            out.push_str(&m.token);
            rest = &rest[m.token.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// The address of the page `key` (and `fragment` in it), seen from `root` or in print.html.
fn page_link(key: &str, fragment: &str, root: &str, mode: Mode, targets: &LinkTargets) -> String {
    match mode {
        Mode::Page => {
            let url = targets.url_by_key.get(key).map(String::as_str).unwrap_or("");
            format!("{}{fragment}", page_href(root, url))
        }
        Mode::Print if fragment.is_empty() => format!("#page-{key}"),
        Mode::Print => fragment.to_string(),
    }
}

/// A backslash is a folder separator on Windows: a file named `..\..\x` would be copied
/// outside the output there, and its address means something else on every other system.
/// Control characters (NUL from `%00`) have no place in a file name either.
fn refuse_odd_characters(destination: &str, decoded: &str) -> Result<(), String> {
    if decoded.contains('\\') {
        return Err(format!("`{destination}` holds a backslash (`\\`, a folder separator on Windows); {ODD_NAME}"));
    }
    if decoded.chars().any(char::is_control) {
        return Err(format!("`{destination}` holds a control character; {ODD_NAME}"));
    }
    Ok(())
}

/// The end of the messages of `refuse_odd_characters`; `link_error` finds its help by it.
const ODD_NAME: &str = "folio does not copy such names into the output";
/// Parts of messages by which `link_error` finds their help.
const LOCAL_FILE: &str = "`file:`";
const NO_TARGET: &str = "; ids of tables and figures start with their word";
const SCRIPTS: &str = "with `raw_html = false` folio does not publish such files";

/// Files a browser opens as a document that may run scripts: HTML, SVG and XML (which
/// can hold either). Shown as `<img>`, an SVG runs nothing, but its own address does.
fn runs_scripts(path: &Path) -> bool {
    let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    ["html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt"].contains(&extension.as_str())
}

fn has_scheme(destination: &str) -> bool {
    match destination.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `%20` → space. None when an escape is malformed or the result is not UTF-8 (the preview
/// server refuses such addresses; a link keeps its text as written).
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Spaces and other specials in file names, made safe for an address.
fn escape_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            other => out.push(other),
        }
    }
    out
}

/// The error for a link, placed at its line.
pub fn link_error(source: &Path, line: usize, message: String) -> Diagnostic {
    if message.contains("would run code") {
        return Diagnostic::error(source, message)
            .at_line(line)
            .help("link to a web address (https://…) or to another page or file of the monitor");
    }
    if message.contains(LOCAL_FILE) {
        return Diagnostic::error(source, message)
            .at_line(line)
            .help("copy the file into the monitor folder and link it by its path relative to this page, e.g. `beelden/foto.jpg`");
    }
    if message.ends_with(SCRIPTS) {
        return Diagnostic::error(source, message).at_line(line).help(
            "publish it as PNG, JPEG or PDF instead; if every author of this monitor is trusted with HTML, set `raw_html = true` under `[markdown]` in site.toml",
        );
    }
    if message.ends_with(ODD_NAME) {
        return Diagnostic::error(source, message)
            .at_line(line)
            .help("separate folders with `/` (not `\\`), and rename the linked file to a plain name of letters, digits, `-`, `_` and `.`");
    }
    if message.ends_with(NO_TARGET) {
        return Diagnostic::error(source, message.trim_end_matches(NO_TARGET).to_string()).at_line(line).help(
            "check the spelling; a table or figure gets its id from its `id:` setting, e.g. `id: contracten` gives `#tabel-contracten`",
        );
    }
    if message.contains("`draft: true`") {
        return Diagnostic::error(source, message)
            .at_line(line)
            .help("remove the link, or publish that page by taking out `draft: true` (`folio build --drafts` shows drafts)");
    }
    Diagnostic::error(source, message)
        .at_line(line)
        .help("links and images take a path relative to the Markdown file, e.g. `../02-financiering/01-tarieven.md` or `portret.jpg`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_keeps_escapes_visible() {
        assert_eq!(percent_decode("mijn%20foto.jpg").as_deref(), Some("mijn foto.jpg"));
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b") && !has_scheme("foto.jpg") && !has_scheme("a/b:c"));
    }
}
