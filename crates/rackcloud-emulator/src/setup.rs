//! What an emulator is started from: the builder's choices as plain data, read by the server.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::injected_fault::InjectedFault;
use crate::seed::{LoadBalancerSeed, User};

/// Everything [`EmulatorBuilder`](crate::EmulatorBuilder) collects; the defaults are the
/// builder's documented ones.
#[derive(Debug, Clone)]
pub(crate) struct Setup {
    pub(crate) users: Vec<User>,
    /// (region upper case, tenant, seed).
    pub(crate) load_balancers: Vec<(String, String, LoadBalancerSeed)>,
    pub(crate) pending_time: Duration,
    pub(crate) build_time: Duration,
    pub(crate) token_lifetime: Duration,
    pub(crate) expires_offset_minutes: i32,
    pub(crate) listen: SocketAddr,
    pub(crate) workers: usize,
    pub(crate) record_requests: bool,
    pub(crate) faults: Vec<InjectedFault>,
    pub(crate) rate_limits: bool,
    /// (method upper case, requests per minute).
    pub(crate) rate_limit_overrides: Vec<(String, u32)>,
    /// Serve HTTPS with a certificate made at start.
    pub(crate) tls: bool,
    /// (absolute limit name on the wire, value).
    pub(crate) absolute_limits: Vec<(String, u64)>,
    /// How long a connection may take to send a request's headers.
    pub(crate) header_read_timeout: Duration,
    /// How long a connection may stay without a request.
    pub(crate) idle_timeout: Duration,
    /// How many connections one client address may have open at once.
    pub(crate) max_connections_per_client: usize,
    /// How many times faster than real time the emulator's clock runs.
    pub(crate) time_scale: f64,
    /// Load balancers carry traffic on loopback.
    pub(crate) data_plane: bool,
    /// (node address, node port, the real server) for the data plane.
    pub(crate) backends: Vec<(String, u16, SocketAddr)>,
    /// Host names answered beyond loopback and the listen address.
    pub(crate) allowed_hosts: Vec<String>,
}

impl Default for Setup {
    fn default() -> Setup {
        Setup {
            users: Vec::new(),
            load_balancers: Vec::new(),
            pending_time: Duration::ZERO,
            build_time: Duration::ZERO,
            token_lifetime: Duration::from_secs(24 * 60 * 60),
            expires_offset_minutes: 0,
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            workers: 2,
            record_requests: true,
            faults: Vec::new(),
            rate_limits: false,
            rate_limit_overrides: Vec::new(),
            tls: false,
            absolute_limits: Vec::new(),
            header_read_timeout: crate::listener::HEADER_READ_TIMEOUT,
            idle_timeout: crate::listener::IDLE_TIMEOUT,
            max_connections_per_client: crate::listener::MAX_CONNECTIONS_PER_CLIENT,
            time_scale: 1.0,
            data_plane: false,
            backends: Vec::new(),
            allowed_hosts: Vec::new(),
        }
    }
}
