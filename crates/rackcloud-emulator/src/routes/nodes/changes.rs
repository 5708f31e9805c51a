//! Add, update and delete one node (docs/api/nodes.md, in the server's order of checks).

use std::time::Instant;

use serde_json::{Value, json};

use super::super::Account;
use super::super::load_balancers::live;
use super::{bodies, node_not_found, secondary_rules};
use crate::error_replies;
use crate::features::node_events::NodeChange;
use crate::http::Reply;
use crate::node::{Node, is_weighted};
use crate::state::Shared;
use crate::sync::lock;

/// POST `…/nodes`: body (400; an empty list is valid) → duplicates in the request (400) →
/// lookup (404, 410) → status (422) → the node limit (413) → the `SECONDARY` rules (400) → a
/// duplicate of an existing node (422) → an address of a virtual IP (400) → 202
/// `{"nodes":[…]}` with the new nodes, `PENDING_UPDATE` (also for an empty list, as the
/// service does).
pub(super) fn add(shared: &Shared, account: Account<'_>, id: u64, body: &[u8]) -> Reply {
    let new = match bodies::add(body) {
        Ok(new) => new,
        Err(err) => return err.reply(),
    };
    let mut guard = lock(&shared.state);
    let state = &mut *guard;
    let now = Instant::now();
    let first_id = state.next_node_id;
    let lb = match live(state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    let limit = shared.config.limits.nodes;
    if lb.nodes.len() + new.len() > limit {
        return error_replies::flat(
            413,
            &format!("Nodes must not exceed {limit} per load balancer."),
        );
    }
    let nodes: Vec<Node> = new
        .iter()
        .zip(first_id..)
        .map(|(n, node_id)| Node::new(node_id, &n.address, n.port, &n.condition, &n.kind, n.weight))
        .collect();
    if let Err(reply) = secondary_rules(lb, lb.nodes.iter().chain(&nodes)) {
        return reply;
    }
    let duplicate = nodes.iter().any(|n| {
        lb.nodes
            .iter()
            .any(|old| old.port == n.port && old.address.eq_ignore_ascii_case(&n.address))
    });
    if duplicate {
        return error_replies::flat(
            422,
            "Duplicate nodes detected. One or more nodes already configured on load balancer.",
        );
    }
    if new
        .iter()
        .any(|n| lb.virtual_ips.iter().any(|v| v.address == n.address))
    {
        return error_replies::flat(
            400,
            "Invalid node address. The load balancer's virtual ip or host end point address cannot be used as a node address.",
        );
    }
    let weighted = is_weighted(&lb.algorithm);
    let answer: Vec<Value> = nodes.iter().map(|n| n.json(weighted)).collect();
    for node in nodes {
        let detail = format!("{}:{}", node.address, node.port);
        lb.features
            .node_events
            .record(node.id, NodeChange::Created, detail);
        lb.nodes.push(node);
    }
    lb.begin_update(shared.config.pending_time);
    let count = u64::try_from(answer.len()).unwrap_or(0);
    state.next_node_id = first_id.saturating_add(count);
    Reply::json(202, json!({ "nodes": answer }))
}

/// PUT `…/nodes/{nodeId}`: body (400) → lookup (404, 410, node 404) → the `SECONDARY` rules
/// (400) → status (422) → 202, `PENDING_UPDATE`.
pub(super) fn update(
    shared: &Shared,
    account: Account<'_>,
    id: u64,
    node_id: u64,
    body: &[u8],
) -> Reply {
    let change = match bodies::update(body) {
        Ok(change) => change,
        Err(err) => return err.reply(),
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let Some(index) = lb.nodes.iter().position(|n| n.id == node_id) else {
        return node_not_found(id, node_id);
    };
    let mut after = lb.nodes.clone();
    apply(&mut after[index], &change);
    if let Err(reply) = secondary_rules(lb, after.iter()) {
        return reply;
    }
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    let node = &after[index];
    let detail = format!("{}:{}", node.address, node.port);
    lb.features
        .node_events
        .record(node_id, NodeChange::Updated, detail);
    lb.nodes = after;
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}

/// DELETE `…/nodes/{nodeId}`: lookup (404, 410, node 404) → status (422) → 202,
/// `PENDING_UPDATE`.
pub(super) fn delete(shared: &Shared, account: Account<'_>, id: u64, node_id: u64) -> Reply {
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let lb = match live(&mut state, account, id, now) {
        Ok(lb) => lb,
        Err(reply) => return reply,
    };
    let Some(index) = lb.nodes.iter().position(|n| n.id == node_id) else {
        return node_not_found(id, node_id);
    };
    if let Err(reply) = lb.check_mutable(now) {
        return reply;
    }
    let node = lb.nodes.remove(index);
    let detail = format!("{}:{}", node.address, node.port);
    lb.features
        .node_events
        .record(node_id, NodeChange::Deleted, detail);
    lb.begin_update(shared.config.pending_time);
    Reply::empty(202)
}

/// Applies a validated change to a node.
pub(super) fn apply(node: &mut Node, change: &bodies::NodeChanges) {
    if let Some(condition) = &change.condition {
        node.condition.clone_from(condition);
    }
    if let Some(kind) = &change.kind {
        node.kind.clone_from(kind);
    }
    if let Some(weight) = change.weight {
        node.weight = Some(weight);
    }
}
