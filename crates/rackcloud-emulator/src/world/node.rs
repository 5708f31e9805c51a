//! A back-end node of a load balancer: its fields, its simulated status and its JSON
//! (docs/api/nodes.md).

use serde_json::{Value, json};

/// The conditions the API accepts.
pub(crate) const CONDITIONS: [&str; 3] = ["ENABLED", "DISABLED", "DRAINING"];

/// The node types the API accepts.
pub(crate) const TYPES: [&str; 2] = ["PRIMARY", "SECONDARY"];

/// A back-end node of a load balancer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    pub(crate) id: u64,
    pub(crate) address: String,
    pub(crate) port: u16,
    /// `ENABLED`, `DISABLED` or `DRAINING`.
    pub(crate) condition: String,
    /// `PRIMARY` or `SECONDARY`.
    pub(crate) kind: String,
    pub(crate) weight: Option<u32>,
    /// Marked `OFFLINE` from outside (the health check fails), whatever its condition.
    pub(crate) offline: bool,
}

impl Node {
    /// A node whose health check passes.
    pub(crate) fn new(
        id: u64,
        address: &str,
        port: u16,
        condition: &str,
        kind: &str,
        weight: Option<u32>,
    ) -> Node {
        Node {
            id,
            address: address.to_owned(),
            port,
            condition: condition.to_owned(),
            kind: kind.to_owned(),
            weight,
            offline: false,
        }
    }

    /// The status the API shows: `OFFLINE` when `DISABLED` or marked offline, else `ONLINE`.
    pub(crate) fn status(&self) -> &'static str {
        if self.offline || self.condition == "DISABLED" {
            "OFFLINE"
        } else {
            "ONLINE"
        }
    }

    /// Whether it counts for the `PRIMARY`/`SECONDARY` rules: only `ENABLED` nodes do.
    pub(crate) fn is_enabled_as(&self, kind: &str) -> bool {
        self.condition == "ENABLED" && self.kind == kind
    }

    /// The node's JSON; `weight` (default 1) only for a weighted algorithm.
    pub(crate) fn json(&self, weighted: bool) -> Value {
        let mut node = json!({
            "id": self.id,
            "address": self.address,
            "port": self.port,
            "condition": self.condition,
            "status": self.status(),
            "type": self.kind,
        });
        if let (true, Some(map)) = (weighted, node.as_object_mut()) {
            map.insert("weight".into(), json!(self.weight.unwrap_or(1)));
        }
        node
    }
}

/// Whether an algorithm uses (and the API shows) node weights.
pub(crate) fn is_weighted(algorithm: &str) -> bool {
    algorithm.starts_with("WEIGHTED_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_condition_and_the_health_check() {
        let mut node = Node::new(1, "10.0.0.1", 80, "DRAINING", "PRIMARY", Some(5));
        assert_eq!(node.status(), "ONLINE");
        node.offline = true;
        assert_eq!(node.status(), "OFFLINE");
        node.offline = false;
        node.condition = "DISABLED".into();
        assert_eq!(node.status(), "OFFLINE");
        assert!(node.json(false).get("weight").is_none());
        assert_eq!(node.json(true)["weight"], 5);
    }
}
