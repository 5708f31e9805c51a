//! The record of received requests.

use std::collections::VecDeque;
use std::sync::Mutex;

use crate::http::Incoming;
use crate::sync::lock;

/// How many requests are kept; older ones are forgotten first.
const KEEP: usize = 10_000;
/// How many bytes (bodies, headers and paths together) the record keeps at most; older requests
/// are forgotten first.
pub const RECORD_BYTES: usize = 32 * 1024 * 1024;
/// The most body bytes kept of one request; past it the body is cut and ends with
/// [`TRUNCATED_MARKER`].
pub const RECORDED_BODY_BYTES: usize = 64 * 1024;
/// What a recorded body cut at [`RECORDED_BODY_BYTES`] ends with.
pub const TRUNCATED_MARKER: &[u8] = b"...[truncated by the emulator]";

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
    /// The body; one over [`RECORDED_BODY_BYTES`] is cut there and ends with
    /// [`TRUNCATED_MARKER`] (a body over the server's 1 MiB limit is not read, and is empty).
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
    requests: Mutex<Kept>,
}

/// The requests kept, and their size in bytes.
#[derive(Debug, Default)]
struct Kept {
    requests: VecDeque<RecordedRequest>,
    bytes: usize,
}

/// The bytes a recorded request counts for.
fn size(request: &RecordedRequest) -> usize {
    request.method.len()
        + request.path.len()
        + request.body.len()
        + request
            .headers
            .iter()
            .map(|(n, v)| n.len() + v.len())
            .sum::<usize>()
}

impl Recorder {
    pub(crate) fn new(on: bool) -> Recorder {
        Recorder {
            on,
            requests: Mutex::new(Kept::default()),
        }
    }

    pub(crate) fn record(&self, incoming: &Incoming) {
        if !self.on {
            return;
        }
        let body = if incoming.body.len() > RECORDED_BODY_BYTES {
            let mut cut = incoming.body[..RECORDED_BODY_BYTES].to_vec();
            cut.extend_from_slice(TRUNCATED_MARKER);
            cut
        } else {
            incoming.body.clone()
        };
        let request = RecordedRequest {
            method: incoming.method.clone(),
            path: incoming.url.clone(),
            headers: incoming.headers.clone(),
            body,
            received: std::time::Instant::now(),
        };
        let added = size(&request);
        let mut kept = lock(&self.requests);
        while kept.requests.len() >= KEEP
            || (!kept.requests.is_empty() && kept.bytes + added > RECORD_BYTES)
        {
            if let Some(old) = kept.requests.pop_front() {
                kept.bytes = kept.bytes.saturating_sub(size(&old));
            }
        }
        kept.bytes += added;
        kept.requests.push_back(request);
    }

    pub(crate) fn all(&self) -> Vec<RecordedRequest> {
        lock(&self.requests).requests.iter().cloned().collect()
    }

    pub(crate) fn clear(&self) {
        let mut kept = lock(&self.requests);
        kept.requests.clear();
        kept.bytes = 0;
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
