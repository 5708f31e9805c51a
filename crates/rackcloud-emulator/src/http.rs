//! The boundary with tiny_http: an owned copy of a request, the reply type, and sending it.

use std::io::Read;
use std::net::SocketAddr;

use serde_json::Value;

/// The largest request body read; a larger one is answered 413 without being handled.
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// A request read in full, independent of the connection it came from.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub(crate) method: String,
    /// The request target as sent: path and query.
    pub(crate) url: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) body_too_large: bool,
    pub(crate) remote: Option<SocketAddr>,
}

impl Incoming {
    /// Reads the method, target, headers and up to [`MAX_BODY`] bytes of body.
    pub(crate) fn read(request: &mut tiny_http::Request) -> Incoming {
        let method = request.method().as_str().to_owned();
        let url = request.url().to_owned();
        let remote = request.remote_addr().copied();
        let headers = request
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_owned(),
                    h.value.as_str().to_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        let limit = u64::try_from(MAX_BODY)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        // A client that hangs up mid-body leaves what was read; the handler judges it.
        let _ = request.as_reader().take(limit).read_to_end(&mut body);
        let body_too_large = body.len() > MAX_BODY;
        if body_too_large {
            body.truncate(MAX_BODY);
        }
        Incoming {
            method,
            url,
            headers,
            body,
            body_too_large,
            remote,
        }
    }

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

/// What to answer: a status, an optional JSON body and extra headers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Option<Value>,
    pub(crate) headers: Vec<(&'static str, String)>,
}

impl Reply {
    /// A reply with a JSON body (sent with `Content-Type: application/json`).
    pub(crate) fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    /// A reply with no body at all (`Content-Length: 0`).
    pub(crate) fn empty(status: u16) -> Reply {
        Reply {
            status,
            body: None,
            headers: Vec::new(),
        }
    }

    /// The same reply with one more header.
    pub(crate) fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// Sends `reply`; a client that went away is not an error worth more than a debug line.
pub(crate) fn respond(request: tiny_http::Request, reply: Reply) {
    let mut headers: Vec<tiny_http::Header> = reply
        .headers
        .iter()
        .filter_map(|(name, value)| header(name, value))
        .collect();
    let result = match reply.body {
        Some(body) => {
            let bytes = serde_json::to_vec(&body).unwrap_or_default();
            headers.extend(header("Content-Type", "application/json"));
            let mut response = tiny_http::Response::from_data(bytes).with_status_code(reply.status);
            for h in headers {
                response.add_header(h);
            }
            request.respond(response)
        }
        None => {
            let mut response = tiny_http::Response::empty(reply.status);
            for h in headers {
                response.add_header(h);
            }
            request.respond(response)
        }
    };
    if let Err(err) = result {
        log::debug!("emulator: could not send a response: {err}");
    }
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}
