//! The consuming builder that configures and starts an [`Emulator`], and the two ways to get
//! one ([`Emulator::builder`], [`Emulator::start`]).

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use crate::injected_fault::InjectedFault;
use crate::seed::{self, LoadBalancerSeed, User};
use crate::server::{self, Emulator};
use crate::setup::Setup;

mod connections;

/// Configures an [`Emulator`]; made by [`Emulator::builder`], consumed by [`start`](Self::start).
///
/// ```
/// use std::time::Duration;
/// use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
///
/// # fn main() -> std::io::Result<()> {
/// let emulator = Emulator::builder()
///     .user(User::new("alice", "777777").api_key("alice-key"))
///     .load_balancer("DFW", "777777", LoadBalancerSeed::new(1, "web", "HTTP"))
///     .pending_time(Duration::from_millis(50))
///     .start()?;
/// assert_eq!(emulator.load_balancer_status("DFW", "777777", 1).as_deref(), Some("ACTIVE"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct EmulatorBuilder {
    setup: Setup,
}

impl Emulator {
    /// A builder with no users and no load balancers.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            setup: Setup::default(),
        }
    }

    /// Starts the default seed on an ephemeral loopback port:
    /// `Emulator::builder().default_seed().start()`.
    ///
    /// # Errors
    ///
    /// As [`EmulatorBuilder::start`].
    pub fn start() -> std::io::Result<Emulator> {
        Emulator::builder().default_seed().start()
    }
}

impl EmulatorBuilder {
    /// Adds a user; a user with the same name replaces the earlier one.
    pub fn user(mut self, user: User) -> Self {
        self.setup.users.retain(|u| u.username != user.username);
        self.setup.users.push(user);
        self
    }

    /// Adds a load balancer to an account (region, tenant); the region is case-insensitive and
    /// gets a load balancer endpoint in the catalog. A seed with the same region, tenant and id
    /// replaces the earlier one.
    pub fn load_balancer(mut self, region: &str, tenant: &str, lb: LoadBalancerSeed) -> Self {
        let region = region.to_ascii_uppercase();
        self.setup
            .load_balancers
            .retain(|(r, t, seed)| !(r == &region && t == tenant && seed.id == lb.id));
        self.setup
            .load_balancers
            .push((region, tenant.to_owned(), lb));
        self
    }

    /// Adds the demo users and load balancers (what [`Emulator::start`] and the standalone
    /// `rackcloud emulator` serve): users `demo` and `other`, load balancers 1, 2, 3 in DFW and
    /// 10, 11 in ORD for tenant `123456`, and 100 in DFW for tenant `654321`.
    pub fn default_seed(mut self) -> Self {
        for user in seed::default_users() {
            self = self.user(user);
        }
        for (region, tenant, lb) in seed::default_load_balancers() {
            self = self.load_balancer(region, tenant, lb);
        }
        self
    }

    /// How long a load balancer stays `PENDING_UPDATE` or `PENDING_DELETE` after an accepted
    /// change; default zero (the next request already sees the final status).
    pub fn pending_time(mut self, d: Duration) -> Self {
        self.setup.pending_time = d;
        self
    }

    /// How long a created load balancer stays `BUILD`; default zero.
    pub fn build_time(mut self, d: Duration) -> Self {
        self.setup.build_time = d;
        self
    }

    /// How long an issued token stays valid; default 24 hours.
    pub fn token_lifetime(mut self, d: Duration) -> Self {
        self.setup.token_lifetime = d;
        self
    }

    /// Writes the token `expires` in this UTC offset, in minutes (`-300` gives `-05:00`);
    /// default zero, written `Z`.
    pub fn expires_offset_minutes(mut self, m: i32) -> Self {
        self.setup.expires_offset_minutes = m;
        self
    }

