//! The node service events of a load balancer: every node change, kept in order and bounded,
//! served by `GET /loadbalancers/{id}/nodes/events` (docs/api/nodes.md).

use std::collections::VecDeque;

use jiff::Timestamp;
use serde_json::{Value, json};

use crate::time;

/// The most events kept per load balancer; older ones are forgotten first.
const MAX_EVENTS: usize = 1_000;

/// What happened to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeChange {
    Created,
    Updated,
    Deleted,
    /// The health check changed its status (`ONLINE`/`OFFLINE`).
    StatusChanged,
}

/// One node service event.
#[derive(Debug, Clone)]
pub(crate) struct NodeEvent {
    pub(crate) id: u64,
    pub(crate) node_id: u64,
    change: NodeChange,
    /// The node's address and port, or its new status for a status change.
    detail: String,
    created: Timestamp,
}

/// The node service events of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeEvents {
    events: VecDeque<NodeEvent>,
    last_id: u64,
}

impl NodeEvents {
    /// Records a change of node `node_id`; `detail` is `address:port`, or the new status.
    pub(crate) fn record(&mut self, node_id: u64, change: NodeChange, detail: String) {
        self.last_id = self.last_id.saturating_add(1);
        if self.events.len() >= MAX_EVENTS {
            self.events.pop_front();
        }
        self.events.push_back(NodeEvent {
            id: self.last_id,
            node_id,
            change,
            detail,
            created: Timestamp::now(),
        });
    }

    /// The events after `marker` (an event id), skipping `offset`, at most `limit`, oldest
    /// first, and whether more follow.
    pub(crate) fn page(
        &self,
        marker: Option<u64>,
        offset: usize,
        limit: usize,
    ) -> (Vec<&NodeEvent>, bool) {
        let mut rest = self
            .events
            .iter()
            .filter(|e| marker.is_none_or(|m| e.id > m))
            .skip(offset);
        let page: Vec<&NodeEvent> = rest.by_ref().take(limit).collect();
        (page, rest.next().is_some())
    }
}

impl NodeEvent {
    /// The event's JSON for load balancer `lb_id` of account `tenant`.
    pub(crate) fn json(&self, lb_id: u64, tenant: &str) -> Value {
        let node = self.node_id;
        let (title, kind, category, description) = match self.change {
            NodeChange::Created => (
                "Node Created",
                "CREATE_NODE",
                "CREATE",
                format!("Node '{node}' ({}) was created.", self.detail),
            ),
            NodeChange::Updated => (
                "Node Updated",
                "UPDATE_NODE",
                "UPDATE",
                format!("Node '{node}' ({}) was updated.", self.detail),
            ),
            NodeChange::Deleted => (
                "Node Deleted",
                "DELETE_NODE",
                "DELETE",
                format!("Node '{node}' ({}) was deleted.", self.detail),
            ),
            NodeChange::StatusChanged => (
                "Node Status Updated",
                "NODE_STATUS_CHANGE",
                "UPDATE",
                format!("Node '{node}' status changed to '{}'", self.detail),
            ),
        };
        let account: Value = tenant
            .parse::<u64>()
            .map_or_else(|_| json!(tenant), |n| json!(n));
        json!({
            "id": self.id,
            "nodeId": node,
            "loadbalancerId": lb_id,
            "accountId": account,
            "detailedMessage": description,
            "callbackHost": "10.0.0.1",
            "severity": "INFO",
            "author": "Rackspace Cloud",
            "created": time::lb_time(self.created),
            "category": category,
            "relativeUri": format!("/{tenant}/loadbalancers/{lb_id}/nodes/{node}"),
            "description": description,
            "title": title,
            "type": kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_the_marker_and_the_bound_drops_the_oldest() {
        let mut events = NodeEvents::default();
        for node in 0..(MAX_EVENTS as u64 + 5) {
            events.record(node, NodeChange::Created, "10.0.0.1:80".into());
        }
        assert_eq!(events.events.len(), MAX_EVENTS);
        let (page, more) = events.page(None, 0, 2);
        assert_eq!(page.iter().map(|e| e.id).collect::<Vec<_>>(), [6, 7]);
        assert!(more);
        let (page, more) = events.page(Some(1003), 0, 10);
        assert_eq!(page.iter().map(|e| e.id).collect::<Vec<_>>(), [1004, 1005]);
        assert!(!more);
        let json = page[0].json(7, "123456");
        assert_eq!(json["loadbalancerId"], 7);
        assert_eq!(json["accountId"], 123456);
    }
}
