//! The PDF as part of the site (`[pdf] publish = true` or `folio pdf --publish`): the PDF
//! lands in the output folder under a stable name and every page's footer links it.
//!
//! A build writes the whole output folder anew, and the PDF is made after it, by the browser
//! step. So a page links the PDF only when it is there: when `folio pdf --publish` is about to
//! print it, or when an earlier run published it, in which case the build carries that PDF
//! into the new output (it may be an edition behind until `folio pdf` runs again; a missing
//! link would be worse than a PDF of the day before). A build that publishes but finds no PDF
//! links none and says to run `folio pdf`. No build ever leaves a dead link.

use std::io::Read;
use std::path::Path;

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::render::{FileContents, OutputFile};
use crate::slug::slugify;

/// The published PDF's name in the output folder: the title as a file name, so an address
/// that was shared keeps working from edition to edition of the same title.
pub fn pdf_name(config: &SiteConfig) -> String {
    let stem = slugify(&config.title);
    format!("{}.pdf", if stem.is_empty() { "monitor" } else { &stem })
}

/// Whether this build publishes the PDF: by the settings or by `folio pdf --publish`.
pub fn publishes(config: &SiteConfig, forced: bool) -> bool {
    forced || config.pdf.publish
}

/// The earlier published PDF in `output_dir`, as a file of the new output; none when there
/// is none (or what is there is not a PDF).
pub fn earlier_pdf(output_dir: &Path, name: &str) -> Option<OutputFile> {
    let path = output_dir.join(name);
    let mut head = [0u8; 5];
    let is_pdf = std::fs::File::open(&path).and_then(|mut file| file.read_exact(&mut head)).is_ok() && &head == b"%PDF-";
    is_pdf.then(|| OutputFile { path: name.to_string(), contents: FileContents::CopyOf(path) })
}

/// The build's one word when it publishes the PDF but has none yet.
pub fn no_pdf_yet(name: &str) -> Diagnostic {
    Diagnostic::warning("site.toml", format!("`[pdf] publish = true`, but there is no {name} yet: the pages do not link it"))
        .help("run `folio pdf` (it builds the site, prints the PDF, puts it in the output folder and links it)")
}

/// Puts the printed PDF `pdf` into `output_dir` as `name`: through a temporary file and a
/// rename, so a reader of the site never gets half a PDF.
pub fn place(pdf: &Path, output_dir: &Path, name: &str) -> Result<(), Diagnostic> {
    let target = output_dir.join(name);
    let fail = |err: std::io::Error| {
        Diagnostic::error(&target, format!("cannot put the PDF into the output folder: {err}"))
            .help("check that the output folder can be written to, then run `folio pdf --publish` again")
    };
    let partial = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".partial").tempfile_in(output_dir).map_err(fail)?;
    std::fs::copy(pdf, partial.path()).map_err(fail)?;
    #[cfg(unix)]
    std::fs::set_permissions(partial.path(), std::os::unix::fs::PermissionsExt::from_mode(0o644)).map_err(fail)?;
    partial.persist(&target).map_err(|err| fail(err.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_the_title_as_a_file_name() {
        let config = SiteConfig::parse("title = \"Monitor Één 2026\"", Path::new("site.toml")).unwrap();
        assert_eq!(pdf_name(&config), "monitor-een-2026.pdf");
    }

    #[test]
    fn only_a_real_pdf_is_carried_into_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(earlier_pdf(dir.path(), "m.pdf"), None);
        std::fs::write(dir.path().join("m.pdf"), "niet echt").unwrap();
        assert_eq!(earlier_pdf(dir.path(), "m.pdf"), None);
        std::fs::write(dir.path().join("m.pdf"), "%PDF-1.7").unwrap();
        assert_eq!(earlier_pdf(dir.path(), "m.pdf").map(|file| file.path), Some("m.pdf".to_string()));
    }
}
