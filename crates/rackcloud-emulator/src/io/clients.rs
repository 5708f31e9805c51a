//! The cap on open connections per client address: each accepted connection holds a [`Permit`]
//! for its peer's IP address while it is open; past the cap, a new connection is answered 503
//! and closed at once, so that one client cannot take every file descriptor from the others.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::sync::lock;

/// How long a refused connection is given to take its 503 and hang up.
const REFUSAL_TIME: Duration = Duration::from_secs(1);
/// At most this much of a refused connection's request is read (and dropped) before closing,
/// so that closing does not reset the connection before the client reads the 503.
const REFUSAL_DRAIN: usize = 64 * 1024;

/// Open connections by client address.
#[derive(Debug)]
pub(crate) struct Clients {
    open: Mutex<HashMap<IpAddr, usize>>,
    cap: usize,
}

/// One open connection of a client; dropping it frees its place.
#[derive(Debug)]
pub(crate) struct Permit {
    clients: Arc<Clients>,
    ip: IpAddr,
}

impl Clients {
    /// At most `cap` open connections per address (zero counts as one).
    pub(crate) fn new(cap: usize) -> Arc<Clients> {
        Arc::new(Clients {
            open: Mutex::new(HashMap::new()),
            cap: cap.max(1),
        })
    }

    /// A place for one more connection from `ip`; `None` when it already has the cap open.
    pub(crate) fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<Permit> {
        let mut open = lock(&self.open);
        let count = open.entry(ip).or_insert(0);
        if *count >= self.cap {
            return None;
        }
        *count += 1;
        Some(Permit {
            clients: Arc::clone(self),
            ip,
        })
    }

    pub(crate) fn cap(&self) -> usize {
        self.cap
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut open = lock(&self.clients.open);
        if let Some(count) = open.get_mut(&self.ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// The 503 a connection past the cap gets (plain HTTP; a TLS one is closed without a word).
pub(crate) fn refusal(ip: IpAddr, cap: usize) -> Vec<u8> {
    let message = format!(
        "Too many open connections from {ip}: at most {cap} at once; close idle ones and retry."
    );
    let body = serde_json::json!({"message": message, "code": 503}).to_string();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Sends the refusal and closes, within [`REFUSAL_TIME`] whatever the client does.
pub(crate) async fn refuse(mut stream: TcpStream, answer: Vec<u8>) {
    let exchange = async {
        stream.write_all(&answer).await?;
        stream.shutdown().await?;
        let mut seen = 0;
        let mut buf = [0_u8; 4096];
        while seen < REFUSAL_DRAIN {
            match stream.read(&mut buf).await? {
                0 => break,
                n => seen += n,
            }
        }
        std::io::Result::Ok(())
    };
    let _ = tokio::time::timeout(REFUSAL_TIME, exchange).await;
}
