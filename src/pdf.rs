//! `folio pdf`: the print document (`print.html`) printed to a PDF by headless Chromium.
//!
//! The print document does the layout (A4 landscape, one monitor page per sheet, page
//! numbers in each sheet's footer, links between sheets as `#page-…` fragments); Chromium
//! turns it into a tagged PDF with the document's `<title>` and `lang` as metadata, links
//! as PDF links and its headings as bookmarks. Chromium writes to a temporary file next
//! to the target, which is renamed only once it holds a PDF: a failed run never leaves half
//! a PDF behind, nor replaces a good one.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::slugify;

/// Chromium programs tried, in order, when `[pdf] chromium` is not set.
pub const CHROMIUM_NAMES: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/// How long Chromium may take to print before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(180);

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Where to write the PDF; relative paths are taken from the current folder.
    pub output: Option<PathBuf>,
    /// Build the site first (the default); false prints the output folder as it is.
    pub build: bool,
}

/// What a successful run did.
#[derive(Debug)]
pub struct PdfReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// Monitor pages in the print document: one PDF page each.
    pub sheets: usize,
    pub chromium: PathBuf,
    /// Warnings of the build.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the monitor in `root` (unless told not to) and prints it to a PDF.
pub fn run(root: &Path, options: &PdfOptions) -> Result<PdfReport, Diagnostics> {
    let config = build::load_config(root)?;
    // Find Chromium first: no point in building when there is nothing to print with.
    let chromium = find_chromium(root, &config)?;
    let mut warnings = Vec::new();
    let output_dir = if options.build {
        let report = build::build(root, BuildOptions::default())?;
        warnings = report.warnings;
        report.output_dir
    } else {
        root.join(&config.output_dir)
    };
    let print = output_dir.join("print.html");
    let print_html = std::fs::read_to_string(&print).map_err(|err| {
        let shown = Path::new(&config.output_dir).join("print.html");
        Diagnostic::error(&shown, format!("cannot read the print document: {err}"))
            .help("build the monitor first (`folio build`), or run `folio pdf` without --no-build")
    })?;
    let sheets = print_html.matches("class=\"sheet ").count();
    let target = output_path(root, &config, options);
    let bytes = print_to_pdf(&chromium, &print, &target)?;
    Ok(PdfReport { path: target, bytes, sheets, chromium, warnings })
}

/// The PDF's path: `--output`, else `[pdf] output` (from the monitor's folder), else the
/// monitor's title as a file name in the monitor's folder.
pub fn output_path(root: &Path, config: &SiteConfig, options: &PdfOptions) -> PathBuf {
    if let Some(output) = &options.output {
        return output.clone();
    }
    if let Some(output) = config.pdf.output.as_deref().filter(|o| !o.trim().is_empty()) {
        return root.join(output);
    }
    let stem = slugify(&config.title);
    root.join(format!("{}.pdf", if stem.is_empty() { "monitor" } else { &stem }))
}

/// The Chromium program: `[pdf] chromium` in site.toml, else the first of
/// [`CHROMIUM_NAMES`] on PATH.
pub fn find_chromium(root: &Path, config: &SiteConfig) -> Result<PathBuf, Diagnostic> {
    if let Some(setting) = config.pdf.chromium.as_deref().filter(|c| !c.trim().is_empty()) {
        let found = if setting.contains('/') {
            let path = root.join(setting);
            is_executable(&path).then_some(path)
        } else {
            on_path(setting)
        };
        return found.ok_or_else(|| {
            Diagnostic::error("site.toml", format!("the Chromium program `{setting}` set in `[pdf] chromium` was not found or cannot be run"))
                .help("give the full path of Chromium or Chrome (e.g. `chromium = \"/usr/bin/chromium\"`), or remove the setting to look for `chromium` on PATH")
        });
    }
    CHROMIUM_NAMES.iter().find_map(|name| on_path(name)).ok_or_else(|| {
        Diagnostic::error(
            "site.toml",
            format!("folio pdf needs Chromium, and none was found on PATH (looked for {})", CHROMIUM_NAMES.join(", ")),
        )
        .help("install it (Debian/Ubuntu: `sudo apt install chromium`), or set `[pdf] chromium = \"/path/to/chrome\"` in site.toml")
    })
}

fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH").unwrap_or_else(|| OsString::from("/usr/local/bin:/usr/bin:/bin"));
    std::env::split_paths(&paths).map(|dir| dir.join(name)).find(|path| is_executable(path))
}

fn is_executable(path: &Path) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        metadata.is_file() && metadata.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        metadata.is_file()
    }
}

