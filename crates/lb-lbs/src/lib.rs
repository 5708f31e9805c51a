//! Load balancers of Rackspace Cloud Load Balancers: the gophercloud `rackspace/lb/v1/lbs`
//! package, in Rust, and waiting until a change is applied.
//!
//! # Load balancers and their status
//!
//! A load balancer listens on one or more virtual IPs, on one port, for one [`Protocol`], and
//! spreads connections over its back-end nodes by an [`Algorithm`]. Every change to it (this
//! crate's [`update`], and the changes of its sibling crates: session persistence, nodes,
//! throttles, …) is applied asynchronously:
//!
//! - the server accepts the change with a 202 and puts the load balancer in
//!   [`PENDING_UPDATE`](Status::PendingUpdate) ([`BUILD`](Status::Build) after a create,
//!   [`PENDING_DELETE`](Status::PendingDelete) after a delete);
//! - while it is not [`ACTIVE`](Status::Active), every other change is refused with a 422
//!   ([`Immutable`](rackcloud_core::ErrorKind::Immutable));
//! - when the change is applied it is `ACTIVE` again (or [`DELETED`](Status::Deleted)). If it
//!   failed it is [`ERROR`](Status::Error), and only a delete is accepted;
//!   [`SUSPENDED`](Status::Suspended) is the provider's doing and only the provider ends it.
//!
//! So a program that makes two changes in a row has to wait in between, and a program that
//! reports "done" should wait until the change is applied. The API documentation asks clients to
//! poll `GET /loadbalancers/{id}` every 5 to 10 seconds until the status is `ACTIVE`;
//! [`wait_for_status`] does that with a deadline, stops at once when the load balancer reaches a
//! status it cannot leave, and reports each poll to an optional callback.
//!
//! # Using the crate
//!
//! [`list`], [`get`], [`create`], [`update`] and [`delete`] take a
//! [`ServiceClient`](rackcloud_core::ServiceClient) for a region's load balancer endpoint (from
//! [`rackcloud_core::new_lb_v1`]) and return [`ListResult`], [`GetResult`], [`CreateResult`],
//! [`UpdateResult`] and [`DeleteResult`], whose `extract` and `extract_err` methods give the
//! outcome. Their options are [`ListOpts`], [`CreateOpts`] and [`UpdateOpts`], behind the
//! builder traits [`ListOptsBuilder`], [`CreateOptsBuilder`] and [`UpdateOptsBuilder`] that
//! your own types can implement. Input that cannot be valid (an id of zero, an empty name, an
//! update that changes nothing) is refused with an
//! [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error before anything is sent.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::start()?;
//! use lb_lbs::{CreateOpts, ListOpts, Protocol, Status, UpdateOpts, VipOpts};
//! use rackcloud_core::model::NodeOpts;
//! use rackcloud_core::WaitOpts;
//! use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//! let wait = WaitOpts::new();
//!
//! // Create a load balancer and wait until it is built.
//! let opts = CreateOpts::new("blog", Protocol::Http)
//!     .virtual_ip(VipOpts::public())
//!     .node(NodeOpts::new("10.180.0.31", 8080));
//! let created = lb_lbs::create(&client, &opts).extract()?;
//! assert_eq!(created.status(), &Status::Build);
//! let blog = lb_lbs::wait_for_status(&client, created.id(), lb_lbs::Status::Active, &wait)?;
//!
//! // Change it, and wait until the change is applied.
//! lb_lbs::update(&client, blog.id(), &UpdateOpts::new().timeout(90)).extract_err()?;
//! let blog = lb_lbs::wait_for_status(&client, blog.id(), lb_lbs::Status::Active, &wait)?;
//! assert_eq!(blog.timeout(), Some(90));
//!
//! // Every load balancer of the account, 100 per request.
//! let all = lb_lbs::list_all(&client, ListOpts::new().limit(100))?;
//! assert!(all.iter().any(|lb| lb.name() == "blog"));
//!
//! // Delete it.
//! lb_lbs::delete(&client, blog.id()).extract_err()?;
//! lb_lbs::wait_for_deletion(&client, blog.id(), &wait)?;
//! # Ok(())
//! # }
//! ```
//!
//! # Paging
//!
//! `GET /loadbalancers` answers one page at a time, ordered by id: at most `limit` load
//! balancers (1 to [`MAX_PAGE_SIZE`](rackcloud_core::MAX_PAGE_SIZE)) after the id `marker`. [`list`] reads one page;
//! [`pages`] is an iterator over every page (one request each) and [`list_all`] collects them.
//!
//! # Waiting
//!
//! [`wait_for_status`] (and [`wait_for_deletion`], and the `and_wait` of every change's result)
//! polls with the interval and deadline of [`WaitOpts`](rackcloud_core::WaitOpts). It returns the load balancer once it has the target
//! status, and fails with a typed [`Error`](rackcloud_core::Error) otherwise:
//!
//! | What happened | [`ErrorKind`](rackcloud_core::ErrorKind) |
//! |---|---|
//! | the load balancer became `ERROR`, `SUSPENDED`, `DELETED` (or `PENDING_DELETE` when the target is not `DELETED`) | `FinalState`, with [`lb_status`](rackcloud_core::Error::lb_status) |
//! | it does not exist, or was deleted (404, 410) | `NotFound`, `Gone` |
//! | the credentials stopped working, or a poll's body did not decode | `Authentication`, `Decode`, … |
//! | the deadline passed first | `Timeout`, naming the last status seen |
//!
//! A poll that times out or meets a 5xx is reported to the callback and the wait goes on.
//!
//! ## Enable session persistence and wait for it in one call
//!
//! The result of every change, in every crate (but `lb-metadata`'s, applied when answered), has
//! `and_wait(&wait)`: the change's answer
//! (as strict as the change itself), then a wait until it is applied. A creation's waits for
//! the new load balancer to be `ACTIVE` and returns it ([`CreateResult::and_wait`]), a
//! deletion's until it is gone ([`DeleteResult::and_wait`]). With `lb-sessions`:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::builder()
//! #     .default_seed()
//! #     .pending_time(std::time::Duration::from_millis(100))
//! #     .start()?;
//! use std::time::Duration;
//! use lb_lbs::Status;
//! use rackcloud_core::WaitOpts;
//! use lb_sessions::{CreateOpts, Type};
//!
//! let token = emulator.issue_token("demo").ok_or("no token")?;
//! let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
//! let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
//! lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie)).and_wait(&wait)?;
//! let lb = lb_lbs::get(&client, 1).extract()?;
//! assert_eq!(lb.status(), &Status::Active);
//! assert_eq!(lb.session_persistence().map(|t| t.as_str()), Some("HTTP_COOKIE"));
//! # Ok(())
//! # }
//! ```
//!
//! The same two steps, written out:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::start()?;
//! use rackcloud_core::WaitOpts;
//! use lb_sessions::{CreateOpts, Type};
//!
//! let token = emulator.issue_token("demo").ok_or("no token")?;
//! let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
//! lb_sessions::enable(&client, 2, &CreateOpts::new(Type::SourceIp)).extract_err()?;
//! let lb = lb_lbs::wait_for_status(&client, 2, lb_lbs::Status::Active, &WaitOpts::new())?;
//! assert_eq!(lb.session_persistence().map(|t| t.as_str()), Some("SOURCE_IP"));
//! # Ok(())
//! # }
//! ```

