//! Rackspace Cloud Load Balancers in one dependency, and load balancers declared in a document.
//!
//! Every service crate is here as a module ([`lbs`], [`nodes`], [`vips`], [`monitors`],
//! [`acl`], [`throttle`], [`sessions`], [`ssl`], [`metadata`], [`usage`], and [`core`]).
//!
//! # Declaring load balancers
//!
//! A [`Document`] describes load balancers completely (docs/declarative.md is the reference):
//! settings, virtual IPs, nodes, health monitor, access list, throttle, session persistence,
//! SSL termination and certificate mappings (certificates, keys and chains by file path,
//! never inline), HTTPS redirect, logging, caching, error page (by file path) and metadata.
//! [`plan_account`] compares it with the account (load balancers matched by name) and lists
//! the [`Change`]s, each one API operation, in the order they will be sent, destructive ones
//! marked; nothing is sent. [`apply`] sends exactly those changes, waiting for each load
//! balancer to be `ACTIVE` between its changes and running load balancers in parallel through
//! the fleet machinery ([`run_paced`](rackcloud_core::kit::run_paced)); a load balancer's sequence
//! stops at its first error and the [`ApplyReport`] says what was applied. Applying the same
//! document again plans nothing. [`export`] writes the document of existing load balancers,
//! with the certificate and error page files it names; private keys, which the service never
//! shows, are named as files to provide.
//!
//! The order is one the API accepts: what would block later changes goes first (HTTPS
//! redirect, persistence that may not fit a new protocol, SSL termination under a protocol
//! change), then the load balancer's settings, virtual IPs (added before removed), the health
//! monitor (before `SECONDARY` nodes), nodes added before others are updated or removed (an
//! `ENABLED` `PRIMARY` node always remains), the monitor's removal, persistence, access list,
//! throttle, logging, caching, SSL termination and its mappings, the error page, HTTPS
//! redirect (after SSL termination), metadata.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::start()?;
//! use rackcloud_core::{AuthOptions, EndpointOpts, FleetOpts, WaitOpts, authenticated_client, new_lb_v1};
//! use rackcloud_lb::{Document, apply, plan_account};
//! use std::time::Duration;
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let client = new_lb_v1(&authenticated_client(opts)?, EndpointOpts::new().region("DFW"))?;
//!
//! let doc = Document::from_json(r#"{"load_balancers": [{
//!     "name": "shop", "protocol": "HTTP", "port": 80, "algorithm": "ROUND_ROBIN",
//!     "nodes": [{"address": "10.0.0.1", "port": 8080}, {"address": "10.0.0.2", "port": 8080}],
//!     "health_monitor": {"type": "CONNECT", "delay": 10, "timeout": 5,
//!                        "attempts_before_deactivation": 2},
//!     "session_persistence": "HTTP_COOKIE",
//!     "connection_logging": true,
//!     "metadata": {"team": "web"}
//! }]}"#)?;
//!
//! let plan = plan_account(&client, &doc)?;
//! println!("{plan}");
//! // Polls every 20 ms against the emulator; the default, 5 s, against the real API.
//! let opts = FleetOpts::new().wait(WaitOpts::new().interval(Duration::from_millis(20)));
//! let report = apply(&client, &plan, &opts);
//! assert!(report.is_complete(), "{report}");
//! assert!(plan_account(&client, &doc)?.is_empty());
//! # Ok(())
//! # }
//! ```

mod account;
mod apply;
mod change;
mod change_display;
mod check;
mod current;
mod diff;
mod diff_items;
mod diff_ssl;
mod diff_view;
mod document;
mod export;
pub mod files;
mod lb_spec;
mod plan;
mod send;
mod shown;
mod specs;
mod ssl_spec;

pub use account::{apply_document, plan_account, read_current};
pub use apply::{ApplyReport, ChangeEvent, LbApplyOutcome, apply, apply_with};
pub use change::Change;
pub use current::Current;
pub use diff_view::{ChangeAction, ChangeView};
pub use document::Document;
pub use export::{Export, export};
pub use files::named::{FileText, KeyFile};
pub use lb_spec::LbSpec;
pub use plan::{LbPlan, Plan, plan};
pub use specs::{AccessSpec, MonitorSpec, NodeSpec, ThrottleSpec, VipSpec};
pub use ssl_spec::{MappingSpec, SslSpec};

/// The access list crate.
pub use lb_acl as acl;
/// The load balancers crate.
pub use lb_lbs as lbs;
/// The metadata crate.
pub use lb_metadata as metadata;
/// The health monitor crate.
pub use lb_monitors as monitors;
/// The nodes crate.
pub use lb_nodes as nodes;
/// The session persistence crate.
pub use lb_sessions as sessions;
/// The SSL termination crate.
pub use lb_ssl as ssl;
/// The connection throttle crate.
pub use lb_throttle as throttle;
/// The usage crate.
pub use lb_usage as usage;
/// The virtual IP crate.
pub use lb_vips as vips;
/// The core: clients, errors, waits.
pub use rackcloud_core as core;
