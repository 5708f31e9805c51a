//! `/loadbalancers/{id}/{connectionlogging,contentcaching,errorpage,stats,clustersourceaddresses}`.

use super::Account;
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::Shared;

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(
    _shared: &Shared,
    _req: &Incoming,
    _account: Account<'_>,
    _id: u64,
    _rest: &[&str],
) -> Reply {
    error_replies::not_found()
}
