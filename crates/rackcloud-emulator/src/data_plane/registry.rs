//! What the manager (`manager.rs`) has open for each load balancer: its listeners, its health
//! monitor task and the node ids its connections may go on. It names nothing of the world
//! state, so the data plane's own state (`plane.rs`) can hold it.

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio::sync::watch;
use tokio::task::AbortHandle;

use super::{LISTEN_IP, LbKey, LbListener};

/// The node ids of a load balancer whose connections may go on (present, not `DISABLED`).
pub(crate) type Live = Arc<Vec<u64>>;

/// The listeners and monitors of every load balancer.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub(super) bound: BTreeMap<LbKey, Bound>,
}

/// What one load balancer has open. Dropping it closes its listeners, stops its monitor, and
/// (by dropping the `live` sender) cuts its connections.
#[derive(Debug)]
pub(super) struct Bound {
    pub(super) plain: Option<Open>,
    pub(super) secure: Option<Open>,
    /// The ports last used, taken again when a closed port opens (if still free).
    pub(super) last_plain: Option<u16>,
    pub(super) last_secure: Option<u16>,
    pub(super) live: watch::Sender<Live>,
    pub(super) monitor: Option<AbortHandle>,
}

/// An open listener: its port and its accept loop.
#[derive(Debug)]
pub(super) struct Open {
    pub(super) port: u16,
    pub(super) task: AbortHandle,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Drop for Bound {
    fn drop(&mut self) {
        if let Some(monitor) = self.monitor.take() {
            monitor.abort();
        }
    }
}

impl Registry {
    /// Where a load balancer's listeners are.
    pub(crate) fn listener(&self, key: &LbKey) -> Option<LbListener> {
        let bound = self.bound.get(key)?;
        Some(LbListener {
            address: LISTEN_IP,
            port: bound.plain.as_ref().map(|o| o.port),
            secure_port: bound.secure.as_ref().map(|o| o.port),
        })
    }
}
