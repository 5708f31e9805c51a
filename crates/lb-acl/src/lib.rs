//! Access lists of Rackspace Cloud Load Balancers: the gophercloud `rackspace/lb/v1/acl`
//! package, in Rust.
//!
//! # What an access list does for a site
//!
//! An access list decides which clients may reach a load balancer at all, before any node sees
//! them. Each item names an IPv4 or IPv6 address or a CIDR network and says [`Allow`](rackcloud_core::model::RuleType::Allow)
//! or [`Deny`](rackcloud_core::model::RuleType::Deny). It is how a site shuts out an abusive network, or opens an admin
//! service to the office only.
//!
//! The traps:
//!
//! - **`ALLOW` beats `DENY`.** A client matched by both an `ALLOW` and a `DENY` item gets
//!   through, whatever the order of the items and however wide either network is. Denying one
//!   address inside an allowed network has no effect.
//! - **An allow-list is a `DENY` of everything plus `ALLOW` items.** `0.0.0.0/0 DENY` shuts out
//!   every IPv4 client, and the `ALLOW` items let the chosen ones back in. IPv6 clients need
//!   their own `::/0 DENY`: without it, a load balancer with an IPv6 virtual IP stays open to
//!   every IPv6 client.
//! - **The list only grows by appending.** [`append`] adds items to what is there; to replace
//!   the list, delete it ([`delete_all`]) and append the new one (two changes, each followed by
//!   `PENDING_UPDATE`: wait with the result's `and_wait`).
//! - **Limits.** At most [`MAX_ITEMS`](rackcloud_core::model::MAX_ITEMS) (100) items in a list, all requests together. One
//!   request with more is refused before sending; a request that would take the list past the
//!   limit is refused by the server with a **400**, not a 413: its kind is
//!   [`Validation`](rackcloud_core::ErrorKind::Validation) and
//!   [`Error::is_size_limit`](rackcloud_core::Error::is_size_limit) is true, so it is never
//!   mistaken for a rate limit ([`is_rate_limited`](rackcloud_core::Error::is_rate_limited)) and
//!   never repeated. An address already in the list is a 400 too. [`bulk_delete`] sends at most
//!   ten ids a request and waits for the load balancer between requests.
//!
//! Addresses are checked before sending ([`check_address`](rackcloud_core::model::check_address)) and sent exactly as written.
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
//! use lb_acl::AppendOpts;
//! use rackcloud_core::model::RuleType;
//! use rackcloud_core::{AuthOptions, EndpointOpts, WaitOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//! let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
//!
//! // Only the office may reach load balancer 1, over IPv4 and IPv6.
//! let allow_list = AppendOpts::new()
//!     .deny("0.0.0.0/0")
//!     .deny("::/0")
//!     .allow("192.0.2.0/24")
//!     .allow("2001:db8:1::/48");
//! lb_acl::append(&client, 1, &allow_list).and_wait(&wait)?;
//!
//! let items = lb_acl::list(&client, 1).extract()?;
//! assert_eq!(items.len(), 4);
//! assert_eq!(items[2].rule_type(), &RuleType::Allow);
//!
//! // The same network again is refused by the server.
//! let again = lb_acl::append(&client, 1, &AppendOpts::new().allow("192.0.2.0/24")).extract_err();
//! assert_eq!(again.unwrap_err().status(), Some(400));
//!
//! // Open it up again.
//! lb_acl::delete_all(&client, 1).and_wait(&wait)?;
//! assert!(lb_acl::list(&client, 1).extract()?.is_empty());
//! # Ok(())
//! # }
//! ```

mod opts;
mod requests;
mod results;
mod urls;

pub use opts::AppendOptsBuilder;
pub use rackcloud_core::model::AppendOpts;
pub use requests::{append, bulk_delete, delete, delete_all, list};
pub use results::{AppendResult, DeleteResult, ListResult, NetworkItem};
