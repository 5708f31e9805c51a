//! Session persistence for Rackspace Cloud Load Balancers: the gophercloud
//! `rackspace/lb/v1/sessions` package, in Rust.
//!
//! # What session persistence is
//!
//! A load balancer spreads requests over its back-end nodes. Some applications keep state on
//! the node that served a client (a shopping cart in memory, an upload in progress), so that
//! client's later requests must reach the same node. Session persistence makes the load
//! balancer remember which node a client belongs to. It is off by default and a load balancer
//! has at most one mode at a time:
//!
//! - [`Type::HttpCookie`] (`HTTP_COOKIE`): the load balancer adds a cookie to the first answer
//!   naming the node, and routes later requests carrying the cookie to that node. It sees the
//!   cookie only when it understands HTTP, so it works only on load balancers of protocol
//!   `HTTP` (with or without SSL termination). The cookie's name is the traffic manager's
//!   choice; do not depend on it.
//! - [`Type::SourceIp`] (`SOURCE_IP`): requests from one client IP address go to one node. It
//!   works with every protocol, but clients behind one NAT or proxy all land on one node.
//! - [`Type::SslId`] (`SSL_ID`): requests of one TLS session go to one node. It was added later,
//!   for `HTTPS` load balancers that pass TLS through to the nodes untouched.
//!
//! The server checks these rules: `HTTP_COOKIE` on a non-HTTP load balancer or `SSL_ID` on a
//! non-HTTPS one is refused with a 400 ([`ErrorKind::Validation`](rackcloud_core::ErrorKind)).
//! A change puts the load balancer in `PENDING_UPDATE` until it is applied; any other change
//! meanwhile is refused with a 422 ([`ErrorKind::Immutable`](rackcloud_core::ErrorKind)). If a
//! load balancer's protocol changes later, only the mode that fits the new protocol survives.
//!
//! ## Persisting both HTTP and HTTPS traffic
//!
//! One load balancer has one protocol, so a site served over both HTTP and HTTPS has two
//! choices:
//!
//! 1. Two load balancers sharing one virtual IP: an `HTTP` one with `HTTP_COOKIE` (or
//!    `SOURCE_IP`) on port 80 and an `HTTPS` one with `SSL_ID` (or `SOURCE_IP`) on port 443.
//!    Each keeps its own clients on their nodes.
//! 2. One `HTTP` load balancer with SSL termination enabled: it decrypts HTTPS itself, so it sees
//!    the cookie of both kinds of traffic and `HTTP_COOKIE` covers both.
//!
//! # Using the crate
//!
//! [`get`], [`enable`] and [`disable`] take a [`ServiceClient`](rackcloud_core::ServiceClient)
//! for a region's load balancer endpoint (from
//! [`rackcloud_core::new_lb_v1`]) and return [`GetResult`], [`EnableResult`] and
//! [`DisableResult`], whose `extract` and `extract_err` methods give the outcome. Input that
//! cannot be valid (a load balancer id of zero, an empty type) is refused with an
//! [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error before anything is sent.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::start()?;
//! use lb_sessions::{CreateOpts, Type};
//! use rackcloud_core::Removal;
//! use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//!
//! // Load balancer 1 ("web") speaks HTTP: cookies work.
//! lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie)).extract_err()?;
//! let persistence = lb_sessions::get(&client, 1).extract()?;
//! assert_eq!(persistence.map(|p| p.persistence_type().clone()), Some(Type::HttpCookie));
//!
//! lb_sessions::disable(&client, 1).extract_err()?;
//! assert_eq!(lb_sessions::get(&client, 1).extract()?, None);
//!
//! // Disabling again is harmless when asked for idempotently.
//! assert_eq!(lb_sessions::disable_if_enabled(&client, 1)?, Removal::NothingToRemove);
//! # Ok(())
//! # }
//! ```

mod requests;
mod results;
mod urls;

pub use rackcloud_core::model::PersistenceType as Type;
pub use requests::{CreateOpts, CreateOptsBuilder, disable, disable_if_enabled, enable, get};
pub use results::{DisableResult, EnableResult, GetResult, SessionPersistence};

/// docs/errors-and-retries.md, whose examples run as this crate's doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/errors-and-retries.md")]
struct ErrorsAndRetriesGuide;
