//! The service's own error replies: flat load balancer faults, the validation shape, the schema
//! shape, and the wrapped identity faults (docs/api/faults.md). Injected faults are elsewhere
//! ([`InjectedFault`](crate::InjectedFault)).

use serde_json::json;

use crate::http::Reply;

/// `{"message":"…","code":N}`: the flat load balancer fault.
pub(crate) fn flat(status: u16, message: &str) -> Reply {
    Reply::json(status, json!({"message": message, "code": status}))
}

/// 400 in the validation shape, with every message found.
pub(crate) fn validation(messages: Vec<String>) -> Reply {
    Reply::json(
        400,
        json!({
            "validationErrors": {"messages": messages},
            "message": "Validation Failure",
            "code": 400,
            "details": "The object is not valid",
        }),
    )
}

/// 400 `{"message":["JSON does not match the expected schema"]}`: a body that is not the
/// expected JSON (note: `message` is an array and there is no `code`).
pub(crate) fn schema() -> Reply {
    Reply::json(
        400,
        json!({"message": ["JSON does not match the expected schema"]}),
    )
}

/// A wrapped identity fault: `{"<key>":{"code":N,"message":"…"}}`.
pub(crate) fn identity(status: u16, key: &str, message: &str) -> Reply {
    Reply::json(status, json!({ key: {"code": status, "message": message} }))
}

/// 404 for a path nothing serves.
pub(crate) fn not_found() -> Reply {
    flat(404, "Resource not found")
}

/// 405 for a known path with a method it does not serve, with an `Allow` header.
pub(crate) fn method_not_allowed(allow: &str) -> Reply {
    flat(405, "Method not allowed").with_header("Allow", allow.to_owned())
}

/// 404 for an unknown load balancer id.
pub(crate) fn lb_not_found() -> Reply {
    flat(404, "Load balancer not found")
}

/// 410 for a deleted load balancer.
pub(crate) fn lb_deleted() -> Reply {
    flat(410, "The loadbalancer is marked as deleted.")
}

/// 422 for a load balancer that is not in a status that accepts the change.
pub(crate) fn immutable(id: u64, status: &str) -> Reply {
    flat(
        422,
        &format!("Load Balancer '{id}' has a status of '{status}' and is considered immutable."),
    )
}

/// 413 for a request body over [`MAX_BODY`](crate::http::MAX_BODY) bytes.
pub(crate) fn body_too_large() -> Reply {
    flat(413, "The request body is too large.")
}

/// 500 for a handler that failed unexpectedly (a bug in the emulator, never a client's input).
pub(crate) fn internal_error() -> Reply {
    flat(500, "The emulator failed to handle the request.")
}
