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

use std::sync::Arc;

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
/// the service; one that comes after the service lets it handle the request first), then identity, or for load balancer paths the token check, the rate limits and
/// the handlers.
pub(crate) fn dispatch(shared: &Arc<Shared>, req: &Incoming) -> Reply {
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
        if fault.after_apply {
            // The service handles it; the gateway then loses or replaces its answer.
            drop(serve(shared, req, target));
        }
        return fault.reply(Timestamp::now());
    }
    serve(shared, req, target)
}

/// Answers a request past the faults: identity, or the token check, the rate limits and the
/// handlers of a load balancer path.
fn serve(shared: &Arc<Shared>, req: &Incoming, target: Option<(Account<'_>, Vec<&str>)>) -> Reply {
    let path = req.path();
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
    let reply = route_lb(shared, req, account, &rest).unwrap_or_else(|refused| refused);
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

/// A request under `/loadbalancers/{id}`: what the `route` of each resource there receives,
/// with the path after the id.
#[derive(Clone, Copy)]
pub(crate) struct Under<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) req: &'a Incoming,
    pub(crate) account: Account<'a>,
    pub(crate) id: u64,
}

/// What a handler answers. `Err` is a refusal: each of the service's checks is a `?`.
pub(crate) type Answer = Result<Reply, Reply>;

/// Routes what follows the tenant; a path that differs in any way (a trailing slash, an extra
/// segment, a non-numeric id) is 404.
fn route_lb(shared: &Shared, req: &Incoming, account: Account<'_>, rest: &[&str]) -> Answer {
    let method = req.method.as_str();
    let under = |id| Under {
        shared,
        req,
        account,
        id,
    };
    if account_wide::serves(rest) {
        return account_wide::route(shared, req, account, rest);
    }
    if let ["loadbalancers", id, resource, tail @ ..] = rest {
        let id = parse_id(id).ok_or_else(error_replies::not_found)?;
        let sub = &rest[2..];
        let at = under(id);
        lb_features::count_request(at);
        return match (*resource, tail) {
            ("sessionpersistence", _) => {
                use session_persistence::{disable, enable, show};
                one_object(at, tail, show, enable, disable)
            }
            ("metadata", _) | ("nodes", [_, "metadata", ..]) => metadata::route(at, sub),
            ("nodes", _) => nodes::route(at, sub),
            ("virtualips", _) => virtual_ips::route(at, sub),
            ("healthmonitor", _) => {
                use health_monitor::{delete, show, update};
                one_object(at, tail, show, update, delete)
            }
            ("accesslist", _) => access_list::route(at, sub),
            ("usage", _) => usage::load_balancer(at, sub),
            ("connectionthrottle", _) => {
                use throttle::{delete, show, update};
                one_object(at, tail, show, update, delete)
            }
            ("ssltermination", _) => ssl::route(at, sub),
            (
                "connectionlogging"
                | "contentcaching"
                | "errorpage"
                | "stats"
                | "clustersourceaddresses",
                _,
            ) => lb_features::route(at, sub),
            _ => Err(error_replies::not_found()),
        };
    }
    match rest {
        ["loadbalancers"] => match method {
            "GET" => load_balancers::list(shared, account, req.query()),
            "POST" => load_balancers::create(shared, account, &req.body),
            "DELETE" => load_balancers::bulk_delete(shared, account, req.query()),
            _ => Err(error_replies::method_not_allowed("GET, POST, DELETE")),
        },
        ["loadbalancers", id] => {
            let id = parse_id(id).ok_or_else(error_replies::not_found)?;
            let at = under(id);
            lb_features::count_request(at);
            match method {
                "GET" => load_balancers::show(at),
                "PUT" => load_balancers::update(at, &req.body),
                "DELETE" => load_balancers::delete(at),
                _ => Err(error_replies::method_not_allowed("GET, PUT, DELETE")),
            }
        }
        _ => Err(error_replies::not_found()),
    }
}

/// A part of a load balancer that is one object (`sessionpersistence`, `healthmonitor`,
/// `connectionthrottle`): GET shows it, PUT sets it, DELETE removes it; a longer path is 404.
fn one_object(
    at: Under<'_>,
    tail: &[&str],
    show: fn(Under<'_>) -> Answer,
    set: fn(Under<'_>, &[u8]) -> Answer,
    remove: fn(Under<'_>) -> Answer,
) -> Answer {
    if !tail.is_empty() {
        return Err(error_replies::not_found());
    }
    match at.req.method.as_str() {
        "GET" => show(at),
        "PUT" => set(at, &at.req.body),
        "DELETE" => remove(at),
        _ => Err(error_replies::method_not_allowed("GET, PUT, DELETE")),
    }
}

/// A load balancer id: decimal digits only (no sign, no spaces).
pub(super) fn parse_id(segment: &str) -> Option<u64> {
    if segment.is_empty() || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok()
}
