//! The output folder served to headless Chromium over loopback HTTP, for the run's duration.
//!
//! A monitor's own scripts run in that browser (a theme's `static/folio.js`, say), and a
//! monitor may come from someone else. Pages opened from `file://` with file access allowed
//! could read any local file and send it anywhere; so Chromium gets pages from this server
//! only, as an ordinary web origin: it serves the one folder (no link leads out of it), and
//! the flags of [`LocalSite::sandbox_args`] send every other request, to another port of
//! this machine as to the internet, to a proxy of folio's that refuses them all. From an
//! `http://` page Chromium loads no `file://` resource at all.

use std::collections::HashMap;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::diagnostic::Diagnostic;
use crate::serve::http::{content_type, extension, safe_path};
use crate::serve::request;

/// How long Chromium may take to send a request head (it sends it at once).
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// Connections answered at once; Chromium opens six per origin.
const MAX_CONNECTIONS: usize = 64;

/// A folder served on `127.0.0.1:<free port>` until dropped.
pub struct LocalSite {
    /// The served folder, links resolved.
    root: PathBuf,
    address: SocketAddr,
    /// The proxy every other request is sent to, which refuses each at once. Held for the
    /// run, so no other program can take its port and receive them.
    dead_end: SocketAddr,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

/// What the server holds: the folder, and pages made in memory (the layout harness).
struct Contents {
    root: PathBuf,
    pages: HashMap<String, String>,
}

impl LocalSite {
    /// Serves `root`, plus `pages` (path without the leading `/` → HTML) from memory.
    pub fn start(root: &Path, pages: HashMap<String, String>) -> Result<LocalSite, Diagnostic> {
        let root = root.canonicalize().map_err(|err| Diagnostic::error(root, format!("cannot find the folder to print: {err}")))?;
        let listen = |what: &str| {
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .map_err(|err| Diagnostic::error(&root, format!("cannot open a port on 127.0.0.1 for {what}: {err}")))
        };
        let listener = listen("Chromium")?;
        let address = listener.local_addr().map_err(|err| Diagnostic::error(&root, err.to_string()))?;
        let proxy = listen("Chromium's proxy")?;
        let dead_end = proxy.local_addr().map_err(|err| Diagnostic::error(&root, err.to_string()))?;
        let stop = Arc::new(AtomicBool::new(false));
        let contents = Arc::new(Contents { root: root.clone(), pages });
        let stopped = Arc::clone(&stop);
        let server = std::thread::spawn(move || accept(listener, &contents, &stopped));
        let stopped = Arc::clone(&stop);
        let refuser = std::thread::spawn(move || refuse_all(proxy, &stopped));
        Ok(LocalSite { root, address, dead_end, stop, threads: vec![server, refuser] })
    }

    /// The address of `path`, a path as [`LocalSite::path_of`] gives it.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.address, path.trim_start_matches('/'))
    }

    /// The absolute path (`/a%20b/index.html`) at which `file`, inside `root`, is served;
    /// None for a file outside `root`.
    pub fn path_of(root: &Path, file: &Path) -> Option<String> {
        let relative = file.strip_prefix(root).ok()?;
        let mut path = String::new();
        for part in relative.components() {
            let std::path::Component::Normal(part) = part else { return None };
            path.push('/');
            for byte in part.to_string_lossy().bytes() {
                match byte {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => path.push(byte as char),
                    _ => path.push_str(&format!("%{byte:02X}")),
                }
            }
        }
        Some(path)
    }

    /// The address of `file`, inside the served folder.
    pub fn file_url(&self, file: &Path) -> Option<String> {
        let file = file.canonicalize().ok()?;
        Some(self.url(&LocalSite::path_of(&self.root, &file)?))
    }

    /// Flags that leave Chromium no way out but this server: every request goes through a
    /// proxy on a closed port (`<-loopback>` sends loopback addresses there too, which
    /// Chromium otherwise never proxies), except requests to this server's own host and
    /// port; no host name is resolved; WebRTC sends nothing around the proxy.
    pub fn sandbox_args(&self) -> Vec<String> {
        vec![
            format!("--proxy-server=http://{}", self.dead_end),
            format!("--proxy-bypass-list=<-loopback>;{}", self.address),
            format!("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {}", self.address.ip()),
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp".to_string(),
            "--dns-prefetch-disable".to_string(),
        ]
    }
}

impl Drop for LocalSite {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting threads, which then see `stop`; one that cannot be woken is
        // left to end with the process rather than waited for.
        for (address, thread) in [self.address, self.dead_end].into_iter().zip(self.threads.drain(..)) {
            if TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_ok() {
                let _ = thread.join();
            }
        }
    }
}

