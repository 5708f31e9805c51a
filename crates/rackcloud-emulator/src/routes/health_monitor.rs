//! `/loadbalancers/{id}/healthmonitor`: show, create or update, delete, with the checks in the
//! order the real server makes them (docs/api/health-monitors.md).

use serde_json::json;

use super::Account;
use super::bodies::{self, MonitorRequest};
use super::live::{Done, mutate_live, read_live, require};
use crate::error_replies;
use crate::features::health_monitor::{HealthMonitor, update_fits};
use crate::http::{Incoming, Reply};
use crate::state::Shared;

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
        Ok(Reply::json(200, json!({ "healthMonitor": monitor })))
    })
}

/// PUT: body (400 schema or validation, PUT rules) → lookup (404, 410) → protocol (400) → an
/// `HTTP`/`HTTPS` body without `path` (400) → the merge with the stored monitor (400 for a number
/// neither given nor stored) → status (422 unless `ACTIVE`) → 202 with an empty body,
/// `PENDING_UPDATE`.
fn update(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let request = match bodies::health_monitor(body) {
        Ok(request) => request,
        Err(err) => return err.reply(),
    };
    mutate_live(shared, account, id, |lb, at| {
        update_fits(&request.kind, &lb.protocol).map_err(|m| error_replies::flat(400, &m))?;
        let monitor = merged(lb.features.health_monitor.as_ref(), request)
            .map_err(|m| error_replies::flat(400, m))?;
        lb.check_mutable(at.now)?;
        lb.features.health_monitor = Some(monitor);
        Ok(Done::Accepted)
    })
}

/// The monitor after a PUT, as the service merges it: each number given or else the stored
/// one; an `HTTP`/`HTTPS` body must give its path, and keeps the stored regular expressions
/// and host header it does not give; a `CONNECT` monitor has no HTTP fields. `Err` holds the
/// 400 message.
fn merged(
    stored: Option<&HealthMonitor>,
    request: MonitorRequest,
) -> Result<HealthMonitor, &'static str> {
    let http = request.kind != "CONNECT";
    if http && request.path.is_none() {
        return Err("Updating to HTTP/HTTPS monitor. Please provide all required fields.");
    }
    let number = |given: Option<i64>, old: Option<i64>, message| given.or(old).ok_or(message);
    let delay = number(
        request.delay,
        stored.map(|m| m.delay),
        "Must provide a delay for the request",
    )?;
    let timeout = number(
        request.timeout,
        stored.map(|m| m.timeout),
        "Must provide a timeout for the request",
    )?;
    let attempts = number(
        request.attempts,
        stored.map(|m| m.attempts),
        "Must provide attemptsBeforeActivation for the request",
    )?;
    let kept = |given: Option<String>, old: Option<&Option<String>>| {
        given.or_else(|| old.cloned().flatten().filter(|s| !s.is_empty()))
    };
    let mut monitor = HealthMonitor {
        kind: request.kind,
        delay,
        timeout,
        attempts,
        path: None,
        status_regex: None,
        body_regex: None,
        host_header: None,
    };
    if http {
        monitor.path = request.path;
        monitor.status_regex = kept(request.status_regex, stored.map(|m| &m.status_regex));
        monitor.body_regex = kept(request.body_regex, stored.map(|m| &m.body_regex));
        monitor.host_header = request
            .host_header
            .or_else(|| stored.and_then(|m| m.host_header.clone()));
    }
    Ok(monitor)
}

/// DELETE: lookup (404, 410) → status (422 unless `ACTIVE`) → `SECONDARY` nodes (400) → none
/// configured (422) → 202 with an empty body, `PENDING_UPDATE`.
fn delete(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    mutate_live(shared, account, id, |lb, at| {
        lb.check_mutable(at.now)?;
        let secondary = lb.nodes.iter().any(|n| n.kind == "SECONDARY");
        require(!secondary, 400, SECONDARY_NODES)?;
        let set = lb.features.health_monitor.is_some();
        require(set, 422, "No health monitor found to delete.")?;
        lb.features.health_monitor = None;
        Ok(Done::Accepted)
    })
}
