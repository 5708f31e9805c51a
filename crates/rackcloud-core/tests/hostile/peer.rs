//! A tiny TCP server for one hostile behaviour: every connection is given to a handler on a
//! thread of its own, and the server counts the connections and what the handlers report.

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// A listener on an ephemeral loopback port; its accept thread ends with the test binary.
pub struct Peer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    reports: mpsc::Receiver<String>,
}

impl Peer {
    /// Serves every connection with `handler`, which may send a line to the test through the
    /// sender it is given.
    pub fn start(
        handler: impl Fn(TcpStream, &mpsc::Sender<String>) + Send + Sync + 'static,
    ) -> Peer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        let connections = Arc::new(AtomicUsize::new(0));
        let (tx, reports) = mpsc::channel();
        let counted = Arc::clone(&connections);
        let handler = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                let (handler, tx) = (Arc::clone(&handler), tx.clone());
                std::thread::spawn(move || handler(stream, &tx));
            }
        });
        Peer {
            addr,
            connections,
            reports,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The next report of a handler, waiting at most 30 s for it.
    pub fn report(&self) -> String {
        self.reports
            .recv_timeout(Duration::from_secs(30))
            .expect("a report from the server")
    }
}

/// Reads one request's head and its `Content-Length` body; returns the head and the body.
pub fn read_request(stream: &TcpStream) -> Option<(String, String)> {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((head, String::from_utf8_lossy(&body).into_owned()))
}
