//! `/loadbalancers/{id}/sessionpersistence`: show, enable, disable, with the checks in the order
//! the real server makes them (docs/api/session-persistence.md).

use serde_json::json;

use super::bodies;
use super::live::{Done, mutate_live, read_part, require};
use super::{Answer, Under};
use crate::error_replies;
use crate::load_balancer::persistence_fits;

/// GET: lookup (404, 410) → 200 `{"sessionPersistence":{"persistenceType":…}}`, or
/// `{"sessionPersistence":{}}` when disabled. Works in every status but `DELETED`.
pub(crate) fn show(at: Under<'_>) -> Answer {
    read_part(at, "sessionPersistence", |lb| {
        (lb.persistence.as_ref()).map(|kind| json!({"persistenceType": kind}))
    })
}

/// PUT: body (400 schema or validation) → lookup (404, 410) → protocol rule (400) → status
/// (422 unless `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`. The new type applies at
/// once.
pub(crate) fn enable(at: Under<'_>, body: &[u8]) -> Answer {
    let kind = bodies::persistence(body)?;
    mutate_live(at, |lb, world| {
        persistence_fits(&kind, &lb.protocol).map_err(|m| error_replies::flat(400, m))?;
        lb.check_mutable(world.now)?;
        lb.persistence = Some(kind);
        Ok(Done::Accepted)
    })
}

/// DELETE: lookup (404, 410) → already disabled (422, before the status) → status (422 unless
/// `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`.
pub(crate) fn disable(at: Under<'_>) -> Answer {
    mutate_live(at, |lb, world| {
        let enabled = lb.persistence.is_some();
        require(enabled, 422, "Session persistence is already deleted.")?;
        lb.check_mutable(world.now)?;
        lb.persistence = None;
        Ok(Done::Accepted)
    })
}
