//! The data plane (opt-in, `EmulatorBuilder::data_plane`): every load balancer carries real
//! traffic on loopback with the configuration the API holds. docs/testing-with-the-emulator.md
//! ("The data plane") says what is carried and what is not.
//!
//! Nothing in the API handlers knows about it. The world state holds the data plane's own state
//! (`plane.rs`: the backend mapping, the listeners in `registry.rs`, the balancing state),
//! which names nothing of the world state; what needs the world state is given it (`api.rs`).
//! A manager task (`manager.rs`) keeps one loopback listener per load balancer (and one for its
//! secure port) in step with the world state, and each connection (`accept.rs`, with what its
//! port shares in `port.rs`) reads the load balancer's configuration afresh (`snapshot.rs`
//! copies it into the types of `view.rs`, the state lock held only for the copy): balancing
//! (`balance.rs`, `pick.rs`), the access list and throttle (`acl.rs`), HTTP proxying
//! (`http_proxy.rs`, `forward.rs`), byte proxying (`tcp_proxy.rs`), SSL termination
//! (`tls_term.rs`), the health monitors (`monitor.rs`, `probe.rs`) and the connections counted
//! for the statistics (`counted.rs`). Nodes reach real servers only through the backend mapping
//! (`backends.rs`).
//!
//! The modules' `use` lines run one way: `plane.rs`, `registry.rs`, `view.rs` and what they
//! hold name nothing that names the world state; `port.rs` holds what the accept loop, the
//! proxies and the manager share, and uses none of them.

mod accept;
mod acl;
mod api;
mod backends;
mod balance;
mod counted;
mod forward;
mod http_proxy;
mod manager;
mod monitor;
mod pick;
pub(crate) mod plane;
mod port;
mod probe;
mod registry;
mod snapshot;
mod tcp_proxy;
mod tls_term;
mod view;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub(crate) use api::{launch, listener, stats_json};
pub(crate) use backends::{MAX_BACKENDS, item_json as backend_json};
pub(crate) use plane::DataPlane;

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
