//! `/loadbalancers/{id}/connectionthrottle`: show, create or update, delete, with the checks in
//! the order the real server makes them (docs/api/connection-throttling.md).

use serde_json::json;

use super::Account;
use super::bodies::{self, ThrottleRequest};
use super::live::{Done, mutate_live, read_live, require};
use crate::error_replies;
use crate::features::throttle::Throttle;
use crate::http::{Incoming, Reply};
use crate::state::Shared;

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(
    shared: &Shared,
    req: &Incoming,
    account: Account<'_>,
    id: u64,
    rest: &[&str],
) -> Reply {
    if rest != ["connectionthrottle"] {
        return error_replies::not_found();
    }
    match req.method.as_str() {
        "GET" => show(shared, account, id),
        "PUT" => update(shared, account, id, &req.body),
        "DELETE" => delete(shared, account, id),
        _ => error_replies::method_not_allowed("GET, PUT, DELETE"),
    }
}

/// GET: lookup (404, 410) → 200 `{"connectionThrottle":{…}}`, or `{"connectionThrottle":{}}`
/// when none is set. Works in every status but `DELETED`.
fn show(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    read_live(shared, account, id, |lb| {
        let throttle = match &lb.features.throttle {
            Some(throttle) => throttle.json(),
            None => json!({}),
        };
        Ok(Reply::json(200, json!({ "connectionThrottle": throttle })))
    })
}

/// PUT: body (400 schema or validation) → lookup (404, 410) → a first creation without all four
/// fields (400) → status (422 unless `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`. An
/// update changes the fields it gives.
fn update(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let request = match bodies::throttle(body) {
        Ok(request) => request,
        Err(err) => return err.reply(),
    };
    mutate_live(shared, account, id, |lb, at| {
        let throttle = merged(lb.features.throttle, request).ok_or_else(|| {
            error_replies::flat(
                400,
                "Must supply all credentials when creating a connection throttle.",
            )
        })?;
        lb.check_mutable(at.now)?;
        lb.features.throttle = Some(throttle);
        Ok(Done::Accepted)
    })
}

/// The throttle after `request`: the stored one with the given fields changed, or a new one when
/// the request has all four; `None` for a first creation that lacks some.
fn merged(stored: Option<Throttle>, request: ThrottleRequest) -> Option<Throttle> {
    let base = match stored {
        Some(throttle) => throttle,
        None if request.is_complete() => Throttle::from(request),
        None => return None,
    };
    Some(Throttle {
        max_connections: request.max_connections.or(base.max_connections),
        min_connections: request.min_connections.or(base.min_connections),
        max_connection_rate: request.max_connection_rate.or(base.max_connection_rate),
        rate_interval: request.rate_interval.or(base.rate_interval),
    })
}

/// DELETE: lookup (404, 410) → none set (422) → status (422 unless `ACTIVE`) → 202 with an
/// empty body, `PENDING_UPDATE`.
fn delete(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    mutate_live(shared, account, id, |lb, at| {
        let set = lb.features.throttle.is_some();
        require(set, 422, "No connection throttle found to delete.")?;
        lb.check_mutable(at.now)?;
        lb.features.throttle = None;
        Ok(Done::Accepted)
    })
}
