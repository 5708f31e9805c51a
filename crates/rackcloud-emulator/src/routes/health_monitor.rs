//! `/loadbalancers/{id}/healthmonitor`: show, create or update, delete, with the checks in the
//! order the real server makes them (docs/api/health-monitors.md).

use super::bodies::{self, MonitorRequest};
use super::live::{Done, mutate_live, read_part, require};
use super::{Answer, Under};
use crate::error_replies;
use crate::features::health_monitor::{HealthMonitor, update_fits};

/// The 400 of a delete while `SECONDARY` nodes depend on the monitor.
const SECONDARY_NODES: &str = "Can not delete HealthMonitor since this lb contains Secondary nodes that depend on it. Please remove secondary nodes first.";

/// GET: lookup (404, 410) → 200 `{"healthMonitor":{…}}`, or `{"healthMonitor":{}}` when none
/// is configured. Works in every status but `DELETED`.
pub(crate) fn show(at: Under<'_>) -> Answer {
    read_part(at, "healthMonitor", |lb| {
        lb.features.health_monitor.as_ref().map(HealthMonitor::json)
    })
}

/// PUT: body (400 schema or validation, PUT rules) → lookup (404, 410) → protocol (400) → an
/// `HTTP`/`HTTPS` body without `path` (400) → the merge with the stored monitor (400 for a number
/// neither given nor stored) → status (422 unless `ACTIVE`) → 202 with an empty body,
/// `PENDING_UPDATE`.
pub(crate) fn update(at: Under<'_>, body: &[u8]) -> Answer {
    let request = bodies::health_monitor(body)?;
    mutate_live(at, |lb, world| {
        update_fits(&request.kind, &lb.protocol).map_err(|m| error_replies::flat(400, &m))?;
        let monitor = merged(lb.features.health_monitor.as_ref(), request)
            .map_err(|m| error_replies::flat(400, m))?;
        lb.check_mutable(world.now)?;
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
pub(crate) fn delete(at: Under<'_>) -> Answer {
    mutate_live(at, |lb, world| {
        lb.check_mutable(world.now)?;
        let secondary = lb.nodes.iter().any(|n| n.kind == "SECONDARY");
        require(!secondary, 400, SECONDARY_NODES)?;
        let set = lb.features.health_monitor.is_some();
        require(set, 422, "No health monitor found to delete.")?;
        lb.features.health_monitor = None;
        Ok(Done::Accepted)
    })
}
