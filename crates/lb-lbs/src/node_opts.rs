//! [`NodeOpts`]: a back-end node of a new load balancer.

use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use crate::kinds::NodeCondition;

/// A back-end node for a new load balancer.
///
/// Nodes of an existing load balancer are a resource of their own (a sibling crate's job).
///
/// # Examples
///
/// ```
/// use lb_lbs::{NodeCondition, NodeOpts};
///
/// let node = NodeOpts::new("10.180.0.21", 8080).condition(NodeCondition::Draining).weight(5);
/// # let _ = node;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeOpts {
    address: String,
    port: u16,
    condition: NodeCondition,
    weight: Option<u32>,
}

impl NodeOpts {
    /// A node at `address` (an IP address) and `port`, `ENABLED`.
    pub fn new(address: impl Into<String>, port: u16) -> NodeOpts {
        NodeOpts {
            address: address.into(),
            port,
            condition: NodeCondition::Enabled,
            weight: None,
        }
    }

    /// Whether it receives traffic; `ENABLED` by default.
    pub fn condition(mut self, condition: NodeCondition) -> NodeOpts {
        self.condition = condition;
        self
    }

    /// Its weight for the weighted algorithms, 1 to 100.
    pub fn weight(mut self, weight: u32) -> NodeOpts {
        self.weight = Some(weight);
        self
    }

    pub(crate) fn to_json(&self) -> Result<Value, Error> {
        if self.address.trim().is_empty() {
            return Err(Error::invalid_input("a node address is empty"));
        }
        if self.port == 0 {
            return Err(Error::invalid_input(format!(
                "node {} has port 0; use 1 to 65535",
                self.address
            )));
        }
        let mut node = Map::new();
        node.insert("address".into(), json!(self.address));
        node.insert("port".into(), json!(self.port));
        node.insert("condition".into(), json!(self.condition));
        if let Some(weight) = self.weight {
            node.insert("weight".into(), json!(weight));
        }
        Ok(Value::Object(node))
    }
}
