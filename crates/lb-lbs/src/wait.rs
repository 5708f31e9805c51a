//! Waiting for a load balancer to reach a status, returning it as last read: [`wait_for_status`],
//! [`wait_for_deletion`], and the waits of a creation's and a deletion's `and_wait`, built on
//! core's one wait loop ([`rackcloud_core::kit::poll_until`]).

use rackcloud_core::kit::{ChangeTarget, check_id, poll_until, poll_until_deleted};
use rackcloud_core::{Error, ServiceClient, WaitOpts};

use crate::Status;
use crate::lb_wire::read_one;
use crate::load_balancer::LoadBalancer;
use crate::urls::resource_url;

/// Polls `GET /loadbalancers/{id}` on `opts`' schedule (soon, then backing off up to its
/// interval) until load balancer `id` is `target`,
/// and returns it as last read.
///
/// It stops early, with an error, when waiting cannot succeed:
///
/// - the load balancer reaches a status it cannot leave by itself (`ERROR`, `SUSPENDED`,
///   `DELETED`, or `PENDING_DELETE` unless the target is `DELETED`):
///   [`FinalState`](rackcloud_core::ErrorKind::FinalState), with the status in
///   [`Error::lb_status`];
/// - a poll gets a final answer: 404 [`NotFound`](rackcloud_core::ErrorKind::NotFound), 410
///   [`Gone`](rackcloud_core::ErrorKind::Gone), 401 after re-authentication, 403, a body that does not decode,
///   passed through as the poll's own error.
///
/// A poll that fails in a way worth retrying (a timeout, a connection failure, a 5xx or 503, a
/// rate limit) is reported to the callback and the wait goes on. Each poll's request is already
/// retried by the client's [`RetryPolicy`](rackcloud_core::RetryPolicy); the wait adds none.
/// Unknown statuses are waited out like `BUILD` and `PENDING_UPDATE`.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) for an id of zero or an empty target
/// (nothing is sent); [`FinalState`](rackcloud_core::ErrorKind::FinalState) and the poll errors above;
/// [`Timeout`](rackcloud_core::ErrorKind::Timeout) when the deadline passes first, naming the target, the last
/// status seen (also in [`Error::lb_status`]), the number of polls and the time taken.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .pending_time(std::time::Duration::from_millis(200))
/// #     .start()?;
/// use std::sync::{Arc, Mutex};
/// use std::time::Duration;
/// use lb_lbs::{Status, UpdateOpts};
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_lbs::update(&client, 1, &UpdateOpts::new().name("web-2")).extract_err()?;
///
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let log = Arc::clone(&seen);
/// let opts = WaitOpts::new()
///     .interval(Duration::from_millis(50))
///     .on_progress(move |p| log.lock().unwrap().extend(p.status.cloned()));
/// let lb = lb_lbs::wait_for_status(&client, 1, Status::Active, &opts)?;
/// assert_eq!(lb.name(), "web-2");
///
/// let seen = seen.lock().unwrap();
/// assert_eq!(seen.first(), Some(&Status::PendingUpdate));
/// assert_eq!(seen.last(), Some(&Status::Active));
/// # Ok(())
/// # }
/// ```
pub fn wait_for_status(
    client: &ServiceClient,
    id: u64,
    target: Status,
    opts: &WaitOpts,
) -> Result<LoadBalancer, Error> {
    let opts = opts.clone().within_budget(client.provider().pacing(), 1);
    poll_until(id, target, &opts, || read(client, id))
}

/// Waits until load balancer `id` is deleted: `DELETED`, or answered 404 or 410.
///
/// # Errors
///
/// As [`wait_for_status`] with the target `DELETED`, except that 404 and 410 are success.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_lbs::delete(&client, 2).extract_err()?;
/// lb_lbs::wait_for_deletion(&client, 2, &WaitOpts::new())?;
/// # Ok(())
/// # }
/// ```
pub fn wait_for_deletion(client: &ServiceClient, id: u64, opts: &WaitOpts) -> Result<(), Error> {
    let opts = opts.clone().within_budget(client.provider().pacing(), 1);
    poll_until_deleted(id, &opts, || read(client, id))
}

/// The wait of [`CreateResult::and_wait`](crate::CreateResult::and_wait): until the new load
/// balancer is `ACTIVE`, returning it as last read. A creation whose wait fails leaves the load
/// balancer in the account: the wait's error names its URL, and [`list`](crate::list) finds it
/// by name.
pub(crate) fn until_created(
    target: &ChangeTarget,
    wait: &WaitOpts,
    created: LoadBalancer,
) -> Result<LoadBalancer, Error> {
    wait_for_status(target.client(), created.id(), Status::Active, wait)
}

/// `GET /loadbalancers/{id}`, as [`get`](crate::get) reads it: what every wait polls with.
fn read(client: &ServiceClient, id: u64) -> Result<LoadBalancer, Error> {
    check_id("load balancer", id)?;
    read_one(client.get(&resource_url(client, id)))
}
