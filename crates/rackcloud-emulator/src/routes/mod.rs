//! Routing: the single entry point every request goes through, and the load balancer paths.

mod access_list;
mod account_wide;
mod auth;
mod bodies;
mod bulk_ids;
mod control;
mod health_monitor;
mod identity;
mod identity_access;
mod identity_mfa;
mod identity_tokens;
mod lb_features;
mod list_query;
mod live;
mod load_balancers;
mod metadata;
mod nodes;
mod rate_limited;
mod session_persistence;
mod ssl;
mod throttle;
mod usage;
mod usage_records;
mod virtual_ips;

pub(crate) use control::is_control;

use jiff::Timestamp;

use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::{Config, Shared};

/// The path of the token request.
const TOKENS_PATH: &str = "/v2.0/tokens";

/// The account a load balancer request addresses: region (upper case) and tenant.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Account<'a> {
    pub(crate) region: &'a str,
    pub(crate) tenant: &'a str,
}

/// Answers one request. Every request goes through here, in this order: the control API (not
/// counted), counting, injected faults (before any check: they stand for the gateway in front of
/// the service), then identity, or for load balancer paths the token check, the rate limits and
/// the handlers.
pub(crate) fn dispatch(shared: &Shared, req: &Incoming) -> Reply {
    let path = req.path();
    if is_control(path) {
        return control::handle(shared, req);
    }
    let target = lb_target(&shared.config, path);
    if path == TOKENS_PATH {
        if req.method == "POST" {
            shared.counters.token_request();
        }
    } else if target.is_some() {
        shared.counters.api_request(&req.method);
    }
    if let Some(fault) = shared.injections.take(&req.method, path) {
        return fault.reply(Timestamp::now());
    }
    if path == TOKENS_PATH {
        if req.body_too_large {
            return error_replies::body_too_large();
        }
        if req.method == "DELETE" {
            return identity_tokens::revoke(shared, req);
        }
        return identity::tokens(shared, req);
    }
    if let Some(id) = path
        .strip_prefix(TOKENS_PATH)
        .and_then(|p| p.strip_prefix('/'))
    {
        return match req.method.as_str() {
            _ if id.is_empty() || id.contains('/') => error_replies::not_found(),
            "GET" => identity_tokens::validate(shared, req, id),
            _ => error_replies::method_not_allowed("GET"),
        };
    }
    let Some((account, rest)) = target else {
        return error_replies::not_found();
    };
    if let Err(reply) = auth::check(shared, req, account.tenant) {
        return reply;
    }
    if let Err(reply) = rate_limited::check(shared, account.tenant, &req.method) {
        return reply;
    }
    if req.body_too_large {
        return error_replies::body_too_large();
    }
    let reply = route_lb(shared, req, account, &rest);
    usage::meter(shared, account, &rest, req, &reply);
    reply
}

/// Splits `/<region>/v1.0/<tenant>/<rest…>` (or `/snet-<region>/…`) for a served region.
fn lb_target<'a>(config: &'a Config, path: &'a str) -> Option<(Account<'a>, Vec<&'a str>)> {
    let mut segments = path.strip_prefix('/')?.split('/');
    let region = config.region_of_prefix(segments.next()?)?;
    if segments.next()? != "v1.0" {
        return None;
    }
    let tenant = segments.next().filter(|t| !t.is_empty())?;
    Some((Account { region, tenant }, segments.collect()))
}

/// Routes what follows the tenant; a path that differs in any way (a trailing slash, an extra
/// segment, a non-numeric id) is 404.
fn route_lb(shared: &Shared, req: &Incoming, account: Account<'_>, rest: &[&str]) -> Reply {
    let method = req.method.as_str();
    if let ["loadbalancers", what @ ("usage" | "billable")] = rest {
        return usage::account(shared, req, account, what);
    }
    if account_wide::serves(rest) {
        return account_wide::route(shared, req, account, rest);
    }
    if let ["loadbalancers", id, resource, tail @ ..] = rest {
        let Some(id) = parse_id(id) else {
            return error_replies::not_found();
        };
        let sub = &rest[2..];
        lb_features::count_request(shared, account, id);
        return match (*resource, tail) {
            ("sessionpersistence", []) => match method {
                "GET" => session_persistence::show(shared, account, id),
                "PUT" => session_persistence::enable(shared, account, id, &req.body),
                "DELETE" => session_persistence::disable(shared, account, id),
                _ => error_replies::method_not_allowed("GET, PUT, DELETE"),
            },
            ("metadata", _) | ("nodes", [_, "metadata", ..]) => {
                metadata::route(shared, req, account, id, sub)
            }
            ("nodes", _) => nodes::route(shared, req, account, id, sub),
            ("virtualips", _) => virtual_ips::route(shared, req, account, id, sub),
            ("healthmonitor", _) => health_monitor::route(shared, req, account, id, sub),
            ("accesslist", _) => access_list::route(shared, req, account, id, sub),
            ("usage", _) => usage::load_balancer(shared, req, account, id, sub),
            ("connectionthrottle", _) => throttle::route(shared, req, account, id, sub),
            ("ssltermination", _) => ssl::route(shared, req, account, id, sub),
            (
                "connectionlogging"
                | "contentcaching"
                | "errorpage"
                | "stats"
                | "clustersourceaddresses",
                _,
            ) => lb_features::route(shared, req, account, id, sub),
            _ => error_replies::not_found(),
        };
    }
    match rest {
        ["loadbalancers"] => match method {
            "GET" => load_balancers::list(shared, account, req.query()),
            "POST" => load_balancers::create(shared, account, &req.body),
            "DELETE" => load_balancers::bulk_delete(shared, account, req.query()),
            _ => error_replies::method_not_allowed("GET, POST, DELETE"),
        },
        ["loadbalancers", id] => {
            let Some(id) = parse_id(id) else {
                return error_replies::not_found();
            };
            lb_features::count_request(shared, account, id);
            match method {
                "GET" => load_balancers::show(shared, account, id),
                "PUT" => load_balancers::update(shared, account, id, &req.body),
                "DELETE" => load_balancers::delete(shared, account, id),
                _ => error_replies::method_not_allowed("GET, PUT, DELETE"),
            }
        }
        _ => error_replies::not_found(),
    }
}

/// A load balancer id: decimal digits only (no sign, no spaces).
pub(super) fn parse_id(segment: &str) -> Option<u64> {
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok()
}