/// The proxy's answer to every request sent to it: refused, at once.
fn refuse_all(listener: TcpListener, stop: &AtomicBool) {
    const REFUSED: &[u8] = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        if let Ok(mut stream) = stream {
            let _ = stream.set_nonblocking(true);
            let _ = stream.write_all(REFUSED);
        }
    }
}

fn accept(listener: TcpListener, contents: &Arc<Contents>, stop: &AtomicBool) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        // A page that opens connections without end gets no more than these answered.
        if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            continue;
        }
        open.fetch_add(1, Ordering::SeqCst);
        let (contents, open) = (Arc::clone(contents), Arc::clone(&open));
        let started = std::thread::Builder::new().spawn(move || {
            answer(&stream, &contents);
            open.fetch_sub(1, Ordering::SeqCst);
        });
        if started.is_err() {
            // The closure, and its count, never ran.
            continue;
        }
    }
}

/// Answers one request (GET or HEAD) and closes the connection.
fn answer(stream: &TcpStream, contents: &Contents) {
    let _ = stream.set_write_timeout(Some(HEAD_DEADLINE));
    let (status, kind, body, head_only) = match request::read_within(stream, HEAD_DEADLINE) {
        None => return,
        Some(Err(refusal)) => (refusal.status, "txt".to_string(), refusal.reason.as_bytes().to_vec(), false),
        Some(Ok(request)) => {
            let path = request.target.split(['?', '#']).next().unwrap_or("/");
            match safe_path(path).and_then(|path| find(contents, &path)) {
                Some((kind, body)) => (200, kind, body, request.head_only),
                None => (404, "txt".to_string(), b"not found".to_vec(), request.head_only),
            }
        }
    };
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        if status == 200 { "OK" } else { "Error" },
        content_type(&kind),
        body.len()
    );
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes()).and_then(|_| if head_only { Ok(()) } else { stream.write_all(&body) });
    let _ = stream.flush();
}

/// The file type and bytes of `path` (decoded, starting with `/`): a page from memory, or a
/// file of the folder that really is inside it (a link leading out is not found).
fn find(contents: &Contents, path: &str) -> Option<(String, Vec<u8>)> {
    let mut relative = path.trim_start_matches('/').to_string();
    if relative.is_empty() || relative.ends_with('/') {
        relative.push_str("index.html");
    }
    if let Some(page) = contents.pages.get(&relative) {
        return Some(("html".to_string(), page.clone().into_bytes()));
    }
    let mut file = contents.root.join(&relative).canonicalize().ok()?;
    if file.is_dir() {
        file = file.join("index.html").canonicalize().ok()?;
    }
    if !file.starts_with(&contents.root) || !file.is_file() {
        return None;
    }
    let body = std::fs::read(&file).ok()?;
    Some((extension(&file.to_string_lossy()), body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(site: &LocalSite, path: &str) -> String {
        let mut stream = TcpStream::connect(site.address).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", site.address).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn the_folder_and_the_pages_in_memory_are_served_and_nothing_else() {
        let top = tempfile::tempdir().unwrap();
        let root = top.path().join("site");
        std::fs::create_dir_all(root.join("a b")).unwrap();
        std::fs::write(root.join("a b/index.html"), "<p>pagina</p>").unwrap();
        std::fs::write(top.path().join("secret.txt"), "geheim").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(top.path().join("secret.txt"), root.join("link.txt")).unwrap();
        let pages = HashMap::from([("__folio/harness.html".to_string(), "<p>harness</p>".to_string())]);
        let site = LocalSite::start(&root, pages).unwrap();
        assert_eq!(LocalSite::path_of(&root, &root.join("a b/index.html")).as_deref(), Some("/a%20b/index.html"));
        assert_eq!(LocalSite::path_of(&root, &top.path().join("secret.txt")), None);
        assert!(site.file_url(&root.join("a b/index.html")).unwrap().ends_with("/a%20b/index.html"));
        assert!(get(&site, "/a%20b/").contains("<p>pagina</p>"));
        assert!(get(&site, "/__folio/harness.html").contains("harness"));
        for outside in ["/../secret.txt", "/%2e%2e/secret.txt", "/link.txt", "/nothing.html"] {
            let answer = get(&site, outside);
            assert!(answer.starts_with("HTTP/1.1 404") || answer.starts_with("HTTP/1.1 400"), "{outside}: {answer}");
            assert!(!answer.contains("geheim"), "{outside}");
        }
        // The proxy for everything else refuses, at once.
        let mut proxy = TcpStream::connect(site.dead_end).unwrap();
        write!(proxy, "GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n").unwrap();
        let mut answer = String::new();
        let _ = proxy.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
        let flags = site.sandbox_args().join(" ");
        assert!(flags.contains(&format!("--proxy-server=http://{}", site.dead_end)) && flags.contains("<-loopback>"), "{flags}");
    }
}
