//! What every handler under `/loadbalancers/{id}` starts with: the lookup (404 unknown, 410
//! deleted). A read answers from the load balancer as it is ([`read_live`]); a change
//! ([`mutate_live`]) makes the service's checks in its order, each a `?`, then the change, and
//! is answered 202 with the load balancer `PENDING_UPDATE`.

use std::time::Instant;

use serde_json::{Value, json};

use super::{Account, Answer, Under};
use crate::error_replies;
use crate::http::Reply;
use crate::load_balancer::LoadBalancer;
use crate::state::State;
use crate::sync::lock;

/// How a change that passed every check is answered.
pub(super) enum Done {
    /// `PENDING_UPDATE`, then 202 with no body: what nearly every change answers.
    Accepted,
    /// `PENDING_UPDATE`, then 202 with this body.
    AcceptedWith(Value),
    /// This reply, the status left as the change set it: a metadata change answers 200 and
    /// leaves the load balancer `ACTIVE`; a delete sets `PENDING_DELETE` itself.
    Answered(Reply),
}

/// What a change sees beside its load balancer: the instant its checks read, and the rest of
/// the state (the account's other load balancers, the id counters). The load balancer is out
/// of the state while the change runs, and back in it afterwards whatever the outcome.
pub(super) struct World<'a> {
    pub(super) now: Instant,
    pub(super) state: &'a mut State,
}

/// A read of a load balancer's part: lookup (404, 410) → what `answer` makes of it (its own
/// checks each a `?`), in any status but deleted.
pub(super) fn read_live(at: Under<'_>, answer: impl FnOnce(&LoadBalancer) -> Answer) -> Answer {
    let mut state = lock(&at.shared.state);
    answer(live(&mut state, at.account, at.id, Instant::now())?)
}

/// The GET of a part a load balancer may lack: lookup (404, 410) → 200 `{"<key>":{…}}`, or
/// `{"<key>":{}}` when `part` finds none.
pub(super) fn read_part(
    at: Under<'_>,
    key: &str,
    part: impl FnOnce(&LoadBalancer) -> Option<Value>,
) -> Answer {
    read_live(at, |lb| {
        let part = part(lb).unwrap_or_else(|| json!({}));
        Ok(Reply::json(200, json!({ key: part })))
    })
}

/// A change to a load balancer, under the lock: lookup (404, 410) → `change`, which makes the
/// rest of the service's checks in its order (the status among them, where the service makes
/// it) and then the change → the answer [`Done`] names. A refusal changes nothing: `change`
/// checks before it changes.
pub(super) fn mutate_live(
    at: Under<'_>,
    change: impl FnOnce(&mut LoadBalancer, &mut World<'_>) -> Result<Done, Reply>,
) -> Answer {
    let Under {
        shared,
        account,
        id,
        ..
    } = at;
    let mut state = lock(&shared.state);
    let now = Instant::now();
    live(&mut state, account, id, now)?;
    let lbs = state.account_mut(account.region, account.tenant);
    let mut lb = lbs.remove(&id).ok_or_else(error_replies::lb_not_found)?;
    let done = change(
        &mut lb,
        &mut World {
            now,
            state: &mut state,
        },
    );
    if let Ok(Done::Accepted | Done::AcceptedWith(_)) = done {
        lb.begin_update(shared.config.pending_time);
    }
    state
        .account_mut(account.region, account.tenant)
        .insert(id, lb);
    Ok(match done? {
        Done::Accepted => Reply::empty(202),
        Done::AcceptedWith(body) => Reply::json(202, body),
        Done::Answered(reply) => reply,
    })
}

/// One of the service's checks as a `?`: `Ok` when `passes`, otherwise the flat `status` with
/// `message`.
pub(super) fn require(passes: bool, status: u16, message: &str) -> Result<(), Reply> {
    if passes {
        Ok(())
    } else {
        Err(error_replies::flat(status, message))
    }
}

/// The status check of the access list delete and the bulk node delete, in their words: 422
/// `LoadBalancer is not ACTIVE`.
pub(super) fn active(lb: &LoadBalancer, now: Instant) -> Result<(), Reply> {
    require(
        lb.status(now) == "ACTIVE",
        422,
        "LoadBalancer is not ACTIVE",
    )
}

/// A load balancer that exists and is not deleted: otherwise the 404 or 410 to answer.
pub(super) fn live<'a>(
    state: &'a mut State,
    account: Account<'_>,
    id: u64,
    now: Instant,
) -> Result<&'a mut LoadBalancer, Reply> {
    let Some(lb) = state.load_balancer_mut(account.region, account.tenant, id) else {
        return Err(error_replies::lb_not_found());
    };
    if lb.status(now) == "DELETED" {
        return Err(error_replies::lb_deleted());
    }
    Ok(lb)
}