    /// The address to listen on; default `127.0.0.1:0` (an ephemeral loopback port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.setup.listen = addr;
        self
    }

    /// How many worker threads the server's runtime has; default 2 (zero counts as one).
    ///
    /// Connections do not hold a thread: any number of concurrent keep-alive connections is
    /// served, and a delayed or stalled fault answer holds no thread while it waits.
    pub fn workers(mut self, n: usize) -> Self {
        self.setup.workers = n;
        self
    }

    /// Whether to record requests for [`Emulator::requests`]; default on, keeping the last 10 000.
    pub fn record_requests(mut self, on: bool) -> Self {
        self.setup.record_requests = on;
        self
    }

    /// A fault injected from the start (as [`Emulator::inject`] would, in this order).
    pub fn fault(mut self, f: InjectedFault) -> Self {
        self.setup.faults.push(f);
        self
    }

    /// Whether to enforce the real per-minute rate limits; default off.
    ///
    /// Per account (tenant), per method, over a sliding one-minute window: GET and PUT 600 per
    /// minute, POST and DELETE 300 (other methods are not limited). Checked after the token check
    /// and before the handlers; a request over the limit gets the API gateway's wrapped 413
    /// `{"overLimit":{"code":413,"message":"OverLimit Retry...","details":"Error Details...","retryAfter":"<RFC 3339>"}}`
    /// with `Retry-After` in seconds until the window frees a slot. Refused requests do not use
    /// up the limit. Identity requests are never limited.
    ///
    /// ```
    /// use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let emulator = Emulator::builder()
    ///     .default_seed()
    ///     .rate_limits(true)
    ///     .rate_limit("GET", 1)
    ///     .start()?;
    /// let token = emulator.issue_token(DEMO_USERNAME).ok_or("no token")?;
    /// let url = format!("{}/loadbalancers/1", emulator.lb_endpoint("DFW", DEMO_TENANT));
    /// let agent: ureq::Agent = ureq::Agent::config_builder()
    ///     .http_status_as_error(false)
    ///     .build()
    ///     .into();
    /// let first = agent.get(&url).header("X-Auth-Token", &token).call()?;
    /// assert_eq!(first.status(), 200);
    /// let second = agent.get(&url).header("X-Auth-Token", &token).call()?;
    /// assert_eq!(second.status(), 413);
    /// assert!(second.headers().contains_key("retry-after"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn rate_limits(mut self, on: bool) -> Self {
        self.setup.rate_limits = on;
        self
    }

    /// Overrides the per-minute limit of one method (case-insensitive), so that tests can use
    /// tiny limits; a method with no limit (`PATCH`, …) gets one. The limits are only enforced
    /// while rate limits are on ([`rate_limits`](Self::rate_limits),
    /// [`Emulator::set_rate_limits`]).
    pub fn rate_limit(mut self, method: &str, per_minute: u32) -> Self {
        let method = method.to_ascii_uppercase();
        self.setup
            .rate_limit_overrides
            .retain(|(m, _)| m != &method);
        self.setup.rate_limit_overrides.push((method, per_minute));
        self
    }

    /// Runs the emulator's clock `scale` times faster than real time (default 1; values not
    /// finite or not above zero count as 1): the per-minute rate limits count over `60 s / scale`
    /// of real time (and `Retry-After` is real seconds, at least one), and
    /// [`pending_time`](Self::pending_time) and [`build_time`](Self::build_time), given in the
    /// API's time, last `1 / scale` of it. With 60, a fleet of changes that takes minutes against
    /// the real API takes seconds, in the same proportions. `GET /_emulator/rate-limits` reports
    /// the scale, the real window and the real pending and build times.
    ///
    /// ```
    /// use std::time::Duration;
    /// use rackcloud_emulator::Emulator;
    ///
    /// # fn main() -> std::io::Result<()> {
    /// let emulator = Emulator::builder()
    ///     .default_seed()
    ///     .rate_limits(true)
    ///     .pending_time(Duration::from_secs(30))
    ///     .time_scale(60.0)
    ///     .start()?;
    /// assert_eq!(emulator.pending_time(), Duration::from_millis(500));
    /// assert_eq!(emulator.rate_limit_window(), Duration::from_secs(1));
    /// # Ok(())
    /// # }
    /// ```
    pub fn time_scale(mut self, scale: f64) -> Self {
        self.setup.time_scale = scale;
        self
    }

    /// Serves HTTPS instead of plain HTTP (default off): at start, the emulator makes a
    /// certificate authority and a server certificate for `localhost` and `127.0.0.1` signed by
    /// it (ECDSA P-256, with rcgen; nothing is written to disk), and serves TLS 1.2 and 1.3
    /// with rustls. Its URLs start with `https://`, and clients trust
    /// [`Emulator::ca_pem`](crate::Emulator::ca_pem). Each accepted connection has one
    /// handshake (see [`Stats::connections_accepted`](crate::Stats)).
    ///
    /// ```
    /// use rackcloud_emulator::Emulator;
    ///
    /// # fn main() -> std::io::Result<()> {
    /// let emulator = Emulator::builder().default_seed().tls().start()?;
    /// assert!(emulator.identity_url().starts_with("https://127.0.0.1:"));
    /// assert!(emulator.ca_pem().is_some_and(|pem| pem.starts_with("-----BEGIN CERTIFICATE-----")));
    /// # Ok(())
    /// # }
    /// ```
    pub fn tls(mut self) -> Self {
        self.setup.tls = true;
        self
    }

    /// Changes one of the account's absolute limits, by its name on the wire
    /// (`LOADBALANCER_LIMIT`, `NODE_LIMIT`, `IPV6_LIMIT`, `ACCESS_LIST_LIMIT`, `NODE_META_LIMIT`,
    /// `CERTIFICATE_MAPPING_LIMIT`, `LOADBALANCER_META_LIMIT`); the defaults are the service's
    /// (25 load balancers per account, 25 nodes, …; docs/api/limits.md). What is set is both
    /// enforced and reported by `GET /loadbalancers/absolutelimits`. The limits apply to
    /// changes made through the API: seeded load balancers may exceed them (a create then
    /// answers 413 until enough are deleted). `BATCH_DELETE_LIMIT` stays 10.
    ///
    /// ```
    /// use rackcloud_emulator::Emulator;
    ///
    /// # fn main() -> std::io::Result<()> {
    /// let emulator = Emulator::builder().default_seed().absolute_limit("NODE_LIMIT", 3).start()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn absolute_limit(mut self, name: &str, value: u64) -> Self {
        self.setup.absolute_limits.retain(|(n, _)| n != name);
        self.setup.absolute_limits.push((name.to_owned(), value));
        self
    }

    /// Makes every load balancer carry real traffic on loopback (default off): each gets a
    /// listener on a free loopback port for its port (and one for its secure port while SSL
    /// termination is on), found with [`Emulator::listener`], and balances the connections to
    /// its nodes with the configuration the API holds: algorithm and weights, node conditions
    /// and types, health monitor (really probing), session persistence, access list,
    /// connection throttle, timeout, half-closed, SSL termination and HTTPS redirect, error
    /// page. Nodes reach real servers only through [`backend`](Self::backend) mappings.
    /// docs/testing-with-the-emulator.md ("The data plane") says what is carried and what is
    /// not.
    ///
    /// ```
    /// use std::io::{Read, Write};
    /// use std::net::{TcpListener, TcpStream};
    /// use std::time::Duration;
    /// use rackcloud_emulator::{Emulator, LoadBalancerSeed};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // A backend that answers every request with its name.
    /// let backend = TcpListener::bind("127.0.0.1:0")?;
    /// let target = backend.local_addr()?;
    /// std::thread::spawn(move || {
    ///     for stream in backend.incoming().flatten() {
    ///         let mut stream = stream;
    ///         let mut buf = [0u8; 4096];
    ///         let _ = stream.read(&mut buf);
    ///         let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nalpha");
    ///     }
    /// });
    /// // The seed's nodes are 10.180.0.11:80 and 10.180.0.12:80; only the first is mapped,
    /// // so the second is unreachable, as a dead server would be.
    /// let emulator = Emulator::builder()
    ///     .load_balancer("DFW", "777777", LoadBalancerSeed::new(1, "web", "HTTP"))
    ///     .data_plane(true)
    ///     .backend("10.180.0.11", 80, target)
    ///     .start()?;
    /// let addr = emulator.listener("DFW", "777777", 1).and_then(|l| l.addr()).ok_or("no listener")?;
    /// let mut client = TcpStream::connect(addr)?;
    /// client.set_read_timeout(Some(Duration::from_secs(5)))?;
    /// client.write_all(b"GET / HTTP/1.1\r\nHost: web.example.com\r\nConnection: close\r\n\r\n")?;
    /// let mut answer = String::new();
    /// client.read_to_string(&mut answer)?;
    /// assert!(answer.starts_with("HTTP/1.1 200"));
    /// assert!(answer.ends_with("alpha"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn data_plane(mut self, on: bool) -> Self {
        self.setup.data_plane = on;
        self
    }

    /// Says where a node address really is, for the data plane: a node at `address`:`port`
    /// (an address the API accepts, such as `10.0.9.1`) is reached at `target` (a loopback
    /// server the test started). A later mapping of the same address and port replaces it;
    /// [`Emulator::map_backend`] and `POST /_emulator/backends` do the same once started.
    pub fn backend(mut self, address: &str, port: u16, target: SocketAddr) -> Self {
        self.setup.backends.push((address.to_owned(), port, target));
        self
    }

    /// Binds the address and starts the server.
    ///
    /// # Errors
    ///
    /// The address cannot be bound (in use, not local, …), the server's threads or runtime
    /// cannot be started, the `expires` offset is outside ±25:59, or the TLS certificates cannot
    /// be made, or [`absolute_limit`](Self::absolute_limit) named no configurable limit.
    pub fn start(self) -> std::io::Result<Emulator> {
        server::start(self.setup)
    }
}

impl fmt::Debug for EmulatorBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.setup;
        f.debug_struct("EmulatorBuilder")
            .field("users", &s.users)
            .field("load_balancers", &s.load_balancers)
            .field("pending_time", &s.pending_time)
            .field("build_time", &s.build_time)
            .field("token_lifetime", &s.token_lifetime)
            .field("expires_offset_minutes", &s.expires_offset_minutes)
            .field("listen", &s.listen)
            .field("workers", &s.workers)
            .field("record_requests", &s.record_requests)
            .field("faults", &s.faults)
            .field("rate_limits", &s.rate_limits)
            .field("rate_limit_overrides", &s.rate_limit_overrides)
            .field("tls", &s.tls)
            .field("absolute_limits", &s.absolute_limits)
            .field("header_read_timeout", &s.header_read_timeout)
            .field("idle_timeout", &s.idle_timeout)
            .field("max_connections_per_client", &s.max_connections_per_client)
            .field("time_scale", &s.time_scale)
            .field("data_plane", &s.data_plane)
            .field("backends", &s.backends)
            .field("allowed_hosts", &s.allowed_hosts)
            .finish()
    }
}
