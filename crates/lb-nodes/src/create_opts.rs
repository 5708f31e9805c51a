//! [`CreateOpts`] and the [`CreateOptsBuilder`] trait: the nodes to add (each a core
//! [`NodeOpts`]).

use rackcloud_core::Error;
use serde_json::{Map, Value};

use rackcloud_core::model::{NODE_LIMIT, NodeOpts, check_unique_nodes};

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

/// The nodes of one [`create`](crate::create): 1 to [`NODE_LIMIT`] nodes, no address and port
/// twice. All of them go in **one** request: adding nodes in parallel requests meets the
/// load balancer `PENDING_UPDATE` and fails.
///
/// # Examples
///
/// ```
/// use lb_nodes::{CreateOpts, CreateOptsBuilder};
/// use rackcloud_core::model::NodeOpts;
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
#[must_use = "a builder does nothing until it is used"]
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
        check_unique_nodes(self.nodes.iter().map(|n| (n.address.as_str(), n.port)))?;
        let nodes = self
            .nodes
            .iter()
            .map(|n| n.to_map().map(Value::Object))
            .collect::<Result<Vec<Value>, Error>>()?;
        let mut body = Map::new();
        body.insert("nodes".into(), Value::Array(nodes));
        Ok(body)
    }
}
