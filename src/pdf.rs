//! `folio pdf`: the print document (`print.html`) printed to a PDF by headless Chromium.
//!
//! The print document does the layout (A4 landscape, one monitor page per sheet, page
//! numbers in each sheet's footer, links between sheets as `#page-…` fragments); Chromium
//! turns it into a tagged PDF with the document's `<title>` and `lang` as metadata, links
//! as PDF links and its headings as bookmarks. Chromium writes to a temporary file next
//! to the target, which is renamed only once it holds a PDF: a failed run never leaves half
//! a PDF behind, nor replaces a good one.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use crate::browser::{self, find_chromium, flag, LocalSite};
use crate::build::{self, BuildOptions};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::slugify;
use crate::{pdf_check, pdf_target};

/// How long Chromium may take to print before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(180);

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Where to write the PDF; relative paths are taken from the current folder.
    pub output: Option<PathBuf>,
    /// Build the site first (the default); false prints the output folder as it is.
    pub build: bool,
    /// Fail on warnings too (pages that continue on more sheets).
    pub strict: bool,
    /// Told each stage as it starts ("building", "printing 20 pages", "checking").
    pub progress: Option<fn(&str)>,
    /// Print the research report (`onderzoeksrapport/index.html`) instead of the monitor.
    pub report: bool,
    /// Put the PDF into the output folder too, linked from every page (`[pdf] publish`).
    pub publish: bool,
}

/// The research report's PDF, in the monitor's folder unless `--output` says otherwise.
pub const REPORT_PDF: &str = "onderzoeksrapport.pdf";

/// What a successful run did.
#[derive(Debug)]
pub struct PdfReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// Monitor pages in the print document (the report: its chapters and appendices).
    pub pages: usize,
    /// The PDF is the research report's.
    pub report: bool,
    /// Sheets of the PDF.
    pub sheets: usize,
    pub chromium: PathBuf,
    /// Warnings of the build.
    pub warnings: Vec<Diagnostic>,
    /// The PDF's copy in the output folder, when it was published.
    pub published: Option<PathBuf>,
}

/// Builds the monitor in `root` (unless told not to) and prints it to a PDF.
pub fn run(root: &Path, options: &PdfOptions) -> Result<PdfReport, Diagnostics> {
    let config = build::load_config(root)?;
    // Find Chromium first: no point in building when there is nothing to print with.
    let chromium = find_chromium(root, &config, "folio pdf")?;
    // And where the PDF goes, before any work is done.
    let target = output_path(root, &config, options);
    if options.output.is_none() {
        let (key, setting) = if options.report { ("report_output", &config.pdf.report_output) } else { ("output", &config.pdf.output) };
        if let Some(setting) = setting.as_deref().filter(|o| !o.trim().is_empty()) {
            pdf_target::check_setting(root, key, setting)?;
        }
    }
    pdf_target::check_existing(&target)?;
    let progress = |stage: &str| {
        if let Some(report) = options.progress {
            report(stage)
        }
    };
    let mut warnings = Vec::new();
    // The monitor's PDF only: the research report is published with the monitor's site.
    let publish = !options.report && crate::publish::publishes(&config, options.publish);
    let output_dir = if options.build {
        progress("building");
        let report = build::build(root, BuildOptions { publish_pdf: publish, ..BuildOptions::default() })?;
        warnings = report.warnings;
        report.output_dir
    } else {
        root.join(&config.output_dir)
    };
    let document = if options.report { crate::survey::REPORT_PATH } else { "print.html" };
    let print = output_dir.join(document);
    let shown = Path::new(&config.output_dir).join(document);
    let print_html = std::fs::read_to_string(&print).map_err(|err| match options.report {
        true if err.kind() == std::io::ErrorKind::NotFound => Diagnostic::error(&shown, "this monitor has no research report to print")
            .help("the report is made from the survey: add survey/codebook.yaml (see docs/survey.md), or run `folio pdf` without --report"),
        _ => Diagnostic::error(&shown, format!("cannot read the print document: {err}"))
            .help("build the monitor first (`folio build`), or run `folio pdf` without --no-build"),
    })?;
    // A monitor page is a sheet; the report's parts are its chapters and appendices.
    let pages = if options.report { print_html.matches("<section ").count() } else { print_html.matches("class=\"sheet ").count() };
    progress(&format!("printing {pages} {}", if options.report { "parts of the report" } else { "pages" }));
    // Chromium reads the output folder from folio's own server, and nothing else.
    let served = LocalSite::start(&output_dir, Default::default())?;
    let document = Document { file: &print, url: served.url(document), served: &served };
    let partial = print_to_partial(&chromium, &document, &target)?;
    progress("checking");
    let sheets = check_printed(&chromium, &document, partial.path(), &shown, &mut warnings)?;
    if options.strict && !warnings.is_empty() {
        return Err(Diagnostics(std::mem::take(&mut warnings)));
    }
    let bytes = persist(partial, &target)?;
    let published = if publish {
        let name = crate::publish::pdf_name(&config);
        crate::publish::place(&target, &output_dir, &name)?;
        Some(Path::new(&config.output_dir).join(name))
    } else {
        None
    };
    Ok(PdfReport { path: target, bytes, pages, report: options.report, sheets, chromium, warnings, published })
}

