//! The one URL of the connection throttle resource.

use rackcloud_core::ServiceClient;

/// `{endpoint}/loadbalancers/{id}/connectionthrottle`: no trailing slash, no query.
pub(crate) fn root_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["connectionthrottle"])
}
