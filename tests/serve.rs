//! `folio serve` as an author uses it: a real server process on a free port, real HTTP,
//! real file edits, and the Server-Sent Events a browser tab would receive.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::*;

struct ServeProcess {
    child: Child,
    address: String,
    /// What folio printed up to and including the address line.
    early: Vec<String>,
    _log: Receiver<String>,
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(site: &Path, port: u16) -> ServeProcess {
    start_in(Path::new("."), Some(site), port, &[])
}

/// `folio [--root root] serve [extra]` run in the folder `cwd`, as an author in a terminal would.
#[allow(clippy::zombie_processes)] // killed and waited for when the ServeProcess drops
fn start_in(cwd: &Path, root: Option<&Path>, port: u16, extra: &[&str]) -> ServeProcess {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.current_dir(cwd);
    if let Some(root) = root {
        command.arg("--root").arg(root);
    }
    command.args(["serve", "--port", &port.to_string()]).args(extra);
    let mut child = command.stderr(Stdio::piped()).spawn().expect("start folio serve");
    let stderr = child.stderr.take().unwrap();
    let (sender, log) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut early = Vec::new();
    loop {
        let line = log.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("folio serve prints its address");
        early.push(line.clone());
        if let Some(rest) = line.split("http://").nth(1) {
            let address = rest.trim_end_matches(['/', ')', ' ']).split('/').next().unwrap().to_string();
            return ServeProcess { child, address, early, _log: log };
        }
    }
}

/// A plain HTTP/1.0 GET, so the path goes out exactly as written (no client clean-up).
fn get(address: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).to_string();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.split_whitespace().nth(1).unwrap_or("0").parse().unwrap();
    (status, head.to_string(), body.to_string())
}

/// Sends `request` as it is and returns the status and the whole answer.
fn raw(address: &str, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = stream.write_all(request); // the server may stop reading a request it refuses
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).to_string();
    let status = response.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0);
    (status, response)
}

/// Opens the event stream like a browser tab; events arrive as (name, data).
fn events(address: &str) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET /__folio/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(stream);
        let (mut name, mut data) = (String::new(), String::new());
        for line in reader.lines().map_while(Result::ok) {
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data = value.to_string();
            } else if line.is_empty() && !name.is_empty() && sender.send((std::mem::take(&mut name), std::mem::take(&mut data))).is_err() {
                return;
            }
        }
    });
    receiver
}

fn next_event(events: &Receiver<(String, String)>, wanted: &str) -> (String, Duration) {
    let started = Instant::now();
    loop {
        let (name, data) = events.recv_timeout(Duration::from_secs(10)).unwrap_or_else(|_| panic!("no `{wanted}` event"));
        if name == wanted {
            return (data, started.elapsed());
        }
    }
}

fn write_page(site: &Path, body: &str) {
    std::fs::write(site.join("content/01-pagina.md"), format!("---\ntitle: Een pagina\n---\n\n{body}\n")).unwrap();
}

