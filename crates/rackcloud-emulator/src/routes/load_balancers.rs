//! `/loadbalancers` and `/loadbalancers/{id}`: list (with its filters), create, show, update,
//! delete, bulk delete.

use std::ops::Bound;
use std::time::Instant;

use serde_json::{Value, json};

mod create;

pub(crate) use create::create;

use super::bodies::{self, LoadBalancerUpdate};
use super::list_query::ListQuery;
use super::live::{Done, mutate_live, require};
use super::{Account, Answer, Under, bulk_ids};
use crate::error_replies;
use crate::features::ssl;
use crate::http::Reply;
use crate::load_balancer::{LoadBalancer, Settled, VirtualIp, persistence_after_protocol_change};
use crate::state::{Shared, State};
use crate::sync::lock;

/// `GET /loadbalancers`: the account's load balancers that pass the filters, by id, paged with
/// `marker` (the id after which the page starts), `offset` (skipped after the marker) and
/// `limit` (1 to 100, default 100). With `nodeaddress` the items hold only `id`, `name` and
/// `status`.
pub(crate) fn list(shared: &Shared, account: Account<'_>, query: Option<&str>) -> Answer {
    let q = ListQuery::parse(query)?;
    let state = lock(&shared.state);
    let now = Instant::now();
    let items: Vec<Value> = state
        .account(account.region, account.tenant)
        .into_iter()
        .flat_map(|lbs| {
            lbs.range((
                q.marker.map_or(Bound::Unbounded, Bound::Excluded),
                Bound::Unbounded,
            ))
        })
        .map(|(_, lb)| (lb, lb.status(now)))
        .filter(|(lb, status)| q.keeps(lb, status))
        .skip(q.offset)
        .take(q.limit)
        .map(|(lb, status)| match q.node_address {
            Some(_) => json!({"id": lb.id, "name": lb.name, "status": status}),
            None => lb.summary_json(&status),
        })
        .collect();
    Ok(Reply::json(200, json!({"loadBalancers": items})))
}

/// `DELETE /loadbalancers?id=…`: all or nothing. Ids: none or more than 10 → 400; unknown ones
/// → 400 naming them; any not `ACTIVE` → 400 naming them; then 202 and each `PENDING_DELETE`.
pub(crate) fn bulk_delete(shared: &Shared, account: Account<'_>, query: Option<&str>) -> Answer {
    let mut ids: Vec<String> = Vec::new();
    for pair in query.unwrap_or("").split('&') {
        if let Some(("id", value)) = pair.split_once('=')
            && !ids.iter().any(|id| id == value)
        {
            ids.push(value.to_owned());
        }
    }
    require(!ids.is_empty(), 400, bulk_ids::NO_IDS)?;
    bulk_ids::within_limit(ids.len())?;
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for raw in &ids {
        let id = super::parse_id(raw);
        match id.filter(|id| {
            state
                .load_balancer(account.region, account.tenant, *id)
                .is_some()
        }) {
            Some(id) => found.push(id),
            None => missing.push(raw.as_str()),
        }
    }
    if !missing.is_empty() {
        let message = format!(
            "Must provide valid load balancers: {}  could not be found.",
            missing.join(",")
        );
        return Err(error_replies::flat(400, &message));
    }
    let busy: Vec<String> = found
        .iter()
        .filter(|id| {
            state
                .load_balancer(account.region, account.tenant, **id)
                .is_some_and(|lb| lb.status(now) != "ACTIVE")
        })
        .map(u64::to_string)
        .collect();
    if !busy.is_empty() {
        let message = format!(
            "Must provide valid load balancers: {}  are immutable and could not be processed.",
            busy.join(",")
        );
        return Err(error_replies::flat(400, &message));
    }
    for id in found {
        if let Some(lb) = state.load_balancer_mut(account.region, account.tenant, id) {
            lb.begin(
                "PENDING_DELETE",
                shared.config.pending_time,
                Settled::Deleted,
            );
        }
    }
    Ok(Reply::empty(202))
}

