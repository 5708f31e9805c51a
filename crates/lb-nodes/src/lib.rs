//! The nodes of Rackspace Cloud Load Balancers: gophercloud's `rackspace/lb/v1/nodes` package
//! in Rust, with its bugs fixed, bulk update, every page of node events, and the workflows that
//! change nodes without dropping traffic.
//!
//! # What nodes are
//!
//! A node is a back-end server (an IP address or host name and a port) that a load balancer
//! sends traffic to. Each node has a [`Condition`] you choose — `ENABLED` takes traffic,
//! `DRAINING` finishes its connections and takes no new ones, `DISABLED` takes none — a
//! [`Type`] — `PRIMARY`, or `SECONDARY` for a standby used only when every primary fails — a
//! weight (1 to 100, used by the weighted algorithms only, and only shown for them), and a
//! [`Status`] the health monitor sets: `ONLINE` or `OFFLINE`.
//!
//! # The traps, and what this crate does about them
//!
//! - **One change at a time.** Every node change leaves the load balancer `PENDING_UPDATE`;
//!   another change meanwhile is refused with a 422. So [`create`] sends all new nodes in one
//!   request (never one request per node), bulk operations wait between their requests, and
//!   every change's result waits for it with `and_wait(&wait)`.
//! - **Limits.** At most [`NODE_LIMIT`](rackcloud_core::model::NODE_LIMIT) (25 by default) nodes per load balancer: an add past it
//!   is a 413 [`OverLimit`](rackcloud_core::ErrorKind::OverLimit), never retried. Bulk update
//!   and delete send at most 10 nodes a request ([`bulk_update`], [`bulk_delete`] chunk longer
//!   lists and report what went through in a [`BulkOutcome`](rackcloud_core::BulkOutcome)).
//! - **Checked before sending:** addresses (an IP address or an RFC 1123 host name, never
//!   `127.0.0.0/8`, `0.0.0.0` or `255.255.255.255`), ports 1 to 65535, weights 1 to 100 (not 0
//!   to 100 as in gophercloud), no address and port twice in one request, at most
//!   [`NODE_LIMIT`](rackcloud_core::model::NODE_LIMIT) nodes in one add. Type and weight are always sent when set (older SDKs
//!   dropped them and a `SECONDARY` node arrived as `PRIMARY`).
//! - **Secondary nodes** need a health monitor and an enabled primary node (400 otherwise).
//! - **Removing a node cuts its connections.** Drain it first: [`drain_and_remove`](crate::workflows::drain_and_remove).
//! - **A new node takes traffic before its health check has run.** Add it `DRAINING`, wait
//!   until it is `ONLINE`, then enable it: [`add_safely`](crate::workflows::add_safely).
//!
//! # Workflows
//!
//! [`add_nodes`](crate::workflows::add_nodes), [`drain_and_remove`](crate::workflows::drain_and_remove), [`add_safely`](crate::workflows::add_safely) and [`converge`](crate::workflows::converge) (with [`plan`](crate::workflows::plan), which
//! computes converge's changes without sending them) each do a whole job in one call. Each is
//! bounded by the deadline of its [`WorkflowOpts`](crate::workflows::WorkflowOpts)'s wait options (for the whole workflow, not
//! per wait) and reports every step to its callback.
//!
//! On failure a workflow returns the usual [`Error`](rackcloud_core::Error), of the failed
//! step's kind, whose [`source`](std::error::Error::source) is a [`WorkflowError`](crate::workflows::WorkflowError): the
//! [`Step`](crate::workflows::Step) that failed, whether the server had accepted it, the steps completed, and the nodes
//! added, updated and removed so far. Code that only cares about the kind keeps matching on
//! [`ErrorKind`](rackcloud_core::ErrorKind), like for every other operation; code that must
//! clean up reads [`WorkflowError::of`](workflows::WorkflowError::of). We chose this over a separate error type so that every
//! function of the SDK keeps returning one error type.
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
//! use lb_nodes::{Condition, ListOpts};
//! use rackcloud_core::model::NodeOpts;
//! use lb_nodes::workflows::{WorkflowError, WorkflowOpts};
//! use rackcloud_core::{AuthOptions, EndpointOpts, WaitOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let auth = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let client = new_lb_v1(&authenticated_client(auth)?, EndpointOpts::new().region("DFW"))?;
//! let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
//! let opts = WorkflowOpts::new(wait).on_step(|p| println!("{}: {} {:?}", p.workflow, p.step, p.event));
//!
//! // Rotate: bring a new node in safely, then drain the old one out.
//! let added = lb_nodes::workflows::add_safely(&client, 1, &[NodeOpts::new("10.180.0.21", 80)], &opts)?;
//! assert_eq!(added[0].condition(), &Condition::Enabled);
//! let old = lb_nodes::find_by_address_port(&client, 1, "10.180.0.11", 80)?.ok_or("no node")?;
//! lb_nodes::workflows::drain_and_remove(&client, 1, old.id(), Duration::from_millis(10), &opts)?;
//!
//! let addresses: Vec<String> = lb_nodes::list_all(&client, 1, ListOpts::new())?
//!     .iter()
//!     .map(|n| n.address().to_owned())
//!     .collect();
//! assert_eq!(addresses, ["10.180.0.12", "10.180.0.21"]);
//!
//! // A failure says which step failed and what was applied.
//! let err = lb_nodes::workflows::drain_and_remove(&client, 1, 999, Duration::ZERO, &opts).unwrap_err();
//! let failure = WorkflowError::of(&err).ok_or("not a workflow error")?;
//! assert_eq!(failure.step(), lb_nodes::workflows::Step::SetDraining);
//! assert!(failure.completed().is_empty() && err.is_not_found());
//! # Ok(())
//! # }
//! ```

mod create_opts;
mod list_opts;
mod requests;
mod results;
mod update_opts;
mod urls;
mod wire;
pub mod workflows;

pub use create_opts::{CreateOpts, CreateOptsBuilder};
pub use list_opts::ListOpts;
pub use rackcloud_core::model::{
    NodeCondition as Condition, NodeStatus as Status, NodeType as Type,
};
pub use requests::{
    bulk_delete, bulk_update, create, delete, events, events_all, find_by_address_port, get, list,
    list_all, update,
};
pub use results::{
    CreateResult, DeleteResult, EventsResult, GetResult, ListResult, NodeEvent, UpdateResult,
};
pub use update_opts::{BulkUpdateOpts, UpdateOpts, UpdateOptsBuilder};
