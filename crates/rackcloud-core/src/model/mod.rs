//! The shared vocabulary of the load balancer crates: the option types and enums that more than
//! one service crate sends, declared once here so that each sibling re-exports the same type.
//!
//! A health monitor is set on its own (`lb_monitors::update`) or at creation
//! (`lb_lbs::CreateOpts::health_monitor`); both take a [`MonitorOpts`]. The same holds for a
//! connection throttle ([`ThrottleOpts`]), access list items ([`AppendOpts`]) and the session
//! persistence mode ([`PersistenceType`]), the node and virtual IP enums, and a load
//! balancer's status ([`LbStatus`]). Each type checks its values when its JSON is built
//! (`to_map`, `to_items`), before anything is sent; the service crates wrap that JSON in their
//! own request bodies.
//!
//! Users and authors of sibling crates alike import them from here
//! (`use rackcloud_core::model::{HttpOpts, NodeOpts}`): the service crates take and return them,
//! and re-export one only under a per-operation name (`lb_acl::AppendOpts` is [`AppendOpts`]) or
//! as a package's `Type`, `Condition` or `Status` (`lb_nodes::Type` is [`NodeType`]).
//!
//! # Examples
//!
//! ```
//! use rackcloud_core::model::{AppendOpts, HttpOpts, MonitorOpts, ThrottleOpts};
//!
//! let monitor: MonitorOpts = HttpOpts::http(10, 5, 2, "/health", "^2").into();
//! assert_eq!(monitor.to_map()?["path"], "/health");
//! assert_eq!(ThrottleOpts::new(50).to_map()?["maxConnections"], 50);
//! assert_eq!(AppendOpts::new().deny("192.0.2.0/24").to_items()?.len(), 1);
//! # Ok::<(), rackcloud_core::Error>(())
//! ```

mod access_list_opts;
mod address;
mod health_monitor;
mod metadata_opts;
mod monitor_opts;
mod monitor_type;
mod monitor_update;
mod node;
mod node_checks;
mod node_kinds;
mod node_opts;
mod persistence_type;
mod rule_type;
mod throttle_opts;
mod vip_kinds;
mod virtual_ip;

pub use crate::lb_status::LbStatus;
pub use access_list_opts::{AppendItem, AppendOpts, MAX_ITEMS};
pub use address::check_address;
pub use health_monitor::HealthMonitor;
pub use metadata_opts::{
    MAX_KEY_CHARS, MAX_METADATA_ITEMS, MAX_VALUE_CHARS, MetadataOpts, check_metadata_key,
    check_metadata_value,
};
pub use monitor_opts::{
    ATTEMPTS, ConnectOpts, DELAY_SECONDS, HttpOpts, MAX_HOST_HEADER_CHARS, MAX_PATH_OR_REGEX_CHARS,
    MonitorOpts, TIMEOUT_SECONDS,
};
pub use monitor_type::MonitorType;
pub use monitor_update::MonitorUpdateOpts;
pub use node::Node;
pub use node_checks::{
    NODE_LIMIT, NODE_WEIGHTS, check_node_port, check_node_weight, check_unique_nodes,
    node_address_key,
};
pub use node_kinds::{NodeCondition, NodeStatus, NodeType};
pub use node_opts::NodeOpts;
pub use persistence_type::PersistenceType;
pub use rule_type::RuleType;
pub use throttle_opts::{
    MAX_CONNECTION_RATE, MAX_CONNECTIONS, MIN_CONNECTIONS, RATE_INTERVAL, ThrottleOpts,
};
pub use vip_kinds::{IpVersion, VipType};
pub use virtual_ip::VirtualIp;
