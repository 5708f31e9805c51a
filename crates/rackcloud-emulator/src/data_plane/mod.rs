//! The data plane (opt-in, `EmulatorBuilder::data_plane`): every load balancer carries real
//! traffic on loopback with the configuration the API holds. docs/testing-with-the-emulator.md
//! ("The data plane") says what is carried and what is not.
//!
//! Nothing in the API handlers knows about it. A manager task (`manager.rs`) keeps one loopback
//! listener per load balancer (and one for its secure port) in step with the world state, and
//! each connection (`accept.rs`) reads the load balancer's configuration afresh (`view.rs`,
//! the state lock held only to copy it): balancing (`balance.rs`, `pick.rs`), the access list
//! and throttle (`acl.rs`), HTTP proxying (`http_proxy.rs`, `forward.rs`), byte proxying
//! (`tcp_proxy.rs`), SSL termination (`tls_term.rs`), the health monitors (`monitor.rs`,
//! `probe.rs`) and the connections counted for the statistics (`counted.rs`). Nodes reach real servers only through the backend mapping (`backends.rs`).

mod accept;
mod acl;
mod backends;
mod balance;
mod counted;
mod forward;
mod http_proxy;
mod manager;
mod monitor;
mod pick;
mod probe;
mod runtime;
mod tcp_proxy;
mod tls_term;
mod view;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, OnceLock, Weak};

pub(crate) use backends::{Backends, MAX_BACKENDS, item_json as backend_json};
pub(crate) use runtime::Runner;

use crate::state::Shared;
use crate::sync::lock;

/// At most this many client connections are open at once on one listener; more are closed
/// as soon as they are accepted.
pub(crate) const MAX_CONNECTIONS_PER_LISTENER: usize = 1024;

/// The address every data plane listener is bound to.
pub(crate) const LISTEN_IP: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// A load balancer: (region upper case, tenant, id).
pub(crate) type LbKey = (String, String, u64);

/// Where a load balancer's traffic is accepted: [`Emulator::listener`](crate::Emulator::listener)
/// and `GET /_emulator/load-balancers/{region}/{tenant}/{id}/listener`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LbListener {
    /// Always `127.0.0.1`.
    pub address: IpAddr,
    /// The plain port (the load balancer's `port`); `None` while SSL termination is
    /// `secureTrafficOnly` without HTTPS redirect (the plain port is closed).
    pub port: Option<u16>,
    /// The secure port of an enabled SSL termination; `None` without one.
    pub secure_port: Option<u16>,
}

impl LbListener {
    /// The plain port's socket address, if it is open.
    pub fn addr(&self) -> Option<SocketAddr> {
        self.port.map(|p| SocketAddr::new(self.address, p))
    }

    /// The secure port's socket address, if SSL termination is on.
    pub fn secure_addr(&self) -> Option<SocketAddr> {
        self.secure_port.map(|p| SocketAddr::new(self.address, p))
    }
}

/// Why a load balancer has no listener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoListener {
    /// No such load balancer (or it is deleted).
    NotFound,
    /// Its protocol is not carried (UDP, UDP_STREAM, DNS_UDP).
    NotCarried(String),
}

/// The data plane's shared part: the backend mapping, the listeners, the runtime they run on.
#[derive(Debug)]
pub(crate) struct DataPlane {
    pub(crate) backends: Backends,
    registry: Mutex<manager::Registry>,
    balancers: Mutex<BTreeMap<LbKey, Arc<balance::Balancer>>>,
    tls: tls_term::Cache,
    handle: tokio::runtime::Handle,
    /// The shared state this data plane serves, set once by [`launch`](Self::launch).
    shared: OnceLock<Weak<Shared>>,
}

impl DataPlane {
    /// A data plane on a runtime of its own (`Runner` stops it), with the builder's mappings.
    pub(crate) fn start(
        mappings: &[(String, u16, SocketAddr)],
    ) -> std::io::Result<(DataPlane, Runner)> {
        let (runner, handle) = Runner::start()?;
        let backends = Backends::default();
        for (address, port, target) in mappings {
            backends.insert(address, *port, *target);
        }
        let plane = DataPlane {
            backends,
            registry: Mutex::new(manager::Registry::default()),
            balancers: Mutex::new(BTreeMap::new()),
            tls: tls_term::Cache::default(),
            handle,
            shared: OnceLock::new(),
        };
        Ok((plane, runner))
    }

    /// Starts the manager task once `shared` holds this data plane.
    pub(crate) fn launch(shared: &Arc<Shared>) {
        if let Some(plane) = &shared.data_plane {
            let _ = plane.shared.set(Arc::downgrade(shared));
            plane.handle.spawn(manager::run(Arc::downgrade(shared)));
        }
    }

    /// Where a load balancer's traffic is accepted, after bringing the listeners in step with
    /// the state (so that a load balancer created a moment ago has its listener).
    pub(crate) fn listener(shared: &Shared, key: &LbKey) -> Result<LbListener, NoListener> {
        let Some(plane) = &shared.data_plane else {
            return Err(NoListener::NotFound);
        };
        manager::sync(shared);
        if let Some(protocol) = view::uncarried_protocol(shared, key) {
            return Err(NoListener::NotCarried(protocol));
        }
        lock(&plane.registry)
            .listener(key)
            .ok_or(NoListener::NotFound)
    }

    /// The balancing state of a load balancer, made on first use.
    fn balancer(&self, key: &LbKey) -> Arc<balance::Balancer> {
        Arc::clone(lock(&self.balancers).entry(key.clone()).or_default())
    }

    /// The statistics body of a load balancer (docs/api/statistics.md): what its connections
    /// were counted, all 0 before its first connection.
    pub(crate) fn stats_json(shared: &Shared, key: &LbKey) -> Option<serde_json::Value> {
        let plane = shared.data_plane.as_ref()?;
        let balancer = lock(&plane.balancers).get(key).cloned();
        Some(balancer.unwrap_or_default().counted.json())
    }

    /// Forgets the balancing state of load balancers that are gone.
    fn retain_balancers(&self, keep: &dyn Fn(&LbKey) -> bool) {
        lock(&self.balancers).retain(|k, _| keep(k));
    }
}
