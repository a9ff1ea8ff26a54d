//! Reading one request from a connection, with bounds. The preview only ever needs
//! `GET path` and `HEAD path` with a few headers, so anything larger or with a body is
//! refused before it can cost memory: one `Content-Length: 99999999999` must not take the
//! server down, nor may an endless header line.

use std::io::{BufRead, BufReader, Read};
use std::net::{IpAddr, TcpStream};
use std::time::{Duration, Instant};

/// The request line and all headers together; browsers send well under 8 kB.
pub const MAX_HEAD_BYTES: u64 = 16 * 1024;
/// Browsers send some 15 headers.
pub const MAX_HEADERS: usize = 64;

/// A request the preview will answer.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub head_only: bool,
    /// The request target as sent: "/financiering/?x=1".
    pub target: String,
    /// The `Host` header, when sent.
    pub host: Option<String>,
}

/// A request refused before it is answered: the status and a short reason.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub reason: &'static str,
}

const fn refuse(status: u16, reason: &'static str) -> Refusal {
    Refusal { status, reason }
}

/// Reads the request head from `stream`, all of it within `limit`: one deadline for the
/// whole head, not a timeout per read, so a client that sends a byte every few seconds
/// cannot hold the connection (and a worker) for long. None when the client closed (or
/// ran out of time) without a whole request.
pub fn read_within(stream: &TcpStream, limit: Duration) -> Option<Result<Request, Refusal>> {
    let mut reader = BufReader::new(Deadline { stream, until: Instant::now() + limit });
    read(&mut reader)
}

/// Reads from a connection until a fixed moment; past it, every read fails.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Reads the request head from `reader`; None when the client closed without a request.
pub fn read(reader: &mut impl BufRead) -> Option<Result<Request, Refusal>> {
    let mut limited = reader.take(MAX_HEAD_BYTES);
    let mut lines = Vec::new();
    loop {
        let mut line = Vec::new();
        match limited.read_until(b'\n', &mut line) {
            Ok(0) if lines.is_empty() => return None,
            // The limit cut the line short; else the client left in the middle of its request.
            Ok(_) if !line.ends_with(b"\n") && limited.limit() == 0 => return Some(Err(refuse(431, "the request head is too large"))),
            Ok(_) if !line.ends_with(b"\n") => return None,
            Ok(_) => {}
            Err(_) => return None,
        }
        let line = String::from_utf8_lossy(&line).trim_end_matches(['\r', '\n']).to_string();
        if line.is_empty() {
            break;
        }
        lines.push(line);
        if lines.len() > MAX_HEADERS + 1 {
            return Some(Err(refuse(431, "the request has too many headers")));
        }
    }
    Some(parse(&lines))
}

fn parse(lines: &[String]) -> Result<Request, Refusal> {
    let mut parts = lines.first().map(String::as_str).unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(refuse(400, "the request line is malformed"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(refuse(505, "only HTTP/1.x is spoken here"));
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return Err(refuse(405, "only GET and HEAD are allowed")),
    };
    let mut host = None;
    for line in &lines[1..] {
        let Some((name, value)) = line.split_once(':') else {
            return Err(refuse(400, "a header line is malformed"));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "host" => host = Some(value.to_string()),
            // The preview takes no uploads; a body is never read, so none may be announced.
            "content-length" if value != "0" => return Err(refuse(413, "requests with a body are not accepted")),
            "transfer-encoding" => return Err(refuse(413, "requests with a body are not accepted")),
            _ => {}
        }
    }
    Ok(Request { head_only, target: target.to_string(), host })
}

/// Whether a request for `host` may be answered by a server bound to `bound`. Against DNS
/// rebinding: a page on another site whose name is pointed at 127.0.0.1 must not read the
/// preview (drafts included). Its requests carry that other name, so only loopback names
/// and addresses pass, and the bound address itself; a server bound to every address
/// (`--bind 0.0.0.0`) also takes any address written as digits, which no name can fake.
pub fn host_allowed(host: Option<&str>, bound: IpAddr) -> bool {
    // Tools that send no Host at all are no browser, so no rebinding attack.
    let Some(host) = host else { return true };
    let name = strip_port(host).to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    let Ok(address) = name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() else { return false };
    address.is_loopback() || address == bound || bound.is_unspecified()
}

/// "localhost:1111" → "localhost", "[::1]:1111" → "[::1]", "[::1]" → "[::1]".
fn strip_port(host: &str) -> &str {
    match host.rfind(':') {
        Some(at) if !host[at..].contains(']') && host[at + 1..].bytes().all(|b| b.is_ascii_digit()) => &host[..at],
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Request, Refusal> {
        read(&mut text.as_bytes()).expect("a request")
    }

    #[test]
    fn gets_and_heads_are_read_and_bodies_refused() {
        let request = read_text("GET /a/?x=1 HTTP/1.1\r\nHost: localhost:1111\r\nContent-Length: 0\r\n\r\n").unwrap();
        assert_eq!(request, Request { head_only: false, target: "/a/?x=1".into(), host: Some("localhost:1111".into()) });
        assert!(read_text("HEAD / HTTP/1.0\n\n").unwrap().head_only);
        assert_eq!(read_text("GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n").unwrap_err().status, 413);
        assert_eq!(read_text("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap_err().status, 413);
        assert_eq!(read_text("POST / HTTP/1.1\r\n\r\n").unwrap_err().status, 405);
        assert_eq!(read_text("GET /\r\n\r\n").unwrap_err().status, 400);
    }

    #[test]
    fn heads_are_bounded_in_size_and_count() {
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(100_000));
        assert_eq!(read_text(&long).unwrap_err().status, 431);
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: 1\r\n".repeat(MAX_HEADERS + 1));
        assert_eq!(read_text(&many).unwrap_err().status, 431);
        assert!(read(&mut "".as_bytes()).is_none());
    }

    #[test]
    fn the_whole_head_has_one_deadline() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let slow = std::thread::spawn(move || {
            let mut client = TcpStream::connect(address).unwrap();
            // One byte every 100 ms: each read is quick, the whole head is not.
            for byte in b"GET / HTTP/1.1\r\n\r\n" {
                if std::io::Write::write_all(&mut client, &[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let (stream, _) = listener.accept().unwrap();
        let started = Instant::now();
        assert!(read_within(&stream, Duration::from_millis(500)).is_none());
        assert!(started.elapsed() < Duration::from_millis(900), "{:?}", started.elapsed());
        drop(stream);
        slow.join().unwrap();
    }

    #[test]
    fn only_loopback_names_and_addresses_are_served() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        for host in ["localhost", "localhost:1111", "127.0.0.1:1111", "127.1.2.3", "[::1]:1111", "[::1]", "LOCALHOST"] {
            assert!(host_allowed(Some(host), local), "{host}");
        }
        for host in ["evil.example", "evil.example:1111", "127.0.0.1.evil.example", "192.168.1.5:1111", "", "localhost.evil"] {
            assert!(!host_allowed(Some(host), local), "{host}");
        }
        let everywhere: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed(Some("192.168.1.5:1111"), everywhere));
        assert!(!host_allowed(Some("evil.example"), everywhere));
        assert!(host_allowed(None, local));
    }
}
