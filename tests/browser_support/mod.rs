//! What the browser tests share, once per test binary: a build of the sample monitor, a
//! static file server that publishes it under a sub-path, and one headless Chromium driven
//! over WebDriver (Debian's `chromedriver`, through the `fantoccini` crate).
//!
//! The browser tests need `chromium` and `chromedriver` on PATH (Debian: `apt install
//! chromium chromium-driver`) and axe-core in `tests/browser_support/node_modules`
//! (`npm ci --prefix tests/browser_support`); `tests/run` installs all three. Without them
//! the tests fail and say so: they never skip silently.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::common;

// ---------------------------------------------------------------------------------------
// The sample monitor, built once

/// One page of the monitor, in reading order.
#[derive(Debug, Clone)]
pub struct Page {
    /// Folder of the page under the output folder: "" for the cover, "voorwoord/", ….
    pub path: String,
    /// The page key: its h1 has the id `{key}--title`.
    pub key: String,
    /// Text of the page's h1.
    pub title: String,
}

pub struct Site {
    _dir: tempfile::TempDir,
    /// The output folder (public/).
    pub out: PathBuf,
    /// Every page, in the order Volgende visits them (read from the HTML files).
    pub pages: Vec<Page>,
    /// `http://127.0.0.1:PORT/sub/path/`: the output folder published under a sub-path.
    pub server: String,
}

impl Site {
    pub fn file_url(&self, page: &Page) -> String {
        file_url(&self.out.join(&page.path).join("index.html"))
    }
    pub fn http_url(&self, page: &Page) -> String {
        format!("{}{}", self.server, page.path)
    }
}

/// The sample monitor (the repository's own site.toml, content/, data/, themes/), copied
/// into a temporary folder and built, once per test binary.
pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = built(sample_copy());
        assert!(site.pages.len() >= 18, "the sample monitor should have about 20 pages, found {}", site.pages.len());
        site
    })
}

/// A fixture site from tests/sites/, built and served like the sample, once per test binary.
pub fn fixture_site(name: &'static str) -> &'static Site {
    static SITES: OnceLock<Mutex<Vec<(&'static str, &'static Site)>>> = OnceLock::new();
    let mut sites = SITES.get_or_init(|| Mutex::new(Vec::new())).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, site)) = sites.iter().find(|(n, _)| *n == name) {
        return site;
    }
    // Leaked on purpose: it lives as long as the test binary, like the sample's.
    let site: &'static Site = Box::leak(Box::new(built(common::fixture(name))));
    sites.push((name, site));
    site
}

/// Builds the monitor in `dir` and serves its output under a sub-path.
fn built(dir: tempfile::TempDir) -> Site {
    let out = common::build(dir.path());
    let pages = reading_order(&out);
    let server = serve(out.clone(), "/sub/path/");
    Site { _dir: dir, out, pages, server }
}

pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for part in ["content", "data", "themes"] {
        common::copy_tree(&common::repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(common::repo().join("site.toml"), dir.path().join("site.toml")).expect("copy site.toml");
    dir
}

/// The pages in the order the HTML's Volgende links give, from the cover.
fn reading_order(out: &Path) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut file = out.join("index.html");
    loop {
        let html = common::read(&file);
        let h1 = common::tags(&html).into_iter().find(|t| t.name == "h1").expect("every page has an h1");
        let id = h1.attr("id").expect("the h1 has an id");
        let key = id.strip_suffix("--title").expect("the h1 id is {key}--title").to_string();
        let folder = file.parent().unwrap().strip_prefix(out).unwrap();
        let path = if folder.as_os_str().is_empty() { String::new() } else { format!("{}/", folder.to_string_lossy()) };
        pages.push(Page { path, key, title: common::h1(&html) });
        let Some(next) = common::pager_link(&html, "next") else { break };
        file = common::resolve(&file, &next).expect("a relative Volgende link").0;
        assert!(pages.len() < 500, "Volgende loops");
    }
    pages
}

pub fn file_url(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// The folder for files the tests leave behind to look at: `target/test-artifacts/<name>`.
pub fn artifacts(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target folder").join("test-artifacts").join(name);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

// ---------------------------------------------------------------------------------------
// A static file server under a sub-path: what "any static web server" means

/// Serves `root` at `http://127.0.0.1:PORT{prefix}` from a background thread; returns the
/// address of the prefix. A folder is answered with its index.html, as web servers do.
pub fn serve(root: PathBuf, prefix: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &root, prefix);
            });
        }
    });
    format!("http://127.0.0.1:{port}{prefix}")
}

