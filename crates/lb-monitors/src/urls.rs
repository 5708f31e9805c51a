//! The one URL of the health monitor resource.

use rackcloud_core::ServiceClient;

/// `{endpoint}/loadbalancers/{id}/healthmonitor`: no trailing slash, no query.
pub(crate) fn root_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["healthmonitor"])
}