/// Prints `print` (an HTML file) to `target` with Chromium; returns the PDF's size.
pub fn print_to_pdf(chromium: &Path, print: &Path, target: &Path) -> Result<u64, Diagnostics> {
    let shown_target = target.display().to_string();
    let write_error = |what: &str, err: std::io::Error| {
        Diagnostics::from(
            Diagnostic::error(target, format!("cannot {what}: {err}"))
                .help("choose another place for the PDF with --output or `[pdf] output` in site.toml"),
        )
    };
    let print = std::fs::canonicalize(print).map_err(|err| Diagnostic::error(print, format!("cannot find the print document: {err}")))?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder).map_err(|err| write_error("create the PDF's folder", err))?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "monitor.pdf".into());
    let partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(&folder)
        .map_err(|err| write_error("write a temporary file beside the PDF", err))?;
    // A fresh profile each time: no first-run dialogs, no state from an earlier run, and
    // no clash with a Chromium the user has open.
    let profile = tempfile::Builder::new()
        .prefix("folio-chromium-")
        .tempdir()
        .map_err(|err| Diagnostic::error(std::env::temp_dir(), format!("cannot make a temporary Chromium profile: {err}")))?;
    let log_path = profile.path().join("folio-chromium.log");
    let log =
        std::fs::File::create(&log_path).map_err(|err| Diagnostic::error(&log_path, format!("cannot write Chromium's log: {err}")))?;

    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(flag("--user-data-dir=", profile.path()))
        .arg(flag("--print-to-pdf=", partial.path()))
        .arg(file_url(&print))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    let started = Instant::now();
    let mut child = command.spawn().map_err(|err| {
        Diagnostic::error("site.toml", format!("cannot start Chromium ({}): {err}", chromium.display())).help(
            "check that it runs (`chromium --version`); install it with `sudo apt install chromium`, or set `[pdf] chromium` in site.toml",
        )
    })?;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                // Best effort: the process may have ended in the meantime.
                let _ = child.kill();
                let _ = child.wait();
                return Err(Diagnostic::error(
                    &print,
                    format!("Chromium did not finish printing within {} s and was stopped", TIMEOUT.as_secs()),
                )
                .help(format!("try it by hand: {} --headless --print-to-pdf=out.pdf {}", chromium.display(), file_url(&print)))
                .into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(25)),
            Err(err) => return Err(Diagnostic::error(&print, format!("lost track of Chromium: {err}")).into()),
        }
    };
    let log_text = chromium_log(&log_path);
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
    partial.persist(target).map_err(|err| write_error("put the PDF in place", err.error))?;
    Ok(bytes)
}

fn flag(name: &str, path: &Path) -> OsString {
    let mut flag = OsString::from(name);
    flag.push(path.as_os_str());
    flag
}

/// The last lines of Chromium's log that say something: Debian's Chromium complains about
/// D-Bus and its wrapper script in every headless run.
fn chromium_log(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains("dbus") && !l.contains("unexpected operator") && !l.contains("bytes written to file"))
        .collect();
    lines[lines.len().saturating_sub(12)..].join("\n")
}

/// `file://` address of an absolute path, with the bytes a URL cannot hold escaped.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    let text = path.to_string_lossy();
    let text = text.replace('\\', "/");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => url.push(byte as char),
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

impl PdfReport {
    /// One line for the terminal.
    pub fn summary(&self, elapsed: Duration) -> String {
        format!(
            "wrote {} ({} pages, {} KB) in {} ms with {}",
            self.path.display(),
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
        let flag = PdfOptions { output: Some("x/out.pdf".into()), build: true };
        assert_eq!(output_path(root, &config("[pdf]\noutput = \"print/m.pdf\""), &flag), PathBuf::from("x/out.pdf"));
        let none = PdfOptions::default();
        assert_eq!(output_path(root, &config("[pdf]\noutput = \"print/m.pdf\""), &none), PathBuf::from("/site/print/m.pdf"));
        assert_eq!(output_path(root, &config(""), &none), PathBuf::from("/site/monitor-een-2026.pdf"));
    }

    #[test]
    fn file_urls_escape_what_a_url_cannot_hold() {
        assert_eq!(file_url(Path::new("/tmp/a b/é/print.html")), "file:///tmp/a%20b/%C3%A9/print.html");
    }

    #[test]
    fn a_missing_chromium_says_how_to_install_one() {
        let error = find_chromium(Path::new("/site"), &config("[pdf]\nchromium = \"/nowhere/chromium\"")).unwrap_err();
        assert!(error.message.contains("/nowhere/chromium"), "{error}");
        assert!(error.help.as_deref().unwrap_or("").contains("chromium"), "{error}");
    }
}
