//! Headless Chromium, as `folio pdf` and `folio check --layout` use it: which program to
//! run (one rule, `[pdf] chromium` or the first known name on PATH), the flags every
//! headless run gets, and a child process that is stopped when it takes too long.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

mod local_site;
pub use local_site::LocalSite;

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;

/// Chromium programs tried, in order, when `[pdf] chromium` is not set.
pub const CHROMIUM_NAMES: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/// Flags for every headless run: no GPU, no sandbox (containers have none to offer), and
/// nothing that reaches the network or asks a question on first start.
pub const HEADLESS_ARGS: &[&str] = &[
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
];

/// The Chromium program: `[pdf] chromium` in site.toml, else the first of
/// [`CHROMIUM_NAMES`] on PATH. `command` names what needs it ("folio pdf") in the message.
pub fn find_chromium(root: &Path, config: &SiteConfig, command: &str) -> Result<PathBuf, Diagnostic> {
    let found = find_program(root, config, command)?;
    refuse_inside_monitor(&found, root)?;
    Ok(found)
}

/// A program in the monitor's folder came with the monitor (a cloned repository, a shared
/// folder), not from whoever runs folio: running it would run the monitor's code. This
/// covers `[pdf] chromium` and a `.` on PATH alike.
fn refuse_inside_monitor(program: &Path, root: &Path) -> Result<(), Diagnostic> {
    if !crate::paths::is_inside(program, root) {
        return Ok(());
    }
    Err(Diagnostic::error("site.toml", format!("the Chromium program {} is inside the monitor folder, and folio runs no program that comes with a monitor", program.display()))
        .help("install Chromium on this computer and remove `[pdf] chromium`, or give the path of a Chromium outside the monitor folder (e.g. `/usr/bin/chromium`)"))
}

fn find_program(root: &Path, config: &SiteConfig, command: &str) -> Result<PathBuf, Diagnostic> {
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
            format!("{command} needs Chromium, and none was found on PATH (looked for {})", CHROMIUM_NAMES.join(", ")),
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

/// A fresh profile for each run: no first-run dialogs, no state from an earlier run, and no
/// clash with a Chromium the user has open.
pub fn temporary_profile() -> Result<tempfile::TempDir, Diagnostic> {
    tempfile::Builder::new()
        .prefix("folio-chromium-")
        .tempdir()
        .map_err(|err| Diagnostic::error(std::env::temp_dir(), format!("cannot make a temporary Chromium profile: {err}")))
}

/// Waits for `child`; past `timeout` it is stopped and `Ok(None)` returned.
pub fn wait_at_most(child: &mut Child, timeout: Duration) -> std::io::Result<Option<ExitStatus>> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if started.elapsed() > timeout {
            // Best effort: the process may have ended in the meantime.
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// `--name=<path>` as one argument, for paths that are not UTF-8.
pub fn flag(name: &str, path: &Path) -> OsString {
    let mut flag = OsString::from(name);
    flag.push(path.as_os_str());
    flag
}

/// The last lines of Chromium's log that say something: Debian's Chromium complains about
/// D-Bus and its wrapper script in every headless run.
pub fn chromium_log(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains("dbus") && !l.contains("unexpected operator") && !l.contains("bytes written to file"))
        .collect();
    lines[lines.len().saturating_sub(12)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> SiteConfig {
        SiteConfig::parse(&format!("title = \"Monitor\"\n{extra}"), Path::new("site.toml")).unwrap()
    }

    #[test]
    fn a_missing_chromium_says_how_to_install_one() {
        let error = find_chromium(Path::new("/site"), &config("[pdf]\nchromium = \"/nowhere/chromium\""), "folio pdf").unwrap_err();
        assert!(error.message.contains("/nowhere/chromium"), "{error}");
        assert!(error.help.as_deref().unwrap_or("").contains("chromium"), "{error}");
    }

    #[test]
    fn chromium_log_keeps_what_says_something() {
        let log = "[1:2:dbus] Failed to connect\n\nreal problem\n/usr/bin/chromium: 1: [: unexpected operator\n";
        assert_eq!(chromium_log(log), "real problem");
    }
}
