//! `/loadbalancers/{id}/metadata[/{metaId}]` and
//! `/loadbalancers/{id}/nodes/{nodeId}/metadata[/{metaId}]`: the six metadata operations for
//! either owner, with the checks in the order the service makes them (docs/api/metadata.md).
//!
//! Unlike every other change, a metadata change needs the load balancer `ACTIVE` but leaves it
//! `ACTIVE`: every change is [`Done::Answered`]. Success is 200.

pub(crate) mod bodies;

use serde_json::json;

use super::live::{Done, World, mutate_live, read_live};
use super::{Answer, Under, bulk_ids, parse_id};
use crate::error_replies;
use crate::features::metadata::{Item, Of, items_json};
use crate::http::Reply;
use crate::load_balancer::LoadBalancer;

/// Answers a request under the resource; `rest` is the path after `/loadbalancers/{id}`.
pub(crate) fn route(at: Under<'_>, rest: &[&str]) -> Answer {
    let req = at.req;
    let (of, item) = match rest {
        ["metadata"] => (Some(Of::LoadBalancer), None),
        ["metadata", meta] => (Some(Of::LoadBalancer), Some(*meta)),
        ["nodes", node, "metadata"] => (parse_id(node).map(Of::Node), None),
        ["nodes", node, "metadata", meta] => (parse_id(node).map(Of::Node), Some(*meta)),
        _ => (None, None),
    };
    let Some(of) = of else {
        return Err(error_replies::not_found());
    };
    let at = Target { under: at, of };
    let method = req.method.as_str();
    let Some(meta) = item else {
        return match method {
            "GET" => list(at),
            "POST" => add(at, &req.body),
            "DELETE" => bulk_delete(at, req.query()),
            _ => Err(error_replies::method_not_allowed("GET, POST, DELETE")),
        };
    };
    let meta = parse_id(meta).ok_or_else(error_replies::not_found)?;
    match method {
        "GET" => show(at, meta),
        "PUT" => update(at, meta, &req.body),
        "DELETE" => delete(at, meta),
        _ => Err(error_replies::method_not_allowed("GET, PUT, DELETE")),
    }
}

/// Whose metadata a request addresses.
#[derive(Clone, Copy)]
struct Target<'a> {
    under: Under<'a>,
    of: Of,
}

/// GET: lookup (404, 410) → node (404) → 200 `{"metadata":[…]}`.
fn list(at: Target<'_>) -> Answer {
    read_live(at.under, |lb| {
        let items = owned(lb, at)?;
        Ok(Reply::json(200, json!({"metadata": items_json(items)})))
    })
}

/// POST: body (400: the item rules, duplicates inside the request among them) → lookup (404,
/// 410) → node (404) → status (422) → limit (400) → duplicate keys with existing items (422)
/// → 200 with the added items.
fn add(at: Target<'_>, body: &[u8]) -> Answer {
    let pairs = bodies::add(body)?;
    change(at, |lb, live| {
        let existing = owned(lb, at)?;
        lb.check_mutable(live.now)?;
        let (limit, whose) = at.of.limit(&at.under.shared.config.limits);
        if existing.len() + pairs.len() > limit {
            return Err(error_replies::flat(
                400,
                &format!("Metadata must not exceed {limit} per {whose}."),
            ));
        }
        if pairs
            .iter()
            .any(|(key, _)| existing.iter().any(|m| &m.key == key))
        {
            return Err(error_replies::flat(
                422,
                &format!(
                    "Duplicate metadata keys detected. One or more metadata keys already configured on {whose}."
                ),
            ));
        }
        let added = lb.features.metadata.add(at.of, pairs);
        Ok(Reply::json(200, json!({"metadata": items_json(&added)})))
    })
}

/// GET one: lookup (404, 410) → node (404) → item (404) → 200 `{"meta":{…}}`.
fn show(at: Target<'_>, meta: u64) -> Answer {
    read_live(at.under, |lb| {
        let item = find(owned(lb, at)?, meta)?;
        Ok(Reply::json(200, json!({"meta": item.json()})))
    })
}

/// PUT one: body (400) → lookup (404, 410) → node (404) → item (404) → status (422) → 200,
/// with `{"meta":{…}}` for a node's item and no body for a load balancer's.
fn update(at: Target<'_>, meta: u64, body: &[u8]) -> Answer {
    let value = bodies::update(body)?;
    change(at, |lb, live| {
        find(owned(lb, at)?, meta)?;
        lb.check_mutable(live.now)?;
        let items = lb.features.metadata.items_mut(at.of);
        let Some(item) = items.iter_mut().find(|m| m.id == meta) else {
            return Err(item_not_found(meta));
        };
        item.value = value;
        // The service answers a node's item with the item, a load balancer's with no body; the
        // documentation shows the same.
        Ok(match at.of {
            Of::Node(_) => Reply::json(200, json!({"meta": item.json()})),
            Of::LoadBalancer => Reply::empty(200),
        })
    })
}

/// DELETE one: lookup (404, 410) → node (404) → item (404) → status (422) → 200.
fn delete(at: Target<'_>, meta: u64) -> Answer {
    change(at, |lb, live| {
        find(owned(lb, at)?, meta)?;
        lb.check_mutable(live.now)?;
        (lb.features.metadata.items_mut(at.of)).retain(|m| m.id != meta);
        Ok(Reply::empty(200))
    })
}

/// DELETE `?id=…`: ids (400: none, not numbers, over 10) → lookup (404, 410) → node (404) →
/// ids not of this owner (400 validation naming them) → status (422) → 200. All or nothing.
fn bulk_delete(at: Target<'_>, query: Option<&str>) -> Answer {
    let ids = bulk_ids::parse(query, "metadata items")?;
    change(at, |lb, live| {
        let items = owned(lb, at)?;
        let whose = match at.of {
            Of::LoadBalancer => "loadbalancer",
            Of::Node(_) => "node",
        };
        bulk_ids::all_known(&ids, |i| items.iter().any(|m| m.id == i), "Metadata", whose)?;
        lb.check_mutable(live.now)?;
        (lb.features.metadata.items_mut(at.of)).retain(|m| !ids.contains(&m.id));
        Ok(Reply::empty(200))
    })
}

/// A metadata change: [`mutate_live`], answered as `change` answers, the status untouched.
fn change(
    at: Target<'_>,
    change: impl FnOnce(&mut LoadBalancer, &mut World<'_>) -> Answer,
) -> Answer {
    mutate_live(at.under, |lb, live| change(lb, live).map(Done::Answered))
}

/// The owner's items: for node metadata, the node must be on the load balancer (404).
fn owned<'a>(lb: &'a LoadBalancer, at: Target<'_>) -> Result<&'a [Item], Reply> {
    if let Of::Node(node_id) = at.of
        && !lb.nodes.iter().any(|n| n.id == node_id)
    {
        return Err(error_replies::flat(
            404,
            &format!(
                "Node with id #{node_id} not found for loadbalancer #{}",
                at.under.id
            ),
        ));
    }
    Ok(lb.features.metadata.items(at.of))
}

/// The item of this id; otherwise 404.
fn find(items: &[Item], meta: u64) -> Result<&Item, Reply> {
    (items.iter().find(|m| m.id == meta)).ok_or_else(|| item_not_found(meta))
}

fn item_not_found(meta: u64) -> Reply {
    error_replies::flat(404, &format!("Metadata item with id #{meta} not found."))
}
