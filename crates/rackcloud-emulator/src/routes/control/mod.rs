//! The control API under `/_emulator/`: a test tool on the same server, so that black-box tests
//! (curl against the standalone `rackcloud emulator`) can read the counters, inject faults,
//! switch the rate limits, expire tokens and force statuses. Its requests need no token and are
//! neither counted, recorded, faulted nor rate limited. docs/emulator-control-api.md describes it.

mod data_plane;
mod fault_json;
mod json;

use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value, json};

use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::injected_fault;
use crate::injection_queue::MAX_PENDING_FAULTS;
use crate::node_status::{self, SetStatusError};
use crate::state::Shared;
use crate::sync::lock;

/// The first segment of every control path.
const ROOT: &str = "/_emulator";

/// Whether a path belongs to the control API.
pub(crate) fn is_control(path: &str) -> bool {
    path == ROOT
        || path
            .strip_prefix(ROOT)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Answers a control request.
pub(crate) fn handle(shared: &Arc<Shared>, req: &Incoming) -> Reply {
    if req.method != "GET" && req.method != "HEAD" && !deliberate(req) {
        return error_replies::flat(
            403,
            "Control requests that change state need Content-Type: application/json or X-Emulator-Control: 1.",
        );
    }
    if req.body_too_large {
        return error_replies::body_too_large();
    }
    let rest = req.path().strip_prefix(ROOT).unwrap_or_default();
    let segments: Vec<&str> = rest.strip_prefix('/').unwrap_or(rest).split('/').collect();
    let method = req.method.as_str();
    match segments.as_slice() {
        ["stats"] => match method {
            "GET" => stats(shared),
            _ => error_replies::method_not_allowed("GET"),
        },
        ["faults"] => match method {
            "GET" => list_faults(shared),
            "POST" => add_fault(shared, &req.body),
            "DELETE" => {
                shared.injections.clear();
                Reply::empty(204)
            }
            _ => error_replies::method_not_allowed("GET, POST, DELETE"),
        },
        ["rate-limits"] => match method {
            "GET" => rate_limits(shared),
            "PUT" => set_rate_limits(shared, &req.body),
            _ => error_replies::method_not_allowed("GET, PUT"),
        },
        ["expire-tokens"] => match method {
            "POST" => {
                lock(&shared.state).tokens.expire_all();
                Reply::empty(204)
            }
            _ => error_replies::method_not_allowed("POST"),
        },
        ["load-balancers", region, tenant, id, "status"] => match method {
            "GET" => lb_status(shared, region, tenant, id),
            "PUT" => set_lb_status(shared, region, tenant, id, &req.body),
            _ => error_replies::method_not_allowed("GET, PUT"),
        },
        ["load-balancers", region, tenant, id, "listener"] => match method {
            "GET" => data_plane::listener(shared, region, tenant, id),
            _ => error_replies::method_not_allowed("GET"),
        },
        ["backends"] => match method {
            "GET" => data_plane::backends(shared),
            "POST" => data_plane::add_backend(shared, &req.body),
            "DELETE" => data_plane::clear_backends(shared),
            _ => error_replies::method_not_allowed("GET, POST, DELETE"),
        },
        ["backends", address, port] => match method {
            "DELETE" => data_plane::remove_backend(shared, address, port),
            _ => error_replies::method_not_allowed("DELETE"),
        },
        [
            "load-balancers",
            region,
            tenant,
            id,
            "nodes",
            node_id,
            "status",
        ] => match method {
            "PUT" => set_node_status(shared, region, tenant, id, node_id, &req.body),
            _ => error_replies::method_not_allowed("PUT"),
        },
        _ => error_replies::flat(
            404,
            "No such control endpoint; the control API is described in docs/emulator-control-api.md.",
        ),
    }
}

/// Whether a changing request is one a web page cannot send cross-site without the server's
/// consent (a CORS preflight, which this server never grants): a JSON content type or the
/// `X-Emulator-Control` header. A form or a "simple" `fetch` has neither.
fn deliberate(req: &Incoming) -> bool {
    let json = req.header("content-type").is_some_and(|v| {
        v.split(';')
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
    });
    json || req.header(CONTROL_HEADER).is_some_and(|v| v.trim() == "1")
}

/// The header that marks a control request as deliberate, whatever its content type.
const CONTROL_HEADER: &str = "x-emulator-control";

/// 400 with what is wrong.
fn bad_request(message: &str) -> Reply {
    error_replies::flat(400, message)
}

fn stats(shared: &Shared) -> Reply {
    let stats = shared.counters.snapshot();
    let api = stats.api_requests;
    // Written by hand to keep the documented key order.
    let text = format!(
        r#"{{"tokenRequests":{},"apiRequests":{{"GET":{},"PUT":{},"POST":{},"DELETE":{},"other":{},"total":{}}},"connectionsAccepted":{},"connectionsRefused":{},"connectionsTimedOut":{}}}"#,
        stats.token_requests,
        api.get,
        api.put,
        api.post,
        api.delete,
        api.other,
        api.total(),
        stats.connections_accepted,
        stats.connections_refused,
        stats.connections_timed_out
    );
    Reply::with_payload(200, injected_fault::json_bytes(text))
}

fn list_faults(shared: &Shared) -> Reply {
    let faults: Vec<Value> = shared
        .injections
        .list()
        .iter()
        .map(|p| fault_json::render(&p.fault, p.remaining))
        .collect();
    Reply::json(200, json!({ "faults": faults }))
}

fn add_fault(shared: &Shared, body: &[u8]) -> Reply {
    match fault_json::parse(body) {
        Ok(fault) => {
            let listed = fault_json::render(&fault, fault.times);
            if !shared.injections.push(fault) {
                return error_replies::flat(
                    413,
                    &format!(
                        "Too many pending faults: at most {MAX_PENDING_FAULTS}; delete some with DELETE /_emulator/faults."
                    ),
                );
            }
            Reply::json(201, listed)
        }
        Err(message) => bad_request(&message),
    }
}

fn rate_limits(shared: &Shared) -> Reply {
    let limits: Map<String, Value> = shared
        .rate_limits
        .limits()
        .into_iter()
        .map(|(method, n)| (method, Value::from(n)))
        .collect();
    Reply::json(
        200,
        json!({
            "enabled": shared.rate_limits.enabled(),
            "limits": limits,
            "time_scale": shared.config.clock.scale(),
            "window_ms": duration_ms(shared.config.clock.real_time(crate::rate_limit::WINDOW)),
            "pending_time_ms": duration_ms(shared.config.pending_time),
            "build_time_ms": duration_ms(shared.config.build_time),
        }),
    )
}

fn set_rate_limits(shared: &Shared, body: &[u8]) -> Reply {
    let parsed = json::object(body, &["enabled", "limits"]).and_then(|object| {
        let enabled = json::optional_bool(&object, "enabled")?;
        let limits = match object.get("limits") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(limits)) => limits
                .iter()
                .map(|(method, n)| {
                    let valid_method =
                        !method.is_empty() && method.bytes().all(|b| b.is_ascii_alphabetic());
                    if !valid_method {
                        return Err(format!("'limits' has an invalid method name {method:?}"));
                    }
                    let n = n
                        .as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| {
                            format!("'limits.{method}' must be a non-negative integer (requests per minute)")
                        })?;
                    Ok((method.clone(), n))
                })
                .collect::<Result<Vec<_>, String>>()?,
            Some(_) => return Err("'limits' must be an object such as {\"GET\":5}".to_owned()),
        };
        if enabled.is_none() && limits.is_empty() {
            return Err("give 'enabled' (true or false) and/or 'limits'".to_owned());
        }
        Ok((enabled, limits))
    });
    let (enabled, limits) = match parsed {
        Ok(parsed) => parsed,
        Err(message) => return bad_request(&message),
    };
    for (method, n) in limits {
        shared.rate_limits.set_limit(&method, n);
    }
    if let Some(on) = enabled {
        shared.rate_limits.set_enabled(on);
    }
    rate_limits(shared)
}

