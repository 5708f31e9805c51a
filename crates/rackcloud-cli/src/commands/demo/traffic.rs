//! The demo's traffic: two tiny backends on loopback threads that answer every request with
//! their name, the requests the tour sends through load balancer 1's listener (the emulator's
//! data plane), and a steady stream during the node rotation whose failures are counted.
//! Every socket has a timeout; the stream is bounded in count and time.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The backends' names; the seeded nodes of load balancer 1 and the rotation's nodes are
/// mapped to them in turn.
pub(super) const NAMES: [&str; 2] = ["alpha", "beta"];

const IO_TIMEOUT: Duration = Duration::from_secs(2);
/// The stream's bounds: requests per client, and time.
const MAX_REQUESTS: usize = 20_000;
const MAX_TIME: Duration = Duration::from_secs(30);
const CLIENTS: usize = 2;

/// Starts a backend answering `name`; it runs until the process ends.
pub(super) fn backend(name: &'static str) -> io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream, name));
        }
    });
    Ok(addr)
}

fn answer(mut stream: TcpStream, name: &str) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 16 * 1024 || !matches!(stream.read(&mut byte), Ok(1)) {
            return;
        }
        head.push(byte[0]);
    }
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{name}",
        name.len()
    );
    let _ = stream.write_all(reply.as_bytes());
}

/// An answer through the load balancer: which backend answered, and the cookie it set.
pub(super) struct Answer {
    pub(super) name: String,
    pub(super) cookie: Option<String>,
}

/// One `GET /` on a connection of its own, carrying `cookie` if given; `None` unless `200`.
pub(super) fn get(addr: SocketAddr, cookie: Option<&str>) -> Option<Answer> {
    let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT).ok()?;
    stream.set_read_timeout(Some(IO_TIMEOUT)).ok()?;
    stream.set_write_timeout(Some(IO_TIMEOUT)).ok()?;
    let cookie_line = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "GET / HTTP/1.1\r\nHost: web.example.com\r\n{cookie_line}Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut reply = String::new();
    stream.take(64 * 1024).read_to_string(&mut reply).ok()?;
    let (head, body) = reply.split_once("\r\n\r\n")?;
    if !head.starts_with("HTTP/1.1 200") {
        return None;
    }
    let cookie = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("set-cookie").then(|| {
            value
                .trim()
                .split(';')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
    });
    Some(Answer {
        name: body.to_owned(),
        cookie,
    })
}

/// `n` requests, each with `cookie` if given: the names that answered, `?` for a failure.
pub(super) fn names(addr: SocketAddr, n: usize, cookie: Option<&str>) -> Vec<String> {
    (0..n)
        .map(|_| get(addr, cookie).map_or_else(|| "?".to_owned(), |a| a.name))
        .collect()
}

/// Requests before persistence: how they spread over the nodes.
pub(super) fn spread(addr: SocketAddr) -> String {
    format!(
        "Through its listener ({addr}), 4 requests without persistence were answered by: {}.",
        names(addr, 4, None).join(", ")
    )
}

/// Requests with `HTTP_COOKIE`: the first gets the cookie, those carrying it stay on its node.
pub(super) fn pinned(addr: SocketAddr) -> String {
    let Some(first) = get(addr, None) else {
        return "The first request through the listener failed.".to_owned();
    };
    let Some(cookie) = first.cookie else {
        return format!("{} answered, without setting a cookie.", first.name);
    };
    format!(
        "The first request was answered by {} with Set-Cookie {cookie}; 4 more carrying it were answered by: {}.",
        first.name,
        names(addr, 4, Some(&cookie)).join(", ")
    )
}

/// Client threads sending requests one after another until [`finish`](Self::finish).
pub(super) struct Stream {
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<(usize, usize)>>,
}

impl Stream {
    pub(super) fn start(addr: SocketAddr) -> Stream {
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..CLIENTS)
            .map(|_| {
                let stop = Arc::clone(&stop);
                std::thread::spawn(move || {
                    let deadline = Instant::now() + MAX_TIME;
                    let (mut sent, mut failed) = (0, 0);
                    while sent < MAX_REQUESTS
                        && !stop.load(Ordering::SeqCst)
                        && Instant::now() < deadline
                    {
                        if get(addr, None).is_none() {
                            failed += 1;
                        }
                        sent += 1;
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    (sent, failed)
                })
            })
            .collect();
        Stream { stop, threads }
    }

    /// Stops the clients: (requests sent, requests failed).
    pub(super) fn finish(self) -> (usize, usize) {
        self.stop.store(true, Ordering::SeqCst);
        self.threads
            .into_iter()
            .filter_map(|t| t.join().ok())
            .fold((0, 0), |(s, f), (s2, f2)| (s + s2, f + f2))
    }
}
