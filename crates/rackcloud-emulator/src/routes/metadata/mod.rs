//! `/loadbalancers/{id}/metadata[/{metaId}]` and
//! `/loadbalancers/{id}/nodes/{nodeId}/metadata[/{metaId}]`: the six metadata operations for
//! either owner, with the checks in the order the service makes them (docs/api/metadata.md).
//!
//! Unlike every other change, a metadata change needs the load balancer `ACTIVE` but leaves it
//! `ACTIVE`: nothing here calls `begin`. Success is 200.

pub(crate) mod bodies;

use std::time::Instant;

use serde_json::json;

use super::load_balancers::live;
use super::{Account, bulk_ids, parse_id};
use crate::error_replies;
use crate::features::metadata::{Of, items_json};
use crate::http::{Incoming, Reply};
use crate::load_balancer::LoadBalancer;
use crate::state::{Shared, State};
use crate::sync::lock;

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(
    shared: &Shared,
    req: &Incoming,
    account: Account<'_>,
    id: u64,
    rest: &[&str],
) -> Reply {
    let (of, item) = match rest {
        ["metadata"] => (Some(Of::LoadBalancer), None),
        ["metadata", meta] => (Some(Of::LoadBalancer), Some(*meta)),
        ["nodes", node, "metadata"] => (parse_id(node).map(Of::Node), None),
        ["nodes", node, "metadata", meta] => (parse_id(node).map(Of::Node), Some(*meta)),
        _ => (None, None),
    };
    let Some(of) = of else {
        return error_replies::not_found();
    };
    let at = Target { account, id, of };
    let method = req.method.as_str();
    let Some(meta) = item else {
        return match method {
            "GET" => list(shared, at),
            "POST" => add(shared, at, &req.body),
            "DELETE" => bulk_delete(shared, at, req.query()),
            _ => error_replies::method_not_allowed("GET, POST, DELETE"),
        };
    };
    let Some(meta) = parse_id(meta) else {
        return error_replies::not_found();
    };
    match method {
        "GET" => show(shared, at, meta),
        "PUT" => update(shared, at, meta, &req.body),
        "DELETE" => delete(shared, at, meta),
        _ => error_replies::method_not_allowed("GET, PUT, DELETE"),
    }
}

/// Whose metadata a request addresses.
#[derive(Clone, Copy)]
struct Target<'a> {
    account: Account<'a>,
    id: u64,
    of: Of,
}

/// GET: lookup (404, 410) → node (404) → 200 `{"metadata":[…]}`.
fn list(shared: &Shared, at: Target<'_>) -> Reply {
    let mut state = lock(&shared.state);
    let lb = match owner(&mut state, at, Instant::now()) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    Reply::json(
        200,
        json!({"metadata": items_json(lb.features.metadata.items(at.of))}),
    )
}

