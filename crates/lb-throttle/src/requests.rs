//! The operations: get, set, delete (each change waits with its result's `and_wait`).

use rackcloud_core::kit::{ChangeTarget, check_id};
use rackcloud_core::{Error, Removal, ServiceClient};

use crate::options::SetOptsBuilder;
use crate::results::{DeleteResult, GetResult, SetResult};
use crate::urls::root_url;

/// Reads the connection throttle of load balancer `lb_id`
/// (`GET /loadbalancers/{id}/connectionthrottle`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // No throttle is `None`, not an error.
/// assert_eq!(lb_throttle::get(&client, 1).extract()?, None);
/// # Ok(())
/// # }
/// ```
pub fn get(client: &ServiceClient, lb_id: u64) -> GetResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&root_url(client, lb_id)))
        .into()
}

/// Sets (creates or changes) the connection throttle of load balancer `lb_id`
/// (`PUT /loadbalancers/{id}/connectionthrottle`, answered 202; documented as 200).
///
/// The options are checked before anything is sent.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_throttle::ThrottleOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_throttle::set(&client, 2, &ThrottleOpts::new(200)).extract_err()?;
/// let got = lb_throttle::get(&client, 2).extract()?.ok_or("no throttle")?;
/// assert_eq!(got.max_connections(), 200);
/// # Ok(())
/// # }
/// ```
pub fn set(client: &ServiceClient, lb_id: u64, opts: &impl SetOptsBuilder) -> SetResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_throttle_set_map())
        .map(|body| client.put(&root_url(client, lb_id), &body));
    SetResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Removes the connection throttle of load balancer `lb_id`: no limit any more
/// (`DELETE /loadbalancers/{id}/connectionthrottle`, answered 202; documented as 200).
///
/// Without a throttle the server answers 422
/// [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled); use [`delete_if_present`]
/// to treat that as done.
pub fn delete(client: &ServiceClient, lb_id: u64) -> DeleteResult {
    let sent = check_id("load balancer", lb_id).map(|()| client.delete(&root_url(client, lb_id)));
    DeleteResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Removes the connection throttle unless there is none: one idempotent call.
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
/// assert_eq!(lb_throttle::delete_if_present(&client, 3)?, Removal::NothingToRemove);
/// # Ok(())
/// # }
/// ```
pub fn delete_if_present(client: &ServiceClient, lb_id: u64) -> Result<Removal, Error> {
    delete(client, lb_id).extract_removal()
}
