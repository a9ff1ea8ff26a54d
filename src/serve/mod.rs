//! `folio serve`: builds the site into memory, serves it on a local port, and rebuilds
//! the whole site on every saved change, reloading the open tabs whose page changed.

mod accept;
pub mod http;
pub mod live;
pub(crate) mod request;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::build::BuildOptions;
use crate::diagnostic::{Diagnostic, Diagnostics};

use http::{json_string, Shared};
use live::{LiveSite, Touched};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// The first port to try; the next free one is taken when it is in use.
    pub port: u16,
    pub drafts: bool,
}

/// How many ports after the wanted one are tried.
const PORT_ATTEMPTS: u16 = 50;

/// A running server. Dropping it does not stop it; `run` blocks for the process's life.
pub struct Server {
    pub address: SocketAddr,
    shared: Arc<Shared>,
    root: PathBuf,
    site: Option<LiveSite>,
    options: BuildOptions,
    watcher: watch::SourceWatcher,
}

impl Server {
    /// Builds the site and starts answering requests on a background thread pool.
    pub fn start(root: &Path, options: &ServeOptions) -> Result<Server, Diagnostic> {
        let root = &absolute_root(root)?;
        let build_options = BuildOptions { drafts: options.drafts, ..BuildOptions::default() };
        // Watching starts before the first build, so no save is missed between the build
        // and the moment the address is announced.
        let mut watcher = watch::SourceWatcher::new(root).map_err(|err| {
            Diagnostic::error(root, format!("cannot watch the folder: {err}")).help("check that the folder exists and may be read")
        })?;
        let shared = Arc::new(Shared::default());
        let site = match LiveSite::new(root, build_options) {
            Ok(site) => {
                report_warnings(&site);
                publish(&shared, &site);
                watcher.watch_files(site.media());
                Some(site)
            }
            Err(problems) => {
                report_failure(&shared, &problems);
                None
            }
        };
        let listener = bind(options)?;
        let address = listener.local_addr().map_err(|err| Diagnostic::error("serve", err.to_string()))?;
        let answering = Arc::clone(&shared);
        std::thread::spawn(move || accept::serve(listener, move |stream, ticket| http::handle(stream, &answering, address.ip(), ticket)));
        Ok(Server { address, shared, root: root.to_path_buf(), site, options: build_options, watcher })
    }

    /// Watches the sources and rebuilds on every change, until the watcher stops.
    pub fn watch(mut self) -> Result<(), Diagnostic> {
        while let Some(changed) = self.watcher.next_batch() {
            self.rebuild(&changed);
        }
        Ok(())
    }

    /// Applies one batch of changes: publish the new site, or show the error.
    pub fn rebuild(&mut self, changed: &[PathBuf]) {
        let started = Instant::now();
        let result = match &mut self.site {
            Some(site) => site.update(changed),
            None => LiveSite::new(&self.root, self.options).map(|site| {
                self.site = Some(site);
                Some(vec!["*".to_string()])
            }),
        };
        let touched = match result {
            Ok(Some(touched)) => touched,
            Ok(None) => return,
            Err(problems) => return report_failure(&self.shared, &problems),
        };
        let Some(site) = &self.site else { return };
        self.watcher.watch_files(site.media());
        report_warnings(site);
        publish(&self.shared, site);
        // A rebuild that changed no output still clears an error shown before it.
        if !touched.is_empty() {
            let pages: Vec<String> = touched.iter().map(|t| json_string(t)).collect();
            self.shared.broadcast("reload", &format!("[{}]", pages.join(",")));
        }
        self.shared.broadcast("ok", "{}");
        eprintln!("rebuilt in {} ms, {}", started.elapsed().as_millis(), reloaded(&touched));
    }
}

/// "reloaded every page", "reloaded 2 page(s)", "no page changed".
fn reloaded(touched: &Touched) -> String {
    match touched.len() {
        _ if touched.iter().any(|t| t == "*") => "reloaded every page".to_string(),
        0 => "no page changed".to_string(),
        n => format!("reloaded {n} page(s)"),
    }
}

/// Runs `folio serve` until the process is stopped (Ctrl-C).
pub fn run(root: &Path, options: &ServeOptions) -> Result<(), Diagnostic> {
    // Before anything is announced, so a Ctrl-C at any moment stops cleanly.
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nstopped");
        std::process::exit(0);
    });
    let server = Server::start(root, options)?;
    if !options.bind.is_loopback() {
        eprintln!("{}", exposed_warning(options.bind));
    }
    eprintln!("serving {} at http://{}/ (Ctrl-C stops)", server.root.display(), server.address);
    server.watch()
}

/// `--bind 0.0.0.0` is allowed on purpose (a colleague's look at the preview), but the
/// preview shows drafts and has no password: say so plainly.
fn exposed_warning(bind: IpAddr) -> Diagnostic {
    Diagnostic::warning("serve", format!("--bind {bind}: every machine that can reach this one can open the preview, drafts included"))
        .help("use this only on a network you trust; leave out `--bind` to keep the preview on this machine")
}

/// The watcher reports absolute paths; the site's paths must be absolute too, or a
/// changed file is never recognised as one of the site's (`folio serve` run in the
/// monitor's folder, or with `-C ..`). Resolved once, at the start.
fn absolute_root(root: &Path) -> Result<PathBuf, Diagnostic> {
    root.canonicalize().map_err(|err| {
        Diagnostic::error(root, format!("cannot find the monitor's folder: {err}"))
            .help("run folio in the folder of a monitor, or pass its folder with `--root <folder>`")
    })
}

fn bind(options: &ServeOptions) -> Result<TcpListener, Diagnostic> {
    let mut last_error = None;
    for offset in 0..PORT_ATTEMPTS {
        let Some(port) = options.port.checked_add(offset) else { break };
        match TcpListener::bind((options.bind, port)) {
            Ok(listener) => return Ok(listener),
            Err(err) => last_error = Some(err),
        }
        if options.port == 0 {
            break;
        }
    }
    Err(Diagnostic::error(
        "serve",
        format!("no free port from {} on {}: {}", options.port, options.bind, last_error.map(|e| e.to_string()).unwrap_or_default()),
    )
    .help("choose another port with `--port`"))
}

fn publish(shared: &Shared, site: &LiveSite) {
    let mut snapshot = shared.snapshot.write().unwrap_or_else(|e| e.into_inner());
    snapshot.files = site.files.clone();
    snapshot.root = site.root().to_path_buf();
    snapshot.error = None;
}

fn report_failure(shared: &Shared, problems: &Diagnostics) {
    let text = problems.to_string();
    eprintln!("{text}\nthe last good pages stay served; fix the file and save it again");
    shared.snapshot.write().unwrap_or_else(|e| e.into_inner()).error = Some(text.clone());
    shared.broadcast("failed", &json_string(&text));
}

fn report_warnings(site: &LiveSite) {
    for warning in &site.warnings {
        eprintln!("{warning}");
    }
}