/// POST: body (400: the item rules, duplicates inside the request among them) → lookup (404,
/// 410) → node (404) → status (422) → limit (400) → duplicate keys with existing items (422)
/// → 200 with the added items.
fn add(shared: &Shared, at: Target<'_>, body: &[u8]) -> Reply {
    let pairs = match bodies::add(body) {
        Ok(pairs) => pairs,
        Err(reply) => return reply,
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match owner(&mut state, at, now).and_then(|lb| active(lb, now)) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let existing = lb.features.metadata.items(at.of);
    let (limit, whose) = at.of.limit(&shared.config.limits);
    if existing.len() + pairs.len() > limit {
        return error_replies::flat(
            400,
            &format!("Metadata must not exceed {limit} per {whose}."),
        );
    }
    if pairs
        .iter()
        .any(|(key, _)| existing.iter().any(|m| &m.key == key))
    {
        return error_replies::flat(
            422,
            &format!(
                "Duplicate metadata keys detected. One or more metadata keys already configured on {whose}."
            ),
        );
    }
    let added = lb.features.metadata.add(at.of, pairs);
    Reply::json(200, json!({"metadata": items_json(&added)}))
}

/// GET one: lookup (404, 410) → node (404) → item (404) → 200 `{"meta":{…}}`.
fn show(shared: &Shared, at: Target<'_>, meta: u64) -> Reply {
    let mut state = lock(&shared.state);
    let lb = match owner(&mut state, at, Instant::now()) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    match lb
        .features
        .metadata
        .items(at.of)
        .iter()
        .find(|m| m.id == meta)
    {
        Some(item) => Reply::json(200, json!({"meta": item.json()})),
        None => item_not_found(meta),
    }
}

/// PUT one: body (400) → lookup (404, 410) → node (404) → item (404) → status (422) → 200,
/// with `{"meta":{…}}` for a node's item and no body for a load balancer's.
fn update(shared: &Shared, at: Target<'_>, meta: u64, body: &[u8]) -> Reply {
    let value = match bodies::update(body) {
        Ok(value) => value,
        Err(reply) => return reply,
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match owner(&mut state, at, now).and_then(|lb| with_item(lb, at, meta)) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let lb = match active(lb, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let items = lb.features.metadata.items_mut(at.of);
    let Some(item) = items.iter_mut().find(|m| m.id == meta) else {
        return item_not_found(meta);
    };
    item.value = value;
    // The service answers a node's item with the item, a load balancer's with no body; the
    // documentation shows the same.
    match at.of {
        Of::Node(_) => Reply::json(200, json!({"meta": item.json()})),
        Of::LoadBalancer => Reply::empty(200),
    }
}

/// DELETE one: lookup (404, 410) → node (404) → item (404) → status (422) → 200.
fn delete(shared: &Shared, at: Target<'_>, meta: u64) -> Reply {
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match owner(&mut state, at, now)
        .and_then(|lb| with_item(lb, at, meta))
        .and_then(|lb| active(lb, now))
    {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    lb.features
        .metadata
        .items_mut(at.of)
        .retain(|m| m.id != meta);
    Reply::empty(200)
}

/// DELETE `?id=…`: ids (400: none, not numbers, over 10) → lookup (404, 410) → node (404) →
/// ids not of this owner (400 validation naming them) → status (422) → 200. All or nothing.
fn bulk_delete(shared: &Shared, at: Target<'_>, query: Option<&str>) -> Reply {
    let ids = match bulk_ids::parse(query, "metadata items") {
        Ok(ids) => ids,
        Err(reply) => return reply,
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match owner(&mut state, at, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let items = lb.features.metadata.items(at.of);
    let foreign: Vec<u64> = ids
        .iter()
        .copied()
        .filter(|id| !items.iter().any(|m| m.id == *id))
        .collect();
    if !foreign.is_empty() {
        let whose = match at.of {
            Of::LoadBalancer => "loadbalancer",
            Of::Node(_) => "node",
        };
        return error_replies::validation(vec![format!(
            "Metadata ids {} are not a part of your {whose}",
            bulk_ids::joined(&foreign)
        )]);
    }
    let lb = match active(lb, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    lb.features
        .metadata
        .items_mut(at.of)
        .retain(|m| !ids.contains(&m.id));
    Reply::empty(200)
}

/// The load balancer (404, 410) and, for node metadata, the node (404).
fn owner<'a>(
    state: &'a mut State,
    at: Target<'_>,
    now: Instant,
) -> Result<&'a mut LoadBalancer, Reply> {
    let lb = live(state, at.account, at.id, now)?;
    if let Of::Node(node_id) = at.of
        && !lb.nodes.iter().any(|n| n.id == node_id)
    {
        return Err(error_replies::flat(
            404,
            &format!(
                "Node with id #{node_id} not found for loadbalancer #{}",
                at.id
            ),
        ));
    }
    Ok(lb)
}

/// The load balancer again when the item exists; otherwise 404.
fn with_item<'a>(
    lb: &'a mut LoadBalancer,
    at: Target<'_>,
    meta: u64,
) -> Result<&'a mut LoadBalancer, Reply> {
    if lb
        .features
        .metadata
        .items(at.of)
        .iter()
        .any(|m| m.id == meta)
    {
        Ok(lb)
    } else {
        Err(item_not_found(meta))
    }
}

/// The load balancer again when `ACTIVE`; otherwise 422. It stays as it is either way.
fn active(lb: &mut LoadBalancer, now: Instant) -> Result<&mut LoadBalancer, Reply> {
    lb.check_mutable(now)?;
    Ok(lb)
}

fn item_not_found(meta: u64) -> Reply {
    error_replies::flat(404, &format!("Metadata item with id #{meta} not found."))
}
