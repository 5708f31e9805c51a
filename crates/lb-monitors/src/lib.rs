//! Health monitors for Rackspace Cloud Load Balancers: the gophercloud
//! `rackspace/lb/v1/monitors` package, in Rust.
//!
//! # What a health monitor does for a site
//!
//! Without a monitor a load balancer keeps sending visitors to a node that has crashed, hung
//! or is half-deployed, and they see errors or time-outs. A health monitor checks every node
//! on a schedule and takes a node out of the rotation after a number of failed checks in a row;
//! when the node passes again it is put back. A load balancer has at most one monitor:
//!
//! - `CONNECT` ([`ConnectOpts`](rackcloud_core::model::ConnectOpts)): a TCP connection to the node's port. It proves the process
//!   listens, not that it answers sensibly. It works with every protocol but the UDP ones.
//! - `HTTP` and `HTTPS` ([`HttpOpts`](rackcloud_core::model::HttpOpts)): a request for a path (`/health`) whose status code must
//!   match a regular expression (`^[23][0-9][0-9]$`), optionally whose body must match another
//!   one, optionally with a `Host` header for nodes serving several sites. An `HTTP` monitor
//!   needs an `HTTP` load balancer and an `HTTPS` monitor an `HTTPS` one.
//!
//! Each monitor has three timings, all inclusive ranges: `delay` (1 to 3600 seconds between
//! checks), `timeout` (1 to 300 seconds to wait for an answer) and attempts before deactivation
//! (1 to 10 failures in a row). The documented bounds are valid values: older clients refused
//! them. A `CONNECT` monitor carries no HTTP fields; here that holds by construction, as
//! [`ConnectOpts`](rackcloud_core::model::ConnectOpts) has none.
//!
//! A monitor is set whole the first time ([`ConnectOpts`](rackcloud_core::model::ConnectOpts), [`HttpOpts`](rackcloud_core::model::HttpOpts); the same types set it
//! at creation, `lb_lbs::CreateOpts::health_monitor`). Later the service merges a change into
//! the monitor there is: [`UpdateOpts`] sends the type and only the fields to change (an `HTTP`
//! or `HTTPS` change always with its path, as the service requires).
//!
//! # Traps
//!
//! - **`SECONDARY` nodes need a monitor.** Nodes of type `SECONDARY` only take traffic when the
//!   monitor has taken the primaries out, so the server refuses to add one to a load balancer
//!   without a monitor, and refuses to [`delete`] the monitor while one exists (400). Configure
//!   the monitor first; to remove it, first remove the secondary nodes or make them `PRIMARY`.
//! - **Deleting the monitor brings every node `ONLINE`.** Nodes the monitor had taken out,
//!   because they are really broken, get traffic again at once. Fix or disable such nodes before
//!   removing the monitor.
//! - **One change at a time.** Each update or delete puts the load balancer in `PENDING_UPDATE`;
//!   the next change before it is `ACTIVE` again is refused with 422
//!   ([`Immutable`](rackcloud_core::ErrorKind::Immutable)). Each change's result waits
//!   with `and_wait(&wait)`.
//! - **No monitor is not an error.** [`get`] gives `Ok(None)`; deleting a monitor that is not
//!   there is a 422 [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled) that
//!   [`delete_if_present`] treats as done ([`Removal::NothingToRemove`](rackcloud_core::Removal)).
//! - **Regular expressions are the server's to compile.** It uses Java's dialect; this crate
//!   checks only their length, and the server answers 400 for one it cannot compile.
//!
//! # Using the crate
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::builder()
//! #     .default_seed()
//! #     .pending_time(std::time::Duration::from_millis(50))
//! #     .start()?;
//! use std::time::Duration;
//! use rackcloud_core::model::{HttpOpts, MonitorType};
//! use rackcloud_core::{AuthOptions, EndpointOpts, WaitOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//! let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
//!
//! // Load balancer 1 ("web") speaks HTTP: check /health every 10 s.
//! let monitor = HttpOpts::http(10, 5, 3, "/health", "^[23][0-9][0-9]$").body_regex("ok");
//! lb_monitors::update(&client, 1, &monitor).and_wait(&wait)?;
//! let got = lb_monitors::get(&client, 1).extract()?.ok_or("no monitor")?;
//! assert_eq!(got.monitor_type(), &MonitorType::Http);
//! assert_eq!(got.path(), Some("/health"));
//!
//! // Later, one field: the service keeps the others.
//! let slower = lb_monitors::UpdateOpts::http("/health").delay(30);
//! lb_monitors::update(&client, 1, &slower).and_wait(&wait)?;
//! let got = lb_monitors::get(&client, 1).extract()?.ok_or("no monitor")?;
//! assert_eq!((got.delay(), got.body_regex()), (30, Some("ok")));
//!
//! // Out of range is refused before anything is sent.
//! let err = lb_monitors::update(&client, 1, &HttpOpts::http(0, 5, 3, "/", "^2")).extract_err();
//! assert!(err.unwrap_err().is_invalid_input());
//!
//! lb_monitors::delete(&client, 1).and_wait(&wait)?;
//! assert_eq!(lb_monitors::get(&client, 1).extract()?, None);
//! # Ok(())
//! # }
//! ```

mod options;
mod requests;
mod results;
mod urls;

pub use options::UpdateOptsBuilder;
pub use rackcloud_core::model::MonitorUpdateOpts as UpdateOpts;
pub use requests::{delete, delete_if_present, get, update};
pub use results::{DeleteResult, GetResult, UpdateResult};
