//! The URLs of the access list resource.

use rackcloud_core::ServiceClient;

/// `{endpoint}/loadbalancers/{id}/accesslist`.
pub(crate) fn root_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["accesslist"])
}

/// `{endpoint}/loadbalancers/{id}/accesslist/{itemId}`.
pub(crate) fn item_url(client: &ServiceClient, lb_id: u64, item_id: u64) -> String {
    client.lb_url(lb_id, &["accesslist", &item_id.to_string()])
}
