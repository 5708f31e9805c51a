//! The running emulator: binding, the state accessors, and stopping on drop.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::Offset;

use crate::injected_fault::InjectedFault;
use crate::injection_queue::InjectionQueue;
use crate::listener::Server;
use crate::load_balancer::{LoadBalancer, Node, VirtualIp};
use crate::rate_limit::RateLimits;
use crate::record::{RecordedRequest, Recorder};
use crate::seed::LoadBalancerSeed;
use crate::setup::Setup;
use crate::state::{Config, Shared, State};
use crate::stats::{Counters, Stats};
use crate::sync::lock;

/// A running emulator: an HTTP server on threads of its own, stopped when dropped.
///
/// Dropping it stops accepting connections, closes the listening socket and every open
/// connection (idle keep-alive ones, and ones in the middle of a delayed or stalled answer
/// included), and joins its threads; it returns promptly.
///
/// `Emulator` is `Send + Sync`: tests can share it between threads behind a reference or an
/// `Arc`.
pub struct Emulator {
    shared: Arc<Shared>,
    server: Server,
    addr: SocketAddr,
    workers: usize,
    ca_pem: Option<String>,
    /// The data plane's runtime, stopped after the server (declared last, dropped last).
    data_plane: Option<crate::runtime::Runner>,
}

impl Emulator {
    /// The identity endpoint: `http://127.0.0.1:PORT/v2.0/` (tokens are at `…/v2.0/tokens`), or
    /// `https://…` when serving TLS.
    pub fn identity_url(&self) -> String {
        self.shared.config.identity_url()
    }

    /// The catalog's load balancer `publicURL` for a region and tenant:
    /// `http://127.0.0.1:PORT/<region lowercase>/v1.0/<tenant>`. A region without a load
    /// balancer endpoint gives a URL that answers 404.
    pub fn lb_endpoint(&self, region: &str, tenant: &str) -> String {
        self.shared.config.lb_endpoint(region, tenant)
    }

