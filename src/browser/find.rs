//! Which Chromium-family browser folio runs headless: the one named by `FOLIO_CHROMIUM`
//! (this computer's setting), else `[pdf] chromium` in site.toml, else Chrome, Chromium,
//! Edge or Brave where their installers put them on this operating system, else the first
//! known name on PATH. The search takes the machine as a value ([`Machine`]), so tests run
//! it on a fake file tree for every operating system.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;

/// The variable that names the browser on this computer, ahead of site.toml.
pub const VARIABLE: &str = "FOLIO_CHROMIUM";

/// The operating systems whose install places are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Linux,
    MacOs,
    Windows,
}

impl Os {
    pub fn current() -> Os {
        if cfg!(target_os = "macos") {
            Os::MacOs
        } else if cfg!(windows) {
            Os::Windows
        } else {
            Os::Linux
        }
    }

    /// Program names looked up on PATH, in order.
    fn names(self) -> &'static [&'static str] {
        match self {
            Os::Windows => &["chrome.exe", "msedge.exe", "brave.exe", "chromium.exe"],
            _ => &[
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
                "microsoft-edge",
                "microsoft-edge-stable",
                "brave-browser",
            ],
        }
    }

    /// What to install, for the message when no browser is found.
    fn install_help(self) -> String {
        let name_it = format!("or name the program in the variable {VARIABLE} (or `[pdf] chromium` in site.toml)");
        match self {
            Os::Linux => format!(
                "install Chromium (Debian/Ubuntu: `sudo apt install chromium`; Fedora: `sudo dnf install chromium`) or Google Chrome, {name_it}, e.g. `{VARIABLE}=/opt/google/chrome/chrome`"
            ),
            Os::MacOs => format!(
                "install Google Chrome (https://www.google.com/chrome/) or Microsoft Edge into Applications, or Chromium with Homebrew (`brew install --cask chromium`), {name_it}"
            ),
            Os::Windows => format!(
                "Microsoft Edge comes with Windows 10 and 11; if it was removed, install Edge or Google Chrome (https://www.google.com/chrome/), {name_it}, e.g. `set {VARIABLE}=C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe`"
            ),
        }
    }
}

/// The machine the search looks at: its operating system, the folder absolute install
/// places are taken from (`/`; a temporary folder in tests), and its environment.
pub struct Machine<'a> {
    pub os: Os,
    pub root: &'a Path,
    pub var: &'a dyn Fn(&str) -> Option<OsString>,
}

impl Machine<'_> {
    /// This computer.
    pub fn this<R>(with: impl FnOnce(&Machine) -> R) -> R {
        let var = |name: &str| std::env::var_os(name);
        with(&Machine { os: Os::current(), root: Path::new("/"), var: &var })
    }

    fn var(&self, name: &str) -> Option<OsString> {
        (self.var)(name).filter(|value| !value.is_empty())
    }

    /// An absolute Unix install place, below `root`.
    fn place(&self, path: &str) -> PathBuf {
        self.root.join(path.trim_start_matches('/'))
    }

    /// Where the installers of Chrome, Chromium, Edge and Brave put the program, in order.
    pub fn install_places(&self) -> Vec<PathBuf> {
        let home = self.var("HOME").map(PathBuf::from);
        match self.os {
            Os::Linux => {
                let mut places: Vec<PathBuf> = [
                    "/opt/google/chrome/chrome",
                    "/opt/chromium.org/chromium/chromium",
                    "/opt/microsoft/msedge/msedge",
                    "/opt/brave.com/brave/brave",
                    "/snap/bin/chromium",
                    "/var/lib/snapd/snap/bin/chromium",
                    "/var/lib/flatpak/exports/bin/org.chromium.Chromium",
                    "/var/lib/flatpak/exports/bin/com.google.Chrome",
                    "/var/lib/flatpak/exports/bin/com.microsoft.Edge",
                    "/var/lib/flatpak/exports/bin/com.brave.Browser",
                ]
                .iter()
                .map(|p| self.place(p))
                .collect();
                if let Some(home) = home {
                    for app in ["org.chromium.Chromium", "com.google.Chrome", "com.microsoft.Edge", "com.brave.Browser"] {
                        places.push(home.join(".local/share/flatpak/exports/bin").join(app));
                    }
                }
                places
            }
            Os::MacOs => {
                let apps = [
                    "Google Chrome.app/Contents/MacOS/Google Chrome",
                    "Chromium.app/Contents/MacOS/Chromium",
                    "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
                    "Brave Browser.app/Contents/MacOS/Brave Browser",
                ];
                let folders = std::iter::once(self.place("/Applications")).chain(home.map(|h| h.join("Applications")));
                folders.flat_map(|folder| apps.iter().map(move |app| folder.join(app))).collect()
            }
            Os::Windows => {
                let apps = [
                    "Google\\Chrome\\Application\\chrome.exe",
                    "Microsoft\\Edge\\Application\\msedge.exe",
                    "BraveSoftware\\Brave-Browser\\Application\\brave.exe",
                    "Chromium\\Application\\chrome.exe",
                ];
                let folders: Vec<PathBuf> =
                    ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"].iter().filter_map(|v| self.var(v)).map(PathBuf::from).collect();
                folders.iter().flat_map(|folder| apps.iter().map(move |app| join_windows(folder, app))).collect()
            }
        }
    }

    fn on_path(&self, name: &str) -> Option<PathBuf> {
        let paths = self.var("PATH")?;
        std::env::split_paths(&paths).map(|dir| dir.join(name)).find(|path| is_executable(path))
    }
}

