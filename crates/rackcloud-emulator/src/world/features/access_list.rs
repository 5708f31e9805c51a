//! The access list of a load balancer: its items in the order they were added, and its part of
//! `GET /loadbalancers/{id}` (docs/api/access-lists.md).

use serde_json::{Map, Value, json};

/// Item ids of load balancer `id` start at `id * ID_BLOCK + 1`, so that ids differ between load
/// balancers and are known in advance (docs/testing-with-the-emulator.md).
pub(crate) const ID_BLOCK: u64 = 100_000;

/// The access list state of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct AccessList {
    items: Vec<Item>,
    added: u64,
}

/// One item: its id, its address as the client wrote it, `ALLOW` or `DENY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) id: u64,
    pub(crate) address: String,
    pub(crate) kind: String,
}

impl AccessList {
    /// The items, in the order they were added.
    pub(crate) fn items(&self) -> &[Item] {
        &self.items
    }

    /// Whether an item has exactly this address (the server compares the text).
    pub(crate) fn has_address(&self, address: &str) -> bool {
        self.items.iter().any(|i| i.address == address)
    }

    /// Whether an item has this id.
    pub(crate) fn has_id(&self, id: u64) -> bool {
        self.items.iter().any(|i| i.id == id)
    }

    /// Appends items of load balancer `lb_id`, giving each the next id.
    pub(crate) fn append(&mut self, lb_id: u64, new: Vec<(String, String)>) {
        for (address, kind) in new {
            self.added += 1;
            let id = lb_id.saturating_mul(ID_BLOCK).saturating_add(self.added);
            self.items.push(Item { id, address, kind });
        }
    }

    /// Removes the items with these ids.
    pub(crate) fn remove(&mut self, ids: &[u64]) {
        self.items.retain(|i| !ids.contains(&i.id));
    }

    /// Removes every item.
    pub(crate) fn clear(&mut self) {
        self.items.clear();
    }

    /// `{"accessList":[…]}` for `GET …/accesslist`.
    pub(crate) fn json(&self) -> Value {
        json!({"accessList": self.items.iter().map(Item::json).collect::<Vec<_>>()})
    }

    /// Adds `accessList` to `GET /loadbalancers/{id}` when the list has items, as the service
    /// does (an empty list is left out).
    pub(crate) fn embed(&self, lb: &mut Map<String, Value>) {
        if !self.items.is_empty() {
            lb.insert(
                "accessList".into(),
                Value::Array(self.items.iter().map(Item::json).collect()),
            );
        }
    }
}

impl Item {
    fn json(&self) -> Value {
        json!({"id": self.id, "address": self.address, "type": self.kind})
    }
}
