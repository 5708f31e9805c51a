//! Shared set-up: the helpers of every crate's tests, and this crate's paths and fixtures.

// No `quick`/`slow`: metadata changes leave the load balancer ACTIVE, so nothing here waits.
pub use rackcloud_testing::{dfw, dfw_no_retries, lb_path};

use lb_metadata::Owner;
use rackcloud_core::ServiceClient;

/// The path of the metadata of `owner`.
pub fn path(owner: Owner) -> String {
    match owner {
        Owner::LoadBalancer(id) => lb_path(&format!("/{id}/metadata")),
        Owner::Node { lb_id, node_id } => lb_path(&format!("/{lb_id}/nodes/{node_id}/metadata")),
    }
}

/// The first node of load balancer `lb_id`, read from its details.
pub fn first_node(client: &ServiceClient, lb_id: u64) -> Owner {
    let detail: serde_json::Value = client
        .get(&client.lb_url(lb_id, &[]))
        .extract_json()
        .expect("details");
    let node_id = detail["loadBalancer"]["nodes"][0]["id"]
        .as_u64()
        .expect("a node");
    Owner::Node { lb_id, node_id }
}

/// The fixture file's JSON, whitespace removed.
pub fn fixture(name: &str) -> String {
    rackcloud_testing::fixture(env!("CARGO_MANIFEST_DIR"), name)
}
