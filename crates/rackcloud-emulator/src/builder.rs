//! The consuming builder that configures and starts an [`Emulator`].

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

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
            workers: 8,
            record_requests: true,
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

    /// How many threads handle requests; default 8 (zero counts as one).
    pub fn workers(mut self, n: usize) -> Self {
        self.workers = n;
        self
    }

    /// Whether to record requests for [`Emulator::requests`]; default on, keeping the last 10 000.
    pub fn record_requests(mut self, on: bool) -> Self {
        self.record_requests = on;
        self
    }

    /// Binds the address and starts the worker threads.
    ///
    /// # Errors
    ///
    /// The address cannot be bound (in use, not local, …), a thread cannot be spawned, or the
    /// `expires` offset is outside ±25:59.
    pub fn start(self) -> std::io::Result<Emulator> {
        server::start(self)
    }
}
