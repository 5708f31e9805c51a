//! [`NodeOpts`]: one back-end node to add to a load balancer or to give at its creation.

use serde_json::{Map, Value, json};

use super::node_checks::{check_address, check_node_port, check_node_weight};
use super::node_kinds::{NodeCondition, NodeType};
use crate::Error;

/// One node to add: address and port, `ENABLED` unless told otherwise; type and weight are
/// sent only when set (the service then uses `PRIMARY` and 1).
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::{NodeCondition, NodeOpts, NodeType};
///
/// let node = NodeOpts::new("10.1.1.1", 80)
///     .condition(NodeCondition::Draining)
///     .node_type(NodeType::Secondary)
///     .weight(10);
/// // Plain data: each field reads as it was set.
/// assert_eq!((node.address.as_str(), node.port, node.weight), ("10.1.1.1", 80, Some(10)));
/// assert_eq!(node.to_map()?["type"], "SECONDARY");
/// assert!(NodeOpts::new("127.0.0.1", 80).to_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "the options do nothing until they are sent"]
pub struct NodeOpts {
    /// An IP address or a host name (one of the account's allowed domains).
    pub address: String,
    /// 1 to 65535.
    pub port: u16,
    /// How it takes traffic; `ENABLED` by default.
    pub condition: NodeCondition,
    /// Its role; sent only when set (the service's default is `PRIMARY`).
    pub node_type: Option<NodeType>,
    /// Its weight, 1 to 100; sent only when set (used by the weighted algorithms).
    pub weight: Option<u32>,
}

impl NodeOpts {
    /// A node at `address` (an IP address or a host name) and `port`, `ENABLED`.
    pub fn new(address: impl Into<String>, port: u16) -> NodeOpts {
        NodeOpts {
            address: address.into(),
            port,
            condition: NodeCondition::Enabled,
            node_type: None,
            weight: None,
        }
    }

    /// How it takes traffic (default `ENABLED`; add as `DRAINING` to let health checks run
    /// first).
    pub fn condition(mut self, condition: NodeCondition) -> NodeOpts {
        self.condition = condition;
        self
    }

    /// Its role (sent only when set; the service's default is `PRIMARY`).
    pub fn node_type(mut self, node_type: NodeType) -> NodeOpts {
        self.node_type = Some(node_type);
        self
    }

    /// Its weight, 1 to 100 (sent only when set; used by weighted algorithms).
    pub fn weight(mut self, weight: u32) -> NodeOpts {
        self.weight = Some(weight);
        self
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The node's JSON object, checked, keys in the documented order: what a node add
    /// (`lb_nodes::create`) and a creation (`lb_lbs::CreateOpts::node`) send.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error for an address the service
    /// never accepts (not an IP address or host name, `127.0.0.0/8`, `0.0.0.0`,
    /// `255.255.255.255`), port 0, a weight outside 1 to 100, or an empty condition or type.
    pub fn to_map(&self) -> Result<Map<String, Value>, Error> {
        check_address(&self.address)?;
        check_node_port(self.port)?;
        if self.condition.as_str().trim().is_empty() {
            return Err(Error::invalid_input(
                "the node condition is empty; use ENABLED, DISABLED or DRAINING",
            ));
        }
        let mut node = Map::new();
        node.insert("address".into(), json!(self.address));
        node.insert("port".into(), json!(self.port));
        node.insert("condition".into(), json!(self.condition));
        if let Some(node_type) = &self.node_type {
            if node_type.as_str().trim().is_empty() {
                return Err(Error::invalid_input(
                    "the node type is empty; use PRIMARY or SECONDARY",
                ));
            }
            node.insert("type".into(), json!(node_type));
        }
        if let Some(weight) = self.weight {
            check_node_weight(weight)?;
            node.insert("weight".into(), json!(weight));
        }
        Ok(node)
    }
}