fn answer(stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut stream = stream;
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let respond = |stream: &mut TcpStream, status: &str, kind: &str, extra: &str, body: &[u8]| -> std::io::Result<()> {
        write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n", body.len())?;
        stream.write_all(body)?;
        stream.flush()
    };
    let not_found = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
    let Some(relative) = path.strip_prefix(prefix) else {
        return respond(&mut stream, "404 Not Found", "text/html; charset=utf-8", "", &not_found);
    };
    if relative.split('/').any(|part| part == "..") {
        return respond(&mut stream, "403 Forbidden", "text/plain", "", b"no");
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        if !path.ends_with('/') {
            return respond(&mut stream, "301 Moved Permanently", "text/plain", &format!("Location: {path}/\r\n"), b"");
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("svg") => "image/svg+xml",
                Some("png") => "image/png",
                Some("jpg" | "jpeg") => "image/jpeg",
                Some("xml") => "application/xml",
                _ => "application/octet-stream",
            };
            respond(&mut stream, "200 OK", kind, "", &body)
        }
        Err(_) => respond(&mut stream, "404 Not Found", "text/html; charset=utf-8", "", &not_found),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------
// The browser

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a tokio runtime"))
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    runtime().block_on(future)
}

/// Finds a program on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).map(|dir| dir.join(name)).find(|path| path.is_file())
}

const MISSING: &str = "the browser tests drive Debian's Chromium through chromedriver: install them with \
`apt install chromium chromium-driver` (or run `bash tests/run`, which installs everything the tests need)";

/// One Chromium for the whole test binary, behind a lock: the tests take turns with it.
pub fn browser() -> MutexGuard<'static, Browser> {
    static BROWSER: OnceLock<Mutex<Browser>> = OnceLock::new();
    let guard = BROWSER.get_or_init(|| Mutex::new(Browser::start())).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    guard.reset();
    guard
}