mod bulk_delete;
mod create_opts;
mod error_page;
mod kinds;
mod lb_parts;
mod lb_wire;
mod limits;
mod list_opts;
mod load_balancer;
mod pages;
mod reference;
mod requests;
mod results;
mod settings;
mod stats;
mod update_opts;
mod urls;
mod vip_opts;
mod wait;

pub use bulk_delete::bulk_delete;
pub use create_opts::CreateOpts;
pub use error_page::{ErrorPageResult, delete_error_page, get_error_page, set_error_page};
pub use kinds::{Algorithm, Protocol};
pub use lb_parts::{AccessItem, MetadataItem, SourceAddresses, SslSummary, Throttle};
pub use limits::{
    AbsoluteLimits, AbsoluteLimitsResult, DEFAULT_NODE_LIMIT, RateLimit, RateLimitGroup,
    RateLimits, RateLimitsResult, absolute_limits, rate_limits, remaining_nodes,
};
pub use list_opts::ListOpts;
pub use load_balancer::LoadBalancer;
pub use pages::{list_all, pages};
/// The status of a load balancer (core's [`LbStatus`](rackcloud_core::model::LbStatus), which every
/// service crate shares).
pub use rackcloud_core::model::LbStatus as Status;
pub use reference::{
    AlgorithmsResult, AllowedDomainsResult, ProtocolInfo, ProtocolsResult, SourceAddressLists,
    SourceAddressesResult, cluster_source_addresses, list_algorithms, list_allowed_domains,
    list_protocols, regional_source_addresses,
};
pub use requests::{
    CreateOptsBuilder, ListOptsBuilder, UpdateOptsBuilder, create, delete, get, list, update,
};
pub use results::{CreateResult, DeleteResult, GetResult, ListResult, UpdateResult};
pub use settings::{
    SettingResult, SwitchResult, disable_caching, disable_logging, enable_caching, enable_logging,
    is_content_cached, is_logging_enabled,
};
pub use stats::{Stats, StatsResult, get_stats};
pub use update_opts::UpdateOpts;
pub use vip_opts::VipOpts;
pub use wait::{wait_for_deletion, wait_for_status};
