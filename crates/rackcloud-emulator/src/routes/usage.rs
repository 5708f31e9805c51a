//! Usage reports: `/loadbalancers/usage`, `/loadbalancers/billable` and
//! `/loadbalancers/{id}/usage[/current]`.

use super::Account;
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::Shared;

/// `GET /loadbalancers/usage` (`what` = "usage") or `GET /loadbalancers/billable` (`what` =
/// "billable").
pub(crate) fn account(
    _shared: &Shared,
    _req: &Incoming,
    _account: Account<'_>,
    _what: &str,
) -> Reply {
    error_replies::not_found()
}

/// `GET /loadbalancers/{id}/usage[/current]`; `rest` starts with `"usage"`.
pub(crate) fn load_balancer(
    _shared: &Shared,
    _req: &Incoming,
    _account: Account<'_>,
    _id: u64,
    _rest: &[&str],
) -> Reply {
    error_replies::not_found()
}
