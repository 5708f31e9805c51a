//! Usage reports and billable load balancers of Rackspace Cloud Load Balancers.
//!
//! # What usage reports tell a site
//!
//! The service meters every load balancer: bytes in and out, average concurrent connections
//! (plain and over SSL termination), and how many virtual IPs it had. The records are what the
//! bill is made of, and they answer "which load balancer carries the traffic?" and "is this one
//! still used?".
//!
//! - [`account_usage`]: the account's own records (load balancers and virtual IPs counted) and
//!   every load balancer's records in a period.
//! - [`load_balancer_usage`]: one load balancer's records in a period; [`current_usage`]: its
//!   records of the last 24 hours.
//! - [`billable`]: the load balancers billable in a period, one page (up to
//!   [`MAX_BILLABLE_PAGE`], 500 by default); [`billable_all`] and [`billable_pages`] read every
//!   page, within a [`PageBound`](rackcloud_core::kit::PageBound).
//!
//! Periods are real times
//! ([`jiff::Timestamp`](https://docs.rs/jiff/1/jiff/struct.Timestamp.html)); [`parse_time`]
//! reads the forms people and the API write (a day, a time with or without an offset). They are
//! sent as ISO 8601 in UTC.
//!
//! The traps:
//!
//! - **Without a period the server reports the last 24 hours**, not everything.
//! - **Records are kept [`RETENTION_DAYS`] (90) days.** A period reaching further back is not an
//!   error: it gets fewer records, or none.
//! - **A period must end after it starts**; otherwise it is refused before sending. The
//!   billable listing needs both ends.
//! - Times in answers may carry any offset (the service has written US Central times); they are
//!   read into UTC timestamps.
//!
//! # Using the crate
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::start()?;
//! use jiff::{SignedDuration, Timestamp};
//! use lb_usage::{BillableOpts, UsageOpts};
//! use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//!
//! let now = Timestamp::now();
//! let week = UsageOpts::new().since(now - SignedDuration::from_hours(24 * 7)).until(now);
//! for lb in lb_usage::account_usage(&client, &week).extract()?.load_balancers() {
//!     let bytes: u64 = lb.records().iter().map(|r| r.incoming_transfer() + r.outgoing_transfer()).sum();
//!     println!("{} ({}): {bytes} bytes", lb.name(), lb.id());
//! }
//!
//! // Times are sent to the second: end the period a little after now to include what was
//! // created in this second.
//! let period = BillableOpts::new(now - SignedDuration::from_hours(24), now + SignedDuration::from_hours(1));
//! let billable = lb_usage::billable_all(&client, &period)?;
//! assert_eq!(billable.len(), 3);
//!
//! // Backwards periods never leave the machine.
//! let backwards = UsageOpts::new().since(now).until(now - SignedDuration::from_hours(1));
//! assert!(lb_usage::account_usage(&client, &backwards).extract().unwrap_err().is_invalid_input());
//! # Ok(())
//! # }
//! ```

mod kinds;
mod opts;
mod requests;
mod results;
mod time;
mod wire;

pub use kinds::SslMode;
pub use opts::{BillableOpts, MAX_BILLABLE_PAGE, RETENTION_DAYS, UsageOpts};
pub use requests::{
    account_usage, billable, billable_all, billable_pages, current_usage, load_balancer_usage,
};
pub use results::{
    AccountUsage, AccountUsageRecord, BillableLoadBalancer, LoadBalancerUsage, UsageRecord,
};
pub use time::parse_time;
pub use wire::{AccountUsageResult, BillableResult, UsageResult};
