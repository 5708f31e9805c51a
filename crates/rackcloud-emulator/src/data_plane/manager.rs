//! The manager: keeps one loopback listener per load balancer that carries traffic (and one
//! for its secure port) in step with the world state, and one health monitor task per
//! monitored load balancer. It polls the state every [`SYNC_INTERVAL`]; reading the listener
//! of a load balancer syncs at once, so a load balancer created a moment ago has one.

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::watch;

use super::plane::DataPlane;
use super::port::PortCtx;
use super::registry::{Bound, Open};
use super::view::Wanted;
use super::{LISTEN_IP, accept, monitor, snapshot};
use crate::state::Shared;
use crate::sync::lock;

/// How often the manager compares the listeners with the state. A node removed or disabled
/// loses its connections within about this long.
pub(crate) const SYNC_INTERVAL: Duration = Duration::from_millis(10);

/// Syncs every [`SYNC_INTERVAL`] until the emulator is gone.
pub(crate) async fn run(shared: Weak<Shared>) {
    loop {
        match shared.upgrade() {
            Some(shared) => sync(&shared),
            None => return,
        }
        tokio::time::sleep(SYNC_INTERVAL).await;
    }
}

/// Brings the listeners and monitors in step with the state. The new listeners and monitors
/// hold `shared` (the emulator's, which holds this data plane).
pub(crate) fn sync(shared: &Arc<Shared>) {
    let Some(plane) = &shared.data_plane else {
        return;
    };
    let wanted = snapshot::wanted(shared);
    let mut unmonitored = Vec::new();
    {
        let mut registry = lock(&plane.registry);
        registry
            .bound
            .retain(|key, _| wanted.iter().any(|w| &w.key == key));
        for w in &wanted {
            let bound = registry
                .bound
                .entry(w.key.clone())
                .or_insert_with(|| Bound {
                    plain: None,
                    secure: None,
                    last_plain: None,
                    last_secure: None,
                    live: watch::channel(Arc::new(w.live.clone())).0,
                    monitor: None,
                });
            bound.live.send_if_modified(|live| {
                if live.as_slice() == w.live.as_slice() {
                    false
                } else {
                    *live = Arc::new(w.live.clone());
                    true
                }
            });
            reconcile_port(plane, shared, w, bound, false);
            reconcile_port(plane, shared, w, bound, true);
            let running = bound.monitor.as_ref().is_some_and(|m| !m.is_finished());
            if w.monitored && !running {
                let task = plane
                    .handle
                    .spawn(monitor::run(Arc::clone(shared), w.key.clone()));
                bound.monitor = Some(task.abort_handle());
            } else if !w.monitored
                && let Some(task) = bound.monitor.take()
            {
                task.abort();
                unmonitored.push(w.key.clone());
            }
        }
    }
    plane.retain_balancers(&|key| wanted.iter().any(|w| &w.key == key));
    // Without a monitor every node reads ONLINE again (docs/api/health-monitors.md, delete).
    for key in unmonitored {
        monitor::all_online(shared, &key);
    }
}

/// Opens or closes the plain (`secure` false) or secure port of one load balancer.
fn reconcile_port(
    plane: &DataPlane,
    owner: &Arc<Shared>,
    w: &Wanted,
    bound: &mut Bound,
    secure: bool,
) {
    let want = if secure { w.secure } else { w.plain };
    let (slot, last) = if secure {
        (&mut bound.secure, &mut bound.last_secure)
    } else {
        (&mut bound.plain, &mut bound.last_plain)
    };
    if !want {
        if let Some(open) = slot.take() {
            *last = Some(open.port);
        }
        return;
    }
    if slot.is_some() {
        return;
    }
    let Some(listener) = bind(*last) else {
        return;
    };
    let Ok(port) = listener.local_addr().map(|a| a.port()) else {
        return;
    };
    let ctx = PortCtx {
        shared: Arc::clone(owner),
        key: w.key.clone(),
        balancer: plane.balancer(&w.key),
        live: bound.live.subscribe(),
        secure,
    };
    let task = plane.handle.spawn(accept::run(listener, ctx));
    *slot = Some(Open {
        port,
        task: task.abort_handle(),
    });
    *last = Some(port);
}

/// A non-blocking loopback listener, on `preferred` if it is free, else on any free port.
fn bind(preferred: Option<u16>) -> Option<TcpListener> {
    let listener = preferred
        .and_then(|p| TcpListener::bind(SocketAddr::new(LISTEN_IP, p)).ok())
        .or_else(|| TcpListener::bind(SocketAddr::new(LISTEN_IP, 0)).ok());
    match listener {
        Some(listener) if listener.set_nonblocking(true).is_ok() => Some(listener),
        _ => {
            log::warn!("emulator data plane: cannot bind a loopback listener");
            None
        }
    }
}
