//! [`NodeOpts`]: a back-end node of a new load balancer.

use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use rackcloud_core::model::{NodeCondition, NodeType};

/// A back-end node for a new load balancer.
///
/// Nodes of an existing load balancer are a resource of their own (a sibling crate's job).
///
/// # Examples
///
/// ```
/// use lb_lbs::{NodeCondition, NodeOpts, NodeType};
///
/// let node = NodeOpts::new("10.180.0.21", 8080).condition(NodeCondition::Draining).weight(5);
/// // A secondary node needs a health monitor, which the same creation may carry.
/// let standby = NodeOpts::new("10.180.0.22", 8080).node_type(NodeType::Secondary);
/// # let _ = (node, standby);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeOpts {
    address: String,
    port: u16,
    condition: NodeCondition,
    node_type: Option<NodeType>,
    weight: Option<u32>,
}

impl NodeOpts {
    /// A node at `address` (an IP address) and `port`, `ENABLED`.
    pub fn new(address: impl Into<String>, port: u16) -> NodeOpts {
        NodeOpts {
            address: address.into(),
            port,
            condition: NodeCondition::Enabled,
            node_type: None,
            weight: None,
        }
    }

    /// Whether it receives traffic; `ENABLED` by default.
    pub fn condition(mut self, condition: NodeCondition) -> NodeOpts {
        self.condition = condition;
        self
    }

    /// `PRIMARY` (the default) or `SECONDARY` (takes traffic only when no primary node can;
    /// needs a health monitor).
    pub fn node_type(mut self, node_type: NodeType) -> NodeOpts {
        self.node_type = Some(node_type);
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
        if let Some(node_type) = &self.node_type {
            node.insert("type".into(), json!(node_type));
        }
        if let Some(weight) = self.weight {
            node.insert("weight".into(), json!(weight));
        }
        Ok(Value::Object(node))
    }
}
