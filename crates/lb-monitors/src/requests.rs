//! The operations: get, update, delete (each change waits with its result's `and_wait`).

use rackcloud_core::kit::{ChangeTarget, check_id};
use rackcloud_core::{Error, Removal, ServiceClient};

use crate::options::UpdateOptsBuilder;
use crate::results::{DeleteResult, GetResult, UpdateResult};
use crate::urls::root_url;

/// Reads the health monitor of load balancer `lb_id` (`GET /loadbalancers/{id}/healthmonitor`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Load balancer 1 of the emulator starts without a monitor: that is `None`, not an error.
/// assert_eq!(lb_monitors::get(&client, 1).extract()?, None);
/// # Ok(())
/// # }
/// ```
pub fn get(client: &ServiceClient, lb_id: u64) -> GetResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&root_url(client, lb_id)))
        .into()
}

/// Configures the health monitor of load balancer `lb_id`, replacing any monitor it had
/// (`PUT /loadbalancers/{id}/healthmonitor`, answered 202).
///
/// The options are checked before anything is sent. The server also checks the protocol: an
/// `HTTP` monitor only on an `HTTP` load balancer, `HTTPS` only on `HTTPS`, none on `UDP`,
/// `UDP_STREAM` or `DNS_UDP` (400, [`Validation`](rackcloud_core::ErrorKind::Validation)).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::model::{ConnectOpts, HttpOpts};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Load balancer 2 is TCP: a CONNECT monitor fits, an HTTP one does not.
/// lb_monitors::update(&client, 2, &ConnectOpts::new(10, 5, 2)).extract_err()?;
/// // The change leaves it PENDING_UPDATE; the emulator can end that at once (against the
/// // service, wait with `.and_wait(&wait)` instead of `.extract_err()`).
/// emulator.set_load_balancer_status("DFW", "123456", 2, "ACTIVE");
/// let err = lb_monitors::update(&client, 2, &HttpOpts::http(10, 5, 2, "/", "^2"))
///     .extract_err()
///     .unwrap_err();
/// assert_eq!(err.status(), Some(400));
/// # Ok(())
/// # }
/// ```
pub fn update(client: &ServiceClient, lb_id: u64, opts: &impl UpdateOptsBuilder) -> UpdateResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_monitor_update_map())
        .map(|body| client.put(&root_url(client, lb_id), &body));
    UpdateResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Removes the health monitor of load balancer `lb_id`
/// (`DELETE /loadbalancers/{id}/healthmonitor`, answered 202). Every node then reads `ONLINE`.
///
/// Without a monitor the server answers 422
/// [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled) (use [`delete_if_present`]
/// to treat that as done); while `SECONDARY` nodes exist it refuses with 400.
pub fn delete(client: &ServiceClient, lb_id: u64) -> DeleteResult {
    let sent = check_id("load balancer", lb_id).map(|()| client.delete(&root_url(client, lb_id)));
    DeleteResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Removes the health monitor unless there is none: one idempotent call.
///
/// # Errors
///
/// Every error of [`delete`] except [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::Removal;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// assert_eq!(lb_monitors::delete_if_present(&client, 3)?, Removal::NothingToRemove);
/// # Ok(())
/// # }
/// ```
pub fn delete_if_present(client: &ServiceClient, lb_id: u64) -> Result<Removal, Error> {
    delete(client, lb_id).extract_removal()
}
