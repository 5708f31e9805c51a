//! The URLs of the node resource.

use rackcloud_core::ServiceClient;

/// `…/loadbalancers/{id}/nodes`.
pub(crate) fn root_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["nodes"])
}

/// `…/loadbalancers/{id}/nodes/{nodeId}`.
pub(crate) fn node_url(client: &ServiceClient, lb_id: u64, node_id: u64) -> String {
    client.lb_url(lb_id, &["nodes", &node_id.to_string()])
}

/// `…/loadbalancers/{id}/nodes/events`.
pub(crate) fn events_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["nodes", "events"])
}
