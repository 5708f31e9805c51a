//! The URLs of SSL termination, its ciphers and its certificate mappings.

use rackcloud_core::ServiceClient;

/// `…/loadbalancers/{id}/ssltermination`.
pub(crate) fn termination_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["ssltermination"])
}

/// `…/loadbalancers/{id}/ssltermination/ciphers`.
pub(crate) fn ciphers_url(client: &ServiceClient, lb_id: u64) -> String {
    client.lb_url(lb_id, &["ssltermination", "ciphers"])
}

/// `…/loadbalancers/{id}/ssltermination/certificatemappings[/{mapping_id}]`.
pub(crate) fn mappings_url(client: &ServiceClient, lb_id: u64, mapping_id: Option<u64>) -> String {
    match mapping_id {
        Some(m) => client.lb_url(
            lb_id,
            &["ssltermination", "certificatemappings", &m.to_string()],
        ),
        None => client.lb_url(lb_id, &["ssltermination", "certificatemappings"]),
    }
}
