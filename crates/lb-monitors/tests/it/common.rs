//! Shared set-up: the helpers of every crate's tests, and this crate's paths and fixtures.

pub use rackcloud_testing::{dfw, dfw_no_retries, lb_path, quick, slow};

/// The path of the health monitor resource of load balancer `id`.
pub fn path(id: u64) -> String {
    lb_path(&format!("/{id}/healthmonitor"))
}

/// The fixture file's JSON, whitespace removed.
pub fn fixture(name: &str) -> String {
    rackcloud_testing::fixture(env!("CARGO_MANIFEST_DIR"), name)
}

/// A body sent exactly as given, past the crate's checks: how tests reach the server's own.
pub struct Raw(pub serde_json::Value);

impl lb_monitors::UpdateOptsBuilder for Raw {
    fn to_monitor_update_map(
        &self,
    ) -> Result<serde_json::Map<String, serde_json::Value>, rackcloud_core::Error> {
        let body = serde_json::json!({ "healthMonitor": self.0 });
        Ok(body.as_object().cloned().unwrap_or_default())
    }
}
