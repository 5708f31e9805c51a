//! [`Node`]: a back-end node as the service shows it.

use serde::Deserialize;

use super::node_kinds::{NodeCondition, NodeStatus, NodeType};

/// A node of a load balancer, as the service shows it: in a list of nodes (`lb_nodes::list`) or
/// in the load balancer (`lb_lbs::LoadBalancer::nodes`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Node {
    #[serde(deserialize_with = "crate::kit::lenient::id")]
    id: u64,
    address: String,
    #[serde(deserialize_with = "crate::kit::lenient::number")]
    port: u16,
    condition: NodeCondition,
    #[serde(default = "unknown_status")]
    status: NodeStatus,
    #[serde(default, deserialize_with = "crate::kit::lenient::opt_number")]
    weight: Option<u32>,
    #[serde(rename = "type", default = "primary")]
    node_type: NodeType,
}

fn unknown_status() -> NodeStatus {
    NodeStatus::Other(String::new())
}

fn primary() -> NodeType {
    NodeType::Primary
}

impl Node {
    /// The node's id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Its IP address or host name.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Its port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// How it takes traffic.
    pub fn condition(&self) -> &NodeCondition {
        &self.condition
    }

    /// Whether it passes its health check (`ONLINE`); an empty `Other` when the service sent
    /// none.
    pub fn status(&self) -> &NodeStatus {
        &self.status
    }

    /// Its weight; the service shows it only for weighted algorithms.
    pub fn weight(&self) -> Option<u32> {
        self.weight
    }

    /// Its role (`PRIMARY` when the service sent none).
    pub fn node_type(&self) -> &NodeType {
        &self.node_type
    }
}
