//! The research report (`onderzoeksrapport/index.html`) through the theme's `report.html`,
//! with the same site settings and words as every page. Its figures are gathered in
//! `survey::report`; this stage only lays them out.

use serde::Serialize;
use tera::Context;

use super::{render_template, FileContents, OutputFile, SiteParts};
use crate::diagnostic::Diagnostic;
use crate::survey::REPORT_PATH;

/// The report's address from the site's root, as pages link to it: the folder's index.html,
/// so the link works from disk as well as from a web server.
pub const HREF: &str = REPORT_PATH;

/// Adds the report to the site's `files`, refusing a page or file that would take its place.
pub fn add_report(site: &SiteParts, report: &impl Serialize, files: &mut Vec<OutputFile>) -> Result<(), Diagnostic> {
    files.push(report_file(site, report)?);
    super::collide::refuse_same_paths(site, files)
}

/// The report's file. `report` is the report's view: its fields are the template's
/// top-level variables, beside `site`, `words` and `root` (the way back to the site's root).
pub fn report_file(site: &SiteParts, report: &impl Serialize) -> Result<OutputFile, Diagnostic> {
    let mut context = Context::from_serialize(report).map_err(|err| {
        Diagnostic::error(REPORT_PATH, format!("the research report could not be prepared: {}", super::error_chain(&err)))
    })?;
    context.insert("site", &site.site_view);
    context.insert("words", &site.config.words);
    context.insert("root", &super::nav::root_prefix(REPORT_PATH.trim_end_matches("index.html")));
    let html = render_template(site, "report.html", &context)?;
    Ok(OutputFile { path: REPORT_PATH.to_string(), contents: FileContents::Bytes(html.into_bytes()) })
}
