//! `/loadbalancers/{id}/{connectionlogging,contentcaching,errorpage,stats,clustersourceaddresses}`
//! with the checks in the order the service makes them (docs/api/logging-caching-errorpage.md,
//! docs/api/statistics.md, docs/api/reference-data.md); `usage` is handed to its own module.

use std::time::Instant;

use serde_json::{Value, json};

use super::live::{Done, mutate_live, read_live, require};
use super::{Account, bodies, usage};
use crate::error_replies;
use crate::features::settings::logging_fits;
use crate::http::{Incoming, Reply};
use crate::load_balancer::LoadBalancer;
use crate::state::Shared;
use crate::sync::lock;

/// The 422 of the error page operations, which does not name the status.
const ERROR_PAGE_IMMUTABLE: &str =
    "Load balancer is considered immutable and cannot process request";

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(
    shared: &Shared,
    req: &Incoming,
    account: Account<'_>,
    id: u64,
    rest: &[&str],
) -> Reply {
    let method = req.method.as_str();
    match (rest, method) {
        (["usage", ..], _) => usage::load_balancer(shared, req, account, id, rest),
        (["connectionlogging"], "GET") => read(
            shared,
            account,
            id,
            |lb| json!({"connectionLogging": {"enabled": lb.features.settings.connection_logging}}),
        ),
        (["connectionlogging"], "PUT") => set_logging(shared, account, id, &req.body),
        (["contentcaching"], "GET") => read(
            shared,
            account,
            id,
            |lb| json!({"contentCaching": {"enabled": lb.features.settings.content_caching}}),
        ),
        (["contentcaching"], "PUT") => set_caching(shared, account, id, &req.body),
        (["connectionlogging"] | ["contentcaching"], _) => {
            error_replies::method_not_allowed("GET, PUT")
        }
        (["errorpage"], "GET") => read(
            shared,
            account,
            id,
            |lb| json!({"errorpage": {"content": lb.features.settings.error_page()}}),
        ),
        (["errorpage"], "PUT") => set_error_page(shared, account, id, &req.body),
        (["errorpage"], "DELETE") => delete_error_page(shared, account, id),
        (["errorpage"], _) => error_replies::method_not_allowed("GET, PUT, DELETE"),
        (["stats"], "GET") => read(shared, account, id, |lb| lb.features.settings.stats_json()),
        (["clustersourceaddresses"], "GET") => read(shared, account, id, cluster_addresses),
        (["stats"] | ["clustersourceaddresses"], _) => error_replies::method_not_allowed("GET"),
        _ => error_replies::not_found(),
    }
}

/// Counts a request served under `/loadbalancers/{id}` for the load balancer's statistics; an
/// unknown id counts for nothing.
pub(crate) fn count_request(shared: &Shared, account: Account<'_>, id: u64) {
    let mut state = lock(&shared.state);
    if let Some(lb) = state.load_balancer_mut(account.region, account.tenant, id) {
        let settings = &mut lb.features.settings;
        settings.served = settings.served.saturating_add(1);
    }
}

/// A GET: lookup (404, 410) → 200 with what `show` makes of the load balancer, in any status
/// but deleted.
fn read(
    shared: &Shared,
    account: Account<'_>,
    id: u64,
    show: impl FnOnce(&LoadBalancer) -> Value,
) -> Reply {
    read_live(shared, account, id, |lb| Ok(Reply::json(200, show(lb))))
}

/// PUT connectionlogging: body (400) → lookup (404, 410) → not on UDP protocols (400) →
/// status (422) → 202, `PENDING_UPDATE`.
fn set_logging(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let on = match bodies::enabled(body, "connectionLogging") {
        Ok(on) => on,
        Err(err) => return err.reply(),
    };
    mutate_live(shared, account, id, |lb, at| {
        require(
            logging_fits(&lb.protocol),
            400,
            "Connection logging is not available for UDP, UDP_STREAM and DNS_UDP load balancers.",
        )?;
        lb.check_mutable(at.now)?;
        lb.features.settings.connection_logging = on;
        Ok(Done::Accepted)
    })
}

/// PUT contentcaching: body (400) → lookup (404, 410) → enabling only on HTTP (400) → status
/// (422) → 202, `PENDING_UPDATE`.
fn set_caching(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let on = match bodies::enabled(body, "contentCaching") {
        Ok(on) => on,
        Err(err) => return err.reply(),
    };
    mutate_live(shared, account, id, |lb, at| {
        require(
            !on || lb.protocol == "HTTP",
            400,
            "Content caching cannot be enabled for non HTTP load balancers.",
        )?;
        lb.check_mutable(at.now)?;
        lb.features.settings.content_caching = on;
        Ok(Done::Accepted)
    })
}

/// PUT errorpage: body (400) → lookup (404, 410) → HTTP only (400) → status (422, its own
/// wording) → 202, `PENDING_UPDATE`.
fn set_error_page(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let content = match bodies::error_page(body) {
        Ok(content) => content,
        Err(err) => return err.reply(),
    };
    mutate_live(shared, account, id, |lb, at| {
        require(
            lb.protocol == "HTTP",
            400,
            "Custom error page is allowed only on loadbalancers with HTTP protocol.",
        )?;
        error_page_mutable(lb, at.now)?;
        lb.features.settings.error_page = Some(content);
        Ok(Done::Accepted)
    })
}

/// DELETE errorpage: lookup (404, 410) → status (422, its own wording) → 202, default page
/// restored, `PENDING_UPDATE`.
fn delete_error_page(shared: &Shared, account: Account<'_>, id: u64) -> Reply {
    mutate_live(shared, account, id, |lb, at| {
        error_page_mutable(lb, at.now)?;
        lb.features.settings.error_page = None;
        Ok(Done::Accepted)
    })
}

/// The status check of the error page operations: 422 unless `ACTIVE`, in their own wording.
fn error_page_mutable(lb: &LoadBalancer, now: Instant) -> Result<(), Reply> {
    let active = lb.check_mutable(now).is_ok();
    require(active, 422, ERROR_PAGE_IMMUTABLE)
}

/// `{"clusterSourceAddresses":{…}}`: the addresses of the load balancer's cluster, derived from
/// its id like the `sourceAddresses` of the load balancer object.
fn cluster_addresses(lb: &LoadBalancer) -> Value {
    let host = lb.id % 254 + 1;
    json!({"clusterSourceAddresses": {
        "ipv4Publicnets": [format!("198.51.100.{host}")],
        "ipv4Servicenets": [format!("10.183.252.{host}")],
        "ipv6Publicnets": [format!("2001:db8:ffff::{:x}/64", lb.id)],
        "ipv6Servicenets": [format!("2001:db8:fffe::{:x}/64", lb.id)],
    }})
}
