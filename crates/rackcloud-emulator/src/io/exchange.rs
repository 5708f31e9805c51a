//! One request and its response on a hyper connection: read the request in full (the body up to
//! a cap), answer it with the synchronous routes, and send the reply (after a fault's delay).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::BodyExt;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};

use crate::body::WireBody;
use crate::error_replies;
use crate::http::{Incoming, MAX_BODY, Payload, Reply};
use crate::routes;
use crate::state::Shared;

/// After a 413 for a body over the limit, how much more of it is read and dropped (while the
/// answer is sent), so that a client still sending gets the answer rather than a reset
/// connection; past it, or after [`DRAIN_TIME`], the connection is closed.
const DRAIN_LIMIT: usize = 16 * MAX_BODY;
/// How long the rest of a refused body is read at most.
const DRAIN_TIME: Duration = Duration::from_secs(10);

/// What the connection is told when a fault loses the answer: it closes without one.
#[derive(Debug)]
pub(crate) struct LostAnswer;

impl std::fmt::Display for LostAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an injected fault lost the answer")
    }
}

impl std::error::Error for LostAnswer {}

/// Answers one request whose body must arrive within `body_timeout` (or it is answered 408 and
/// the connection closed); `None` when a fault loses the answer.
pub(crate) async fn exchange(
    shared: Arc<Shared>,
    request: Request<hyper::body::Incoming>,
    body_timeout: Duration,
) -> Option<Response<WireBody>> {
    let (parts, body) = request.into_parts();
    // A declared length past the limit is answered 413 without reading the body (hyper then
    // closes the connection rather than reading the rest).
    let declared_too_large = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BODY as u64);
    let (body, body_too_large) = if declared_too_large {
        drop(tokio::spawn(drain(body)));
        (Vec::new(), true)
    } else {
        match tokio::time::timeout(body_timeout, read_body(body)).await {
            Ok(read) => read,
            Err(_) => return Some(response(body_too_slow(body_timeout))),
        }
    };
    let url = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.to_string(), |pq| pq.as_str().to_owned());
    let incoming = Incoming {
        method: parts.method.as_str().to_owned(),
        url,
        headers: headers(&parts.headers),
        body,
        body_too_large,
    };
    let reply = answer(&shared, &incoming);
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    (!reply.lost).then(|| response(reply))
}

/// Refuses a `Host` the emulator does not answer for (neither counted nor recorded), records the
/// request (unless it is for the control API) and runs the routes; a panic in a
/// handler (a bug) becomes a 500 rather than a dead connection.
fn answer(shared: &Arc<Shared>, incoming: &Incoming) -> Reply {
    let hosts = incoming
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.as_str());
    if let Err(refused) = shared.config.hosts.check_all(hosts) {
        return refused;
    }
    if !routes::is_control(incoming.path()) {
        shared.recorder.record(incoming);
    }
    catch_unwind(AssertUnwindSafe(|| routes::dispatch(shared, incoming)))
        .unwrap_or_else(|_| error_replies::internal_error())
}

/// 408 for a body that did not arrive in time; the connection is closed after it.
fn body_too_slow(limit: Duration) -> Reply {
    let message = format!(
        "The request body did not arrive within {} ms of its headers.",
        limit.as_millis()
    );
    error_replies::flat(408, &message).with_header("Connection", "close".to_owned())
}

/// Reads the body: at most [`MAX_BODY`] bytes, and whether there were more (reading stops at
/// the first byte past the limit: a chunked body of any size costs at most the limit). A client
/// that hangs up mid-body leaves what was read; the handler judges it.
async fn read_body(mut body: hyper::body::Incoming) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            break;
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        if kept.len().saturating_add(data.len()) > MAX_BODY {
            drop(tokio::spawn(drain(body)));
            return (Vec::new(), true);
        }
        kept.extend_from_slice(&data);
    }
    (kept, false)
}

/// Reads and drops the rest of a refused body, up to [`DRAIN_LIMIT`] bytes and [`DRAIN_TIME`]
/// (memory stays flat: nothing is kept).
async fn drain(mut body: hyper::body::Incoming) {
    let read = async {
        let mut seen: usize = 0;
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(data) = frame.into_data() {
                seen = seen.saturating_add(data.len());
                if seen > DRAIN_LIMIT {
                    break;
                }
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIME, read).await;
}

/// Every header, names in lower case (as the HTTP library gives them), values decoded lossily.
fn headers(map: &HeaderMap) -> Vec<(String, String)> {
    map.iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// The reply as a hyper response.
fn response(reply: Reply) -> Response<WireBody> {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (content_type, body) = match reply.body {
        Payload::Empty => (None, WireBody::fixed(Vec::new())),
        Payload::Json(value) => (
            Some("application/json"),
            WireBody::fixed(serde_json::to_vec(&value).unwrap_or_default()),
        ),
        Payload::Bytes {
            content_type,
            bytes,
        } => (Some(content_type), WireBody::fixed(bytes)),
        Payload::Huge(len) => (Some("application/json"), WireBody::huge(len)),
    };
    let body = body.stalled(reply.stall);
    let length = body.len();
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Some(content_type) = content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    let bodiless = status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED;
    if !bodiless {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    for (name, value) in reply.headers {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(name), Ok(value)) => {
                headers.append(name, value);
            }
            _ => log::warn!("emulator: not sending the invalid header {name}: {value:?}"),
        }
    }
    response
}
