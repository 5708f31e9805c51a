//! [`NodeEvent`] and the result wrappers with their `extract` methods (a node is core's
//! `Node`).

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use crate::wire::opt_string;
use rackcloud_core::kit::lenient;
use rackcloud_core::model::Node;

/// A node service event: a change of a node, or of its health (`GET …/nodes/events`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeEvent {
    #[serde(deserialize_with = "lenient::id")]
    id: u64,
    #[serde(default, deserialize_with = "opt_string")]
    node_id: Option<String>,
    #[serde(rename = "loadbalancerId", default, deserialize_with = "opt_string")]
    load_balancer_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    account_id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    detailed_message: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(rename = "type", default)]
    event_type: Option<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    callback_host: Option<String>,
    #[serde(default)]
    relative_uri: Option<String>,
}

impl NodeEvent {
    /// The event's id (the marker of the next page).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The node it is about.
    pub fn node_id(&self) -> Option<u64> {
        self.node_id.as_deref().and_then(|s| s.parse().ok())
    }

    /// The load balancer (`loadbalancerId` on the wire).
    pub fn load_balancer_id(&self) -> Option<u64> {
        self.load_balancer_id
            .as_deref()
            .and_then(|s| s.parse().ok())
    }

    /// The account.
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    /// A short title, such as `Node Status Updated`.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// What happened, in a sentence.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The longer message.
    pub fn detailed_message(&self) -> Option<&str> {
        self.detailed_message.as_deref()
    }

    /// `CREATE`, `UPDATE`, `DELETE`, …
    pub fn category(&self) -> Option<&str> {
        self.category.as_deref()
    }

    /// The event type, such as `NODE_STATUS_CHANGE`.
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }

    /// `INFO`, `WARNING`, …
    pub fn severity(&self) -> Option<&str> {
        self.severity.as_deref()
    }

    /// Who made the change.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// When, as the service wrote it.
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }

    /// The host that ran the health check (gophercloud's `NodeEvent` lacks it).
    pub fn callback_host(&self) -> Option<&str> {
        self.callback_host.as_deref()
    }

    /// The node's path, relative to the service.
    pub fn relative_uri(&self) -> Option<&str> {
        self.relative_uri.as_deref()
    }
}

result_type! {
    /// The result of [`list`](crate::list): one page of nodes.
    #[must_use = "call extract to read the nodes"]
    pub struct ListResult(RequestResult);
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the node"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`create`](crate::create): the new nodes with their ids.
    #[must_use = "call extract to read the new nodes, or extract_err"]
    pub struct CreateResult(RequestResult) sent -> Vec<Node>;
}

result_type! {
    /// The result of [`update`](crate::update).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct UpdateResult(ErrResult) sent;
}

result_type! {
    /// The result of [`delete`](crate::delete).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult) sent;
}

result_type! {
    /// The result of [`events`](crate::events): one page of node service events.
    #[must_use = "call extract to read the events"]
    pub struct EventsResult(RequestResult);
}

impl ListResult {
    /// The nodes of the page.
    ///
    /// # Errors
    ///
    /// The request's error, or [`Decode`](rackcloud_core::ErrorKind::Decode) when the body is
    /// not `{"nodes":[…]}`.
    pub fn extract(self) -> Result<Vec<Node>, Error> {
        Ok(self.0.extract_json::<NodesBody>()?.nodes)
    }
}

impl GetResult {
    /// The node.
    ///
    /// # Errors
    ///
    /// The request's error (404 for a node not on the load balancer), or a decode error.
    pub fn extract(self) -> Result<Node, Error> {
        Ok(self.0.extract_json::<NodeBody>()?.node)
    }
}

impl CreateResult {
    /// The new nodes, with their ids and statuses (gophercloud swallowed the error here).
    ///
    /// # Errors
    ///
    /// The request's error, or a decode error when the answer holds no `{"nodes":[…]}`.
    pub fn extract(self) -> Result<Vec<Node>, Error> {
        Ok(self.0.extract_json::<NodesBody>()?.nodes)
    }

    /// Whether the server accepted the nodes, without reading the answer's body.
    ///
    /// # Errors
    ///
    /// The request's error.
    pub fn extract_err(self) -> Result<(), Error> {
        self.0.extract_err()
    }
}

impl EventsResult {
    /// The events of the page, oldest first.
    ///
    /// # Errors
    ///
    /// The request's error, or a decode error when the body is not
    /// `{"nodeServiceEvents":[…]}`.
    pub fn extract(self) -> Result<Vec<NodeEvent>, Error> {
        Ok(self.0.extract_json::<EventsBody>()?.node_service_events)
    }
}

#[derive(Deserialize)]
struct NodesBody {
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct NodeBody {
    node: Node,
}

#[derive(Deserialize)]
struct EventsBody {
    #[serde(rename = "nodeServiceEvents")]
    node_service_events: Vec<NodeEvent>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Condition, Type};

    #[test]
    fn numbers_may_be_strings_and_unknown_values_are_kept() {
        let body = r#"{"node":{"id":"7","address":"10.0.0.1","port":"80","condition":"PAUSED",
            "status":"ONLINE","weight":"3","type":"SECONDARY"}}"#;
        let node = serde_json::from_str::<NodeBody>(body).expect("a node").node;
        assert_eq!((node.id(), node.port(), node.weight()), (7, 80, Some(3)));
        assert_eq!(node.condition(), &Condition::Other("PAUSED".into()));
        assert_eq!(node.node_type(), &Type::Secondary);
        let bare = r#"{"nodes":[{"id":1,"address":"a","port":1,"condition":"ENABLED"}]}"#;
        let nodes = serde_json::from_str::<NodesBody>(bare)
            .expect("nodes")
            .nodes;
        assert_eq!(nodes[0].node_type(), &Type::Primary);
        assert_eq!(nodes[0].weight(), None);
    }

    #[test]
    fn events_read_every_field() {
        let body = r#"{"nodeServiceEvents":[{"id":1,"nodeId":410,"loadbalancerId":2000,
            "accountId":123456,"callbackHost":"10.0.0.1","type":"NODE_STATUS_CHANGE"}],"links":[]}"#;
        let events = serde_json::from_str::<EventsBody>(body)
            .expect("events")
            .node_service_events;
        assert_eq!(events[0].node_id(), Some(410));
        assert_eq!(events[0].load_balancer_id(), Some(2000));
        assert_eq!(events[0].account_id(), Some("123456"));
        assert_eq!(events[0].callback_host(), Some("10.0.0.1"));
    }
}
