//! The node_events of a load balancer (to be modelled with its resource).

/// The node_events state of one load balancer.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeEvents {}
