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
pub(crate) fn route(shared: &Shared, req: &Incoming, account: Account<'_>, rest: &[&str]) -> Reply {
    match rest {
        ["loadbalancers", what @ ("usage" | "billable")] => {
            super::usage::account(shared, req, account, what)
        }
        _ => reference(shared, req, account, rest),
    }
}

/// The reference data and limits: protocols, algorithms, allowed domains, absolute limits,
/// limit types, rate limits, regional source addresses.
fn reference(_shared: &Shared, _req: &Incoming, _account: Account<'_>, _rest: &[&str]) -> Reply {
    error_replies::not_found()
}
