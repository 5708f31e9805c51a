//! Connection throttling for Rackspace Cloud Load Balancers: the gophercloud
//! `rackspace/lb/v1/throttle` package, in Rust.
//!
//! # What throttling does for a site
//!
//! A connection throttle caps how many connections one client address may hold open through
//! the load balancer at once. A single misbehaving client, a scraper or a small denial-of-service
//! attempt then cannot use up the nodes' capacity for everyone else: past the cap its new
//! connections are refused (the load balancer answers `503 Server Too Busy`) while other
//! clients go on being served. The cap applies per client address, so clients behind one NAT or
//! proxy share it; set it with that in mind. Without a throttle there is no cap.
//!
//! # What the service accepts, and what this crate sends
//!
//! The public documentation says only `maxConnections` has had an effect for years, that `0`
//! means "unlimited", and that the three other fields (`minConnections`, `maxConnectionRate`,
//! `rateInterval`) are deprecated. The service disagrees in two ways (docs/api/connection-throttling.md):
//!
//! - It still validates all four fields: `maxConnections` 1 to 100000 (so `0` is refused),
//!   `minConnections` 0 to 1000, `maxConnectionRate` 0 to 100000, `rateInterval` 1 to 3600 (so
//!   the `0` older clients send when it is unset is refused too).
//! - The first creation must give all four fields, or it is refused with 400 `Must supply all
//!   credentials when creating a connection throttle.`; later changes may give some.
//!
//! So [`ThrottleOpts::new`] takes `maxConnections` and always sends all four, filling the
//! deprecated ones with values the service accepts and that change nothing (`minConnections`
//! 0, `maxConnectionRate` 0, `rateInterval` 1) unless the caller sets them. One body works for a
//! first creation and for a change alike. `maxConnections` 0 is refused before sending, with a
//! message that says what to do instead: [`delete`] the throttle for "unlimited".
//!
//! # Traps
//!
//! - Each set or delete puts the load balancer in `PENDING_UPDATE`; the next change before it is
//!   `ACTIVE` again is refused with 422 ([`Immutable`](rackcloud_core::ErrorKind::Immutable)).
//!   Each change's result waits with `and_wait(&wait)`.
//! - No throttle is not an error: [`get`] gives `Ok(None)`, and deleting a throttle that is not
//!   there (422 [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled)) is done for
//!   [`delete_if_present`].
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
//! use lb_throttle::ThrottleOpts;
//! use rackcloud_core::{AuthOptions, EndpointOpts, WaitOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//! let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
//!
//! // At most 50 open connections per client address on load balancer 1.
//! lb_throttle::set(&client, 1, &ThrottleOpts::new(50)).and_wait(&wait)?;
//! let throttle = lb_throttle::get(&client, 1).extract()?.ok_or("no throttle")?;
//! assert_eq!(throttle.max_connections(), 50);
//!
//! // "Unlimited" is no throttle at all.
//! assert!(lb_throttle::set(&client, 1, &ThrottleOpts::new(0)).extract_err().unwrap_err().is_invalid_input());
//! lb_throttle::delete(&client, 1).and_wait(&wait)?;
//! assert_eq!(lb_throttle::get(&client, 1).extract()?, None);
//! # Ok(())
//! # }
//! ```

mod options;
mod requests;
mod results;
mod urls;

pub use options::SetOptsBuilder;
pub use rackcloud_core::model::ThrottleOpts;
pub use requests::{delete, delete_if_present, get, set};
pub use results::{ConnectionThrottle, DeleteResult, GetResult, SetResult};
