//! Counters: token requests, load balancer API requests per method, accepted, refused and
//! timed-out connections.

use std::sync::atomic::{AtomicU64, Ordering};

/// A snapshot of the emulator's counters, from [`Emulator::stats`](crate::Emulator::stats).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Stats {
    /// Every `POST /v2.0/tokens`, whatever its outcome.
    pub token_requests: u64,
    /// Every request under a load balancer endpoint (public or internal URL), whatever its
    /// outcome, by method.
    pub api_requests: MethodCounts,
    /// TCP connections accepted, counted when accepted (a connection that sends nothing counts
    /// too). A client that keeps one connection alive for all its requests shows 1.
    pub connections_accepted: u64,
    /// Accepted connections closed at once because their client address already had
    /// [`max_connections_per_client`](crate::EmulatorBuilder::max_connections_per_client) open
    /// (counted in `connections_accepted` too).
    pub connections_refused: u64,
    /// Connections the server closed for being idle, slow to send a request's headers or not
    /// reading an answer ([`idle_timeout`](crate::EmulatorBuilder::idle_timeout),
    /// [`header_read_timeout`](crate::EmulatorBuilder::header_read_timeout)).
    pub connections_timed_out: u64,
}

/// Request counts by HTTP method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct MethodCounts {
    /// `GET` requests.
    pub get: u64,
    /// `PUT` requests.
    pub put: u64,
    /// `POST` requests.
    pub post: u64,
    /// `DELETE` requests.
    pub delete: u64,
    /// Any other method (`HEAD`, `PATCH`, …).
    pub other: u64,
}

impl MethodCounts {
    /// All requests, whatever the method.
    pub fn total(&self) -> u64 {
        [self.put, self.post, self.delete, self.other]
            .into_iter()
            .fold(self.get, u64::saturating_add)
    }
}

/// The live counters behind [`Stats`].
#[derive(Debug, Default)]
pub(crate) struct Counters {
    token_requests: AtomicU64,
    get: AtomicU64,
    put: AtomicU64,
    post: AtomicU64,
    delete: AtomicU64,
    other: AtomicU64,
    connections: AtomicU64,
    refused: AtomicU64,
    timed_out: AtomicU64,
}

impl Counters {
    pub(crate) fn token_request(&self) {
        self.token_requests.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn api_request(&self, method: &str) {
        let counter = match method {
            "GET" => &self.get,
            "PUT" => &self.put,
            "POST" => &self.post,
            "DELETE" => &self.delete,
            _ => &self.other,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an accepted connection.
    pub(crate) fn connection_accepted(&self) {
        self.connections.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a connection refused past its client's cap.
    pub(crate) fn connection_refused(&self) {
        self.refused.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a connection closed by its timers.
    pub(crate) fn connection_timed_out(&self) {
        self.timed_out.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> Stats {
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        Stats {
            token_requests: load(&self.token_requests),
            api_requests: MethodCounts {
                get: load(&self.get),
                put: load(&self.put),
                post: load(&self.post),
                delete: load(&self.delete),
                other: load(&self.other),
            },
            connections_accepted: load(&self.connections),
            connections_refused: load(&self.refused),
            connections_timed_out: load(&self.timed_out),
        }
    }
}
