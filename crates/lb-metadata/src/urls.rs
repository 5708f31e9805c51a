//! The URLs of the metadata resource, under a load balancer or under one of its nodes.

use rackcloud_core::ServiceClient;

use crate::owner::Owner;

/// `…/loadbalancers/{id}/metadata` or `…/loadbalancers/{id}/nodes/{nodeId}/metadata`.
pub(crate) fn root_url(client: &ServiceClient, owner: Owner) -> String {
    match owner {
        Owner::LoadBalancer(lb_id) => client.lb_url(lb_id, &["metadata"]),
        Owner::Node { lb_id, node_id } => {
            client.lb_url(lb_id, &["nodes", &node_id.to_string(), "metadata"])
        }
    }
}

/// The URL of one item: the owner's root URL, then `/{metaId}`.
pub(crate) fn item_url(client: &ServiceClient, owner: Owner, meta_id: u64) -> String {
    format!("{}/{meta_id}", root_url(client, owner))
}
