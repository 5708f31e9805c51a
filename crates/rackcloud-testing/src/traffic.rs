//! Traffic through the emulator's data plane, for the tests that prove a workflow drops
//! nothing: backends on loopback threads that answer every request with their name, a one-shot
//! HTTP client, and a steady stream of requests (bounded in count and time) whose failures are
//! counted. Every socket has a timeout.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use rackcloud_emulator::{DEMO_TENANT, Emulator};
//! use rackcloud_testing::traffic::{Backend, Stream, serving};
//!
//! let web = Backend::start("web", Duration::ZERO)?;
//! let emulator = Emulator::builder()
//!     .default_seed()
//!     .data_plane(true)
//!     .backend("10.180.0.11", 80, web.addr())
//!     .backend("10.180.0.12", 80, web.addr())
//!     .start()?;
//! let addr = serving(&emulator, 1, "web")?;
//! let stream = Stream::start(addr, 2);
//! stream.wait_for(5)?;
//! let tally = stream.finish();
//! assert_eq!(tally.failed, 0);
//! # Ok(())
//! # }
//! ```

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rackcloud_emulator::{DEMO_TENANT, Emulator};

/// Every socket here gives up after this long.
pub const IO_TIMEOUT: Duration = Duration::from_secs(2);
/// A stream's clients stop after this many requests each, or after [`STREAM_LIMIT`].
pub const MAX_REQUESTS_PER_CLIENT: usize = 2_000;
/// A stream's clients stop after this long at most.
pub const STREAM_LIMIT: Duration = Duration::from_secs(15);
/// The pause between two requests of one client: each client sends a few hundred a second.
const PAUSE: Duration = Duration::from_millis(1);

/// An HTTP backend on a loopback thread: every request is answered `200` with its name as
/// the body, after `delay` (so that requests are in flight when a node changes).
#[derive(Debug)]
pub struct Backend {
    addr: SocketAddr,
    in_flight: Arc<AtomicUsize>,
    served: Arc<AtomicUsize>,
}

impl Backend {
    /// Starts the backend; it runs until the test process ends.
    ///
    /// # Errors
    ///
    /// When no loopback port can be bound.
    pub fn start(name: &str, delay: Duration) -> io::Result<Backend> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let backend = Backend {
            addr: listener.local_addr()?,
            in_flight: Arc::new(AtomicUsize::new(0)),
            served: Arc::new(AtomicUsize::new(0)),
        };
        let name = name.to_owned();
        let counts = [Arc::clone(&backend.in_flight), Arc::clone(&backend.served)];
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (name, counts) = (name.clone(), counts.clone());
                std::thread::spawn(move || answer(stream, &name, delay, &counts));
            }
        });
        Ok(backend)
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Requests being answered now (read, not yet answered).
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Requests answered so far.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

fn answer(
    mut stream: TcpStream,
    name: &str,
    delay: Duration,
    [in_flight, served]: &[Arc<AtomicUsize>; 2],
) {
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
    in_flight.fetch_add(1, Ordering::SeqCst);
    std::thread::sleep(delay);
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{name}",
        name.len()
    );
    if stream.write_all(reply.as_bytes()).is_ok() {
        served.fetch_add(1, Ordering::SeqCst);
    }
    in_flight.fetch_sub(1, Ordering::SeqCst);
}

/// One `GET /` on a connection of its own: the body of a `200`, `None` for anything else.
pub fn get(addr: SocketAddr) -> Option<String> {
    let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT).ok()?;
    stream.set_read_timeout(Some(IO_TIMEOUT)).ok()?;
    stream.set_write_timeout(Some(IO_TIMEOUT)).ok()?;
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: shop.example.com\r\nConnection: close\r\n\r\n")
        .ok()?;
    let mut reply = String::new();
    stream.take(64 * 1024).read_to_string(&mut reply).ok()?;
    let (head, body) = reply.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200").then(|| body.to_owned())
}