#[test]
fn edits_reload_the_page_errors_show_and_clear() {
    let site = fixture("minimal");
    let server = start(site.path(), free_port());
    let (status, head, body) = get(&server.address, "/pagina/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html; charset=utf-8"));
    assert!(body.contains("Tekst met 60%."));
    assert!(body.contains("<script src=\"/__folio/live.js\"></script>"), "serve injects the reload script");
    let stream = events(&server.address);
    assert_eq!(next_event(&stream, "ok").0, "{}");

    // An edit reloads the page that shows it, and only that page (and print.html).
    write_page(site.path(), "Nieuwe tekst met {{vraag.nee.2026}}.");
    let (touched, _) = next_event(&stream, "reload");
    assert_eq!(touched, "[\"pagina/\",\"print.html\"]");
    assert!(get(&server.address, "/pagina/").2.contains("Nieuwe tekst met 40%."));

    // A broken edit shows its error; the last good page stays served.
    std::fs::write(site.path().join("content/01-pagina.md"), "---\ntitle: [kapot\n---\n").unwrap();
    let (error, _) = next_event(&stream, "failed");
    assert!(error.contains("content/01-pagina.md:2"), "{error}");
    assert!(get(&server.address, "/pagina/").2.contains("Nieuwe tekst met 40%."));
    // A tab opened now gets the error at once.
    let late = events(&server.address);
    assert!(next_event(&late, "failed").0.contains("content/01-pagina.md"));

    // Fixing it clears the overlay.
    write_page(site.path(), "Hersteld.");
    next_event(&stream, "reload");
    next_event(&stream, "ok");
    assert!(get(&server.address, "/pagina/").2.contains("Hersteld."));

    // A data change reloads the pages that use the question.
    write_page(site.path(), "Tekst met {{vraag.ja.2026}}.");
    next_event(&stream, "reload");
    let yaml = read(&site.path().join("data/vragen.yaml")).replace("{2026: 60}", "{2026: 61}").replace("{2026: 40}", "{2026: 39}");
    std::fs::write(site.path().join("data/vragen.yaml"), yaml).unwrap();
    let (touched, _) = next_event(&stream, "reload");
    assert_eq!(touched, "[\"pagina/\",\"print.html\"]");
    assert!(get(&server.address, "/pagina/").2.contains("Tekst met 61%."));

    // A new page changes the navigation of every page; a deleted one does not stop the server.
    std::fs::write(site.path().join("content/02-nog-een.md"), "---\ntitle: Nog een\n---\n\nTekst.\n").unwrap();
    assert_eq!(next_event(&stream, "reload").0, "[\"*\"]");
    assert_eq!(get(&server.address, "/nog-een/").0, 200);
    std::fs::remove_file(site.path().join("content/02-nog-een.md")).unwrap();
    assert_eq!(next_event(&stream, "reload").0, "[\"*\"]");
    assert_eq!(get(&server.address, "/nog-een/").0, 404);
    assert_eq!(get(&server.address, "/").0, 200);
    next_event(&stream, "ok");

    // Editor temporaries are ignored.
    std::fs::write(site.path().join("content/.01-pagina.md.swp"), "x").unwrap();
    std::fs::write(site.path().join("content/01-pagina.md~"), "x").unwrap();
    assert!(stream.recv_timeout(Duration::from_millis(400)).is_err(), "no rebuild for editor temporaries");
}

/// Authors start the preview in the monitor's folder, or point at it from near by: every
/// way must rebuild on save, not only an absolute `--root`.
#[test]
fn a_relative_root_rebuilds_on_save_like_an_absolute_one() {
    let top = tempfile::tempdir().unwrap();
    let site = top.path().join("monitor");
    copy_tree(&repo().join("tests/sites/minimal"), &site);
    let ways: [(&Path, Option<&Path>); 5] = [
        (top.path(), Some(&site)),
        (&site, None),
        (&site, Some(Path::new("."))),
        (&site.join("content"), Some(Path::new(".."))),
        (top.path(), Some(Path::new("monitor"))),
    ];
    for (round, (cwd, root)) in ways.into_iter().enumerate() {
        let server = start_in(cwd, root, free_port(), &[]);
        let stream = events(&server.address);
        next_event(&stream, "ok");
        write_page(&site, &format!("Ronde {round}."));
        next_event(&stream, "reload");
        let (_, _, body) = get(&server.address, "/pagina/");
        assert!(body.contains(&format!("Ronde {round}.")), "cwd {cwd:?}, --root {root:?}: the page was not rebuilt");
    }
}

#[test]
fn requests_outside_the_site_are_refused_and_types_are_right() {
    let site = fixture("minimal");
    std::fs::write(site.path().join("geheim.txt"), "geheim").unwrap();
    let server = start(site.path(), free_port());
    for path in ["/../geheim.txt", "/%2e%2e/geheim.txt", "/pagina/..%2f..%2fgeheim.txt", "/%2E%2E%5Cgeheim.txt", "/static/../../site.toml"]
    {
        let (status, _, body) = get(&server.address, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(!body.contains("geheim"));
    }
    let (status, head, _) = get(&server.address, "/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/css"), "{head}");
    let (status, head, _) = get(&server.address, "/static/folio.js");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/javascript"), "{head}");
    let (status, head, _) = get(&server.address, "/pagina");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /pagina/"), "{head}");
    let (status, _, body) = get(&server.address, "/bestaat-niet/");
    assert_eq!(status, 404);
    assert!(body.contains("Pagina niet gevonden"));
}

