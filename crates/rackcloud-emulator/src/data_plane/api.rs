//! What the rest of the emulator asks of the data plane with the shared state in hand:
//! starting the manager, where a load balancer's traffic is accepted, and its statistics.
//! The shared state is passed in rather than kept by the data plane (`plane.rs`), so that the
//! world state can hold the data plane without the data plane naming it.

use std::sync::Arc;

use super::{LbKey, LbListener, NoListener, manager, snapshot};
use crate::state::Shared;
use crate::sync::lock;

/// Starts the manager task once `shared` holds its data plane (nothing when it is off).
pub(crate) fn launch(shared: &Arc<Shared>) {
    if let Some(plane) = &shared.data_plane {
        plane.handle.spawn(manager::run(Arc::downgrade(shared)));
    }
}

/// Where a load balancer's traffic is accepted, after bringing the listeners in step with
/// the state (so that a load balancer created a moment ago has its listener).
pub(crate) fn listener(shared: &Arc<Shared>, key: &LbKey) -> Result<LbListener, NoListener> {
    let Some(plane) = &shared.data_plane else {
        return Err(NoListener::NotFound);
    };
    manager::sync(shared);
    if let Some(protocol) = snapshot::uncarried_protocol(shared, key) {
        return Err(NoListener::NotCarried(protocol));
    }
    lock(&plane.registry)
        .listener(key)
        .ok_or(NoListener::NotFound)
}

/// The statistics body of a load balancer (docs/api/statistics.md): what its connections
/// were counted, all 0 before its first connection; `None` when the data plane is off.
pub(crate) fn stats_json(shared: &Shared, key: &LbKey) -> Option<serde_json::Value> {
    let plane = shared.data_plane.as_ref()?;
    Some(plane.counted_json(key))
}
