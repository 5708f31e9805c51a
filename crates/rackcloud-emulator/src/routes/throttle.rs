//! `/loadbalancers/{id}/connectionthrottle`: show, create or update, delete, with the checks in
//! the order the real server makes them (docs/api/connection-throttling.md).

use super::bodies::{self, ThrottleRequest};
use super::live::{Done, mutate_live, read_part, require};
use super::{Answer, Under};
use crate::error_replies;
use crate::features::throttle::Throttle;

/// GET: lookup (404, 410) → 200 `{"connectionThrottle":{…}}`, or `{"connectionThrottle":{}}`
/// when none is set. Works in every status but `DELETED`.
pub(crate) fn show(at: Under<'_>) -> Answer {
    read_part(at, "connectionThrottle", |lb| {
        lb.features.throttle.as_ref().map(Throttle::json)
    })
}

/// PUT: body (400 schema or validation) → lookup (404, 410) → a first creation without all four
/// fields (400) → status (422 unless `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`. An
/// update changes the fields it gives.
pub(crate) fn update(at: Under<'_>, body: &[u8]) -> Answer {
    let request = bodies::throttle(body)?;
    mutate_live(at, |lb, world| {
        let throttle = merged(lb.features.throttle, request).ok_or_else(|| {
            error_replies::flat(
                400,
                "Must supply all credentials when creating a connection throttle.",
            )
        })?;
        lb.check_mutable(world.now)?;
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
pub(crate) fn delete(at: Under<'_>) -> Answer {
    mutate_live(at, |lb, world| {
        let set = lb.features.throttle.is_some();
        require(set, 422, "No connection throttle found to delete.")?;
        lb.check_mutable(world.now)?;
        lb.features.throttle = None;
        Ok(Done::Accepted)
    })
}
