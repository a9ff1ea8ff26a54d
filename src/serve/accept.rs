//! Taking connections: each gets its own thread, so a slow client holds only its own; what
//! bounds the cost of slow clients is the deadline for the request head (`HEAD_DEADLINE`)
//! and the number of connections per client address still sending their head.

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Connections of one client address that have not yet sent their whole request head. A
/// browser opens six at a time; 300 requests at once from one script still fit.
pub const MAX_PENDING_PER_CLIENT: usize = 256;
/// Connections of all clients that have not yet sent their whole request head.
pub const MAX_PENDING: usize = 1024;
/// A request thread needs little: the answer is built from the site in memory.
const STACK_BYTES: usize = 256 * 1024;

/// Connections still sending their request head, per client address.
#[derive(Default)]
pub struct Pending {
    by_client: Mutex<HashMap<IpAddr, usize>>,
}

/// One admitted connection; dropping it (once the head is read) frees its place.
pub struct Ticket {
    pending: Arc<Pending>,
    client: IpAddr,
}

impl Pending {
    /// A place for one more connection from `client`, unless it or everyone has too many.
    pub fn admit(self: &Arc<Self>, client: IpAddr) -> Option<Ticket> {
        let mut by_client = self.by_client.lock().unwrap_or_else(|e| e.into_inner());
        let total: usize = by_client.values().sum();
        let count = by_client.entry(client).or_insert(0);
        if *count >= MAX_PENDING_PER_CLIENT || total >= MAX_PENDING {
            return None;
        }
        *count += 1;
        Some(Ticket { pending: Arc::clone(self), client })
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut by_client = self.pending.by_client.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = by_client.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                by_client.remove(&self.client);
            }
        }
    }
}

/// Accepts connections for ever, each answered by `answer` on a thread of its own.
pub fn serve(listener: TcpListener, answer: impl Fn(TcpStream, Ticket) + Send + Sync + 'static) {
    let answer = Arc::new(answer);
    let pending = Arc::new(Pending::default());
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            // Out of file handles, say: wait instead of spinning.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let Some(ticket) = pending.admit(peer.ip()) else {
            busy(stream);
            continue;
        };
        let answer = Arc::clone(&answer);
        // A thread that cannot be started drops the connection: the client may try again.
        let _ = std::thread::Builder::new().stack_size(STACK_BYTES).spawn(move || answer(stream, ticket));
    }
}

/// Tells a client with too many unfinished requests to come back, without waiting on it.
fn busy(stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\nContent-Length: 44\r\nConnection: close\r\n\r\nbusy: too many unfinished requests from you\n";
    let _ = (&stream).write_all(answer.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_per_client_are_bounded_and_given_back() {
        let pending = Arc::new(Pending::default());
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        let tickets: Vec<Ticket> = (0..MAX_PENDING_PER_CLIENT).map(|_| pending.admit(client).unwrap()).collect();
        assert!(pending.admit(client).is_none(), "one client cannot take every place");
        assert!(pending.admit("192.0.2.2".parse().unwrap()).is_some(), "another client still gets one");
        drop(tickets);
        assert!(pending.admit(client).is_some());
    }
}
