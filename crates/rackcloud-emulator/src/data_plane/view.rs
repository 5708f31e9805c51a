//! What a connection needs of a load balancer, copied out of the world state with the lock held
//! only for the copy: the configuration is read afresh at each new connection (and each HTTP
//! request), so every API change applies to the next one.

use std::time::{Duration, Instant};

use super::LbKey;
use crate::features::health_monitor::HealthMonitor;
use crate::state::Shared;
use crate::sync::lock;

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

/// A load balancer's configuration now; `None` when it is gone or deleted. With `tls`, the
/// termination's certificate and key are copied too.
pub(crate) fn read(shared: &Shared, key: &LbKey, tls: bool) -> Option<LbView> {
    let state = lock(&shared.state);
    let lb = state.load_balancer(&key.0, &key.1, key.2)?;
    let status = lb.status(Instant::now());
    if status == "DELETED" {
        return None;
    }
    let termination = lb.features.ssl.termination.as_ref().filter(|t| t.enabled);
    let secure_only = termination.is_some_and(|t| t.secure_traffic_only);
    let clock = &shared.config.clock;
    Some(LbView {
        protocol: lb.protocol.clone(),
        port: lb.port,
        algorithm: lb.algorithm.clone(),
        status,
        timeout: clock.real_time(Duration::from_secs(u64::from(lb.timeout))),
        half_closed: lb.half_closed,
        redirect: lb.https_redirect && secure_only,
        persistence: lb.persistence.clone(),
        nodes: lb.nodes.iter().map(node_view).collect(),
        access: lb
            .features
            .access_list
            .items()
            .iter()
            .map(|i| (i.address.clone(), i.kind == "ALLOW"))
            .collect(),
        max_connections: lb
            .features
            .throttle
            .and_then(|t| t.max_connections)
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n > 0),
        secure_port: termination.map(|t| t.secure_port),
        termination: termination.filter(|_| tls).map(|t| TerminationView {
            certificate: t.certificate.clone(),
            private_key: t.private_key.clone(),
            intermediate: t.intermediate.clone(),
            secure_port: t.secure_port,
        }),
        error_page: lb.features.settings.error_page().to_owned(),
    })
}

/// The health monitor of a load balancer and its nodes; `None` without one.
pub(crate) fn monitor(shared: &Shared, key: &LbKey) -> Option<MonitorView> {
    let state = lock(&shared.state);
    let lb = state.load_balancer(&key.0, &key.1, key.2)?;
    Some(MonitorView {
        monitor: lb.features.health_monitor.clone()?,
        nodes: lb.nodes.iter().map(node_view).collect(),
    })
}

/// Every load balancer that carries traffic, with what its listeners need.
pub(crate) fn wanted(shared: &Shared) -> Vec<Wanted> {
    let state = lock(&shared.state);
    let now = Instant::now();
    let mut wanted = Vec::new();
    for ((region, tenant), lbs) in &state.accounts {
        for lb in lbs.values() {
            if NOT_CARRIED.contains(&lb.protocol.as_str()) || lb.status(now) == "DELETED" {
                continue;
            }
            let termination = lb.features.ssl.termination.as_ref().filter(|t| t.enabled);
            let secure_only = termination.is_some_and(|t| t.secure_traffic_only);
            wanted.push(Wanted {
                key: (region.clone(), tenant.clone(), lb.id),
                plain: !secure_only || lb.https_redirect,
                secure: termination.is_some(),
                live: lb
                    .nodes
                    .iter()
                    .filter(|n| n.condition != "DISABLED")
                    .map(|n| n.id)
                    .collect(),
                monitored: lb.features.health_monitor.is_some(),
            });
        }
    }
    wanted
}

/// The protocol of a load balancer the data plane does not carry, if it is one.
pub(crate) fn uncarried_protocol(shared: &Shared, key: &LbKey) -> Option<String> {
    let state = lock(&shared.state);
    let lb = state.load_balancer(&key.0, &key.1, key.2)?;
    NOT_CARRIED
        .contains(&lb.protocol.as_str())
        .then(|| lb.protocol.clone())
}

fn node_view(n: &crate::node::Node) -> NodeView {
    NodeView {
        id: n.id,
        address: n.address.clone(),
        port: n.port,
        condition: n.condition.clone(),
        kind: n.kind.clone(),
        weight: n.weight.unwrap_or(1).max(1),
        online: n.status() == "ONLINE",
    }
}
