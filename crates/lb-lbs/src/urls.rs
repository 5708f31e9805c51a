//! The two URLs of the load balancer resource.

use rackcloud_core::ServiceClient;

/// `{endpoint}/loadbalancers`: list (with an optional query) and create.
pub(crate) fn root_url(client: &ServiceClient) -> String {
    client.service_url(&["loadbalancers"])
}

/// `{endpoint}/loadbalancers/{id}`: get, update and delete; no trailing slash, no query.
pub(crate) fn resource_url(client: &ServiceClient, id: u64) -> String {
    client.lb_url(id, &[])
}
