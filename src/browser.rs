//! Headless Chromium, as `folio pdf` and `folio check --layout` use it: which program to
//! run (`find`), the server it reads the output from and nothing else (`local_site`), the
//! flags every headless run gets, and a child process that is stopped when it takes too long.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub mod find;
mod local_site;
pub use find::find_chromium;
pub use local_site::LocalSite;

use crate::diagnostic::Diagnostic;

/// Flags for every headless run: no GPU, no sandbox (containers have none to offer), and
/// nothing that reaches the network or asks a question on first start.
const HEADLESS_ARGS: &[&str] = &[
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

/// The one way folio starts Chromium: headless, with the profile `profile`, reading only
/// from `served` (see [`LocalSite::sandbox_args`]), with no input.
pub fn headless(chromium: &Path, served: &LocalSite, profile: &Path) -> Command {
    let mut command = Command::new(chromium);
    command.args(HEADLESS_ARGS).args(served.sandbox_args()).arg(flag("--user-data-dir=", profile)).stdin(Stdio::null());
    command
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

    #[test]
    fn chromium_log_keeps_what_says_something() {
        let log = "[1:2:dbus] Failed to connect\n\nreal problem\n/usr/bin/chromium: 1: [: unexpected operator\n";
        assert_eq!(chromium_log(log), "real problem");
    }
}