    /// The PEM text of the certificate authority that signed the server's certificate, for an
    /// emulator started with [`tls`](crate::EmulatorBuilder::tls); `None` for plain HTTP.
    /// Clients trust it to connect (`rackcloud --ca-file`, the SDK's `TrustedRoots::from_pem`).
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        self.shared.counters.snapshot()
    }

    /// The requests received, in arrival order (the last 10 000, and at most
    /// [`RECORD_BYTES`](crate::RECORD_BYTES) of them; bodies over
    /// [`RECORDED_BODY_BYTES`](crate::RECORDED_BODY_BYTES) cut); empty when recording is off.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.recorder.all()
    }

    /// Forgets the recorded requests (the counters are kept).
    pub fn clear_requests(&self) {
        self.shared.recorder.clear();
    }

    /// Expires every token issued so far: service calls with them answer 401 (with no body) and
    /// they can no longer be re-scoped. Tokens issued afterwards are valid.
    pub fn expire_tokens(&self) {
        lock(&self.shared.state).tokens.expire_all();
    }

    /// Mints a valid token for a user directly (not counted as a token request); `None` when
    /// the user does not exist or is disabled.
    pub fn issue_token(&self, username: &str) -> Option<String> {
        let mut state = lock(&self.shared.state);
        let user = state
            .users
            .iter()
            .find(|u| u.username == username && u.enabled)?;
        let tenant = user.tenant_id.clone();
        let lifetime = self.shared.config.token_lifetime;
        Some(state.tokens.mint(username, &tenant, "APIKEY", lifetime).id)
    }

    /// The status of a load balancer as the API would report it now; `None` when unknown.
    pub fn load_balancer_status(&self, region: &str, tenant: &str, id: u64) -> Option<String> {
        let state = lock(&self.shared.state);
        let lb = state.load_balancer(region, tenant, id)?;
        Some(lb.status(Instant::now()))
    }

    /// Forces any status (`ERROR`, `SUSPENDED`, `PENDING_UPDATE`, …); it stays until the next
    /// accepted change (setting `ACTIVE` ends it). Unknown load balancers are ignored.
    pub fn set_load_balancer_status(&self, region: &str, tenant: &str, id: u64, status: &str) {
        self.shared.force_status(region, tenant, id, status);
    }

    /// Marks node `node_id` of load balancer `lb_id` `"OFFLINE"` (as if its health check
    /// failed) or `"ONLINE"` again (any case), recording a node service event when its status
    /// changes. A node that is `DISABLED` shows `OFFLINE` whatever is set here. Returns `false`
    /// (and changes nothing) for an unknown load balancer or node, or another status.
    pub fn set_node_status(
        &self,
        region: &str,
        tenant: &str,
        lb_id: u64,
        node_id: u64,
        status: &str,
    ) -> bool {
        crate::node_status::set_status(&self.shared, region, tenant, lb_id, node_id, status).is_ok()
    }

    /// The session persistence of a load balancer: `None` when there is no such load balancer,
    /// `Some(None)` when persistence is disabled, `Some(Some("HTTP_COOKIE"))` when enabled.
    pub fn session_persistence(
        &self,
        region: &str,
        tenant: &str,
        id: u64,
    ) -> Option<Option<String>> {
        let state = lock(&self.shared.state);
        let lb = state.load_balancer(region, tenant, id)?;
        Some(lb.persistence.clone())
    }

    /// Adds a fault after the pending ones: the next [`InjectedFault::times`] requests that match it
    /// get its answer instead of the normal one. See [`InjectedFault`] for the order of checks.
    /// Returns `false`, adding nothing, when [`MAX_PENDING_FAULTS`](crate::MAX_PENDING_FAULTS)
    /// faults are already pending.
    pub fn inject(&self, f: InjectedFault) -> bool {
        self.shared.injections.push(f)
    }

    /// Forgets every pending fault.
    pub fn clear_faults(&self) {
        self.shared.injections.clear();
    }

    /// Turns the per-minute rate limits on or off (see
    /// [`EmulatorBuilder::rate_limits`](crate::EmulatorBuilder::rate_limits)); either way,
    /// counting starts afresh.
    pub fn set_rate_limits(&self, on: bool) {
        self.shared.rate_limits.set_enabled(on);
    }

    /// The scale of the emulator's clock (see
    /// [`EmulatorBuilder::time_scale`](crate::EmulatorBuilder::time_scale)).
    pub fn time_scale(&self) -> f64 {
        self.shared.config.clock.scale()
    }

    /// How long, in real time, a load balancer stays pending after an accepted change.
    pub fn pending_time(&self) -> Duration {
        self.shared.config.pending_time
    }

    /// The real time the per-minute rate limits count over (a minute divided by the time scale).
    pub fn rate_limit_window(&self) -> Duration {
        self.shared
            .config
            .clock
            .real_time(crate::rate_limit::WINDOW)
    }

    /// The per-window limit of each limited method (upper case), and whether they are enforced.
    pub fn rate_limits(&self) -> (bool, std::collections::BTreeMap<String, u32>) {
        (
            self.shared.rate_limits.enabled(),
            self.shared.rate_limits.limits(),
        )
    }

    /// Where a load balancer's traffic is accepted, with the data plane on
    /// ([`EmulatorBuilder::data_plane`](crate::EmulatorBuilder::data_plane)); `None` when it
    /// is off, for an unknown or deleted load balancer, and for the protocols not carried
    /// (`UDP`, `UDP_STREAM`, `DNS_UDP`).
    pub fn listener(&self, region: &str, tenant: &str, id: u64) -> Option<crate::LbListener> {
        let key = (region.to_ascii_uppercase(), tenant.to_owned(), id);
        crate::data_plane::listener(&self.shared, &key).ok()
    }

    /// Says where a node address really is, for the data plane (as
    /// [`EmulatorBuilder::backend`](crate::EmulatorBuilder::backend)); `false` when the data
    /// plane is off or 10 000 mappings exist.
    pub fn map_backend(&self, address: &str, port: u16, target: SocketAddr) -> bool {
        self.shared
            .data_plane
            .as_ref()
            .is_some_and(|p| p.backends.insert(address, port, target))
    }

    /// Forgets where a node address is: its node becomes unreachable. `false` when it was not
    /// mapped.
    pub fn unmap_backend(&self, address: &str, port: u16) -> bool {
        self.shared
            .data_plane
            .as_ref()
            .is_some_and(|p| p.backends.remove(address, port))
    }

    /// Blocks the calling thread while the server runs (for the standalone command).
    pub fn wait(mut self) {
        self.server.wait();
    }
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("addr", &self.addr)
            .field("workers", &self.workers)
            .finish_non_exhaustive()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        // Stops the accept loop and the runtime, which drops every connection, and joins them.
        self.server.stop();
        if let Some(data_plane) = &mut self.data_plane {
            data_plane.stop();
        }
    }
}

