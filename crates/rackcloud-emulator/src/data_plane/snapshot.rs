//! What a connection needs of a load balancer, copied out of the world state with the lock held
//! only for the copy: the configuration is read afresh at each new connection (and each HTTP
//! request), so every API change applies to the next one.

use std::time::{Duration, Instant};

use super::LbKey;
use super::view::{LbView, MonitorView, NOT_CARRIED, NodeView, TerminationView, Wanted};
use crate::state::Shared;
use crate::sync::lock;

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
