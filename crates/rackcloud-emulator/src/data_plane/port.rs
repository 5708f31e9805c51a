//! What every connection of one listener shares (`PortCtx`), and what both proxies need of it:
//! connecting to a node's backend and noticing that a node may no longer carry connections.
//! The accept loop (`accept.rs`) makes connections with it; the proxies (`http_proxy.rs`,
//! `tcp_proxy.rs`) use it; the manager (`manager.rs`) makes one per open port.

use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpStream;
use tokio::sync::watch;

use super::LbKey;
use super::balance::Balancer;
use super::counted::Miss;
use super::registry::Live;
use super::view::NodeView;
use crate::state::Shared;

/// What every connection of one listener shares.
#[derive(Debug, Clone)]
pub(crate) struct PortCtx {
    pub(crate) shared: Arc<Shared>,
    pub(crate) key: LbKey,
    pub(crate) balancer: Arc<Balancer>,
    pub(crate) live: watch::Receiver<Live>,
    /// The secure port (TLS terminated here) rather than the plain one.
    pub(crate) secure: bool,
}

impl PortCtx {
    /// Counts a miss on this port's side for the statistics.
    pub(crate) fn miss(&self, miss: Miss) {
        self.balancer.counted.side(self.secure).miss(miss);
    }
}

/// Resolves when a node may no longer carry its connections: removed, `DISABLED`, or the
/// load balancer gone.
pub(crate) async fn node_gone(mut live: watch::Receiver<Live>, node: u64) {
    let _ = live.wait_for(|ids| !ids.contains(&node)).await;
}

/// Connects to the backend mapped to a node, within `timeout`; `None` when it has no mapping
/// or does not answer (counted as a connect error or timeout).
pub(crate) async fn connect_node(
    ctx: &PortCtx,
    node: &NodeView,
    timeout: Duration,
) -> Option<TcpStream> {
    let plane = ctx.shared.data_plane.as_ref()?;
    let Some(target) = plane.backends.target(&node.address, node.port) else {
        ctx.miss(Miss::ConnectError);
        return None;
    };
    let stream = match tokio::time::timeout(timeout, TcpStream::connect(target)).await {
        Ok(Ok(stream)) => stream,
        Ok(Err(_)) => {
            ctx.miss(Miss::ConnectError);
            return None;
        }
        Err(_) => {
            ctx.miss(Miss::ConnectTimeout);
            return None;
        }
    };
    let _ = stream.set_nodelay(true);
    Some(stream)
}
