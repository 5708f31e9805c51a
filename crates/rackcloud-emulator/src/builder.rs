//! The consuming builder that configures and starts an [`Emulator`].

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::fault::Fault;
use crate::seed::{self, LoadBalancerSeed, User};
use crate::server::{self, Emulator};

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
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    pub(crate) users: Vec<User>,
    pub(crate) load_balancers: Vec<(String, String, LoadBalancerSeed)>,
    pub(crate) pending_time: Duration,
    pub(crate) build_time: Duration,
    pub(crate) token_lifetime: Duration,
    pub(crate) expires_offset_minutes: i32,
    pub(crate) listen: SocketAddr,
    pub(crate) workers: usize,
    pub(crate) record_requests: bool,
    pub(crate) faults: Vec<Fault>,
    pub(crate) rate_limits: bool,
    pub(crate) rate_limit_overrides: Vec<(String, u32)>,
}

impl EmulatorBuilder {
    pub(crate) fn new() -> EmulatorBuilder {
        EmulatorBuilder {
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
        }
    }

    /// Adds a user; a user with the same name replaces the earlier one.
    pub fn user(mut self, user: User) -> Self {
        self.users.retain(|u| u.username != user.username);
        self.users.push(user);
        self
    }

    /// Adds a load balancer to an account (region, tenant); the region is case-insensitive and
    /// gets a load balancer endpoint in the catalog. A seed with the same region, tenant and id
    /// replaces the earlier one.
    pub fn load_balancer(mut self, region: &str, tenant: &str, lb: LoadBalancerSeed) -> Self {
        let region = region.to_ascii_uppercase();
        self.load_balancers
            .retain(|(r, t, seed)| !(r == &region && t == tenant && seed.id == lb.id));
        self.load_balancers.push((region, tenant.to_owned(), lb));
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
        self.pending_time = d;
        self
    }

    /// How long a created load balancer stays `BUILD`; default zero.
    pub fn build_time(mut self, d: Duration) -> Self {
        self.build_time = d;
        self
    }

    /// How long an issued token stays valid; default 24 hours.
    pub fn token_lifetime(mut self, d: Duration) -> Self {
        self.token_lifetime = d;
        self
    }

    /// Writes the token `expires` in this UTC offset, in minutes (`-300` gives `-05:00`);
    /// default zero, written `Z`.
    pub fn expires_offset_minutes(mut self, m: i32) -> Self {
        self.expires_offset_minutes = m;
        self
    }

    /// The address to listen on; default `127.0.0.1:0` (an ephemeral loopback port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// How many worker threads the server's runtime has; default 2 (zero counts as one).
    ///
    /// Connections do not hold a thread: any number of concurrent keep-alive connections is
    /// served, and a delayed or stalled fault answer holds no thread while it waits.
    pub fn workers(mut self, n: usize) -> Self {
        self.workers = n;
        self
    }

    /// Whether to record requests for [`Emulator::requests`]; default on, keeping the last 10 000.
    pub fn record_requests(mut self, on: bool) -> Self {
        self.record_requests = on;
        self
    }

    /// A fault injected from the start (as [`Emulator::inject`] would, in this order).
    pub fn fault(mut self, f: Fault) -> Self {
        self.faults.push(f);
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
        self.rate_limits = on;
        self
    }

    /// Overrides the per-minute limit of one method (case-insensitive), so that tests can use
    /// tiny limits; a method with no limit (`PATCH`, …) gets one. The limits are only enforced
    /// while rate limits are on ([`rate_limits`](Self::rate_limits),
    /// [`Emulator::set_rate_limits`]).
    pub fn rate_limit(mut self, method: &str, per_minute: u32) -> Self {
        let method = method.to_ascii_uppercase();
        self.rate_limit_overrides.retain(|(m, _)| m != &method);
        self.rate_limit_overrides.push((method, per_minute));
        self
    }

    /// Binds the address and starts the server.
    ///
    /// # Errors
    ///
    /// The address cannot be bound (in use, not local, …), the server's threads or runtime
    /// cannot be started, or the `expires` offset is outside ±25:59.
    pub fn start(self) -> std::io::Result<Emulator> {
        server::start(self)
    }
}
