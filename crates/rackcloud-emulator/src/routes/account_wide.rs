//! The account's paths that name no load balancer: `/loadbalancers/{usage,billable,
//! alloweddomains,protocols,algorithms,absolutelimits,limittypes}`, `/limits` and
//! `/regionalsourceaddresses`.

use super::Account;
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::Shared;

/// The first segment after the tenant of each path this module answers, with the second when
/// the first is `loadbalancers`.
pub(crate) fn serves(rest: &[&str]) -> bool {
    matches!(
        rest,
        [
            "loadbalancers",
            "usage"
                | "billable"
                | "alloweddomains"
                | "protocols"
                | "algorithms"
                | "absolutelimits"
                | "limittypes"
        ] | ["limits"]
            | ["regionalsourceaddresses"]
    )
}

/// Answers a request for one of the paths [`serves`] accepts.
pub(crate) fn route(
    _shared: &Shared,
    _req: &Incoming,
    _account: Account<'_>,
    _rest: &[&str],
) -> Reply {
    error_replies::not_found()
}
