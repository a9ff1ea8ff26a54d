//! Answers requests from the site in memory. HTML gets the live-reload script; the script
//! listens on `/__folio/events` (Server-Sent Events) for reloads and build errors.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::live::Served;
use crate::render::links::percent_decode;

pub const EVENTS_PATH: &str = "/__folio/events";
pub const SCRIPT_PATH: &str = "/__folio/live.js";
const LIVE_SCRIPT: &str = include_str!("live.js");

/// What the server shows now.
#[derive(Default)]
pub struct Snapshot {
    pub files: std::collections::HashMap<String, Served>,
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

pub fn handle(request: Request, shared: &Arc<Shared>) {
    let raw_url = request.url().to_string();
    let path = raw_url.split(['?', '#']).next().unwrap_or("/").to_string();
    if !matches!(request.method(), tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are allowed"));
        return;
    }
    let Some(decoded) = safe_path(&path) else {
        let _ = request.respond(text(400, "refused: the address leaves the site folder"));
        return;
    };
    if path == EVENTS_PATH {
        let shared = Arc::clone(shared);
        std::thread::spawn(move || stream_events(request, &shared));
        return;
    }
    if path == SCRIPT_PATH {
        let _ = request.respond(Response::from_data(LIVE_SCRIPT.as_bytes().to_vec()).with_header(content_type("js")));
        return;
    }
    let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
    let mut key = decoded.trim_start_matches('/').to_string();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let found = snapshot.files.get(&key).cloned();
    let folder_without_slash = found.is_none() && snapshot.files.contains_key(&format!("{key}/index.html"));
    let not_found_page = snapshot.files.get("404.html").cloned();
    let waiting = snapshot.files.is_empty();
    drop(snapshot);

    if folder_without_slash {
        let location = Header::from_bytes(&b"Location"[..], format!("{path}/").as_bytes()).expect("valid header");
        let _ = request.respond(Response::empty(301).with_header(location));
        return;
    }
    let (status, served, extension) = match found {
        Some(served) => (200, served, extension(&key)),
        None if waiting => {
            let page = "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>folio</title></head><body><p>De eerste build is mislukt; herstel de fout.</p></body></html>";
            (503, Served::Bytes(Arc::new(page.as_bytes().to_vec())), "html".to_string())
        }
        None => match not_found_page {
            Some(page) => (404, page, "html".to_string()),
            None => {
                let _ = request.respond(text(404, "not found"));
                return;
            }
        },
    };
    let bytes = match served {
        Served::Bytes(bytes) => bytes.as_ref().clone(),
        Served::File(path) => match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(_) => {
                let _ = request.respond(text(404, "not found"));
                return;
            }
        },
    };
    let bytes = if extension == "html" { inject_script(bytes) } else { bytes };
    let response = Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(content_type(&extension))
        .with_header(Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..]).expect("valid header"));
    let _ = request.respond(response);
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

fn stream_events(request: Request, shared: &Shared) {
    let receiver = shared.subscribe();
    let initial = {
        let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
        match &snapshot.error {
            Some(error) => format!("event: failed\ndata: {}\n\n", json_string(error)),
            None => "event: ok\ndata: {}\n\n".to_string(),
        }
    };
    let mut writer = request.into_writer();
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

fn extension(path: &str) -> String {
    path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

fn content_type(extension: &str) -> Header {
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
    Header::from_bytes(&b"Content-Type"[..], value.as_bytes()).expect("valid header")
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(message).with_status_code(StatusCode(status)).with_header(content_type("txt"))
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
