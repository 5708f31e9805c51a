//! One request and its response on a hyper connection: read the request in full (the body up to
//! a cap), answer it with the synchronous routes, and send the reply (after a fault's delay).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use http_body_util::BodyExt;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};

use crate::body::WireBody;
use crate::error_replies;
use crate::http::{Incoming, MAX_BODY, Payload, Reply};
use crate::routes;
use crate::state::Shared;

/// How much of a request body is read (and dropped past [`MAX_BODY`]) before answering 413, so
/// that a client still sending gets the answer rather than a reset connection.
const DRAIN_LIMIT: usize = 16 * MAX_BODY;

/// Answers one request.
pub(crate) async fn exchange(
    shared: Arc<Shared>,
    request: Request<hyper::body::Incoming>,
) -> Response<WireBody> {
    let (parts, body) = request.into_parts();
    let (body, body_too_large) = read_body(body).await;
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
    response(reply)
}

/// Records the request (unless it is for the control API) and runs the routes; a panic in a
/// handler (a bug) becomes a 500 rather than a dead connection.
fn answer(shared: &Shared, incoming: &Incoming) -> Reply {
    if !routes::is_control(incoming.path()) {
        shared.recorder.record(incoming);
    }
    catch_unwind(AssertUnwindSafe(|| routes::dispatch(shared, incoming)))
        .unwrap_or_else(|_| error_replies::internal_error())
}

/// Reads the body: the first [`MAX_BODY`] bytes are kept, and whether there were more. A client
/// that hangs up mid-body leaves what was read; the handler judges it.
async fn read_body(mut body: hyper::body::Incoming) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    let mut seen: usize = 0;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            break;
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        let room = MAX_BODY.saturating_sub(kept.len());
        kept.extend_from_slice(&data[..data.len().min(room)]);
        if seen > DRAIN_LIMIT {
            break;
        }
    }
    (kept, seen > MAX_BODY)
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
