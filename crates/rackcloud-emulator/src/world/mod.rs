//! The world the routes change: the shared state behind one lock, accounts, load balancers (status computed lazily from timestamps), nodes and their simulated status, a load balancer's features, tokens, MFA sessions, the catalog, rate and absolute limits, the scaled clock, seeds and the service's error bodies.

pub(crate) mod absolute_limits;
pub(crate) mod catalog;
pub(crate) mod clock;
pub(crate) mod error_replies;
pub(crate) mod features;
pub(crate) mod load_balancer;
pub(crate) mod mfa_sessions;
pub(crate) mod node;
pub(crate) mod node_status;
pub(crate) mod rate_limit;
pub(crate) mod seed;
pub(crate) mod state;
pub(crate) mod time;
pub(crate) mod tokens;
