//! [`NodeOpts`], [`CreateOpts`] and the [`CreateOptsBuilder`] trait: the nodes to add.

use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use crate::checks::{NODE_LIMIT, check_address, check_port, check_unique, check_weight};
use crate::{Condition, Type};

/// Anything that can build the body of a [`create`](crate::create) request.
///
/// [`CreateOpts`] is the usual implementation; implement it for your own types to send a body
/// this crate does not build.
pub trait CreateOptsBuilder {
    /// The JSON object to send: `{"nodes":[{…}]}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_node_create_map(&self) -> Result<Map<String, Value>, Error>;
}

/// One node to add: address and port, `ENABLED` unless told otherwise; type and weight are
/// sent only when set (the service then uses `PRIMARY` and 1).
///
/// # Examples
///
/// ```
/// use lb_nodes::{Condition, NodeOpts, Type};
///
/// let node = NodeOpts::new("10.1.1.1", 80)
///     .condition(Condition::Draining)
///     .node_type(Type::Secondary)
///     .weight(10);
/// assert_eq!(node.address(), "10.1.1.1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeOpts {
    address: String,
    port: u16,
    condition: Condition,
    node_type: Option<Type>,
    weight: Option<u32>,
}

impl NodeOpts {
    /// A node at `address` (an IP address or a host name) and `port`, `ENABLED`.
    pub fn new(address: impl Into<String>, port: u16) -> NodeOpts {
        NodeOpts {
            address: address.into(),
            port,
            condition: Condition::Enabled,
            node_type: None,
            weight: None,
        }
    }

    /// How it takes traffic (default `ENABLED`; add as `DRAINING` to let health checks run
    /// first).
    pub fn condition(mut self, condition: Condition) -> NodeOpts {
        self.condition = condition;
        self
    }

    /// Its role (sent only when set; the service's default is `PRIMARY`).
    pub fn node_type(mut self, node_type: Type) -> NodeOpts {
        self.node_type = Some(node_type);
        self
    }

    /// Its weight, 1 to 100 (sent only when set; used by weighted algorithms).
    pub fn weight(mut self, weight: u32) -> NodeOpts {
        self.weight = Some(weight);
        self
    }

    /// The address.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The condition.
    pub fn get_condition(&self) -> &Condition {
        &self.condition
    }

    /// The type, when set.
    pub fn get_node_type(&self) -> Option<&Type> {
        self.node_type.as_ref()
    }

    /// The weight, when set.
    pub fn get_weight(&self) -> Option<u32> {
        self.weight
    }

    /// Checks the node and gives its JSON object, keys in the documented order.
    pub(crate) fn to_json(&self) -> Result<Value, Error> {
        check_address(&self.address)?;
        check_port(self.port)?;
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
            check_weight(weight)?;
            node.insert("weight".into(), json!(weight));
        }
        Ok(Value::Object(node))
    }
}

/// The nodes of one [`create`](crate::create): 1 to [`NODE_LIMIT`] nodes, no address and port
/// twice. All of them go in **one** request: adding nodes in parallel requests meets the
/// load balancer `PENDING_UPDATE` and fails.
///
/// # Examples
///
/// ```
/// use lb_nodes::{CreateOpts, CreateOptsBuilder, NodeOpts};
/// use serde_json::{Value, json};
///
/// let opts = CreateOpts::new([NodeOpts::new("10.1.1.1", 80), NodeOpts::new("10.1.1.2", 80)]);
/// let body = opts.to_node_create_map()?;
/// assert_eq!(Value::Object(body), json!({"nodes": [
///     {"address": "10.1.1.1", "port": 80, "condition": "ENABLED"},
///     {"address": "10.1.1.2", "port": 80, "condition": "ENABLED"},
/// ]}));
///
/// let twice = CreateOpts::new([NodeOpts::new("10.1.1.1", 80), NodeOpts::new("10.1.1.1", 80)]);
/// assert!(twice.to_node_create_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateOpts {
    nodes: Vec<NodeOpts>,
}

impl CreateOpts {
    /// These nodes.
    pub fn new(nodes: impl IntoIterator<Item = NodeOpts>) -> CreateOpts {
        CreateOpts {
            nodes: nodes.into_iter().collect(),
        }
    }

    /// One more node.
    pub fn node(mut self, node: NodeOpts) -> CreateOpts {
        self.nodes.push(node);
        self
    }

    /// The nodes.
    pub fn nodes(&self) -> &[NodeOpts] {
        &self.nodes
    }
}

impl CreateOptsBuilder for CreateOpts {
    fn to_node_create_map(&self) -> Result<Map<String, Value>, Error> {
        if self.nodes.is_empty() {
            return Err(Error::invalid_input(
                "no nodes were given; add at least one",
            ));
        }
        if self.nodes.len() > NODE_LIMIT {
            return Err(Error::invalid_input(format!(
                "{} nodes were given; a load balancer has at most {NODE_LIMIT} (NODE_LIMIT)",
                self.nodes.len()
            )));
        }
        check_unique(self.nodes.iter().map(|n| (n.address.as_str(), n.port)))?;
        let nodes = self
            .nodes
            .iter()
            .map(NodeOpts::to_json)
            .collect::<Result<Vec<Value>, Error>>()?;
        let mut body = Map::new();
        body.insert("nodes".into(), Value::Array(nodes));
        Ok(body)
    }
}
