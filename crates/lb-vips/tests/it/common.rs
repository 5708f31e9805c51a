//! Shared set-up: the helpers of every crate's tests, and this crate's paths and fixtures.

pub use rackcloud_testing::{dfw, dfw_no_retries, lb_path, quick, slow};

/// The path of the virtual IPs of load balancer `id`.
pub fn path(id: u64) -> String {
    lb_path(&format!("/{id}/virtualips"))
}

/// The fixture file's JSON, whitespace removed.
pub fn fixture(name: &str) -> String {
    rackcloud_testing::fixture(env!("CARGO_MANIFEST_DIR"), name)
}
