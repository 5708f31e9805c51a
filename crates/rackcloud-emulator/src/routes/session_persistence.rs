//! `/loadbalancers/{id}/sessionpersistence`: show, enable, disable, with the checks in the order
//! the real server makes them (docs/api/session-persistence.md).

use serde_json::json;

use super::Account;
use super::bodies;
use super::live::{Done, mutate_live, read_live, require};
use crate::error_replies;
use crate::http::Reply;
use crate::load_balancer::persistence_fits;
use crate::state::Shared;

/// GET: lookup (404, 410) → 200 `{"sessionPersistence":{"persistenceType":…}}`, or
/// `{"sessionPersistence":{}}` when disabled. Works in every status but `DELETED`.
pub(crate) fn show(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    read_live(shared, account, id, |lb| {
        let body = match &lb.persistence {
            Some(kind) => json!({"sessionPersistence": {"persistenceType": kind}}),
            None => json!({"sessionPersistence": {}}),
        };
        Ok(Reply::json(200, body))
    })
}

/// PUT: body (400 schema or validation) → lookup (404, 410) → protocol rule (400) → status
/// (422 unless `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`. The new type applies at
/// once.
pub(crate) fn enable(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let kind = match bodies::persistence(body) {
        Ok(kind) => kind,
        Err(err) => return err.reply(),
    };
    mutate_live(shared, account, id, |lb, at| {
        persistence_fits(&kind, &lb.protocol).map_err(|m| error_replies::flat(400, m))?;
        lb.check_mutable(at.now)?;
        lb.persistence = Some(kind);
        Ok(Done::Accepted)
    })
}

/// DELETE: lookup (404, 410) → already disabled (422, before the status) → status (422 unless
/// `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`.
pub(crate) fn disable(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    mutate_live(shared, account, id, |lb, at| {
        let enabled = lb.persistence.is_some();
        require(enabled, 422, "Session persistence is already deleted.")?;
        lb.check_mutable(at.now)?;
        lb.persistence = None;
        Ok(Done::Accepted)
    })
}
