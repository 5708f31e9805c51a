//! Add, update and delete one node (docs/api/nodes.md, in the server's order of checks).

use serde_json::{Value, json};

use super::super::live::{Done, mutate_live, require};
use super::super::{Answer, Under};
use super::{bodies, node_not_found, secondary_rules};
use crate::features::node_events::NodeChange;
use crate::http::Reply;
use crate::load_balancer::LoadBalancer;
use crate::node::{Node, is_weighted};

/// POST `…/nodes`: body (400; an empty list is valid) → duplicates in the request (400) →
/// lookup (404, 410) → status (422) → the node limit (413) → the `SECONDARY` rules (400) → a
/// duplicate of an existing node (422) → an address of a virtual IP (400) → 202
/// `{"nodes":[…]}` with the new nodes, `PENDING_UPDATE` (also for an empty list, as the
/// service does).
pub(super) fn add(at: Under<'_>, body: &[u8]) -> Answer {
    let new = bodies::add(body)?;
    mutate_live(at, |lb, world| {
        lb.check_mutable(world.now)?;
        let limit = at.shared.config.limits.nodes;
        require(
            lb.nodes.len() + new.len() <= limit,
            413,
            &format!("Nodes must not exceed {limit} per load balancer."),
        )?;
        let first_id = world.state.next_node_id;
        let nodes: Vec<Node> = new
            .iter()
            .zip(first_id..)
            .map(|(n, node_id)| {
                Node::new(node_id, &n.address, n.port, &n.condition, &n.kind, n.weight)
            })
            .collect();
        secondary_rules(lb, lb.nodes.iter().chain(&nodes))?;
        let duplicate = nodes.iter().any(|n| {
            lb.nodes
                .iter()
                .any(|old| old.port == n.port && old.address.eq_ignore_ascii_case(&n.address))
        });
        require(
            !duplicate,
            422,
            "Duplicate nodes detected. One or more nodes already configured on load balancer.",
        )?;
        let on_vip = (new.iter()).any(|n| lb.virtual_ips.iter().any(|v| v.address == n.address));
        require(
            !on_vip,
            400,
            "Invalid node address. The load balancer's virtual ip or host end point address cannot be used as a node address.",
        )?;
        let weighted = is_weighted(&lb.algorithm);
        let answer: Vec<Value> = nodes.iter().map(|n| n.json(weighted)).collect();
        for node in nodes {
            record(lb, &node, NodeChange::Created);
            lb.nodes.push(node);
        }
        let count = u64::try_from(answer.len()).unwrap_or(0);
        world.state.next_node_id = first_id.saturating_add(count);
        Ok(Done::AcceptedWith(json!({ "nodes": answer })))
    })
}

/// PUT `…/nodes/{nodeId}`: body (400) → lookup (404, 410, node 404) → the `SECONDARY` rules
/// (400) → status (422) → 202, `PENDING_UPDATE`.
pub(super) fn update(at: Under<'_>, node_id: u64, body: &[u8]) -> Answer {
    let change = bodies::update(body)?;
    mutate_live(at, |lb, world| {
        let index = position(lb, node_id)?;
        let mut after = lb.nodes.clone();
        apply(&mut after[index], &change);
        secondary_rules(lb, after.iter())?;
        lb.check_mutable(world.now)?;
        record(lb, &after[index], NodeChange::Updated);
        lb.nodes = after;
        Ok(Done::Accepted)
    })
}

/// DELETE `…/nodes/{nodeId}`: lookup (404, 410, node 404) → status (422) → 202,
/// `PENDING_UPDATE`.
pub(super) fn delete(at: Under<'_>, node_id: u64) -> Answer {
    mutate_live(at, |lb, world| {
        let index = position(lb, node_id)?;
        lb.check_mutable(world.now)?;
        let node = lb.nodes.remove(index);
        record(lb, &node, NodeChange::Deleted);
        Ok(Done::Accepted)
    })
}

/// Where the node is on the load balancer; otherwise its 404.
fn position(lb: &LoadBalancer, node_id: u64) -> Result<usize, Reply> {
    (lb.nodes.iter().position(|n| n.id == node_id)).ok_or_else(|| node_not_found(lb.id, node_id))
}

/// Records a node service event for a change to `node`, naming its address and port.
pub(super) fn record(lb: &mut LoadBalancer, node: &Node, change: NodeChange) {
    let detail = format!("{}:{}", node.address, node.port);
    lb.features.node_events.record(node.id, change, detail);
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