/// `folder` + a Windows path below it, `\` read as the separator on any system (so the
/// tests of the Windows places run everywhere).
fn join_windows(folder: &Path, below: &str) -> PathBuf {
    below.split('\\').fold(folder.to_path_buf(), |path, part| path.join(part))
}

/// The browser for `command` ("folio pdf"), found on this computer for the monitor in `root`.
pub fn find_chromium(root: &Path, config: &SiteConfig, command: &str) -> Result<PathBuf, Diagnostic> {
    Machine::this(|machine| search(machine, root, config.pdf.chromium.as_deref(), command))
}

/// The search itself: the variable, the setting, the install places, PATH. A program inside
/// the monitor folder is refused wherever it was found.
pub fn search(machine: &Machine, root: &Path, setting: Option<&str>, command: &str) -> Result<PathBuf, Diagnostic> {
    let found = if let Some(value) = machine.var(VARIABLE) {
        let path = PathBuf::from(&value);
        let shown = path.display().to_string();
        is_executable(&path).then_some(path).ok_or_else(|| {
            Diagnostic::error(VARIABLE, format!("the browser `{shown}` named in the variable {VARIABLE} was not found or cannot be run"))
                .help(format!("give the full path of Chrome, Chromium, Edge or Brave in {VARIABLE}, or unset it to let folio look for one"))
        })?
    } else if let Some(setting) = setting.filter(|c| !c.trim().is_empty()) {
        let found = if setting.contains('/') || setting.contains('\\') {
            Some(root.join(setting)).filter(|p| is_executable(p))
        } else {
            machine.on_path(setting)
        };
        found.ok_or_else(|| {
            Diagnostic::error("site.toml", format!("the Chromium program `{setting}` set in `[pdf] chromium` was not found or cannot be run"))
                .help(format!("give the full path of Chromium or Chrome (e.g. `chromium = \"/usr/bin/chromium\"`), remove the setting to let folio look for one, or name the browser of this computer in {VARIABLE}"))
        })?
    } else {
        let installed = machine.install_places().into_iter().find(|p| is_executable(p));
        installed
            .or_else(|| machine.os.names().iter().find_map(|name| machine.on_path(name)))
            .ok_or_else(|| missing(machine.os, command))?
    };
    refuse_inside_monitor(&found, root)?;
    Ok(found)
}

