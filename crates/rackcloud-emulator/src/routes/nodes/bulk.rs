//! Bulk update (`PUT …/nodes`) and bulk delete (`DELETE …/nodes?id=…`): at most 10 nodes, all
//! or nothing (docs/api/nodes.md).

use std::time::Instant;

use serde_json::{Value, json};

use super::super::Account;
use super::super::load_balancers::live;
use super::changes::apply;
use super::{bodies, secondary_rules};
use crate::error_replies;
use crate::features::node_events::NodeChange;
use crate::http::Reply;
use crate::load_balancer::LoadBalancer;
use crate::node::is_weighted;
use crate::state::Shared;
use crate::sync::lock;

/// The most nodes one bulk request may name (`BATCH_DELETE_LIMIT`).
const BATCH_LIMIT: usize = crate::absolute_limits::BATCH_DELETE_LIMIT;

/// PUT `…/nodes`: body (400) → lookup (404, 410) → over 10 nodes or ids not on the load
/// balancer (400, validation shape, every message) → the `SECONDARY` rules (400) → status
/// (422) → 202 `{"nodes":[…]}` with the updated nodes (as the documentation's example shows),
/// `PENDING_UPDATE`, every node changed at once.
pub(super) fn update(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let updates = match bodies::bulk_update(body) {
        Ok(updates) => updates,
        Err(err) => return err.reply(),
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
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
        return error_replies::validation(messages);
    }
    let mut after = lb.nodes.clone();
    for (node_id, change) in &updates {
        if let Some(node) = after.iter_mut().find(|n| n.id == *node_id) {
            apply(node, change);
        }
    }
    if let Err(reply) = secondary_rules(lb, after.iter()) {
        return reply;
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    for node in after.iter().filter(|n| ids.contains(&n.id)) {
        let detail = format!("{}:{}", node.address, node.port);
        lb.features
            .node_events
            .record(node.id, NodeChange::Updated, detail);
    }
    // The documentation's example answers with the updated nodes, in the order asked.
    let weighted = is_weighted(&lb.algorithm);
    let answer: Vec<Value> = ids
        .iter()
        .filter_map(|id| after.iter().find(|n| n.id == *id))
        .map(|n| n.json(weighted))
        .collect();
    lb.nodes = after;
    lb.begin_update(shared.config.pending_time);
    Reply::json(202, json!({ "nodes": answer }))
}

/// DELETE `…/nodes?id=…`: no id (400) → over 10 ids (400, validation shape) → lookup (404,
/// 410) → not `ACTIVE` (422 `LoadBalancer is not ACTIVE`) → ids not on the load balancer (400,
/// validation shape) → 202, `PENDING_UPDATE`.
pub(super) fn delete(shared: &Shared, account: Account<'_>, id: u64, query: Option<&str>) -> Reply {
    let mut ids: Vec<u64> = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key != "id" {
            continue;
        }
        let Ok(node_id) = value.parse::<u64>() else {
            return error_replies::validation(vec![format!(
                "Node ids {value} are not a part of your loadbalancer"
            )]);
        };
        if !ids.contains(&node_id) {
            ids.push(node_id);
        }
    }
    if ids.is_empty() {
        return error_replies::flat(400, "Must supply one or more id's to process this request.");
    }
    if ids.len() > BATCH_LIMIT {
        return error_replies::validation(vec![format!(
            "Request to delete {} nodes exceeds the account limit BATCH_DELETE_LIMIT of \
             {BATCH_LIMIT} please attempt to delete fewer then {BATCH_LIMIT} nodes",
            ids.len()
        )]);
    }
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    if lb.status(now) != "ACTIVE" {
        return error_replies::flat(422, "LoadBalancer is not ACTIVE");
    }
    if let Some(message) = foreign_message(lb, &ids) {
        return error_replies::validation(vec![message]);
    }
    let (gone, kept) = lb.nodes.drain(..).partition(|n| ids.contains(&n.id));
    lb.nodes = kept;
    let gone: Vec<_> = gone;
    for node in gone {
        let detail = format!("{}:{}", node.address, node.port);
        lb.features
            .node_events
            .record(node.id, NodeChange::Deleted, detail);
    }
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}

/// `Node ids 100,101 are not a part of your loadbalancer` for ids the load balancer lacks.
fn foreign_message(lb: &LoadBalancer, ids: &[u64]) -> Option<String> {
    let foreign: Vec<String> = ids
        .iter()
        .filter(|id| !lb.nodes.iter().any(|n| n.id == **id))
        .map(u64::to_string)
        .collect();
    (!foreign.is_empty()).then(|| {
        format!(
            "Node ids {} are not a part of your loadbalancer",
            foreign.join(",")
        )
    })
}
