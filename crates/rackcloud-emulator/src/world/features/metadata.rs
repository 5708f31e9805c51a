//! The metadata of a load balancer and of its nodes (docs/api/metadata.md): the items, the
//! limits, and the part `GET /loadbalancers/{id}` shows.
//!
//! Node metadata lives here too, keyed by node id, so that the node model stays the nodes'
//! own; items of a node that no longer exists are unreachable (node ids are never reused).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

/// The metadata of one load balancer and of its nodes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Metadata {
    lb: Vec<Item>,
    nodes: BTreeMap<u64, Vec<Item>>,
    /// The last id given to an item of this load balancer or of its nodes.
    last_id: u64,
}

/// One item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) id: u64,
    pub(crate) key: String,
    pub(crate) value: String,
}

/// Whose items: the load balancer's or one node's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Of {
    LoadBalancer,
    Node(u64),
}

impl Of {
    /// The limit of items, and the words that end its message ("load balancer", "node").
    pub(crate) fn limit(self, limits: &crate::absolute_limits::Limits) -> (usize, &'static str) {
        match self {
            Of::LoadBalancer => (limits.load_balancer_meta, "load balancer"),
            Of::Node(_) => (limits.node_meta, "node"),
        }
    }
}

impl Metadata {
    /// The items of `of`, in the order they were added.
    pub(crate) fn items(&self, of: Of) -> &[Item] {
        match of {
            Of::LoadBalancer => &self.lb,
            Of::Node(node_id) => self.nodes.get(&node_id).map_or(&[], Vec::as_slice),
        }
    }

    /// The items of `of`, to change.
    pub(crate) fn items_mut(&mut self, of: Of) -> &mut Vec<Item> {
        match of {
            Of::LoadBalancer => &mut self.lb,
            Of::Node(node_id) => self.nodes.entry(node_id).or_default(),
        }
    }

    /// Adds the pairs to `of` with fresh ids and returns the new items.
    pub(crate) fn add(&mut self, of: Of, pairs: Vec<(String, String)>) -> Vec<Item> {
        let mut added = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            self.last_id = self.last_id.saturating_add(1);
            added.push(Item {
                id: self.last_id,
                key,
                value,
            });
        }
        self.items_mut(of).extend(added.iter().cloned());
        added
    }

    /// Adds `"metadata":[…]` to `GET /loadbalancers/{id}` when the load balancer has items.
    pub(crate) fn embed(&self, lb: &mut Map<String, Value>) {
        if !self.lb.is_empty() {
            lb.insert("metadata".into(), items_json(&self.lb));
        }
    }
}

impl Item {
    /// `{"id":…,"key":…,"value":…}`.
    pub(crate) fn json(&self) -> Value {
        json!({"id": self.id, "key": self.key, "value": self.value})
    }
}

/// `[{"id":…,"key":…,"value":…},…]`.
pub(crate) fn items_json(items: &[Item]) -> Value {
    Value::Array(items.iter().map(Item::json).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_shared_by_the_load_balancer_and_its_nodes() {
        let mut m = Metadata::default();
        let a = m.add(Of::LoadBalancer, vec![("a".into(), "1".into())]);
        let b = m.add(Of::Node(7), vec![("b".into(), "2".into())]);
        assert_eq!((a[0].id, b[0].id), (1, 2));
        assert_eq!(m.items(Of::Node(7)).len(), 1);
        assert!(m.items(Of::Node(8)).is_empty());
        let mut lb = Map::new();
        m.embed(&mut lb);
        assert_eq!(lb["metadata"], json!([{"id": 1, "key": "a", "value": "1"}]));
        assert_eq!(
            Of::Node(1).limit(&crate::absolute_limits::Limits::default()),
            (25, "node")
        );
    }
}