/// The document Chromium prints: its file (for messages) and its address on the server
/// that gives Chromium the output folder.
pub struct Document<'a> {
    pub file: &'a Path,
    pub url: String,
    pub served: &'a LocalSite,
}

/// Compares the text of the pages with the PDF's (see `pdf_check`); returns the number of
/// sheets. Missing text fails the run; the PDF is then not put in place.
fn check_printed(
    chromium: &Path,
    print: &Document,
    pdf: &Path,
    shown: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<usize, Diagnostics> {
    let Some(pdf_text) = pdf_check::pdf_text(pdf)? else {
        warnings.push(
            Diagnostic::warning(shown, "the PDF was not checked for missing text: poppler's `pdftotext` is not installed")
                .help("install poppler (Debian/Ubuntu: `sudo apt install poppler-utils`) so folio pdf can check its output"),
        );
        return Ok(0);
    };
    let pages = pdf_check::printed_pages(chromium, print)?;
    let (errors, continued) = pdf_check::diagnostics(&pdf_check::compare(&pages, &pdf_text), shown);
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    warnings.extend(continued);
    Ok(pdf_text.matches('\u{c}').count())
}

/// The PDF's path: `--output`, else `[pdf] output` (from the monitor's folder), else the
/// monitor's title as a file name in the monitor's folder. The report's PDF: `--output`, else
/// `[pdf] report_output`, else `onderzoeksrapport.pdf` in the monitor's folder.
pub fn output_path(root: &Path, config: &SiteConfig, options: &PdfOptions) -> PathBuf {
    if let Some(output) = &options.output {
        return output.clone();
    }
    if options.report {
        let setting = config.pdf.report_output.as_deref().filter(|o| !o.trim().is_empty());
        return root.join(setting.unwrap_or(REPORT_PDF));
    }
    if let Some(output) = config.pdf.output.as_deref().filter(|o| !o.trim().is_empty()) {
        return root.join(output);
    }
    let stem = slugify(&config.title);
    root.join(format!("{}.pdf", if stem.is_empty() { "monitor" } else { &stem }))
}

/// Puts a printed PDF in place of `target`; returns its size.
fn persist(partial: tempfile::NamedTempFile, target: &Path) -> Result<u64, Diagnostics> {
    let bytes = std::fs::metadata(partial.path()).map(|m| m.len()).unwrap_or(0);
    partial.persist(target).map_err(|err| {
        Diagnostic::error(target, format!("cannot put the PDF in place: {}", err.error))
            .help("choose another place for the PDF with --output or `[pdf] output` in site.toml")
    })?;
    Ok(bytes)
}

/// Prints `print` to a temporary file beside `target`, which is removed again unless it is
/// persisted: a failed run never leaves half a PDF behind, nor replaces a good one.
fn print_to_partial(chromium: &Path, document: &Document, target: &Path) -> Result<tempfile::NamedTempFile, Diagnostics> {
    let shown_target = target.display().to_string();
    let write_error = |what: &str, err: std::io::Error| {
        Diagnostics::from(
            Diagnostic::error(target, format!("cannot {what}: {err}"))
                .help("choose another place for the PDF with --output or `[pdf] output` in site.toml"),
        )
    };
    let print = document.file;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder).map_err(|err| write_error("create the PDF's folder", err))?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "monitor.pdf".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    // The usual mode for a new file (0644 under the default umask), not a temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let partial = builder.tempfile_in(&folder).map_err(|err| write_error("write a temporary file beside the PDF", err))?;
    let profile = browser::temporary_profile()?;
    let log_path = profile.path().join("folio-chromium.log");
    let log =
        std::fs::File::create(&log_path).map_err(|err| Diagnostic::error(&log_path, format!("cannot write Chromium's log: {err}")))?;

    let mut command = browser::headless(chromium, document.served, profile.path());
    command
        .args(["--no-pdf-header-footer", "--generate-pdf-document-outline"])
        .arg(flag("--print-to-pdf=", partial.path()))
        .arg(&document.url)
        .stdout(Stdio::null())
        .stderr(log);
    let mut child = command.spawn().map_err(|err| {
        Diagnostic::error(chromium, format!("cannot start the browser: {err}")).help(format!(
            "check that it runs (`{} --version`), or name another Chrome, Chromium, Edge or Brave in the variable {} or `[pdf] chromium`",
            chromium.display(),
            browser::find::VARIABLE
        ))
    })?;
    let status = match browser::wait_at_most(&mut child, TIMEOUT) {
        Ok(Some(status)) => status,
        Ok(None) => {
            return Err(Diagnostic::error(
                print,
                format!("Chromium did not finish printing within {} s and was stopped", TIMEOUT.as_secs()),
            )
            .help(format!("try it by hand: {} --headless --print-to-pdf=out.pdf {}", chromium.display(), print.display()))
            .into())
        }
        Err(err) => return Err(Diagnostic::error(print, format!("lost track of Chromium: {err}")).into()),
    };
    let log_text = browser::chromium_log(&std::fs::read_to_string(&log_path).unwrap_or_default());
    let bytes = std::fs::metadata(partial.path()).map(|m| m.len()).unwrap_or(0);
    let mut head = [0u8; 5];
    let is_pdf = std::fs::File::open(partial.path()).and_then(|mut f| f.read_exact(&mut head)).is_ok() && &head == b"%PDF-";
    if !status.success() || bytes == 0 || !is_pdf {
        let what = if !status.success() { format!("Chromium failed ({status})") } else { "Chromium wrote no PDF".to_string() };
        let mut message = format!("{what} while printing {}", print.display());
        if !log_text.is_empty() {
            message.push_str(":\n");
            message.push_str(&log_text);
        }
        return Err(Diagnostic::error(&shown_target, message)
            .help("no PDF was written; check that Chromium runs headless (`chromium --headless --version`), or set another program in `[pdf] chromium`")
            .into());
    }
    Ok(partial)
}

