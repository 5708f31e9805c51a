//! `/loadbalancers/{id}/sessionpersistence`: show, enable, disable, with the checks in the order
//! the real server makes them (docs/api/session-persistence.md).

use std::time::Instant;

use serde_json::json;

use super::Account;
use super::bodies;
use super::load_balancers::{live, read_live};
use crate::error_replies;
use crate::http::Reply;
use crate::load_balancer::persistence_fits;
use crate::state::Shared;
use crate::sync::lock;

/// GET: lookup (404, 410) → 200 `{"sessionPersistence":{"persistenceType":…}}`, or
/// `{"sessionPersistence":{}}` when disabled. Works in every status but `DELETED`.
pub(crate) fn show(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    read_live(shared, account, id, |lb| {
        let body = match &lb.persistence {
            Some(kind) => json!({"sessionPersistence": {"persistenceType": kind}}),
            None => json!({"sessionPersistence": {}}),
        };
        Reply::json(200, body)
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
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    if let Err(message) = persistence_fits(&kind, &lb.protocol) {
        return error_replies::flat(400, message);
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    lb.persistence = Some(kind);
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}

/// DELETE: lookup (404, 410) → already disabled (422, before the status) → status (422 unless
/// `ACTIVE`) → 202 with an empty body, `PENDING_UPDATE`.
pub(crate) fn disable(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    if lb.persistence.is_none() {
        return error_replies::flat(422, "Session persistence is already deleted.");
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    lb.persistence = None;
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}