#[test]
fn a_taken_port_moves_to_the_next_and_build_output_has_no_reload_script() {
    let site = fixture("minimal");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = start(site.path(), port);
    assert_ne!(server.address, format!("127.0.0.1:{port}"));
    assert_eq!(get(&server.address, "/").0, 200);
    drop(server);

    let out = build(site.path());
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "html") {
            assert!(!read(entry.path()).contains("__folio"), "{}", entry.path().display());
        }
    }
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = fixture("minimal");
    let mut server = start(site.path(), free_port());
    let status = Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn under_load_it_keeps_answering_and_ends_with_the_right_content() {
    let site = fixture("complete");
    let server = start(site.path(), free_port());
    let stream = events(&server.address);
    next_event(&stream, "ok");
    let started = Instant::now();

    // 1,000 requests from 100 clients at once, while a burst of 200 saves comes in.
    let address = server.address.clone();
    let clients: Vec<_> = (0..100)
        .map(|client| {
            let address = address.clone();
            std::thread::spawn(move || {
                let paths = ["/", "/financiering/tarieven/", "/print.html", "/static/style.css", "/inkoop/beleid/"];
                (0..10).filter(|i| get(&address, paths[(client + i) % paths.len()]).0 == 200).count()
            })
        })
        .collect();
    let page = site.path().join("content/03-inkoop/01-beleid.md");
    for save in 0..200 {
        std::fs::write(&page, format!("---\ntitle: Beleid\n---\n\nVersie {save} van de tekst.\n")).unwrap();
    }
    let answered: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(answered, 1000, "every request gets its page");

    // The last save wins.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !get(&server.address, "/inkoop/beleid/").2.contains("Versie 199 van de tekst.") {
        assert!(Instant::now() < deadline, "the last save never showed");
        std::thread::sleep(Duration::from_millis(50));
    }
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
    assert_eq!(get(&server.address, "/").0, 200);
    eprintln!("1,000 requests and 200 saves handled in {elapsed:?}");
}

#[test]
fn serve_shows_drafts_marked_concept() {
    let site = fixture("complete");
    let server = start(site.path(), free_port());
    let (status, _, body) = get(&server.address, "/financiering/concept/");
    assert_eq!(status, 200);
    assert!(body.contains("class=\"draft-mark\">CONCEPT</p>"));
}

/// One hostile request must not take the preview down, nor hold it: bodies are refused
/// unread, heads are bounded, and the server answers the next request as before.
#[test]
fn hostile_requests_are_refused_and_the_server_keeps_answering() {
    let site = fixture("minimal");
    let server = start(site.path(), free_port());
    let address = &server.address;
    let host = format!("Host: {address}\r\n");
    let cases: Vec<(Vec<u8>, u16)> = vec![
        (format!("GET / HTTP/1.1\r\n{host}Content-Length: 99999999999\r\n\r\n").into_bytes(), 413),
        (format!("POST / HTTP/1.1\r\n{host}Content-Length: 5\r\n\r\nhallo").into_bytes(), 405),
        (format!("GET / HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\n").into_bytes(), 413),
        (format!("GET / HTTP/1.1\r\n{host}X-Lang: {}\r\n\r\n", "a".repeat(1 << 20)).into_bytes(), 431),
        (format!("GET / HTTP/1.1\r\n{host}{}\r\n", "X-Veel: 1\r\n".repeat(10_000)).into_bytes(), 431),
        (b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".to_vec(), 403),
        (format!("GET / HTTP/1.1\r\nHost: evil.example:{}\r\n\r\n", address.rsplit(':').next().unwrap()).into_bytes(), 403),
    ];
    for (request, status) in cases {
        let shown = String::from_utf8_lossy(&request[..request.len().min(80)]).to_string();
        let (got, response) = raw(address, &request);
        assert_eq!(got, status, "{shown:?}: {response}");
        assert!(!response.contains("Kleine monitor"), "{shown:?} must not get the page");
        assert_eq!(get(address, "/").0, 200, "after {shown:?} the server still answers");
    }
    let port = address.rsplit(':').next().unwrap();
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), "localhost".to_string()] {
        let (status, response) = raw(address, format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
        assert_eq!(status, 200, "{host}: {response}");
    }
}

#[test]
fn serving_on_every_address_warns_plainly() {
    let site = fixture("minimal");
    let server = start_in(Path::new("."), Some(site.path()), free_port(), &["--bind", "0.0.0.0"]);
    let log = server.early.join("\n");
    assert!(
        log.contains("warning: serve: --bind 0.0.0.0: every machine that can reach this one can open the preview, drafts included"),
        "{log}"
    );
    let local = start(site.path(), free_port());
    assert!(!local.early.join("\n").contains("warning"), "{:?}", local.early);
}

