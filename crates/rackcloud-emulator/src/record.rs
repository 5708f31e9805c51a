//! The record of received requests.

use std::collections::VecDeque;
use std::sync::Mutex;

use crate::http::Incoming;
use crate::sync::lock;

/// How many requests are kept; older ones are forgotten first.
const KEEP: usize = 10_000;

/// A request as the emulator received it, from [`Emulator::requests`](crate::Emulator::requests).
///
/// Its `Debug` output hides the `X-Auth-Token` value and the body, which may hold credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method, as sent (`GET`, `PUT`, …).
    pub method: String,
    /// The request target: the path, with the query if any (`/dfw/v1.0/123456/loadbalancers?limit=2`).
    pub path: String,
    /// Every header, in the order received (the values of a repeated header together), names in
    /// lower case as the HTTP library gives them; [`header`](Self::header) ignores case.
    pub headers: Vec<(String, String)>,
    /// The body (at most 1 MiB is kept; a larger body is truncated).
    pub body: Vec<u8>,
    /// When the emulator received it (for tests of client-side pacing: the gaps between
    /// requests as the server saw them).
    pub received: std::time::Instant,
}

impl RecordedRequest {
    /// The first header with this name, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, or `None` if it is empty or not JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

impl std::fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let secret = n.eq_ignore_ascii_case("x-auth-token");
                (n.as_str(), if secret { "[redacted]" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &headers)
            .field("body", &format_args!("[{} bytes]", self.body.len()))
            .finish()
    }
}

/// The bounded, ordered record.
#[derive(Debug)]
pub(crate) struct Recorder {
    on: bool,
    requests: Mutex<VecDeque<RecordedRequest>>,
}

impl Recorder {
    pub(crate) fn new(on: bool) -> Recorder {
        Recorder {
            on,
            requests: Mutex::new(VecDeque::new()),
        }
    }

    pub(crate) fn record(&self, incoming: &Incoming) {
        if !self.on {
            return;
        }
        let request = RecordedRequest {
            method: incoming.method.clone(),
            path: incoming.url.clone(),
            headers: incoming.headers.clone(),
            body: incoming.body.clone(),
            received: std::time::Instant::now(),
        };
        let mut requests = lock(&self.requests);
        if requests.len() >= KEEP {
            requests.pop_front();
        }
        requests.push_back(request);
    }

    pub(crate) fn all(&self) -> Vec<RecordedRequest> {
        lock(&self.requests).iter().cloned().collect()
    }

    pub(crate) fn clear(&self) {
        lock(&self.requests).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token_and_the_body() {
        let request = RecordedRequest {
            method: "PUT".into(),
            path: "/x".into(),
            headers: vec![("X-Auth-Token".into(), "secret-token".into())],
            body: br#"{"apiKey":"secret-key"}"#.to_vec(),
            received: std::time::Instant::now(),
        };
        let debug = format!("{request:?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert_eq!(request.header("x-auth-token"), Some("secret-token"));
        assert_eq!(
            request.body_json().map(|v| v["apiKey"].clone()),
            Some("secret-key".into())
        );
    }
}
