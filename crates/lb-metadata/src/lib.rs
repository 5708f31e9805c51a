//! Metadata of Rackspace Cloud Load Balancers and of their nodes: key/value pairs a site keeps
//! on its resources.
//!
//! # What metadata is for
//!
//! Metadata labels a load balancer, or one node of it, with the site's own facts: which team
//! owns it, which environment it serves, which deployment added a node, where a node's host is
//! managed. The service stores the pairs and shows them back; it never acts on them. Tools use
//! them to find their own resources again (`env=staging`, `owner=deploy-bot`) and to tell
//! people what a resource is for.
//!
//! Each of the API's six operations exists for a load balancer and for a node; here each is one
//! function taking an [`Owner`]: [`list`], [`add`] (several items in one request), [`get`],
//! [`update`] (the value; a key never changes), [`delete`] and [`bulk_delete`]. Two helpers
//! work by key: [`set`](crate::workflows::set) adds missing keys and updates changed values, [`remove_keys`](crate::workflows::remove_keys) deletes
//! the items with the given keys.
//!
//! # The traps
//!
//! - **No waiting.** A metadata change needs the load balancer `ACTIVE` (422 otherwise) but does
//!   **not** make it `PENDING_UPDATE`: it is applied when the answer arrives. That is why, unlike
//!   every other resource crate's, this one's results have no `and_wait`: there is nothing to wait
//!   for, and [`bulk_delete`] sends its requests one after the other without waiting. A caller
//!   that changed something else just before (a node, say) must still wait for that change
//!   (`rackcloud_core::wait_until_active`) before changing metadata.
//! - **Success is 200**, not 202 (every status from 200 to 204 is accepted here).
//! - **At most 25 items** per load balancer and per node by default; going over is a **400**,
//!   not a 413 like the other limits ([`ErrorKind::Validation`](rackcloud_core::ErrorKind::Validation)).
//! - **A key the owner already has** is refused with a 422 and nothing is added; change its
//!   value with [`update`], or use [`set`](crate::workflows::set), which picks add or update by key.
//! - **The add body is a list** (`{"metadata":[{"key":…,"value":…}]}`). The public documentation
//!   shows a single `{"meta":…}` object; the service refuses it.
//!
//! Before sending, this crate refuses: an empty request, more than [`MAX_METADATA_ITEMS`](rackcloud_core::model::MAX_METADATA_ITEMS)
//! items, a blank key, an empty value, a key longer than 32 or a value longer than 256
//! characters as the service counts them ([`MAX_KEY_CHARS`](rackcloud_core::model::MAX_KEY_CHARS), [`MAX_VALUE_CHARS`](rackcloud_core::model::MAX_VALUE_CHARS); the error
//! names the key), a key given twice, and ids of zero.
//!
//! # Example
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let emulator = rackcloud_emulator::Emulator::start()?;
//! use lb_metadata::{AddOpts, Owner, UpdateOpts};
//! use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};
//!
//! // The emulator's Identity service; without identity_endpoint, Rackspace's.
//! let identity_url = emulator.identity_url();
//! let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(identity_url);
//! let provider = authenticated_client(opts)?;
//! let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
//!
//! // Label load balancer 1 and its first node.
//! let lb = Owner::LoadBalancer(1);
//! let added = lb_metadata::add(&client, lb, &AddOpts::new().item("env", "prod").item("team", "web"))
//!     .extract()?;
//! let env = added.iter().find(|m| m.key() == "env").ok_or("no env")?;
//! lb_metadata::update(&client, lb, env.id(), &UpdateOpts::new("staging")).extract_err()?;
//! assert_eq!(lb_metadata::get(&client, lb, env.id()).extract()?.value(), "staging");
//!
//! let node_id = 1; // from lb_nodes::list in a real program
//! let node = Owner::Node { lb_id: 1, node_id };
//! let outcome = lb_metadata::workflows::set(&client, node, &AddOpts::new().item("host", "web-01"))?;
//! assert_eq!(outcome.added.len(), 1);
//!
//! // Nothing to wait for: metadata changes leave the load balancer ACTIVE.
//! lb_metadata::workflows::remove_keys(&client, lb, &["team"])?;
//! assert_eq!(lb_metadata::list(&client, lb).extract()?.len(), 1);
//! # Ok(())
//! # }
//! ```

mod opts;
mod owner;
mod requests;
mod results;
mod urls;
pub mod workflows;

pub use opts::{AddOptsBuilder, UpdateOpts, UpdateOptsBuilder};
pub use owner::Owner;
pub use rackcloud_core::model::MetadataOpts as AddOpts;
pub use requests::{add, bulk_delete, delete, get, list, update};
pub use results::{
    AddResult, DeleteResult, GetResult, ListResult, Meta, RemoveOutcome, SetOutcome, UpdateResult,
};
