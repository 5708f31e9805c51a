//! [`UpdateOpts`], the [`UpdateOptsBuilder`] trait and [`BulkUpdateOpts`]: changes to nodes.

use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use crate::{Condition, Type};
use rackcloud_core::model::check_node_weight;

/// Anything that can build the body of an [`update`](crate::update) request.
pub trait UpdateOptsBuilder {
    /// The JSON object to send: `{"node":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_node_update_map(&self) -> Result<Map<String, Value>, Error>;
}

/// A change to one node: at least one of condition, type and weight. Address and port cannot
/// be changed: delete the node and add another.
///
/// # Examples
///
/// ```
/// use lb_nodes::{Condition, UpdateOpts, UpdateOptsBuilder};
/// use serde_json::{Value, json};
///
/// let body = UpdateOpts::new().condition(Condition::Draining).weight(5).to_node_update_map()?;
/// assert_eq!(Value::Object(body), json!({"node": {"condition": "DRAINING", "weight": 5}}));
/// assert!(UpdateOpts::new().to_node_update_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "the options do nothing until they are sent"]
pub struct UpdateOpts {
    /// The new condition, when set.
    pub condition: Option<Condition>,
    /// The new type, when set.
    pub node_type: Option<Type>,
    /// The new weight, 1 to 100, when set.
    pub weight: Option<u32>,
}

impl UpdateOpts {
    /// No change yet.
    pub fn new() -> UpdateOpts {
        UpdateOpts::default()
    }

    /// The new condition.
    pub fn condition(mut self, condition: Condition) -> UpdateOpts {
        self.condition = Some(condition);
        self
    }

    /// The new type.
    pub fn node_type(mut self, node_type: Type) -> UpdateOpts {
        self.node_type = Some(node_type);
        self
    }

    /// The new weight, 1 to 100.
    pub fn weight(mut self, weight: u32) -> UpdateOpts {
        self.weight = Some(weight);
        self
    }

    /// Whether nothing would change.
    pub fn is_empty(&self) -> bool {
        self.condition.is_none() && self.node_type.is_none() && self.weight.is_none()
    }

    /// The fields as a JSON object, checked: `condition`, `type`, `weight`.
    pub(crate) fn fields(&self) -> Result<Map<String, Value>, Error> {
        if self.is_empty() {
            return Err(Error::invalid_input(
                "nothing to change; set a condition, a type or a weight",
            ));
        }
        let mut node = Map::new();
        if let Some(condition) = &self.condition {
            if condition.as_str().trim().is_empty() {
                return Err(Error::invalid_input("the node condition is empty"));
            }
            node.insert("condition".into(), json!(condition));
        }
        if let Some(node_type) = &self.node_type {
            if node_type.as_str().trim().is_empty() {
                return Err(Error::invalid_input("the node type is empty"));
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

impl UpdateOptsBuilder for UpdateOpts {
    fn to_node_update_map(&self) -> Result<Map<String, Value>, Error> {
        let mut body = Map::new();
        body.insert("node".into(), Value::Object(self.fields()?));
        Ok(body)
    }
}

/// Changes to several nodes for [`bulk_update`](crate::bulk_update): one [`UpdateOpts`] per
/// node id, each id once. Sent [`MAX_IDS_PER_REQUEST`](rackcloud_core::kit::MAX_IDS_PER_REQUEST)
/// nodes a request.
///
/// # Examples
///
/// ```
/// use lb_nodes::{BulkUpdateOpts, Condition, UpdateOpts};
///
/// let opts = BulkUpdateOpts::new()
///     .node(410, UpdateOpts::new().condition(Condition::Disabled))
///     .node(411, UpdateOpts::new().weight(10));
/// assert_eq!(opts.ids(), [410, 411]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct BulkUpdateOpts {
    updates: Vec<(u64, UpdateOpts)>,
}

impl BulkUpdateOpts {
    /// No change yet.
    pub fn new() -> BulkUpdateOpts {
        BulkUpdateOpts::default()
    }

    /// Changes node `id` so.
    pub fn node(mut self, id: u64, update: UpdateOpts) -> BulkUpdateOpts {
        self.updates.push((id, update));
        self
    }

    /// The node ids, in order.
    pub fn ids(&self) -> Vec<u64> {
        self.updates.iter().map(|(id, _)| *id).collect()
    }

    /// The changes, in order.
    pub fn updates(&self) -> &[(u64, UpdateOpts)] {
        &self.updates
    }

    /// Whether there is nothing to change.
    pub fn is_empty(&self) -> bool {
        self.updates.is_empty()
    }

    /// `{"nodes":[{"id":…,…}]}` for the nodes `ids` (a chunk of [`ids`](Self::ids)).
    pub(crate) fn body_for(&self, ids: &[u64]) -> Result<Value, Error> {
        let mut nodes = Vec::with_capacity(ids.len());
        for id in ids {
            let Some((_, update)) = self.updates.iter().find(|(i, _)| i == id) else {
                continue;
            };
            let mut node = Map::new();
            node.insert("id".into(), json!(id));
            node.extend(update.fields()?);
            nodes.push(Value::Object(node));
        }
        Ok(json!({ "nodes": nodes }))
    }

    /// Checks every change before anything is sent.
    pub(crate) fn check(&self) -> Result<(), Error> {
        rackcloud_core::kit::check_ids("node", &self.ids())?;
        for (id, update) in &self.updates {
            update.fields().map_err(|e| {
                Error::invalid_input(format!("node {id}: {}", e.detail().unwrap_or("invalid")))
            })?;
        }
        Ok(())
    }
}
