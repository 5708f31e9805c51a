//! The shared server state: configuration, users, tokens, load balancers, counters, record.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use jiff::tz::Offset;

use crate::injection_queue::InjectionQueue;
use crate::load_balancer::LoadBalancer;
use crate::rate_limit::RateLimits;
use crate::record::Recorder;
use crate::seed::User;
use crate::stats::Counters;
use crate::sync::lock;
use crate::tokens::Tokens;

/// Everything the connections share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) state: Mutex<State>,
    pub(crate) counters: Counters,
    pub(crate) recorder: Recorder,
    pub(crate) injections: InjectionQueue,
    pub(crate) rate_limits: RateLimits,
    /// The data plane, when on (`EmulatorBuilder::data_plane`).
    pub(crate) data_plane: Option<crate::data_plane::plane::DataPlane>,
}

impl Shared {
    /// Forces a load balancer's status; `false` when there is no such load balancer.
    pub(crate) fn force_status(&self, region: &str, tenant: &str, id: u64, status: &str) -> bool {
        let mut state = lock(&self.state);
        let Some(lb) = state.load_balancer_mut(region, tenant, id) else {
            return false;
        };
        lb.force(status);
        true
    }
}

/// What does not change once the server runs.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub(crate) base_url: String,
    /// The regions with a load balancer endpoint, upper case, sorted (DFW, ORD and any seeded).
    pub(crate) lb_regions: Vec<String>,
    pub(crate) pending_time: Duration,
    pub(crate) build_time: Duration,
    pub(crate) token_lifetime: Duration,
    pub(crate) expires_offset: Offset,
    /// The absolute limits enforced and reported.
    pub(crate) limits: crate::absolute_limits::Limits,
    /// How long a connection may take to send a request's headers.
    pub(crate) header_read_timeout: Duration,
    /// How long an API connection may stay idle and take to send a request's headers.
    pub(crate) timeouts: crate::watch::Timeouts,
    /// How many API connections one client address may have open at once.
    pub(crate) max_connections_per_client: usize,
    /// The clock the rate limits count on; pending and build times are already scaled.
    pub(crate) clock: crate::clock::ScaledClock,
    /// Which `Host` values are answered.
    pub(crate) hosts: crate::host::HostRule,
}

impl Config {
    /// The identity URL: `http://127.0.0.1:PORT/v2.0/`.
    pub(crate) fn identity_url(&self) -> String {
        format!("{}/v2.0/", self.base_url)
    }

    /// The public load balancer endpoint of a region for a tenant.
    pub(crate) fn lb_endpoint(&self, region: &str, tenant: &str) -> String {
        format!(
            "{}/{}/v1.0/{tenant}",
            self.base_url,
            region.to_ascii_lowercase()
        )
    }

    /// The internal (ServiceNet) load balancer endpoint of a region for a tenant.
    pub(crate) fn lb_internal_endpoint(&self, region: &str, tenant: &str) -> String {
        format!(
            "{}/snet-{}/v1.0/{tenant}",
            self.base_url,
            region.to_ascii_lowercase()
        )
    }

    /// The region served under a first path segment (`dfw` or `snet-dfw` → `DFW`).
    pub(crate) fn region_of_prefix(&self, prefix: &str) -> Option<&str> {
        let bare = prefix.strip_prefix("snet-").unwrap_or(prefix);
        self.lb_regions
            .iter()
            .find(|r| r.to_ascii_lowercase() == bare)
            .map(String::as_str)
    }
}

/// The mutable state, behind one lock.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) users: Vec<User>,
    pub(crate) tokens: Tokens,
    pub(crate) mfa_sessions: crate::mfa_sessions::MfaSessions,
    /// Load balancers by (region upper case, tenant), then by id.
    pub(crate) accounts: BTreeMap<(String, String), BTreeMap<u64, LoadBalancer>>,
    pub(crate) next_lb_id: u64,
    pub(crate) next_vip_id: u64,
    pub(crate) next_node_id: u64,
}

impl State {
    /// The load balancers of an account, if it has any.
    pub(crate) fn account(
        &self,
        region: &str,
        tenant: &str,
    ) -> Option<&BTreeMap<u64, LoadBalancer>> {
        self.accounts.get(&account_key(region, tenant))
    }

    /// The load balancers of an account, created empty if needed.
    pub(crate) fn account_mut(
        &mut self,
        region: &str,
        tenant: &str,
    ) -> &mut BTreeMap<u64, LoadBalancer> {
        self.accounts
            .entry(account_key(region, tenant))
            .or_default()
    }

    /// One load balancer.
    pub(crate) fn load_balancer(
        &self,
        region: &str,
        tenant: &str,
        id: u64,
    ) -> Option<&LoadBalancer> {
        self.account(region, tenant).and_then(|lbs| lbs.get(&id))
    }

    /// One load balancer, mutably.
    pub(crate) fn load_balancer_mut(
        &mut self,
        region: &str,
        tenant: &str,
        id: u64,
    ) -> Option<&mut LoadBalancer> {
        self.accounts
            .get_mut(&account_key(region, tenant))
            .and_then(|lbs| lbs.get_mut(&id))
    }

    /// A fresh id from a counter.
    pub(crate) fn take_id(counter: &mut u64) -> u64 {
        let id = *counter;
        *counter = counter.saturating_add(1);
        id
    }
}

fn account_key(region: &str, tenant: &str) -> (String, String) {
    (region.to_ascii_uppercase(), tenant.to_owned())
}
