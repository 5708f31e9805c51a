//! The URLs of the virtual IP resource.

use rackcloud_core::ServiceClient;

/// `{endpoint}/loadbalancers/{id}/virtualips`: list, add, and (with a query) bulk delete.
pub(crate) fn root_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["virtualips"])
}

/// `{endpoint}/loadbalancers/{id}/virtualips/{vipId}`: one virtual IP.
pub(crate) fn resource_url(client: &ServiceClient, lb_id: u64, vip_id: u64) -> String {
    client.lb_url(lb_id, &["virtualips", &vip_id.to_string()])
}
