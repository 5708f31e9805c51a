//! [`Owner`]: what a metadata item belongs to, a load balancer or one of its nodes.

use std::fmt;

use rackcloud_core::Error;
use rackcloud_core::kit::check_id;

/// What metadata belongs to: a load balancer, or a node of a load balancer.
///
/// Every operation of this crate takes an owner, so the twelve operations of the API (six for
/// each owner) are six functions here.
///
/// # Examples
///
/// ```
/// use lb_metadata::Owner;
///
/// let lb = Owner::LoadBalancer(4);
/// let node = Owner::Node { lb_id: 4, node_id: 7 };
/// assert_eq!(lb.lb_id(), 4);
/// assert_eq!(node.node_id(), Some(7));
/// assert_eq!(node.to_string(), "node 7 of load balancer 4");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The load balancer with this id: `/loadbalancers/{id}/metadata`.
    LoadBalancer(u64),
    /// A node of a load balancer: `/loadbalancers/{id}/nodes/{nodeId}/metadata`.
    Node {
        /// The load balancer's id.
        lb_id: u64,
        /// The node's id.
        node_id: u64,
    },
}

impl Owner {
    /// The load balancer the metadata is under (the node's, for a node).
    pub fn lb_id(&self) -> u64 {
        match *self {
            Owner::LoadBalancer(lb_id) | Owner::Node { lb_id, .. } => lb_id,
        }
    }

    /// The node's id, for node metadata.
    pub fn node_id(&self) -> Option<u64> {
        match *self {
            Owner::LoadBalancer(_) => None,
            Owner::Node { node_id, .. } => Some(node_id),
        }
    }

    /// Refuses an id of zero.
    pub(crate) fn check(&self) -> Result<(), Error> {
        check_id("load balancer", self.lb_id())?;
        match self.node_id() {
            Some(node_id) => check_id("node", node_id),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Owner {
    /// `load balancer 4`, or `node 7 of load balancer 4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Owner::LoadBalancer(lb_id) => write!(f, "load balancer {lb_id}"),
            Owner::Node { lb_id, node_id } => write!(f, "node {node_id} of load balancer {lb_id}"),
        }
    }
}
