//! The one URL of the session persistence resource.

use rackcloud_core::ServiceClient;

/// `{endpoint}/loadbalancers/{id}/sessionpersistence`: no trailing slash, no query.
pub(crate) fn root_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["sessionpersistence"])
}
