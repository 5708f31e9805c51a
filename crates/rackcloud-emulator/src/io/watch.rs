//! The per-connection timers: a connection's socket is wrapped in [`Watched`], which tells its
//! [`Activity`] when bytes arrive and when a write cannot proceed, and the exchange tells it
//! when a request starts and when its answer is sent. [`Activity::watch`] ends when the
//! connection has been idle too long (no request since the last answer), has taken too long to
//! send a request's headers, or has not read the answer for too long; the connection is then
//! dropped. A delayed or stalled fault answer is the server's own doing and is never cut.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Instant;

use crate::sync::lock;

/// The limits a connection is held to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timeouts {
    /// No request for this long (before the first one, or since the last answer): closed.
    pub(crate) idle: Duration,
    /// A request's headers (or the TLS handshake) not complete this long after their first
    /// byte: closed. A request's body gets as long again.
    pub(crate) header: Duration,
}

/// Why [`Activity::watch`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expired {
    Idle,
    Headers,
    UnreadAnswer,
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Waiting for a request, since then.
    Idle(Instant),
    /// A request (or handshake) has begun arriving, since then.
    Head(Instant),
    /// A request is being handled and answered.
    Busy,
}

#[derive(Debug)]
struct Inner {
    phase: Phase,
    /// Since when a write has been waiting for the client to read.
    write_blocked: Option<Instant>,
}

/// What one connection is doing, shared by its socket, its exchanges and its watchdog.
#[derive(Debug, Clone)]
pub(crate) struct Activity {
    inner: Arc<Mutex<Inner>>,
    timeouts: Timeouts,
}

impl Activity {
    /// A connection accepted now: idle.
    pub(crate) fn new(timeouts: Timeouts) -> Activity {
        Activity {
            inner: Arc::new(Mutex::new(Inner {
                phase: Phase::Idle(Instant::now()),
                write_blocked: None,
            })),
            timeouts,
        }
    }

    /// A request's headers are in: it is being handled.
    pub(crate) fn busy(&self) {
        lock(&self.inner).phase = Phase::Busy;
    }

    /// An answer was sent (or a handshake done): waiting for the next request.
    pub(crate) fn idle(&self) {
        lock(&self.inner).phase = Phase::Idle(Instant::now());
    }

    /// How long a request's body may take to arrive.
    pub(crate) fn body_timeout(&self) -> Duration {
        self.timeouts.header
    }

    fn bytes_read(&self) {
        let mut inner = lock(&self.inner);
        if let Phase::Idle(_) = inner.phase {
            inner.phase = Phase::Head(Instant::now());
        }
    }

    fn write_blocked(&self, blocked: bool) {
        let mut inner = lock(&self.inner);
        match (blocked, inner.write_blocked) {
            (true, None) => inner.write_blocked = Some(Instant::now()),
            (false, Some(_)) => inner.write_blocked = None,
            _ => {}
        }
    }

    /// Ends when the connection is to be closed, saying why; pending while it behaves.
    pub(crate) async fn watch(&self) -> Expired {
        // While busy there is no deadline; and whatever the phase, look again this often.
        let recheck = self
            .timeouts
            .idle
            .min(self.timeouts.header)
            .max(Duration::from_millis(10));
        loop {
            let now = Instant::now();
            let (deadline, why) = {
                let inner = lock(&self.inner);
                match (inner.write_blocked, inner.phase) {
                    (Some(since), _) => (since + self.timeouts.idle, Expired::UnreadAnswer),
                    (None, Phase::Idle(since)) => (since + self.timeouts.idle, Expired::Idle),
                    (None, Phase::Head(since)) => (since + self.timeouts.header, Expired::Headers),
                    (None, Phase::Busy) => (now + recheck, Expired::Idle),
                }
            };
            if deadline <= now {
                return why;
            }
            // It looks again at least every `recheck`, the shortest limit: a phase that began
            // while it slept (headers after idling) ends no sooner than that, so no deadline is
            // missed, and one that changed has a new deadline.
            tokio::time::sleep_until(deadline.min(now + recheck)).await;
        }
    }
}

/// A response body that marks its connection idle once it is sent (or dropped).
#[derive(Debug)]
pub(crate) struct Tracked<B> {
    body: B,
    activity: Activity,
}

impl<B> Tracked<B> {
    pub(crate) fn new(body: B, activity: Activity) -> Tracked<B> {
        Tracked { body, activity }
    }
}

impl<B> Drop for Tracked<B> {
    fn drop(&mut self) {
        self.activity.idle();
    }
}

impl<B: Body + Unpin> Body for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A socket that reports its reads and blocked writes to an [`Activity`].
#[derive(Debug)]
pub(crate) struct Watched<S> {
    inner: S,
    activity: Activity,
}

impl<S> Watched<S> {
    pub(crate) fn new(inner: S, activity: Activity) -> Watched<S> {
        Watched { inner, activity }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.bytes_read();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.activity.write_blocked(polled.is_pending());
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.activity.write_blocked(polled.is_pending());
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.inner).poll_flush(cx);
        self.activity.write_blocked(polled.is_pending());
        polled
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
