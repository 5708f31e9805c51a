//! A faithful local Rackspace Identity v2.0 and Cloud Load Balancers v1.0 server.
//!
//! The emulator is a real HTTP server on a loopback port. It answers the identity token request,
//! publishes a realistic service catalog, and serves the load balancer resources the SDK uses
//! (`/loadbalancers`, `/loadbalancers/{id}` and `/loadbalancers/{id}/sessionpersistence`) with
//! the server-side rules of the real service: the same bodies, status codes, fault shapes and
//! order of checks, token and tenant checks, and status transitions (`BUILD`, `PENDING_UPDATE`,
//! `PENDING_DELETE`) computed from timestamps.
//!
//! It shares no code with the SDK: it was written from the wire facts alone, so a wire mistake
//! on one side cannot hide behind the same mistake on the other.
//!
//! # Starting it
//!
//! [`Emulator::start`] serves the default seed (the demo user [`DEMO_USERNAME`] and a few load
//! balancers) on an ephemeral loopback port; [`Emulator::builder`] starts from nothing and lets a
//! test choose its users, load balancers and timings. Dropping the [`Emulator`] stops it.
//!
//! ```
//! use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start()?;
//! println!("identity: {}", emulator.identity_url());
//!
//! // Authenticate with a plain HTTP client, the way any tool would.
//! let body = format!(
//!     r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{DEMO_USERNAME}","apiKey":"{DEMO_API_KEY}"}}}}}}"#
//! );
//! let mut response = ureq::post(&format!("{}tokens", emulator.identity_url()))
//!     .header("Content-Type", "application/json")
//!     .send(body.as_str())?;
//! let access: serde_json::Value = serde_json::from_reader(response.body_mut().as_reader())?;
//! assert_eq!(access["access"]["token"]["tenant"]["id"], DEMO_TENANT);
//!
//! // The load balancer endpoint of the catalog, for the demo tenant in DFW.
//! assert!(emulator.lb_endpoint("DFW", DEMO_TENANT).ends_with("/dfw/v1.0/123456"));
//! # Ok(())
//! # }
//! ```
//!
//! # Inspecting it
//!
//! [`Emulator::stats`] counts token requests, load balancer API requests per method and accepted
//! connections; [`Emulator::requests`] returns every request received, in arrival order;
//! [`Emulator::load_balancer_status`] and [`Emulator::session_persistence`] read the server state
//! directly, and [`Emulator::set_load_balancer_status`] and [`Emulator::expire_tokens`] change it.
//!
//! The behaviours the wire facts leave open (which body an expired token gets, which request
//! bodies count as "not the expected JSON", paging limits, …) are listed in
//! `docs/testing-with-the-emulator.md` at the root of the repository.
//!
//! # Faults, rate limits and the control API
//!
//! [`Emulator::inject`] (or [`EmulatorBuilder::fault`]) makes the next answers to a method and
//! path pattern a chosen [`InjectedFault`]: a status with an [`InjectedBody`] shape (flat, wrapped
//! `overLimit`, an HTML page, empty, truncated, huge, any JSON), an optional `Retry-After`, a
//! delay or a stall mid-body. [`EmulatorBuilder::rate_limits`] enforces the real per-minute rate
//! limits; [`EmulatorBuilder::time_scale`] runs them, and the pending and build times, on a
//! faster clock, so that a fleet of changes keeps the real API's proportions in seconds. The same server answers a control API under `/_emulator/` (counters, faults, rate
//! limits, token expiry, forced statuses) so that the standalone `rackcloud emulator` can be
//! driven by black-box tests; `docs/emulator-control-api.md` describes it. The control API has
//! no authentication: keep the emulator on loopback (the default); its changes need
//! `Content-Type: application/json` or `X-Emulator-Control: 1`, so that a web page cannot drive
//! it.
//!
//! # Bounds
//!
//! A hostile client cannot exhaust it: the account's absolute limits are enforced as the service
//! does (25 load balancers per account, 25 nodes, …; [`EmulatorBuilder::absolute_limit`]
//! changes them, seeds may exceed them), request bodies over [`MAX_REQUEST_BODY`] are refused
//! before they are read, the request record is bounded by [`RECORD_BYTES`], at most
//! [`MAX_PENDING_FAULTS`] faults are pending, a connection that does not send its headers
//! within [`EmulatorBuilder::header_read_timeout`] or stays idle for
//! [`EmulatorBuilder::idle_timeout`] is closed, each client address may hold
//! [`EmulatorBuilder::max_connections_per_client`] connections, and only a `Host` that names
//! loopback or the listen address is answered ([`EmulatorBuilder::allow_host`]).
//!
//! # The server
//!
//! The HTTP layer is hyper (HTTP/1.1, keep-alive) on a tokio runtime that runs on threads of the
//! emulator's own; the public API is blocking and needs no async runtime. Any number of
//! concurrent keep-alive connections is served, and a delayed or stalled answer holds no thread.

mod builder;
mod data_plane;
mod faults;
mod io;
mod observe;
mod routes;
mod server;
mod setup;
mod sync;
mod world;

use faults::{injected_fault, injection_queue, pattern};
use io::{body, clients, exchange, host, http, listener, runtime, tls, watch};
use observe::{record, stats};
use world::{
    absolute_limits, catalog, clock, error_replies, features, load_balancer, mfa_sessions, node,
    node_status, rate_limit, seed, state, time, tokens,
};

pub use builder::EmulatorBuilder;
pub use data_plane::LbListener;
pub use http::MAX_REQUEST_BODY;
pub use injected_fault::{InjectedBody, InjectedFault};
pub use injection_queue::MAX_PENDING_FAULTS;
pub use record::{RECORD_BYTES, RECORDED_BODY_BYTES, RecordedRequest, TRUNCATED_MARKER};
pub use seed::{
    DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME, LoadBalancerSeed, OTHER_API_KEY,
    OTHER_PASSWORD, OTHER_TENANT, OTHER_USERNAME, User,
};
pub use server::Emulator;
pub use stats::{MethodCounts, Stats};
