//! The API server: the accept loop on a runtime of its own ([`Runner`]), a cap on each client's
//! open connections, and one hyper HTTP/1.1 connection (keep-alive on) per accepted socket,
//! closed when idle or slow too long. Stopping ends the accept loop, closes the listening
//! socket, and drops every connection with the runtime.

use std::io;
use std::net::TcpListener as StdListener;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};

use crate::clients::{self, Clients, Permit};
use crate::exchange;
use crate::runtime::Runner;
use crate::state::Shared;
use crate::tls::Tls;
use crate::watch::{Activity, Tracked, Watched};

/// How long a connection may take to send a request's headers (from their first byte) by
/// default; a request's body gets as long again.
pub(crate) const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection may stay without a request (before its first, between keep-alive
/// requests) by default, and how long an answer may wait for the client to read it.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// How many connections one client address may have open at once by default.
pub(crate) const MAX_CONNECTIONS_PER_CLIENT: usize = 64;
/// The pause after a failed accept (out of file descriptors, …) before the next one.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(10);

/// The running server: a [`Runner`] with the accept loop on it; [`stop`](Self::stop) ends it.
#[derive(Debug)]
pub(crate) struct Server {
    runner: Runner,
}

impl Server {
    /// Starts serving `listener` (already bound) on a runtime of its own with `workers` worker
    /// threads. Returns once the runtime runs.
    pub(crate) fn start(
        listener: StdListener,
        shared: Arc<Shared>,
        workers: usize,
        tls: Option<Tls>,
    ) -> io::Result<Server> {
        listener.set_nonblocking(true)?;
        let (runner, handle) = Runner::start("rackcloud-emulator", workers)?;
        // Dropping `runner` on an error stops the runtime again.
        let listener = {
            let _context = handle.enter();
            TcpListener::from_std(listener)?
        };
        drop(handle.spawn(accept_loop(listener, shared, tls)));
        Ok(Server { runner })
    }

    /// Blocks while the server runs.
    pub(crate) fn wait(&mut self) {
        self.runner.wait();
    }

    /// Stops accepting, drops every connection (with the runtime's tasks), and joins the
    /// server thread.
    pub(crate) fn stop(&mut self) {
        self.runner.stop();
    }
}

/// Accepts connections until the runtime stops, counting each; a client past its cap of open
/// connections is refused at once.
async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, tls: Option<Tls>) {
    let clients = Clients::new(shared.config.max_connections_per_client);
    loop {
        match listener.accept().await {
            Ok((stream, remote)) => {
                shared.counters.connection_accepted();
                let Some(permit) = clients.admit(remote.ip()) else {
                    shared.counters.connection_refused();
                    log::debug!("emulator: refusing a connection from {remote}: too many open");
                    if tls.is_none() {
                        let answer = clients::refusal(remote.ip(), clients.cap());
                        drop(tokio::spawn(clients::refuse(stream, answer)));
                    }
                    continue;
                };
                let shared = Arc::clone(&shared);
                drop(tokio::spawn(connection(
                    stream,
                    shared,
                    tls.clone(),
                    permit,
                )));
            }
            Err(err) => {
                log::warn!("emulator: accept failed: {err}");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

/// Serves one connection (after its TLS handshake, if any) with hyper's HTTP/1.1 server until
/// the client closes it or its [`Activity`] says it has been idle or slow too long.
async fn connection(stream: TcpStream, shared: Arc<Shared>, tls: Option<Tls>, permit: Permit) {
    // Small answers on a keep-alive connection must not wait for Nagle's algorithm.
    let _ = stream.set_nodelay(true);
    let activity = Activity::new(shared.config.timeouts);
    let io = Watched::new(stream, activity.clone());
    let counters = Arc::clone(&shared);
    let work = async {
        match tls {
            None => serve(io, shared, activity.clone()).await,
            Some(tls) => match tls.acceptor.accept(io).await {
                Ok(stream) => {
                    activity.idle();
                    serve(stream, shared, activity.clone()).await;
                }
                Err(err) => log::debug!("emulator: TLS handshake failed: {err}"),
            },
        }
    };
    // Counted before the connection is dropped, so that a client that sees it closed sees it
    // counted too.
    let watchdog = async {
        let expired = activity.watch().await;
        counters.counters.connection_timed_out();
        expired
    };
    tokio::select! {
        () = work => {}
        expired = watchdog => log::debug!("emulator: closing a connection: {expired:?}"),
    }
    drop(permit);
}

async fn serve<S>(stream: S, shared: Arc<Shared>, activity: Activity)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |request| {
        let shared = Arc::clone(&shared);
        let activity = activity.clone();
        activity.busy();
        async move {
            // A lost answer is an error to hyper, which then closes the connection without
            // writing a byte of a response.
            match exchange::exchange(shared, request, activity.body_timeout()).await {
                Some(response) => Ok(response.map(|body| Tracked::new(body, activity))),
                None => Err(exchange::LostAnswer),
            }
        }
    });
    // hyper's own header read timeout is off: the connection's Activity times the headers
    // from their first byte and the idle time before them separately.
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(None)
        .keep_alive(true)
        .title_case_headers(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
    if let Err(err) = served {
        log::debug!("emulator: connection ended: {err}");
    }
}