/// Binds, seeds the state and starts the server thread.
pub(crate) fn start(setup: Setup) -> io::Result<Emulator> {
    let expires_offset = offset(setup.expires_offset_minutes)?;
    let listener = TcpListener::bind(setup.listen)?;
    let addr = listener.local_addr()?;
    let reachable = SocketAddr::new(advertised_ip(addr.ip()), addr.port());
    let tls = if setup.tls {
        Some(crate::tls::generate()?)
    } else {
        None
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let clock = crate::clock::ScaledClock::new(setup.time_scale);
    let config = Config {
        base_url: format!("{scheme}://{reachable}"),
        lb_regions: lb_regions(&setup),
        pending_time: clock.real_time(setup.pending_time),
        build_time: clock.real_time(setup.build_time),
        token_lifetime: setup.token_lifetime,
        expires_offset,
        limits: crate::absolute_limits::Limits::with(&setup.absolute_limits)?,
        header_read_timeout: setup.header_read_timeout,
        timeouts: crate::watch::Timeouts {
            idle: setup.idle_timeout,
            header: setup.header_read_timeout,
        },
        max_connections_per_client: setup.max_connections_per_client,
        clock,
        hosts: crate::host::HostRule::new(addr.ip(), &setup.allowed_hosts),
    };
    let injections = InjectionQueue::default();
    for fault in &setup.faults {
        if !injections.push(fault.clone()) {
            log::warn!(
                "emulator: more than {} faults given; the rest are dropped",
                crate::MAX_PENDING_FAULTS
            );
            break;
        }
    }
    let (data_plane, runner) = if setup.data_plane {
        let (plane, runner) = crate::data_plane::DataPlane::start(&setup.backends)?;
        (Some(plane), Some(runner))
    } else {
        (None, None)
    };
    let shared = Arc::new(Shared {
        config,
        state: Mutex::new(seeded_state(&setup)),
        counters: Counters::default(),
        recorder: Recorder::new(setup.record_requests),
        injections,
        rate_limits: RateLimits::new(setup.rate_limits, &setup.rate_limit_overrides),
        data_plane,
    });
    crate::data_plane::launch(&shared);
    let workers = setup.workers.max(1);
    let ca_pem = tls.as_ref().map(|t| t.ca_pem.clone());
    let server = Server::start(listener, Arc::clone(&shared), workers, tls)?;
    log::debug!("emulator listening on {addr}");
    Ok(Emulator {
        shared,
        server,
        addr,
        workers,
        ca_pem,
        data_plane: runner,
    })
}

fn offset(minutes: i32) -> io::Result<Offset> {
    minutes
        .checked_mul(60)
        .and_then(|seconds| Offset::from_seconds(seconds).ok())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("expires offset of {minutes} minutes is out of range"),
            )
        })
}

/// The address written in URLs: a wildcard listen address is reached through loopback.
fn advertised_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        other => other,
    }
}

fn lb_regions(setup: &Setup) -> Vec<String> {
    let mut regions: Vec<String> = ["DFW", "ORD"].map(String::from).into();
    regions.extend(
        setup
            .load_balancers
            .iter()
            .map(|(region, _, _)| region.clone()),
    );
    regions.sort();
    regions.dedup();
    regions
}

fn seeded_state(setup: &Setup) -> State {
    let highest = setup
        .load_balancers
        .iter()
        .map(|(_, _, lb)| lb.id)
        .max()
        .unwrap_or(0);
    let mut state = State {
        users: setup.users.clone(),
        next_lb_id: highest.saturating_add(1).max(1000),
        next_vip_id: 1,
        next_node_id: 1,
        ..State::default()
    };
    let now = Timestamp::now();
    for (region, tenant, seed) in &setup.load_balancers {
        let lb = seeded_load_balancer(&mut state, seed, now);
        state.account_mut(region, tenant).insert(seed.id, lb);
    }
    state
}

fn seeded_load_balancer(
    state: &mut State,
    seed: &LoadBalancerSeed,
    now: Timestamp,
) -> LoadBalancer {
    let mut lb = LoadBalancer::new(seed.id, &seed.name, &seed.protocol, seed.port, now);
    lb.persistence = seed.session_persistence.clone();
    lb.force(&seed.status);
    for ip_version in ["IPV4", "IPV6"] {
        let id = State::take_id(&mut state.next_vip_id);
        lb.virtual_ips
            .push(VirtualIp::allocate(id, "PUBLIC", ip_version));
    }
    for address in ["10.180.0.11", "10.180.0.12"] {
        let id = State::take_id(&mut state.next_node_id);
        lb.nodes.push(Node::new(
            id, address, seed.port, "ENABLED", "PRIMARY", None,
        ));
    }
    lb
}