/// No browser on this computer: a matter of the machine, not of the monitor.
fn missing(os: Os, command: &str) -> Diagnostic {
    Diagnostic::error(
        "this computer",
        format!(
            "{command} needs Chromium, Chrome, Edge or Brave, and none was found (looked in their usual install places and on PATH for {})",
            os.names().join(", ")
        ),
    )
    .help(os.install_help())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A fake machine: `files` made executable below a temporary root, `vars` its environment
    /// (`<root>` in a value stands for the root).
    struct Fake {
        root: tempfile::TempDir,
        vars: HashMap<String, String>,
    }

    impl Fake {
        fn new(files: &[&str], vars: &[(&str, &str)]) -> Fake {
            let root = tempfile::tempdir().unwrap();
            for file in files {
                let path = join_windows(root.path(), &file.trim_start_matches('/').replace('/', "\\"));
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, "#!/bin/sh\n").unwrap();
                #[cfg(unix)]
                std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
            }
            let shown = root.path().display().to_string();
            let vars = vars.iter().map(|(k, v)| (k.to_string(), v.replace("<root>", &shown))).collect();
            Fake { root, vars }
        }

        fn search(&self, os: Os, setting: Option<&str>) -> Result<PathBuf, Diagnostic> {
            let var = |name: &str| self.vars.get(name).map(OsString::from);
            let machine = Machine { os, root: self.root.path(), var: &var };
            search(&machine, Path::new("/the/monitor"), setting, "folio pdf")
        }

        fn found(&self, os: Os) -> String {
            let path = self.search(os, None).unwrap();
            path.strip_prefix(self.root.path()).unwrap().to_string_lossy().replace('\\', "/")
        }
    }

    #[test]
    fn each_platform_finds_a_browser_in_its_install_place() {
        let mac = Fake::new(&["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"], &[]);
        assert_eq!(mac.found(Os::MacOs), "Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
        let mac_home =
            Fake::new(&["/Users/an/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"], &[("HOME", "<root>/Users/an")]);
        assert_eq!(mac_home.found(Os::MacOs), "Users/an/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge");

        let windows = Fake::new(
            &["/Program Files (x86)/Microsoft/Edge/Application/msedge.exe", "/Users/an/AppData/Local/Google/Chrome/Application/chrome.exe"],
            &[
                ("ProgramFiles", "<root>/Program Files"),
                ("ProgramFiles(x86)", "<root>/Program Files (x86)"),
                ("LOCALAPPDATA", "<root>/Users/an/AppData/Local"),
            ],
        );
        // Chrome comes before Edge, but Program Files (x86) before the user's own folder.
        assert_eq!(windows.found(Os::Windows), "Program Files (x86)/Microsoft/Edge/Application/msedge.exe");
        let windows_user = Fake::new(&["/Local/Google/Chrome/Application/chrome.exe"], &[("LOCALAPPDATA", "<root>/Local")]);
        assert_eq!(windows_user.found(Os::Windows), "Local/Google/Chrome/Application/chrome.exe");

        for (place, found) in [
            ("/opt/google/chrome/chrome", "opt/google/chrome/chrome"),
            ("/snap/bin/chromium", "snap/bin/chromium"),
            ("/var/lib/flatpak/exports/bin/org.chromium.Chromium", "var/lib/flatpak/exports/bin/org.chromium.Chromium"),
        ] {
            assert_eq!(Fake::new(&[place], &[]).found(Os::Linux), found);
        }
        let flatpak_user = Fake::new(&["/home/an/.local/share/flatpak/exports/bin/com.brave.Browser"], &[("HOME", "<root>/home/an")]);
        assert_eq!(flatpak_user.found(Os::Linux), "home/an/.local/share/flatpak/exports/bin/com.brave.Browser");
    }

    #[test]
    fn install_places_then_path_then_nothing() {
        let both = Fake::new(&["/opt/google/chrome/chrome", "/bin/chromium"], &[("PATH", "<root>/bin")]);
        assert_eq!(both.found(Os::Linux), "opt/google/chrome/chrome");
        let path_only = Fake::new(&["/bin/google-chrome"], &[("PATH", "<root>/nothing:<root>/bin")]);
        assert_eq!(path_only.found(Os::Linux), "bin/google-chrome");

        for os in [Os::Linux, Os::MacOs, Os::Windows] {
            let error = Fake::new(&[], &[("PATH", "<root>/bin"), ("HOME", "<root>/home")]).search(os, None).unwrap_err();
            assert_eq!(error.path, PathBuf::from("this computer"), "{error}");
            assert!(error.message.starts_with("folio pdf needs Chromium, Chrome, Edge or Brave, and none was found"), "{error}");
            let help = error.help.clone().unwrap_or_default();
            let wanted = match os {
                Os::Linux => "sudo apt install chromium",
                Os::MacOs => "brew install --cask chromium",
                Os::Windows => "Microsoft Edge comes with Windows",
            };
            assert!(help.contains(wanted) && help.contains(VARIABLE), "{os:?}: {help}");
        }
    }

    #[test]
    fn the_variable_then_the_setting_come_before_the_search() {
        let fake = Fake::new(&["/opt/google/chrome/chrome", "/tools/chrome", "/bin/chromium"], &[("PATH", "<root>/bin")]);
        assert_eq!(fake.search(Os::Linux, Some("chromium")).unwrap(), fake.root.path().join("bin/chromium"));
        let setting = fake.root.path().join("tools/chrome").display().to_string();
        assert_eq!(fake.search(Os::Linux, Some(&setting)).unwrap(), fake.root.path().join("tools/chrome"));

        let mut named = Fake::new(&["/opt/google/chrome/chrome", "/tools/chrome"], &[("FOLIO_CHROMIUM", "<root>/tools/chrome")]);
        assert_eq!(named.search(Os::Linux, Some("/usr/bin/other")).unwrap(), named.root.path().join("tools/chrome"));
        named.vars.insert(VARIABLE.to_string(), "/nowhere/chrome".to_string());
        let error = named.search(Os::Linux, None).unwrap_err();
        assert_eq!(error.path, PathBuf::from(VARIABLE));
        assert!(error.message.contains("/nowhere/chrome"), "{error}");

        let error = Fake::new(&[], &[]).search(Os::Linux, Some("/nowhere/chromium")).unwrap_err();
        assert_eq!(error.path, PathBuf::from("site.toml"));
        assert!(error.message.contains("/nowhere/chromium") && error.help.as_deref().unwrap_or("").contains("chromium"), "{error}");
    }
}
