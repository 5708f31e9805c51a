//! Virtual IPs of Rackspace Cloud Load Balancers: the gophercloud `rackspace/lb/v1/vips`
//! package, in Rust.
//!
//! # What virtual IPs are for
//!
//! A virtual IP is an address a load balancer listens on; clients connect to it and the load
//! balancer passes their traffic to its nodes. A load balancer gets its virtual IPs when it is
//! created (a public one gives an IPv4 and an IPv6 address, a ServiceNet one an internal IPv4
//! address), and a site later uses this crate to see them ([`list`]), to give the load balancer
//! more public IPv6 addresses ([`add`]), and to retire addresses ([`delete`],
//! [`bulk_delete`]).
//!
//! # The traps
//!
//! - **Only public IPv6 addresses can be added.** An IPv4 or ServiceNet address exists only from
//!   the load balancer's creation; [`AddOpts`] refuses them before sending, and the service would
//!   answer 400. Sharing another load balancer's address is possible only at creation too.
//! - **The add body and answer are not wrapped** in a root key, unlike almost every other
//!   resource: `{"type":"PUBLIC","ipVersion":"IPV6"}`.
//! - **At most 25 IPv6 addresses** per load balancer by default (the account's `IPV6_LIMIT`);
//!   beyond, the service answers a 413 that is not a rate limit and is not repeated
//!   ([`ErrorKind::OverLimit`](rackcloud_core::ErrorKind::OverLimit)).
//! - **The last virtual IP cannot be deleted** (400): delete the load balancer instead.
//! - **Deleting answers 202** although the documentation says 200; both are success here.
//! - **Every change makes the load balancer `PENDING_UPDATE`**, and it refuses the next change
//!   with a 422 until it is `ACTIVE` again. Each change's result waits with
//!   `and_wait(&wait)`, and [`bulk_delete`] sends at most 10 ids a request and waits between
//!   requests.
//!
//! The virtual IP's vocabulary ([`VirtualIp`](rackcloud_core::model::VirtualIp),
//! [`VipType`](rackcloud_core::model::VipType), [`IpVersion`](rackcloud_core::model::IpVersion))
//! lives in [`model`](rackcloud_core::model), shared with `lb-lbs`, which creates load balancers with it.
//!
//! # Example
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::builder()
//! #     .default_seed()
//! #     .pending_time(std::time::Duration::from_millis(50))
//! #     .start()?;
//! use std::time::Duration;
//! use lb_vips::AddOpts;
//! use rackcloud_core::model::IpVersion;
//! use rackcloud_core::{AuthOptions, EndpointOpts, WaitOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//! let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
//!
//! // A second public IPv6 address for load balancer 1, applied before the call returns.
//! let added = lb_vips::add(&client, 1, &AddOpts::new()).and_wait(&wait)?;
//! assert_eq!(added.ip_version(), &IpVersion::Ipv6);
//!
//! let vips = lb_vips::list(&client, 1).extract()?;
//! assert!(vips.iter().any(|v| v.address() == added.address()));
//!
//! // Retire it again.
//! lb_vips::delete(&client, 1, added.id()).and_wait(&wait)?;
//! assert_eq!(lb_vips::list(&client, 1).extract()?.len(), vips.len() - 1);
//! # Ok(())
//! # }
//! ```

mod requests;
mod results;
mod urls;

pub use requests::{AddOpts, AddOptsBuilder, add, bulk_delete, delete, list};
pub use results::{AddResult, DeleteResult, ListResult};
