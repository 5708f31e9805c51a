//! `/loadbalancers/{id}/healthmonitor`: show, create or update, delete, with the checks in the
//! order the real server makes them (docs/api/health-monitors.md).

use std::time::Instant;

use serde_json::json;

use super::Account;
use super::bodies;
use super::load_balancers::{live, read_live};
use crate::error_replies;
use crate::features::health_monitor::fits;
use crate::http::{Incoming, Reply};
use crate::state::Shared;
use crate::sync::lock;

/// The 400 of a delete while `SECONDARY` nodes depend on the monitor.
const SECONDARY_NODES: &str = "Can not delete HealthMonitor since this lb contains Secondary nodes that depend on it. Please remove secondary nodes first.";

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(
    shared: &Shared,
    req: &Incoming,
    account: Account<'_>,
    id: u64,
    rest: &[&str],
) -> Reply {
    if rest != ["healthmonitor"] {
        return error_replies::not_found();
    }
    match req.method.as_str() {
        "GET" => show(shared, account, id),
        "PUT" => update(shared, account, id, &req.body),
        "DELETE" => delete(shared, account, id),
        _ => error_replies::method_not_allowed("GET, PUT, DELETE"),
    }
}

/// GET: lookup (404, 410) → 200 `{"healthMonitor":{…}}`, or `{"healthMonitor":{}}` when none
/// is configured. Works in every status but `DELETED`.
fn show(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    read_live(shared, account, id, |lb| {
        let monitor = match &lb.features.health_monitor {
            Some(monitor) => monitor.json(),
            None => json!({}),
        };
        Reply::json(200, json!({ "healthMonitor": monitor }))
    })
}

/// PUT: body (400 schema or validation) → lookup (404, 410) → protocol (400) → status (422
/// unless `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`. The body replaces the monitor.
fn update(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let monitor = match bodies::health_monitor(body) {
        Ok(monitor) => monitor,
        Err(err) => return err.reply(),
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    if let Err(message) = fits(&monitor.kind, &lb.protocol) {
        return error_replies::flat(400, message);
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    lb.features.health_monitor = Some(monitor);
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}

/// DELETE: lookup (404, 410) → none configured (422) → `SECONDARY` nodes (400) → status (422
/// unless `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`.
fn delete(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    if lb.features.health_monitor.is_none() {
        return error_replies::flat(422, "No health monitor found to delete.");
    }
    if lb.nodes.iter().any(|n| n.kind == "SECONDARY") {
        return error_replies::flat(400, SECONDARY_NODES);
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    lb.features.health_monitor = None;
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}
