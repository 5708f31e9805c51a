//! `/loadbalancers/{id}/{connectionlogging,contentcaching,errorpage,stats,clustersourceaddresses}`
//! with the checks in the order the service makes them (docs/api/logging-caching-errorpage.md,
//! docs/api/statistics.md, docs/api/reference-data.md); `usage` is handed to its own module.

use std::time::Instant;

use serde_json::{Value, json};

use super::live::{Done, mutate_live, read_live, require};
use super::{Answer, Under, bodies, usage};
use crate::data_plane;
use crate::error_replies;
use crate::features::settings::logging_fits;
use crate::http::Reply;
use crate::load_balancer::LoadBalancer;
use crate::sync::lock;

/// The 422 of the error page operations, which does not name the status.
const ERROR_PAGE_IMMUTABLE: &str =
    "Load balancer is considered immutable and cannot process request";

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(at: Under<'_>, rest: &[&str]) -> Answer {
    let req = at.req;
    let method = req.method.as_str();
    match (rest, method) {
        (["usage", ..], _) => usage::load_balancer(at, rest),
        (["connectionlogging"], "GET") => read(
            at,
            |lb| json!({"connectionLogging": {"enabled": lb.features.settings.connection_logging}}),
        ),
        (["connectionlogging"], "PUT") => set_logging(at, &req.body),
        (["contentcaching"], "GET") => read(
            at,
            |lb| json!({"contentCaching": {"enabled": lb.features.settings.content_caching}}),
        ),
        (["contentcaching"], "PUT") => set_caching(at, &req.body),
        (["connectionlogging"] | ["contentcaching"], _) => {
            Err(error_replies::method_not_allowed("GET, PUT"))
        }
        (["errorpage"], "GET") => read(
            at,
            |lb| json!({"errorpage": {"content": lb.features.settings.error_page()}}),
        ),
        (["errorpage"], "PUT") => set_error_page(at, &req.body),
        (["errorpage"], "DELETE") => delete_error_page(at),
        (["errorpage"], _) => Err(error_replies::method_not_allowed("GET, PUT, DELETE")),
        (["stats"], "GET") => stats(at),
        (["clustersourceaddresses"], "GET") => read(at, cluster_addresses),
        (["stats"] | ["clustersourceaddresses"], _) => {
            Err(error_replies::method_not_allowed("GET"))
        }
        _ => Err(error_replies::not_found()),
    }
}

/// Counts a request served under `/loadbalancers/{id}` for the load balancer's statistics; an
/// unknown id counts for nothing.
pub(crate) fn count_request(at: Under<'_>) {
    let mut state = lock(&at.shared.state);
    if let Some(lb) = state.load_balancer_mut(at.account.region, at.account.tenant, at.id) {
        let settings = &mut lb.features.settings;
        settings.served = settings.served.saturating_add(1);
    }
}

/// GET stats: lookup (404, 410) → 200 with the connections the data plane counted when it is
/// on (docs/api/statistics.md), else the counters derived from the requests served.
fn stats(at: Under<'_>) -> Answer {
    let key = (
        at.account.region.to_ascii_uppercase(),
        at.account.tenant.to_owned(),
        at.id,
    );
    let counted = data_plane::stats_json(at.shared, &key);
    read(at, |lb| {
        counted.unwrap_or_else(|| lb.features.settings.stats_json())
    })
}

/// A GET: lookup (404, 410) → 200 with what `show` makes of the load balancer, in any status
/// but deleted.
fn read(at: Under<'_>, show: impl FnOnce(&LoadBalancer) -> Value) -> Answer {
    read_live(at, |lb| Ok(Reply::json(200, show(lb))))
}

/// PUT connectionlogging: body (400) → lookup (404, 410) → not on UDP protocols (400) →
/// status (422) → 202, `PENDING_UPDATE`.
fn set_logging(at: Under<'_>, body: &[u8]) -> Answer {
    let on = bodies::enabled(body, "connectionLogging")?;
    mutate_live(at, |lb, world| {
        require(
            logging_fits(&lb.protocol),
            400,
            "Connection logging is not available for UDP, UDP_STREAM and DNS_UDP load balancers.",
        )?;
        lb.check_mutable(world.now)?;
        lb.features.settings.connection_logging = on;
        Ok(Done::Accepted)
    })
}

/// PUT contentcaching: body (400) → lookup (404, 410) → enabling only on HTTP (400) → status
/// (422) → 202, `PENDING_UPDATE`.
fn set_caching(at: Under<'_>, body: &[u8]) -> Answer {
    let on = bodies::enabled(body, "contentCaching")?;
    mutate_live(at, |lb, world| {
        require(
            !on || lb.protocol == "HTTP",
            400,
            "Content caching cannot be enabled for non HTTP load balancers.",
        )?;
        lb.check_mutable(world.now)?;
        lb.features.settings.content_caching = on;
        Ok(Done::Accepted)
    })
}

/// PUT errorpage: body (400) → lookup (404, 410) → HTTP only (400) → status (422, its own
/// wording) → 202, `PENDING_UPDATE`.
fn set_error_page(at: Under<'_>, body: &[u8]) -> Answer {
    let content = bodies::error_page(body)?;
    mutate_live(at, |lb, world| {
        require(
            lb.protocol == "HTTP",
            400,
            "Custom error page is allowed only on loadbalancers with HTTP protocol.",
        )?;
        error_page_mutable(lb, world.now)?;
        lb.features.settings.error_page = Some(content);
        Ok(Done::Accepted)
    })
}

/// DELETE errorpage: lookup (404, 410) → status (422, its own wording) → 202, default page
/// restored, `PENDING_UPDATE`.
fn delete_error_page(at: Under<'_>) -> Answer {
    mutate_live(at, |lb, world| {
        error_page_mutable(lb, world.now)?;
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