pub struct Browser {
    client: Client,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

/// chromedriver, run through a small shell that stops it when this test binary ends (the
/// shell waits for its standard input to close, which happens when we exit, however we
/// exit): statics are never dropped, so nothing else would stop it.
struct Driver {
    _child: Child,
    _stdin: ChildStdin,
}

impl Browser {
    fn start() -> Browser {
        let chromium = ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .find_map(|n| which(n))
            .unwrap_or_else(|| panic!("Chromium was not found on PATH: {MISSING}"));
        let chromedriver = which("chromedriver").unwrap_or_else(|| panic!("chromedriver was not found on PATH: {MISSING}"));
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#""$0" --port="$1" --log-level=SEVERE >/dev/null 2>&1 & pid=$!; cat >/dev/null; kill $pid 2>/dev/null; wait $pid"#)
            .arg(&chromedriver)
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let stdin = child.stdin.take().expect("chromedriver's stdin");
        let driver = Driver { _child: child, _stdin: stdin };

        let profile = tempfile::Builder::new().prefix("folio-browser-test-").tempdir().expect("a temporary profile folder");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                    // Chromium then ends with chromedriver (on a port, it would outlive it).
                    "--remote-debugging-pipe",
                    "--force-color-profile=srgb", "--window-size=1280,800",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }),
        );
        let address = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match block_on(ClientBuilder::new(connector).capabilities(capabilities.clone()).connect(&address)) {
                Ok(client) => break client,
                Err(err) if started.elapsed() < Duration::from_secs(30) => {
                    let _ = err;
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(err) => panic!("cannot start Chromium through chromedriver ({}): {err}\n{MISSING}", chromedriver.display()),
            }
        };
        Browser { client, _driver: driver, _profile: profile }
    }

    /// Back to a desktop window between tests.
    fn reset(&self) {
        self.desktop();
        self.cdp("Emulation.setTouchEmulationEnabled", json!({ "enabled": false }));
        // Behave as the focused window, as a reader's browser is: keyboard focus and
        // :focus-visible work even when the headless window is not focused.
        self.cdp("Emulation.setFocusEmulationEnabled", json!({ "enabled": true }));
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// A Chrome DevTools command, through chromedriver.
    pub fn cdp(&self, method: &str, params: Value) -> Value {
        block_on(self.client.issue_cmd(Cdp { method: method.into(), params })).unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// A 1280×800 desktop viewport.
    pub fn desktop(&self) {
        self.viewport(1280, 800, false);
    }

    /// A phone: 375×667 CSS pixels, touch, mobile layout.
    pub fn phone(&self) {
        self.viewport(375, 667, true);
    }

    /// Exactly `width`×`height` CSS px, checked: a desktop window, or with `mobile` a phone
    /// (mobile layout and touch). Device emulation, since a headless window does not get
    /// narrower than about 500 px; call it before `goto`, so the page loads at that size.
    pub fn exact_viewport(&self, width: u32, height: u32, mobile: bool) {
        self.viewport(width, height, mobile);
        self.cdp("Emulation.setTouchEmulationEnabled", json!({ "enabled": mobile, "maxTouchPoints": if mobile { 5 } else { 1 } }));
    }

    /// The page's viewport in CSS px, as its scripts and media queries see it.
    pub fn inner_size(&self) -> (u64, u64) {
        let size = self.js("return [window.innerWidth, window.innerHeight];");
        (size[0].as_u64().unwrap_or(0), size[1].as_u64().unwrap_or(0))
    }

    pub fn viewport(&self, width: u32, height: u32, mobile: bool) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        );
    }

    pub fn goto(&self, url: &str) {
        block_on(self.client.goto(url)).unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        self.wait_until_loaded();
    }

    pub fn url(&self) -> String {
        block_on(self.client.current_url()).expect("the current address").to_string()
    }

    pub fn js(&self, script: &str) -> Value {
        self.js_with(script, vec![])
    }

    pub fn js_with(&self, script: &str, args: Vec<Value>) -> Value {
        block_on(self.client.execute(script, args)).unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        block_on(self.client.execute_async(script, args)).unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub fn js_string(&self, script: &str) -> String {
        match self.js(script) {
            Value::String(s) => s,
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// The id of the page's h1: `{key}--title`.
    pub fn h1_id(&self) -> String {
        self.js_string("var h = document.querySelector('h1'); return h ? h.id : null;")
    }

    fn wait_until_loaded(&self) {
        self.wait_for("document.readyState === 'complete'", "the page to load");
    }

    /// Waits until `condition` (a JavaScript expression) is true.
    pub fn wait_for(&self, condition: &str, what: &str) {
        let started = Instant::now();
        let script = format!("return !!({condition});");
        loop {
            // A script can fail while a new page replaces the old one: try again.
            if let Ok(Value::Bool(true)) = block_on(self.client.execute(&script, vec![])) {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "waited 15 s for {what} ({condition}) at {}", self.url());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for a new page after an action that navigates, and returns its address.
    pub fn wait_for_navigation_from(&self, old_url: &str) -> String {
        let started = Instant::now();
        loop {
            let now = self.url();
            if now != old_url {
                self.wait_until_loaded();
                return now;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "no navigation away from {old_url} within 15 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn find(&self, css: &str) -> Element {
        block_on(self.client.find(Locator::Css(css))).unwrap_or_else(|e| panic!("no `{css}` on {}: {e}", self.url()))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        block_on(self.client.find_all(Locator::Css(css))).unwrap_or_else(|e| panic!("finding `{css}`: {e}"))
    }

    /// Clicks the element and waits for the page it leads to.
    pub fn click_and_wait(&self, css: &str) -> String {
        let old = self.url();
        let element = self.find(css);
        block_on(element.click()).unwrap_or_else(|e| panic!("cannot click `{css}` on {old}: {e}"));
        self.wait_for_navigation_from(&old)
    }

    /// Presses and releases a key on the keyboard, as a person would.
    pub fn press(&self, key: Key) {
        let value: char = key.into();
        let keys = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
        block_on(self.client.perform_actions(keys)).expect("key press");
        block_on(self.client.release_actions()).expect("release keys");
    }

    /// The browser's own accessible name and role of an element (WebDriver's computed
    /// label and role: what a screen reader is given).
    pub fn accessible_name_and_role(&self, element: &Element) -> (String, String) {
        let id = element.element_id().to_string();
        let get = |what: &str| -> String {
            let value = block_on(self.client.issue_cmd(ElementGet { element: id.clone(), what: what.into() }))
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            value.as_str().unwrap_or_default().to_string()
        };
        (get("computedlabel"), get("computedrole"))
    }

    /// A PNG of the viewport, saved under target/test-artifacts/.
    pub fn screenshot(&self, path: &Path) {
        let png = block_on(self.client.screenshot()).expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        std::fs::write(path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

/// `POST /session/{id}/goog/cdp/execute`: chromedriver's door to the DevTools protocol.
#[derive(Debug)]
struct Cdp {
    method: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.method, "params": self.params }).to_string()))
    }
}

/// `GET /session/{id}/element/{element}/{what}`, for computedlabel and computedrole.
#[derive(Debug)]
struct ElementGet {
    element: String,
    what: String,
}

impl WebDriverCompatibleCommand for ElementGet {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/element/{}/{}", session.unwrap_or_default(), self.element, self.what))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}

// ---------------------------------------------------------------------------------------
// axe-core

/// axe-core's browser script, from the npm package installed in tests/browser_support.
pub fn axe_source() -> &'static str {
    static AXE: OnceLock<String> = OnceLock::new();
    AXE.get_or_init(|| {
        let path = common::repo().join("tests/browser_support/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}\nthe accessibility tests run axe-core from its npm package: install it with \
                 `npm ci --prefix tests/browser_support` (`tests/run` does)",
                path.display()
            )
        })
    })
}
