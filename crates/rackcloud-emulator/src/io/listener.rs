//! The API server: the accept loop on a runtime of its own ([`Runner`]) and one hyper HTTP/1.1
//! connection (keep-alive on) per accepted socket. Stopping ends the accept loop, closes the
//! listening socket, and drops every connection with the runtime.

use std::convert::Infallible;
use std::io;
use std::net::TcpListener as StdListener;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};

use crate::exchange;
use crate::runtime::Runner;
use crate::state::Shared;
use crate::tls::Tls;

/// How long a connection may take to send a request's headers by default (idle keep-alive
/// connections and slow or half-open clients are closed after it).
pub(crate) const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
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

/// Accepts connections until the runtime stops, counting each.
async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, tls: Option<Tls>) {
    loop {
        match listener.accept().await {
            Ok((stream, _remote)) => {
                shared.counters.connection_accepted();
                match &tls {
                    None => drop(tokio::spawn(connection(stream, Arc::clone(&shared)))),
                    Some(tls) => drop(tokio::spawn(tls_connection(
                        stream,
                        tls.clone(),
                        Arc::clone(&shared),
                    ))),
                }
            }
            Err(err) => {
                log::warn!("emulator: accept failed: {err}");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

/// Serves one connection with hyper's HTTP/1.1 server until the client closes it.
async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    // Small answers on a keep-alive connection must not wait for Nagle's algorithm.
    let _ = stream.set_nodelay(true);
    serve(stream, shared).await;
}

/// The TLS handshake (one per connection), then the same HTTP/1.1 service inside it.
async fn tls_connection(stream: TcpStream, tls: Tls, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    match tls.acceptor.accept(stream).await {
        Ok(stream) => serve(stream, shared).await,
        Err(err) => log::debug!("emulator: TLS handshake failed: {err}"),
    }
}

async fn serve<S>(stream: S, shared: Arc<Shared>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let header_read_timeout = shared.config.header_read_timeout;
    let service = service_fn(move |request| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(exchange::exchange(shared, request).await) }
    });
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .keep_alive(true)
        .title_case_headers(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
    if let Err(err) = served {
        log::debug!("emulator: connection ended: {err}");
    }
}
