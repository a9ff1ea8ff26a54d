//! Answers requests from the site in memory. HTML gets the live-reload script; the script
//! listens on `/__folio/events` (Server-Sent Events) for reloads and build errors.

use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use super::accept::Ticket;
use super::live::Served;
use super::request;
use crate::render::links::percent_decode;

pub const EVENTS_PATH: &str = "/__folio/events";
pub const SCRIPT_PATH: &str = "/__folio/live.js";
const LIVE_SCRIPT: &str = include_str!("live.js");

/// What the server shows now.
#[derive(Default)]
pub struct Snapshot {
    pub files: std::collections::HashMap<String, Served>,
    /// The monitor's folder: a linked file is served only while it is really inside.
    pub root: std::path::PathBuf,
    /// The last build's error, shown as an overlay until a build succeeds.
    pub error: Option<String>,
}

/// State shared by the request threads and the rebuild loop.
#[derive(Default)]
pub struct Shared {
    pub snapshot: RwLock<Snapshot>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    /// Sends one event to every open tab; tabs that went away are forgotten.
    pub fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|client| client.send(message.clone()).is_ok());
    }

    fn subscribe(&self) -> Receiver<String> {
        let (sender, receiver) = mpsc::channel();
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).push(sender);
        receiver
    }
}

/// How long a connection may take to send its whole request head (not each read of it):
/// a client that sends a byte now and then must not hold its thread for long.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long one write of an answer may stall.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How much of a refused request is read and thrown away before the connection closes,
/// so the client gets to read the answer (closing with unread data resets the connection).
const DRAIN_BYTES: u64 = 1 << 20;

/// Answers the one request of `stream` (every answer closes the connection). `bound` is the
/// address the server listens on, for the Host check. The connection's place among those
/// still sending their head (`ticket`) is given back once the head is read.
pub fn handle(stream: TcpStream, shared: &Arc<Shared>, bound: IpAddr, ticket: Ticket) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let read = request::read_within(&stream, HEAD_DEADLINE);
    drop(ticket);
    let request = match read {
        None => return,
        Some(Err(refusal)) => {
            send(&stream, &text(refusal.status, refusal.reason), false);
            drain(&stream);
            return;
        }
        Some(Ok(request)) => request,
    };
    if !request::host_allowed(request.host.as_deref(), bound) {
        let reason = "refused: this preview answers only to localhost (open it at http://localhost:<port>/)";
        send(&stream, &text(403, reason), request.head_only);
        return;
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("/").to_string();
    let Some(decoded) = safe_path(&path) else {
        send(&stream, &text(400, "refused: the address leaves the site folder"), request.head_only);
        return;
    };
    if path == EVENTS_PATH {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || stream_events(stream, &shared));
        return;
    }
    let response = if path == SCRIPT_PATH {
        Response::new(200, LIVE_SCRIPT.as_bytes().to_vec()).with("Content-Type", content_type("js"))
    } else {
        site_response(shared, &path, &decoded)
    };
    send(&stream, &response, request.head_only);
}

/// The answer for a path of the site (decoded: `decoded`), from the files in memory.
fn site_response(shared: &Shared, path: &str, decoded: &str) -> Response {
    let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
    let mut key = decoded.trim_start_matches('/').to_string();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let found = snapshot.files.get(&key).cloned();
    let folder_without_slash = found.is_none() && snapshot.files.contains_key(&format!("{key}/index.html"));
    let not_found_page = snapshot.files.get("404.html").cloned();
    let waiting = snapshot.files.is_empty();
    let root = snapshot.root.clone();
    drop(snapshot);

    if folder_without_slash {
        return Response::new(301, Vec::new()).with("Location", format!("{path}/"));
    }
    let (status, served, extension) = match found {
        Some(served) => (200, served, extension(&key)),
        None if waiting => {
            let page = "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>folio</title></head><body><p>De eerste build is mislukt; herstel de fout.</p></body></html>";
            (503, Served::Bytes(Arc::new(page.as_bytes().to_vec())), "html".to_string())
        }
        None => match not_found_page {
            Some(page) => (404, page, "html".to_string()),
            None => return text(404, "not found"),
        },
    };
    let bytes = match served {
        Served::Bytes(bytes) => bytes.as_ref().clone(),
        // Checked per request: a link planted since the build must not lead out.
        Served::File(path) if crate::paths::leads_outside(&path, &root).is_some() => return text(404, "not found"),
        Served::File(path) => match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(_) => return text(404, "not found"),
        },
    };
    let bytes = if extension == "html" { inject_script(bytes) } else { bytes };
    Response::new(status, bytes).with("Content-Type", content_type(&extension)).with("Cache-Control", "no-store".to_string())
}

/// One answer: status, headers, body.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, body: Vec<u8>) -> Response {
        Response { status, headers: Vec::new(), body }
    }

    fn with(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }
}

fn send(mut stream: &TcpStream, response: &Response, head_only: bool) {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason_phrase(response.status));
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", response.body.len()));
    let body: &[u8] = if head_only { &[] } else { &response.body };
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body)).and_then(|_| stream.flush());
}

/// Reads (a bounded part of) what the client still sends, then closes.
fn drain(stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = std::io::copy(&mut stream.take(DRAIN_BYTES), &mut std::io::sink());
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// The decoded path, or None when it tries to leave the site (`..`, encoded or not),
/// holds a backslash or a NUL, or is not valid UTF-8.
pub fn safe_path(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let bad_segment = |p: &str| p.split(['/', '\\']).any(|segment| segment == ".." || segment == ".");
    if bad_segment(path) || bad_segment(&decoded) || decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return None;
    }
    Some(decoded)
}

/// Adds the live-reload script before `</body>`. Only the server does this: `build`
/// output never holds it.
fn inject_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>\n");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn stream_events(mut writer: TcpStream, shared: &Shared) {
    let receiver = shared.subscribe();
    let initial = {
        let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
        match &snapshot.error {
            Some(error) => format!("event: failed\ndata: {}\n\n", json_string(error)),
            None => "event: ok\ndata: {}\n\n".to_string(),
        }
    };
    // An open tab may sit idle for hours: only writes time out.
    let _ = writer.set_read_timeout(None);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if writer.write_all(head.as_bytes()).and_then(|_| writer.write_all(initial.as_bytes())).and_then(|_| writer.flush()).is_err() {
        return;
    }
    loop {
        // A comment line every 15 s finds closed tabs and keeps proxies from timing out.
        let message = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(message.as_bytes()).and_then(|_| writer.flush()).is_err() {
            return;
        }
    }
}

pub fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) fn extension(path: &str) -> String {
    path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

pub(crate) fn content_type(extension: &str) -> String {
    let value = match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
    value.to_string()
}

fn text(status: u16, message: &str) -> Response {
    Response::new(status, message.as_bytes().to_vec()).with("Content-Type", content_type("txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_encoded_or_not() {
        assert_eq!(safe_path("/financiering/index.html").as_deref(), Some("/financiering/index.html"));
        assert_eq!(safe_path("/mijn%20foto.jpg").as_deref(), Some("/mijn foto.jpg"));
        for bad in ["/../etc/passwd", "/a/../../x", "/%2e%2e/x", "/%2E%2E%2Fx", "/..%2f..%2fetc", "/a%5c..%5cb", "/%00", "/%zz", "/%c0%ae"]
        {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_body_ends() {
        let html = inject_script(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(String::from_utf8(html).unwrap(), "<html><body><p>x</p><script src=\"/__folio/live.js\"></script>\n</body></html>");
    }
}