impl PdfReport {
    /// One line for the terminal.
    pub fn summary(&self, elapsed: Duration) -> String {
        let published = self.published.as_ref().map(|path| format!("; published as {}", path.display())).unwrap_or_default();
        format!(
            "wrote {} ({} {} on {} sheets, {} KB) in {} ms with {}{published}",
            self.path.display(),
            self.pages,
            if self.report { "parts of the report" } else { "pages" },
            self.sheets,
            self.bytes.div_ceil(1024),
            elapsed.as_millis(),
            self.chromium.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> SiteConfig {
        SiteConfig::parse(&format!("title = \"Monitor Één 2026\"\n{extra}"), Path::new("site.toml")).unwrap()
    }

    #[test]
    fn the_output_path_comes_from_the_flag_then_the_settings_then_the_title() {
        let root = Path::new("/site");
        let flag = PdfOptions { output: Some("x/out.pdf".into()), build: true, ..PdfOptions::default() };
        assert_eq!(output_path(root, &config("[pdf]\noutput = \"print/m.pdf\""), &flag), PathBuf::from("x/out.pdf"));
        let none = PdfOptions::default();
        assert_eq!(output_path(root, &config("[pdf]\noutput = \"print/m.pdf\""), &none), PathBuf::from("/site/print/m.pdf"));
        assert_eq!(output_path(root, &config(""), &none), PathBuf::from("/site/monitor-een-2026.pdf"));
        // The research report's PDF has its own setting and name.
        let report = PdfOptions { report: true, ..PdfOptions::default() };
        assert_eq!(output_path(root, &config("[pdf]\noutput = \"print/m.pdf\""), &report), PathBuf::from("/site/onderzoeksrapport.pdf"));
        let settings = config("[pdf]\nreport_output = \"print/rapport.pdf\"");
        assert_eq!(output_path(root, &settings, &report), PathBuf::from("/site/print/rapport.pdf"));
        let flag = PdfOptions { output: Some("x/r.pdf".into()), report: true, ..PdfOptions::default() };
        assert_eq!(output_path(root, &settings, &flag), PathBuf::from("x/r.pdf"));
    }
}
