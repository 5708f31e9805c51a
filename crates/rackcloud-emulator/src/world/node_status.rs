//! Setting a node's health from outside (the control API and `Emulator::set_node_status`): the
//! simulated health check.

use crate::features::node_events::NodeChange;
use crate::state::Shared;
use crate::sync::lock;

/// Why a node's status could not be set from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetStatusError {
    /// The status is neither `ONLINE` nor `OFFLINE`.
    UnknownStatus,
    /// No such load balancer, or no such node on it.
    NotFound,
}

/// Marks node `node_id` of a load balancer `OFFLINE` (its health check fails) or `ONLINE`
/// again, and records the status change as a node service event when the shown status changes.
pub(crate) fn set_status(
    shared: &Shared,
    region: &str,
    tenant: &str,
    lb_id: u64,
    node_id: u64,
    status: &str,
) -> Result<(), SetStatusError> {
    let offline = match status.trim().to_ascii_uppercase().as_str() {
        "OFFLINE" => true,
        "ONLINE" => false,
        _ => return Err(SetStatusError::UnknownStatus),
    };
    let mut state = lock(&shared.state);
    let lb = state
        .load_balancer_mut(region, tenant, lb_id)
        .ok_or(SetStatusError::NotFound)?;
    let node = lb
        .nodes
        .iter_mut()
        .find(|n| n.id == node_id)
        .ok_or(SetStatusError::NotFound)?;
    let before = node.status();
    node.offline = offline;
    let after = node.status();
    if before != after {
        lb.features
            .node_events
            .record(node_id, NodeChange::StatusChanged, after.to_owned());
    }
    Ok(())
}
