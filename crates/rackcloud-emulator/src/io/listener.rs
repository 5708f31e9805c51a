//! The I/O layer: a tokio runtime on threads of its own, the accept loop, and one hyper HTTP/1.1
//! connection (keep-alive on) per accepted socket. Stopping ends the accept loop, closes the
//! listening socket, and drops every connection with the runtime.

use std::convert::Infallible;
use std::io;
use std::net::TcpListener as StdListener;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use crate::exchange;
use crate::state::Shared;
use crate::tls::Tls;

/// How long a connection may take to send a request's headers by default (idle keep-alive
/// connections and slow or half-open clients are closed after it).
pub(crate) const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long stopping waits for the runtime's threads to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);
/// The pause after a failed accept (out of file descriptors, …) before the next one.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(10);

/// The running server thread; [`stop`](Self::stop) ends it.
#[derive(Debug)]
pub(crate) struct Server {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `listener` (already bound) on a new thread that runs a tokio runtime with
    /// `workers` worker threads. Returns once the runtime runs.
    pub(crate) fn start(
        listener: StdListener,
        shared: Arc<Shared>,
        workers: usize,
        tls: Option<Tls>,
    ) -> io::Result<Server> {
        listener.set_nonblocking(true)?;
        let (stop, stopped) = oneshot::channel();
        let (ready, started) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("rackcloud-emulator".to_owned())
            .spawn(move || run(listener, shared, workers, tls, stopped, &ready))?;
        let mut server = Server {
            stop: Some(stop),
            thread: Some(thread),
        };
        match started.recv() {
            Ok(Ok(())) => Ok(server),
            Ok(Err(err)) => {
                server.stop();
                Err(err)
            }
            Err(_) => {
                server.stop();
                Err(io::Error::other(
                    "the emulator's server thread ended at start",
                ))
            }
        }
    }

    /// Blocks while the server runs.
    pub(crate) fn wait(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Stops accepting, drops every connection, and joins the server thread.
    pub(crate) fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The server thread: builds the runtime (on this thread, so it is also dropped here and never
/// inside a caller's async context), reports whether that worked, serves until stopped.
fn run(
    listener: StdListener,
    shared: Arc<Shared>,
    workers: usize,
    tls: Option<Tls>,
    stopped: oneshot::Receiver<()>,
    ready: &mpsc::SyncSender<io::Result<()>>,
) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers.max(1))
        .thread_name("rackcloud-emulator-worker")
        .enable_io()
        .enable_time()
        .build();
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(err) => {
            let _ = ready.send(Err(err));
            return;
        }
    };
    let listener = {
        let _context = runtime.enter();
        TcpListener::from_std(listener)
    };
    let listener = match listener {
        Ok(listener) => listener,
        Err(err) => {
            let _ = ready.send(Err(err));
            return;
        }
    };
    let _ = ready.send(Ok(()));
    runtime.block_on(accept_loop(listener, shared, tls, stopped));
    // Dropping the runtime's tasks closes every connection, idle, busy or stalled.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
}

/// Accepts connections until stopped (or until the `Emulator` is gone), counting each.
async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    tls: Option<Tls>,
    mut stopped: oneshot::Receiver<()>,
) {
    loop {
        let accepted = tokio::select! {
            biased;
            _ = &mut stopped => return,
            accepted = listener.accept() => accepted,
        };
        match accepted {
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
