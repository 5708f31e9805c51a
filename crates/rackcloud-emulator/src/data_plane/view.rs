//! What a connection needs of a load balancer, as plain copies: `snapshot.rs` makes them from
//! the world state. Nothing here names the world state, so the data plane's own state
//! (`plane.rs`) can hold these types.

use std::time::Duration;

use super::LbKey;
use crate::features::health_monitor::HealthMonitor;

/// The protocols the data plane does not carry.
pub(crate) const NOT_CARRIED: [&str; 3] = ["UDP", "UDP_STREAM", "DNS_UDP"];

/// One node, as balancing sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NodeView {
    pub(crate) id: u64,
    pub(crate) address: String,
    pub(crate) port: u16,
    /// `ENABLED`, `DRAINING` or `DISABLED`.
    pub(crate) condition: String,
    /// `PRIMARY` or `SECONDARY`.
    pub(crate) kind: String,
    /// 1 unless set.
    pub(crate) weight: u32,
    /// The status the API shows is `ONLINE`.
    pub(crate) online: bool,
}

/// The SSL termination, as the secure port needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TerminationView {
    pub(crate) certificate: String,
    pub(crate) private_key: String,
    pub(crate) intermediate: Option<String>,
    pub(crate) secure_port: u16,
}

/// A load balancer's traffic configuration at one moment.
#[derive(Debug, Clone)]
pub(crate) struct LbView {
    pub(crate) protocol: String,
    pub(crate) port: u16,
    pub(crate) algorithm: String,
    pub(crate) status: String,
    /// The load balancer's `timeout`, in real time (the emulator's clock may run faster).
    pub(crate) timeout: Duration,
    pub(crate) half_closed: bool,
    /// Plain HTTP answered with a redirect to HTTPS.
    pub(crate) redirect: bool,
    pub(crate) persistence: Option<String>,
    pub(crate) nodes: Vec<NodeView>,
    /// (address or network, `true` for `ALLOW`).
    pub(crate) access: Vec<(String, bool)>,
    pub(crate) max_connections: Option<u32>,
    /// The secure port of an enabled termination.
    pub(crate) secure_port: Option<u16>,
    /// The whole termination, only when asked for (the secure port's handshake).
    pub(crate) termination: Option<TerminationView>,
    pub(crate) error_page: String,
}

/// The health monitor and the nodes it checks.
#[derive(Debug, Clone)]
pub(crate) struct MonitorView {
    pub(crate) monitor: HealthMonitor,
    pub(crate) nodes: Vec<NodeView>,
}

/// What the manager keeps listeners for: one item per load balancer that carries traffic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wanted {
    pub(crate) key: LbKey,
    /// The plain port is open.
    pub(crate) plain: bool,
    /// The secure port is open (an enabled SSL termination).
    pub(crate) secure: bool,
    /// Node ids present and not `DISABLED`: a connection to any other node is cut.
    pub(crate) live: Vec<u64>,
    /// A health monitor is configured.
    pub(crate) monitored: bool,
}
