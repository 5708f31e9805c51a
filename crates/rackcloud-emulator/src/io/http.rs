//! The request and reply types the routes work with, independent of the HTTP library: an owned
//! copy of a request, and what to answer (status, headers, a body, and the timing of a fault).

use std::time::Duration;

use serde_json::Value;

/// The largest request body the server takes (1 MiB); a larger one is answered 413 flat
/// without being handled, before it is read when its `Content-Length` says so, as soon as the
/// limit is passed otherwise.
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;
pub(crate) const MAX_BODY: usize = MAX_REQUEST_BODY;

/// A request read in full, independent of the connection it came from.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub(crate) method: String,
    /// The request target as sent: path and query.
    pub(crate) url: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) body_too_large: bool,
}

impl Incoming {
    /// The path, without the query.
    pub(crate) fn path(&self) -> &str {
        self.url
            .split_once('?')
            .map_or(self.url.as_str(), |(path, _)| path)
    }

    /// The query (after `?`), if any.
    pub(crate) fn query(&self) -> Option<&str> {
        self.url.split_once('?').map(|(_, query)| query)
    }

    /// The first header with this name (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer: a status, a body, extra headers, and for injected faults a delay before
/// answering and a stall part-way through the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Payload,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Wait this long before sending anything.
    pub(crate) delay: Option<Duration>,
    /// Send the headers and this many bytes of the body, wait, then close the connection.
    pub(crate) stall: Option<Stall>,
    /// Send nothing at all: close the connection (after the delay) without an answer.
    pub(crate) lost: bool,
}

/// The body of a [`Reply`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Payload {
    /// No body at all (`Content-Length: 0`, no `Content-Type`).
    Empty,
    /// JSON, sent with `Content-Type: application/json`.
    Json(Value),
    /// These exact bytes with this content type.
    Bytes {
        content_type: &'static str,
        bytes: Vec<u8>,
    },
    /// A JSON-looking body of exactly this many bytes, generated while it is sent.
    Huge(usize),
}

/// Where and how long a reply stalls mid-body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stall {
    /// Body bytes sent before the stall.
    pub(crate) after: usize,
    /// How long the stall lasts before the connection is closed.
    pub(crate) duration: Duration,
}

impl Reply {
    /// A reply with a JSON body (sent with `Content-Type: application/json`).
    pub(crate) fn json(status: u16, body: Value) -> Reply {
        Reply::with_payload(status, Payload::Json(body))
    }

    /// A reply with no body at all (`Content-Length: 0`).
    pub(crate) fn empty(status: u16) -> Reply {
        Reply::with_payload(status, Payload::Empty)
    }

    /// A reply with any body.
    pub(crate) fn with_payload(status: u16, body: Payload) -> Reply {
        Reply {
            status,
            body,
            headers: Vec::new(),
            delay: None,
            stall: None,
            lost: false,
        }
    }

    /// The same reply with one more header.
    pub(crate) fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}