fn lb_status(shared: &Shared, region: &str, tenant: &str, id: &str) -> Reply {
    let Some(id) = lb_id(id) else {
        return bad_request("the load balancer id must be a decimal number");
    };
    let state = lock(&shared.state);
    match state.load_balancer(region, tenant, id) {
        Some(lb) => Reply::json(200, json!({"status": lb.status(Instant::now())})),
        None => no_such_lb(region, tenant, id),
    }
}

fn set_lb_status(shared: &Shared, region: &str, tenant: &str, id: &str, body: &[u8]) -> Reply {
    let Some(id) = lb_id(id) else {
        return bad_request("the load balancer id must be a decimal number");
    };
    let status = json::object(body, &["status"]).and_then(|object| {
        json::optional_string(&object, "status")?
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| "'status' must be a non-empty string such as \"ERROR\"".to_owned())
    });
    let status = match status {
        Ok(status) => status,
        Err(message) => return bad_request(&message),
    };
    if shared.force_status(region, tenant, id, &status) {
        Reply::empty(204)
    } else {
        no_such_lb(region, tenant, id)
    }
}

fn set_node_status(
    shared: &Shared,
    region: &str,
    tenant: &str,
    id: &str,
    node_id: &str,
    body: &[u8],
) -> Reply {
    let (Some(id), Some(node_id)) = (lb_id(id), lb_id(node_id)) else {
        return bad_request("the load balancer and node ids must be decimal numbers");
    };
    let status = json::object(body, &["status"]).and_then(|object| {
        json::optional_string(&object, "status")?
            .ok_or_else(|| "'status' must be \"ONLINE\" or \"OFFLINE\"".to_owned())
    });
    let status = match status {
        Ok(status) => status,
        Err(message) => return bad_request(&message),
    };
    match node_status::set_status(shared, region, tenant, id, node_id, &status) {
        Ok(()) => Reply::empty(204),
        Err(SetStatusError::UnknownStatus) => {
            bad_request("'status' must be \"ONLINE\" or \"OFFLINE\"")
        }
        Err(SetStatusError::NotFound) => error_replies::flat(
            404,
            &format!(
                "No node {node_id} on load balancer {id} in region {region} for tenant {tenant}."
            ),
        ),
    }
}

pub(super) fn lb_id(segment: &str) -> Option<u64> {
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok()
}

fn no_such_lb(region: &str, tenant: &str, id: u64) -> Reply {
    error_replies::flat(
        404,
        &format!("No load balancer {id} in region {region} for tenant {tenant}."),
    )
}

/// A real duration in milliseconds, with fractions.
fn duration_ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