/// The plain listener of the demo tenant's DFW load balancer `lb_id`, once a request through
/// it is answered by `name` (the listener follows the state within milliseconds).
///
/// # Errors
///
/// When no such answer comes within five seconds.
pub fn serving(emulator: &Emulator, lb_id: u64, name: &str) -> io::Result<SocketAddr> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let addr = emulator
            .listener("DFW", DEMO_TENANT, lb_id)
            .and_then(|l| l.addr());
        if let Some(addr) = addr
            && get(addr).as_deref() == Some(name)
        {
            return Ok(addr);
        }
        if Instant::now() > deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("load balancer {lb_id} is not answered by {name}"),
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// What a stream's clients got: every answer's body, and the requests that got none.
#[derive(Debug, Default)]
pub struct Tally {
    /// The body of every `200`, per client in order.
    pub answers: Vec<String>,
    /// Requests that got no `200` (refused, cut, timed out, or another status).
    pub failed: usize,
}

impl Tally {
    /// Requests answered by `name`.
    pub fn by(&self, name: &str) -> usize {
        self.answers.iter().filter(|a| *a == name).count()
    }
}

/// Client threads sending `GET /` one after another, each on a new connection, until
/// [`finish`](Self::finish) (or [`MAX_REQUESTS_PER_CLIENT`], or [`STREAM_LIMIT`]).
#[derive(Debug)]
pub struct Stream {
    stop: Arc<std::sync::atomic::AtomicBool>,
    /// Requests each client has finished.
    sent: Vec<Arc<AtomicUsize>>,
    threads: Vec<JoinHandle<Tally>>,
}

impl Stream {
    /// Starts `clients` client threads against `addr`.
    pub fn start(addr: SocketAddr, clients: usize) -> Stream {
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let sent: Vec<Arc<AtomicUsize>> = (0..clients)
            .map(|_| Arc::new(AtomicUsize::new(0)))
            .collect();
        let threads = sent
            .iter()
            .map(|sent| {
                let (stop, sent) = (Arc::clone(&stop), Arc::clone(sent));
                std::thread::spawn(move || {
                    let deadline = Instant::now() + STREAM_LIMIT;
                    let mut tally = Tally::default();
                    for _ in 0..MAX_REQUESTS_PER_CLIENT {
                        if stop.load(Ordering::SeqCst) || Instant::now() > deadline {
                            break;
                        }
                        match get(addr) {
                            Some(body) => tally.answers.push(body),
                            None => tally.failed += 1,
                        }
                        sent.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(PAUSE);
                    }
                    tally
                })
            })
            .collect();
        Stream {
            stop,
            sent,
            threads,
        }
    }

    /// Requests finished so far, by all clients.
    pub fn sent(&self) -> usize {
        self.sent.iter().map(|s| s.load(Ordering::SeqCst)).sum()
    }

    /// Waits until every client has finished `n` more requests (so that each request it had
    /// begun before is over).
    ///
    /// # Errors
    ///
    /// When that takes more than five seconds (a client stopped, or requests hang).
    pub fn wait_for(&self, n: usize) -> io::Result<()> {
        let targets: Vec<usize> = self
            .sent
            .iter()
            .map(|s| s.load(Ordering::SeqCst) + n)
            .collect();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self
            .sent
            .iter()
            .zip(&targets)
            .all(|(s, t)| s.load(Ordering::SeqCst) >= *t)
        {
            if Instant::now() > deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the stream's clients did not go on",
                ));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        Ok(())
    }

    /// Stops the clients and adds up what they got.
    pub fn finish(self) -> Tally {
        self.stop.store(true, Ordering::SeqCst);
        let mut all = Tally::default();
        for thread in self.threads {
            if let Ok(t) = thread.join() {
                all.answers.extend(t.answers);
                all.failed += t.failed;
            }
        }
        all
    }
}
