//! Waiting after a change: [`wait_until_active`] and [`change_and_wait`] (for a change no
//! operation's result carries, such as a raw request), on the one loop of
//! [`poll_until`](crate::kit::poll_until). A service crate's change waits with its result's
//! `and_wait`.

use serde::Deserialize;

use crate::error::Error;
use crate::lb_status::LbStatus;
use crate::service::ServiceClient;
use crate::wait::{poll_until, poll_until_deleted};
use crate::wait_opts::WaitOpts;

/// Polls `GET /loadbalancers/{id}` until load balancer `id` is `ACTIVE`: at once, then backing
/// off up to `opts.interval` ([`WaitOpts::delay_after`]), within the client's GET budget.
///
/// It stops early, with an error, when waiting cannot succeed: the load balancer reaches a status
/// it cannot leave by itself (`ERROR`, `SUSPENDED`, `PENDING_DELETE`, `DELETED`:
/// [`FinalState`](crate::ErrorKind::FinalState) with the status in [`Error::lb_status`]), or a poll gets
/// a final answer (404, 410, 401 after re-authentication, 403, a body that does not decode),
/// passed through. A poll that times out or meets a 5xx, a connection failure or a rate limit is
/// reported to the progress callback and the wait goes on until the deadline.
///
/// # Errors
///
/// [`InvalidInput`](crate::ErrorKind::InvalidInput) for an id of zero (nothing is sent); the failures above; [`Timeout`](crate::ErrorKind::Timeout) when the deadline passes first,
/// naming the last status seen (also in [`Error::lb_status`]), the polls and the time taken.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::WaitOpts;
/// use rackcloud_core::model::LbStatus;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let status = rackcloud_core::wait_until_active(&client, 1, &WaitOpts::new())?;
/// assert_eq!(status, LbStatus::Active);
/// # Ok(())
/// # }
/// ```
pub fn wait_until_active(
    client: &ServiceClient,
    id: u64,
    opts: &WaitOpts,
) -> Result<LbStatus, Error> {
    let opts = opts.clone().within_budget(client.provider().pacing(), 1);
    poll_until(id, LbStatus::Active, &opts, || read_status(client, id))
}

/// Polls `GET /loadbalancers/{id}` until load balancer `id` is gone: `DELETED`, or answered 404
/// or 410 (the wait of a deletion's `and_wait`).
pub(crate) fn wait_until_deleted(
    client: &ServiceClient,
    id: u64,
    opts: &WaitOpts,
) -> Result<(), Error> {
    let opts = opts.clone().within_budget(client.provider().pacing(), 1);
    poll_until_deleted(id, &opts, || read_status(client, id))
}

/// Makes one change to load balancer `id` and waits until it is applied (`ACTIVE` again): the
/// one call every change needs. Returns what the change returned.
///
/// `change` is any operation of any service crate, given the client and `id`; when it fails
/// nothing is awaited. The wait's options are checked before the change is sent.
///
/// # Errors
///
/// The change's error, or as [`wait_until_active`].
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .pending_time(std::time::Duration::from_millis(100))
/// #     .start()?;
/// use std::time::Duration;
/// use rackcloud_core::WaitOpts;
/// use serde_json::json;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
/// rackcloud_core::change_and_wait(&client, 1, &wait, |client, id| {
///     let url = client.lb_url(id, &["sessionpersistence"]);
///     let body = json!({"sessionPersistence": {"persistenceType": "SOURCE_IP"}});
///     client.put(&url, &body).extract_err()
/// })?;
/// # Ok(())
/// # }
/// ```
pub fn change_and_wait<R>(
    client: &ServiceClient,
    id: u64,
    opts: &WaitOpts,
    change: impl FnOnce(&ServiceClient, u64) -> Result<R, Error>,
) -> Result<R, Error> {
    opts.check(id)?;
    let changed = change(client, id)?;
    wait_until_active(client, id, opts)?;
    Ok(changed)
}

/// `GET /loadbalancers/{id}`, read for its status only.
fn read_status(client: &ServiceClient, id: u64) -> Result<LbStatus, Error> {
    #[derive(Deserialize)]
    struct Envelope {
        #[serde(rename = "loadBalancer")]
        load_balancer: StatusOnly,
    }
    #[derive(Deserialize)]
    struct StatusOnly {
        status: LbStatus,
    }
    let body: Envelope = client.get(&client.lb_url(id, &[])).extract_json()?;
    Ok(body.load_balancer.status)
}
