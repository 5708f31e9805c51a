//! Bulk update (`PUT …/nodes`) and bulk delete (`DELETE …/nodes?id=…`): at most 10 nodes, all
//! or nothing (docs/api/nodes.md).

use serde_json::{Value, json};

use super::super::live::{Done, active, mutate_live, require};
use super::super::{Answer, Under, bulk_ids};
use super::changes::{apply, record};
use super::{bodies, secondary_rules};
use crate::error_replies;
use crate::features::node_events::NodeChange;
use crate::load_balancer::LoadBalancer;
use crate::node::is_weighted;

/// The most nodes one bulk request may name (`BATCH_DELETE_LIMIT`).
const BATCH_LIMIT: usize = crate::absolute_limits::BATCH_DELETE_LIMIT;

/// PUT `…/nodes`: body (400) → lookup (404, 410) → over 10 nodes or ids not on the load
/// balancer (400, validation shape, every message) → the `SECONDARY` rules (400) → status
/// (422) → 202 `{"nodes":[…]}` with the updated nodes (as the documentation's example shows),
/// `PENDING_UPDATE`, every node changed at once.
pub(super) fn update(at: Under<'_>, body: &[u8]) -> Answer {
    let updates = bodies::bulk_update(body)?;
    mutate_live(at, |lb, world| {
        let mut messages = Vec::new();
        if updates.len() > BATCH_LIMIT {
            messages.push(format!(
                "Request to update {} nodes exceeds the limit of {BATCH_LIMIT} nodes per request",
                updates.len()
            ));
        }
        let ids: Vec<u64> = updates.iter().map(|(id, _)| *id).collect();
        messages.extend(foreign_message(lb, &ids));
        if !messages.is_empty() {
            return Err(error_replies::validation(messages));
        }
        let mut after = lb.nodes.clone();
        for (node_id, change) in &updates {
            if let Some(node) = after.iter_mut().find(|n| n.id == *node_id) {
                apply(node, change);
            }
        }
        secondary_rules(lb, after.iter())?;
        lb.check_mutable(world.now)?;
        for node in after.iter().filter(|n| ids.contains(&n.id)) {
            record(lb, node, NodeChange::Updated);
        }
        // The documentation's example answers with the updated nodes, in the order asked.
        let weighted = is_weighted(&lb.algorithm);
        let answer: Vec<Value> = ids
            .iter()
            .filter_map(|id| after.iter().find(|n| n.id == *id))
            .map(|n| n.json(weighted))
            .collect();
        lb.nodes = after;
        Ok(Done::AcceptedWith(json!({ "nodes": answer })))
    })
}

/// DELETE `…/nodes?id=…`: no id (400) → over 10 ids (400, validation shape) → lookup (404,
/// 410) → not `ACTIVE` (422 `LoadBalancer is not ACTIVE`) → ids not on the load balancer (400,
/// validation shape) → 202, `PENDING_UPDATE`.
pub(super) fn delete(at: Under<'_>, query: Option<&str>) -> Answer {
    let mut ids: Vec<u64> = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key != "id" {
            continue;
        }
        let Ok(node_id) = value.parse::<u64>() else {
            return Err(error_replies::validation(vec![format!(
                "Node ids {value} are not a part of your loadbalancer"
            )]));
        };
        if !ids.contains(&node_id) {
            ids.push(node_id);
        }
    }
    require(!ids.is_empty(), 400, bulk_ids::NO_IDS)?;
    if ids.len() > BATCH_LIMIT {
        return Err(error_replies::validation(vec![format!(
            "Request to delete {} nodes exceeds the account limit BATCH_DELETE_LIMIT of \
             {BATCH_LIMIT} please attempt to delete fewer then {BATCH_LIMIT} nodes",
            ids.len()
        )]));
    }
    mutate_live(at, |lb, world| {
        active(lb, world.now)?;
        bulk_ids::all_known(&ids, |i| has_node(lb, i), "Node", "loadbalancer")?;
        let (gone, kept): (Vec<_>, _) = lb.nodes.drain(..).partition(|n| ids.contains(&n.id));
        lb.nodes = kept;
        for node in gone {
            record(lb, &node, NodeChange::Deleted);
        }
        Ok(Done::Accepted)
    })
}

/// `Node ids 100,101 are not a part of your loadbalancer` for ids the load balancer lacks.
fn foreign_message(lb: &LoadBalancer, ids: &[u64]) -> Option<String> {
    bulk_ids::foreign(ids, |i| has_node(lb, i), "Node", "loadbalancer")
}

fn has_node(lb: &LoadBalancer, node_id: u64) -> bool {
    lb.nodes.iter().any(|n| n.id == node_id)
}
