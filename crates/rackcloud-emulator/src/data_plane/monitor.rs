//! Health monitors that really check the nodes (docs/api/health-monitors.md): every `delay`
//! seconds each node that is not `DISABLED` is probed (`probe.rs`) with `timeout`; after
//! `attemptsBeforeDeactivation` failures in a row it goes `OFFLINE` in the API, and the first
//! success brings it `ONLINE` again, each change written as a node service event. Times are
//! the API's seconds on the emulator's clock (`EmulatorBuilder::time_scale`).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;

use super::LbKey;
use super::probe;
use super::snapshot;
use super::view::NodeView;
use crate::state::Shared;

/// Checks the nodes of one load balancer until its monitor is removed (or the task aborted).
pub(crate) async fn run(shared: Arc<Shared>, key: LbKey) {
    let mut failures: HashMap<u64, i64> = HashMap::new();
    loop {
        let Some(before) = snapshot::monitor(&shared, &key) else {
            return;
        };
        tokio::time::sleep(seconds(&shared, before.monitor.delay)).await;
        let Some(now) = snapshot::monitor(&shared, &key) else {
            return;
        };
        let Some(plane) = &shared.data_plane else {
            return;
        };
        let timeout = seconds(&shared, now.monitor.timeout);
        let mut probes = JoinSet::new();
        for node in now.nodes.iter().filter(|n| n.condition != "DISABLED") {
            let target = plane.backends.target(&node.address, node.port);
            let monitor = now.monitor.clone();
            let host = node.address.clone();
            let id = node.id;
            probes.spawn(async move { (id, probe::check(&monitor, target, &host, timeout).await) });
        }
        while let Some(done) = probes.join_next().await {
            let Ok((id, passed)) = done else {
                continue;
            };
            let Some(node) = now.nodes.iter().find(|n| n.id == id) else {
                continue;
            };
            let failed = failures.entry(id).or_default();
            *failed = if passed { 0 } else { failed.saturating_add(1) };
            let online = *failed < now.monitor.attempts.max(1);
            if online != node.online {
                set(&shared, &key, node, online);
            }
        }
        failures.retain(|id, _| now.nodes.iter().any(|n| n.id == *id));
    }
}

/// Brings every node marked `OFFLINE` back `ONLINE` (the monitor was removed).
pub(crate) fn all_online(shared: &Shared, key: &LbKey) {
    let Some(lb) = snapshot::read(shared, key, false) else {
        return;
    };
    for node in lb
        .nodes
        .iter()
        .filter(|n| !n.online && n.condition != "DISABLED")
    {
        set(shared, key, node, true);
    }
}

fn set(shared: &Shared, key: &LbKey, node: &NodeView, online: bool) {
    let status = if online { "ONLINE" } else { "OFFLINE" };
    let _ = crate::node_status::set_status(shared, &key.0, &key.1, key.2, node.id, status);
}

/// A monitor's seconds (at least one) in real time.
fn seconds(shared: &Shared, n: i64) -> Duration {
    let n = u64::try_from(n.max(1)).unwrap_or(1);
    shared.config.clock.real_time(Duration::from_secs(n))
}
