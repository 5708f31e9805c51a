//! The account's paths that name no load balancer: `/loadbalancers/{usage,billable,
//! alloweddomains,protocols,algorithms,absolutelimits,limittypes}`, `/limits` and
//! `/regionalsourceaddresses` (docs/api/reference-data.md, docs/api/limits.md). Usage reports
//! are handed to their own module.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::{Account, Answer, usage};
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::load_balancer::{ALGORITHMS, PROTOCOLS};
use crate::state::Shared;
use crate::time;

/// The domains a node may be named in instead of by address.
pub(crate) const ALLOWED_DOMAINS: [&str; 2] = ["rackspace.com", "rackspacecloud.com"];

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

/// Answers a request for one of the paths [`serves`] accepts: usage reports go to their module;
/// the others are GETs that answer 200 (405 for another method).
pub(crate) fn route(
    shared: &Shared,
    req: &Incoming,
    account: Account<'_>,
    rest: &[&str],
) -> Answer {
    if let ["loadbalancers", what @ ("usage" | "billable")] = rest {
        return usage::account(shared, req, account, what);
    }
    if req.method != "GET" {
        return Err(error_replies::method_not_allowed("GET"));
    }
    let body = match rest {
        ["loadbalancers", "protocols"] => protocols(),
        ["loadbalancers", "algorithms"] => {
            let items: Vec<Value> = ALGORITHMS.iter().map(|a| json!({"name": a})).collect();
            json!({"algorithms": items})
        }
        ["loadbalancers", "alloweddomains"] => {
            let items: Vec<Value> = ALLOWED_DOMAINS
                .iter()
                .map(|d| json!({"allowedDomain": {"name": d}}))
                .collect();
            json!({"allowedDomains": items})
        }
        ["loadbalancers", "absolutelimits"] => {
            let items: Vec<Value> = shared
                .config
                .limits
                .table()
                .into_iter()
                .map(|(name, value, _)| json!({"name": name, "value": value}))
                .collect();
            json!({"absolute": items})
        }
        ["loadbalancers", "limittypes"] => {
            let items: Vec<Value> = shared
                .config
                .limits
                .table()
                .into_iter()
                .map(|(name, value, description)| {
                    json!({"name": name, "defaultValue": value, "description": description})
                })
                .collect();
            json!({"limitTypes": items})
        }
        ["limits"] => rate_limits(shared, account),
        ["regionalsourceaddresses"] => regional_addresses(account.region),
        _ => return Err(error_replies::not_found()),
    };
    Ok(Reply::json(200, body))
}

/// `{"protocols":[{name,port}]}`: the protocols create accepts, `port` 0 where it must be given.
fn protocols() -> Value {
    let items: Vec<Value> = PROTOCOLS
        .iter()
        .map(|(name, port)| json!({"name": name, "port": port.unwrap_or(0)}))
        .collect();
    json!({"protocols": items})
}

/// `{"limits":{"rate":[…]}}`: the limits the emulator enforces, with what the account has left
/// in the current minute (everything when enforcement is off).
fn rate_limits(shared: &Shared, account: Account<'_>) -> Value {
    let now = shared.config.clock.now();
    let wall = Timestamp::now();
    let limits: Vec<Value> = shared
        .rate_limits
        .usage(account.tenant, now)
        .into_iter()
        .map(|(verb, value, remaining, wait)| {
            json!({
                "verb": verb,
                "value": value,
                "remaining": remaining,
                "unit": "MINUTE",
                "next-available": time::lb_time(time::later(wall, shared.config.clock.real_time(wait))),
            })
        })
        .collect();
    json!({"limits": {"rate": [{"uri": "/v1.0/*", "regex": "^/1\\.0/.*", "limit": limits}]}})
}

/// `{"RegionalSourceAddresses":{…}}` (capital R, as the public documentation shows it): the
/// addresses the region's load balancers use towards nodes.
fn regional_addresses(region: &str) -> Value {
    let n = region
        .bytes()
        .fold(0u32, |acc, b| (acc * 31 + u32::from(b)) % 200)
        + 1;
    json!({"RegionalSourceAddresses": {
        "ipv4Publicnets": [format!("198.51.100.{n}"), format!("198.51.100.{}", n + 1)],
        "ipv4Servicenets": [format!("10.183.{n}.0/24")],
        "ipv6Publicnets": [format!("2001:db8:{n:x}::/48")],
        "ipv6Servicenets": [],
    }})
}
