//! Shared set-up: the helpers of every crate's tests, and a complete document.

use std::path::Path;

use rackcloud_core::FleetOpts;
pub use rackcloud_testing::{dfw, dfw_no_retries, quick};
use serde_json::{Value, json};

/// Fleet options that wait with [`quick`] polls.
pub fn fleet() -> FleetOpts {
    FleetOpts::new().wait(quick())
}

/// Writes `files` (name, text) and the document of `lbs` into `dir`, then reads the document
/// from there, as a user keeps it.
pub fn doc_in(dir: &Path, lbs: &[Value], files: &[(&str, &str)]) -> rackcloud_lb::Document {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("a test file");
    }
    let path = dir.join("lbs.json");
    std::fs::write(&path, json!({"load_balancers": lbs}).to_string()).expect("the document");
    rackcloud_lb::Document::read(&path).expect("a valid document")
}

/// A document entry using every field the planner compares.
pub fn full_lb(name: &str) -> Value {
    json!({
        "name": name,
        "protocol": "HTTP",
        "port": 80,
        "algorithm": "ROUND_ROBIN",
        "timeout": 45,
        "virtual_ips": [{"type": "PUBLIC", "ip_version": "IPV4"}],
        "nodes": [
            {"address": "10.1.0.1", "port": 8080},
            {"address": "10.1.0.2", "port": 8080, "condition": "DRAINING"},
            {"address": "10.1.0.3", "port": 8080, "type": "SECONDARY"}
        ],
        "health_monitor": {"type": "HTTP", "delay": 10, "timeout": 5,
                           "attempts_before_deactivation": 2, "path": "/health",
                           "status_regex": "^[23]"},
        "access_list": [{"address": "192.0.2.0/24", "type": "DENY"},
                        {"address": "198.51.100.7", "type": "ALLOW"}],
        "connection_throttle": {"max_connections": 100, "min_connections": 5,
                                "max_connection_rate": 50, "rate_interval": 60},
        "session_persistence": "HTTP_COOKIE",
        "connection_logging": true,
        "content_caching": true,
        "metadata": {"team": "web", "env": "prod"}
    })
}

/// A document of these entries.
pub fn doc(lbs: &[Value]) -> rackcloud_lb::Document {
    let text = json!({"load_balancers": lbs}).to_string();
    rackcloud_lb::Document::from_json(&text).expect("a valid document")
}