/// The preview rebuilds everything a change can touch, so it shows what `folio build`
/// shows: deleting an image a page links to (outside `content/` too) fails the preview
/// with the build's own message, and putting it back clears it.
#[test]
fn deleting_a_linked_image_shows_the_build_error() {
    let site = fixture("minimal");
    let root = site.path();
    std::fs::create_dir_all(root.join("beelden")).unwrap();
    std::fs::write(root.join("beelden/foto.png"), b"png").unwrap();
    std::fs::write(root.join("content/foto.png"), b"png").unwrap();
    write_page(root, "![Foto](../beelden/foto.png) ![Ander](foto.png)");
    let server = start(root, free_port());
    let stream = events(&server.address);
    next_event(&stream, "ok");

    for (file, message) in [
        ("beelden/foto.png", "the image `../beelden/foto.png` does not exist"),
        ("content/foto.png", "the image `foto.png` does not exist"),
    ] {
        let bytes = std::fs::read(root.join(file)).unwrap();
        std::fs::remove_file(root.join(file)).unwrap();
        let (error, _) = next_event(&stream, "failed");
        let error: String = serde_json::from_str(&error).unwrap();
        let (ok, built) = folio(root, &["build"]);
        assert!(!ok, "build fails without {file}");
        let first = built.lines().next().unwrap();
        assert!(first.contains(message), "{built}");
        assert!(error.contains(first), "serve shows the build's message `{first}`:\n{error}");
        std::fs::write(root.join(file), bytes).unwrap();
        next_event(&stream, "ok");
    }
    // A change that alters no page's output is rebuilt but reloads no page.
    std::fs::write(root.join("beelden/notities.txt"), "x").unwrap();
    let (name, _) = stream.recv_timeout(Duration::from_secs(10)).expect("a rebuild");
    assert_eq!(name, "ok", "no reload when no output changed");
}

/// A linked file is checked again on every request: one replaced by a symbolic link that
/// leads out of the monitor folder is not served, even while the last good site is shown.
#[test]
fn a_linked_file_replaced_by_a_link_out_is_not_served() {
    let top = tempfile::tempdir().unwrap();
    let site = top.path().join("monitor");
    copy_tree(&repo().join("tests/sites/minimal"), &site);
    std::fs::write(top.path().join("geheim.txt"), "geheim").unwrap();
    std::fs::write(site.join("content/bijlage.txt"), "bijlage").unwrap();
    write_page(&site, "[Bijlage](bijlage.txt)");
    let server = start(&site, free_port());
    let stream = events(&server.address);
    next_event(&stream, "ok");
    assert_eq!(get(&server.address, "/media/bijlage.txt").2, "bijlage");
    std::fs::remove_file(site.join("content/bijlage.txt")).unwrap();
    std::os::unix::fs::symlink(top.path().join("geheim.txt"), site.join("content/bijlage.txt")).unwrap();
    let (error, _) = next_event(&stream, "failed");
    assert!(error.contains("leads outside the monitor folder"), "{error}");
    let (status, _, body) = get(&server.address, "/media/bijlage.txt");
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains("geheim"));
}

#[test]
fn sixteen_slow_clients_do_not_stop_the_preview_answering_others() {
    let site = fixture("minimal");
    let server = start(site.path(), free_port());
    let address = server.address.clone();
    // 16 connections that each send one byte of a request head every 3 s: each read is
    // quick, the request never ends.
    let slow: Vec<_> = (0..16)
        .map(|_| {
            let address = address.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&address).unwrap();
                let started = Instant::now();
                for byte in b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " {
                    if stream.write_all(&[*byte]).is_err() || started.elapsed() > Duration::from_secs(7) {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(3));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..3 {
        let started = Instant::now();
        let (status, _, body) = get(&address, "/");
        let took = started.elapsed();
        assert_eq!(status, 200);
        assert!(body.contains("Kleine monitor"), "{body}");
        assert!(took < Duration::from_secs(1), "a normal request took {took:?} beside 16 slow clients");
        std::thread::sleep(Duration::from_secs(1));
    }
    for client in slow {
        client.join().unwrap();
    }
}