/// `GET /loadbalancers/{id}`: 200 in any status, `DELETED` included; 404 when unknown.
pub(crate) fn show(at: Under<'_>) -> Answer {
    let state = lock(&at.shared.state);
    let lb = (state.load_balancer(at.account.region, at.account.tenant, at.id))
        .ok_or_else(error_replies::lb_not_found)?;
    let status = lb.status(Instant::now());
    Ok(Reply::json(200, lb.detail_json(&status, at.account.region)))
}

/// `PUT /loadbalancers/{id}`: validation → lookup (404, 410) → 422 unless `ACTIVE` → 202 and
/// `PENDING_UPDATE`. A protocol change keeps only the persistence mode that fits, and turns
/// content caching off on anything but `HTTP`.
pub(crate) fn update(at: Under<'_>, body: &[u8]) -> Answer {
    let update = bodies::update(body)?;
    mutate_live(at, |lb, world| {
        let current = (lb.protocol.as_str(), lb.port, lb.https_redirect);
        let (protocol, port) = (update.protocol.as_deref(), update.port);
        let redirect = update.https_redirect;
        if let Some(m) = ssl::update_rule(current, &lb.features.ssl, protocol, port, redirect) {
            return Err(error_replies::flat(400, m));
        }
        lb.check_mutable(world.now)?;
        apply(lb, update);
        Ok(Done::Accepted)
    })
}

/// Applies a checked update. A protocol change keeps only the persistence mode that fits, and
/// turns content caching off on anything but `HTTP`.
fn apply(lb: &mut LoadBalancer, update: LoadBalancerUpdate) {
    if let Some(protocol) = update.protocol
        && protocol != lb.protocol
    {
        lb.persistence = persistence_after_protocol_change(lb.persistence.take(), &protocol);
        if protocol != "HTTP" {
            lb.features.settings.content_caching = false;
        }
        lb.protocol = protocol;
    }
    if let Some(name) = update.name {
        lb.name = name;
    }
    if let Some(algorithm) = update.algorithm {
        lb.algorithm = algorithm;
    }
    if let Some(port) = update.port {
        lb.port = port;
    }
    if let Some(timeout) = update.timeout {
        lb.timeout = timeout;
    }
    if let Some(half_closed) = update.half_closed {
        lb.half_closed = half_closed;
    }
    if let Some(https_redirect) = update.https_redirect {
        lb.https_redirect = https_redirect;
    }
}

/// `DELETE /loadbalancers/{id}`: lookup (404, 410) → 422 unless `ACTIVE` or `ERROR` → 202,
/// `PENDING_DELETE`, then `DELETED`.
pub(crate) fn delete(at: Under<'_>) -> Answer {
    mutate_live(at, |lb, world| {
        let status = lb.status(world.now);
        if status != "ACTIVE" && status != "ERROR" {
            return Err(error_replies::immutable(at.id, &status));
        }
        lb.begin(
            "PENDING_DELETE",
            at.shared.config.pending_time,
            Settled::Deleted,
        );
        Ok(Done::Answered(Reply::empty(202)))
    })
}

/// A virtual IP of one of the account's live load balancers.
fn find_vip(state: &State, account: Account<'_>, id: u64, now: Instant) -> Option<VirtualIp> {
    state
        .account(account.region, account.tenant)?
        .values()
        .filter(|lb| lb.status(now) != "DELETED")
        .flat_map(|lb| lb.virtual_ips.iter())
        .find(|vip| vip.id == id)
        .cloned()
}

/// The account limit (docs/api/load-balancers.md): 413 flat when the account already has
/// `LOADBALANCER_LIMIT` load balancers that are not deleted (seeded ones count).
fn below_lb_limit(
    shared: &Shared,
    state: &State,
    account: Account<'_>,
    now: Instant,
) -> Result<(), Reply> {
    let limit = shared.config.limits.load_balancers;
    let live = state
        .account(account.region, account.tenant)
        .map_or(0, |lbs| {
            lbs.values()
                .filter(|lb| lb.status(now) != "DELETED")
                .count()
        });
    if live >= limit {
        return Err(error_replies::flat(
            413,
            &format!("Load balancer limit reached. Limit is set to '{limit}'."),
        ));
    }
    Ok(())
}
