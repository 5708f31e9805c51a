//! Every mutation, then a wait until the load balancer is `ACTIVE` again: one call each.

use rackcloud_core::{Error, ServiceClient, WaitOpts, change_and_wait, wait_until_active};

use crate::Node;
use crate::create_opts::CreateOptsBuilder;
use crate::requests::{bulk_delete, bulk_update, create, delete, update};
use crate::update_opts::{BulkUpdateOpts, UpdateOptsBuilder};

/// [`create`], then waits until the change is applied; returns the new nodes.
///
/// # Errors
///
/// The error of [`create`], or of the wait ([`rackcloud_core::wait_until_active`]). The wait's
/// options are checked before anything is sent.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .pending_time(std::time::Duration::from_millis(100))
/// #     .start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use std::time::Duration;
/// use lb_nodes::{CreateOpts, NodeOpts};
/// use rackcloud_core::WaitOpts;
///
/// let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
/// let added = lb_nodes::create_and_wait(&client, 1, &CreateOpts::new([NodeOpts::new("10.1.1.9", 80)]), &wait)?;
/// // Applied: the next change is accepted at once.
/// lb_nodes::delete_and_wait(&client, 1, added[0].id(), &wait)?;
/// # Ok(())
/// # }
/// ```
pub fn create_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    opts: &impl CreateOptsBuilder,
    wait: &WaitOpts,
) -> Result<Vec<Node>, Error> {
    change_and_wait(client, lb_id, wait, |c, id| create(c, id, opts).extract())
}

/// [`update`], then waits until the change is applied.
///
/// # Errors
///
/// As [`create_and_wait`], for [`update`].
pub fn update_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    node_id: u64,
    opts: &impl UpdateOptsBuilder,
    wait: &WaitOpts,
) -> Result<(), Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        update(c, id, node_id, opts).extract_err()
    })
}

/// [`delete`], then waits until the change is applied.
///
/// # Errors
///
/// As [`create_and_wait`], for [`delete`].
pub fn delete_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    node_id: u64,
    wait: &WaitOpts,
) -> Result<(), Error> {
    change_and_wait(client, lb_id, wait, |c, id| {
        delete(c, id, node_id).extract_err()
    })
}

/// [`bulk_update`], then waits until the last request is applied.
///
/// # Errors
///
/// The outcome's error ([`BulkOutcome::extract_err`](rackcloud_core::BulkOutcome::extract_err):
/// it says which nodes were changed), or the wait's.
pub fn bulk_update_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    opts: &BulkUpdateOpts,
    wait: &WaitOpts,
) -> Result<(), Error> {
    bulk_update(client, lb_id, opts, wait).extract_err()?;
    wait_until_active(client, lb_id, wait).map(|_| ())
}

/// [`bulk_delete`], then waits until the last request is applied.
///
/// # Errors
///
/// As [`bulk_update_and_wait`].
pub fn bulk_delete_and_wait(
    client: &ServiceClient,
    lb_id: u64,
    node_ids: &[u64],
    wait: &WaitOpts,
) -> Result<(), Error> {
    bulk_delete(client, lb_id, node_ids, wait).extract_err()?;
    wait_until_active(client, lb_id, wait).map(|_| ())
}
