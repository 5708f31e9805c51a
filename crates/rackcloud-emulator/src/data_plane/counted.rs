//! What `GET /loadbalancers/{id}/stats` reports while the data plane is on: the connections it
//! really carried, per side (the plain port, and the secure port of SSL termination). The
//! fields and which of them are counted: docs/api/statistics.md.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};

/// The counters of one load balancer: the plain side and the SSL-terminated side.
#[derive(Debug, Default)]
pub(crate) struct Counted {
    plain: Side,
    secure: Side,
}

/// The counters of one side.
#[derive(Debug, Default)]
pub(crate) struct Side {
    /// Client connections open now.
    current: AtomicU64,
    /// The most client connections open at once.
    max: AtomicU64,
    /// Connects to a node that did not complete within the load balancer's `timeout`.
    connect_timeout: AtomicU64,
    /// Connects to a node refused or failed (a node without a backend mapping included).
    connect_error: AtomicU64,
    /// Connections (TCP) or requests (HTTP) no node could take: closed, or the error page.
    connect_failure: AtomicU64,
    /// A node that did not answer within `timeout` (HTTP, 504), or a connection idle that
    /// long (TCP).
    data_timed_out: AtomicU64,
}

/// What went wrong with a connection or request, for the counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Miss {
    ConnectTimeout,
    ConnectError,
    ConnectFailure,
    DataTimedOut,
}

/// A client connection counted open until dropped.
#[derive(Debug)]
pub(crate) struct OpenGuard<'a> {
    side: &'a Side,
}

impl Counted {
    /// The plain (`secure` false) or secure side.
    pub(crate) fn side(&self, secure: bool) -> &Side {
        if secure { &self.secure } else { &self.plain }
    }

    /// The statistics body (no root key), as the service shows it.
    pub(crate) fn json(&self) -> Value {
        let (p, s) = (&self.plain, &self.secure);
        json!({
            "connectTimeOut": load(&p.connect_timeout),
            "connectError": load(&p.connect_error),
            "connectFailure": load(&p.connect_failure),
            "dataTimedOut": load(&p.data_timed_out),
            "keepAliveTimedOut": 0,
            "maxConn": load(&p.max),
            "currentConn": load(&p.current),
            "connectTimeOutSsl": load(&s.connect_timeout),
            "connectErrorSsl": load(&s.connect_error),
            "connectFailureSsl": load(&s.connect_failure),
            "dataTimedOutSsl": load(&s.data_timed_out),
            "keepAliveTimedOutSsl": 0,
            "maxConnSsl": load(&s.max),
            "currentConnSsl": load(&s.current),
        })
    }
}

impl Side {
    /// Counts a client connection open until the guard is dropped, and the most open at once.
    pub(crate) fn open(&self) -> OpenGuard<'_> {
        let now = self.current.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(now, Ordering::SeqCst);
        OpenGuard { side: self }
    }

    /// Counts one miss.
    pub(crate) fn miss(&self, miss: Miss) {
        let counter = match miss {
            Miss::ConnectTimeout => &self.connect_timeout,
            Miss::ConnectError => &self.connect_error,
            Miss::ConnectFailure => &self.connect_failure,
            Miss::DataTimedOut => &self.data_timed_out,
        };
        counter.fetch_add(1, Ordering::SeqCst);
    }
}

fn load(counter: &AtomicU64) -> u64 {
    counter.load(Ordering::SeqCst)
}

impl Drop for OpenGuard<'_> {
    fn drop(&mut self) {
        let _ = self
            .side
            .current
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_connections_and_their_peak_are_counted_per_side() {
        let counted = Counted::default();
        let a = counted.side(false).open();
        let b = counted.side(false).open();
        drop(a);
        let _c = counted.side(true).open();
        counted.side(false).miss(Miss::ConnectError);
        let stats = counted.json();
        assert_eq!(
            (&stats["currentConn"], &stats["maxConn"]),
            (&json!(1), &json!(2))
        );
        assert_eq!(
            (&stats["currentConnSsl"], &stats["maxConnSsl"]),
            (&json!(1), &json!(1))
        );
        assert_eq!(stats["connectError"], 1);
        drop(b);
        assert_eq!(counted.json()["currentConn"], 0);
    }
}
