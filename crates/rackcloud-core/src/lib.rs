//! Identity, authentication and the clients every rackcloud service crate is built on.
//!
//! `rackcloud-core` authenticates against Rackspace Identity v2.0, keeps the token and the
//! service catalog, and sends the requests of service crates such as
//! [`lb-sessions`](https://docs.rs/lb-sessions) with the right headers, timeouts and
//! re-authentication. It follows the shape of gophercloud's `rackspace` package:
//!
//! - [`AuthOptions`] says who to authenticate as; [`authenticated_client`] returns a
//!   [`ProviderClient`] holding the token, the catalog and one pooled `ureq::Agent`.
//! - [`new_lb_v1`] picks the Cloud Load Balancers endpoint of a region from the catalog
//!   ([`EndpointOpts`]) and returns a [`ServiceClient`].
//! - Service crates call [`ServiceClient::get`], [`put`](ServiceClient::put),
//!   [`post`](ServiceClient::post) and [`delete`](ServiceClient::delete), which return a
//!   [`RequestResult`]; their result types wrap it or an [`ErrResult`].
//! - Requests are paced per method ([`Pacing`], the account's documented rate limits by
//!   default), across every clone and thread of a client, so that bulk work does not meet the
//!   server's 413; [`run_fleet`] runs one job over many load balancers, a bounded number at a
//!   time, with one outcome each.
//! - Every failure is one [`Error`] with an [`ErrorKind`], the status, the server's [`Fault`] and
//!   never a secret ([`Secret`]).
//! - [`model`] holds the vocabulary several service crates share (monitor, throttle, access
//!   list and node options, the wire enums, [`LbStatus`](model::LbStatus)), so that every crate
//!   names the same type; [`kit`] is what authors of service crates build on (id checks, bulk
//!   chunks, bounded paging, the polling loop, the result and enum macros).
//!
//! # Examples
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::start()?;
//! use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};
//!
//! let opts = AuthOptions::api_key("demo", "demo-api-key")
//!     .identity_endpoint(emulator.identity_url());
//! let provider = authenticated_client(opts)?;
//! let lb = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//! let url = lb.service_url(&["loadbalancers", "1", "sessionpersistence"]);
//! let body: serde_json::Value = lb.get(&url).extract_json()?;
//! assert_eq!(body, serde_json::json!({"sessionPersistence": {}}));
//! # Ok(())
//! # }
//! ```

mod auth;
mod client;
mod errors;
mod fleet;
pub mod kit;
pub mod model;
#[cfg(test)]
mod parser_properties;
mod retries;
mod waiting;

use auth::{auth_options, identity, mfa, passcode, reauth, secret, token_ops};
use client::{
    availability, catalog, endpoint, log_filter, log_redact, provider, provider_builder, proxy,
    redact, removal, resolver, result, service, tls, transport, transport_error,
};
use errors::{classify, error, error_kind, fault, retry_after};
use fleet::{fleet_event, fleet_opts, job, paced_run, pacing};
use kit::{bulk, ids, method, paging, query};
use retries::{deadline, retry, retry_policy, retry_reason};
use waiting::{change_target, change_wait, lb_status, wait, wait_opts};

pub use auth_options::{AuthOptions, RACKSPACE_IDENTITY_GLOBAL, RACKSPACE_IDENTITY_UK};
pub use availability::Availability;
pub use bulk::BulkOutcome;
pub use catalog::{Catalog, CatalogEntry, Endpoint};
pub use change_wait::{change_and_wait, wait_until_active};
pub use endpoint::EndpointOpts;
pub use error::Error;
pub use error_kind::ErrorKind;
pub use fault::Fault;
pub use fleet_event::{FleetEvent, FleetOutcome, LbOutcome};
pub use fleet_opts::FleetOpts;
pub use job::{FleetJob, run_fleet};
pub use log_filter::RedactingLogger;
pub use pacing::{Pacing, PacingEvent, PacingStats};
pub use paging::{MAX_PAGE_SIZE, PageQuery, Pages};
pub use passcode::MfaChallenge;
pub use provider::ProviderClient;
pub use provider_builder::{ProviderClientBuilder, authenticated_client};
pub use proxy::ProxyConfig;
pub use removal::Removal;
pub use result::{ErrResult, RequestResult, Response};
pub use retry_policy::{RetryEvent, RetryPolicy};
pub use retry_reason::RetryReason;
pub use secret::Secret;
pub use service::{ServiceClient, new_lb_v1};
pub use tls::TrustedRoots;
pub use token_ops::TokenInfo;
pub use wait_opts::{Progress, WaitOpts};

/// What the macros of this crate expand to; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}

/// docs/authentication.md, whose examples run as this crate's doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/authentication.md")]
struct AuthenticationGuide;
