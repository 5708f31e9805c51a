//! Waiting until a load balancer has a status: the one implementation every crate uses.
//!
//! Every change to a load balancer or any of its sub-resources (nodes, monitors, session
//! persistence, …) leaves it `PENDING_UPDATE`, and it refuses the next change until it is
//! `ACTIVE` again. Waiting therefore belongs to no resource crate: it lives here, beside
//! [`LbStatus`], so that each sibling can offer "change, then wait" without depending on another
//! (`lb-lbs` builds its own `wait_for_status`, which returns the whole load balancer, on
//! [`poll_until`]).

use std::thread;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::lb_status::LbStatus;
use crate::service::ServiceClient;
use crate::wait_opts::{Progress, WaitOpts};

/// Something a poll reads that carries a load balancer status (a whole load balancer, or only
/// its status).
pub trait HasLbStatus {
    /// The load balancer's status as read.
    fn status_of_lb(&self) -> &LbStatus;
}

impl HasLbStatus for LbStatus {
    fn status_of_lb(&self) -> &LbStatus {
        self
    }
}

/// Polls `GET /loadbalancers/{id}` every `opts.interval` until load balancer `id` is `ACTIVE`.
///
/// It stops early, with an error, when waiting cannot succeed: the load balancer reaches a status
/// it cannot leave by itself (`ERROR`, `SUSPENDED`, `PENDING_DELETE`, `DELETED`:
/// [`FinalState`](ErrorKind::FinalState) with the status in [`Error::lb_status`]), or a poll gets
/// a final answer (404, 410, 401 after re-authentication, 403, a body that does not decode),
/// passed through. A poll that times out or meets a 5xx, a connection failure or a rate limit is
/// reported to the progress callback and the wait goes on until the deadline.
///
/// # Errors
///
/// [`InvalidInput`](ErrorKind::InvalidInput) for an id of zero or a zero interval (nothing is
/// sent); the failures above; [`Timeout`](ErrorKind::Timeout) when the deadline passes first,
/// naming the last status seen (also in [`Error::lb_status`]), the polls and the time taken.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use rackcloud_core::{LbStatus, WaitOpts};
///
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
    poll_until(id, LbStatus::Active, opts, || read_status(client, id))
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
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use std::time::Duration;
/// use rackcloud_core::WaitOpts;
/// use serde_json::json;
///
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
    let waiter = Waiter::new(id, LbStatus::Active, opts)?;
    let changed = change(client, id)?;
    waiter.run(|| read_status(client, id), false)?;
    Ok(changed)
}

/// [`change_and_wait`] for a change that may find nothing to do (removing what is already
/// absent): waits only when `changed` says the change was made. The wait's options are checked
/// before the change is sent.
///
/// # Errors
///
/// The change's error, or as [`wait_until_active`].
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use rackcloud_core::{ErrorKind, WaitOpts};
///
/// // Session persistence on load balancer 3 is off: nothing is removed, nothing is awaited.
/// let removed = rackcloud_core::change_and_wait_if(
///     &client,
///     3,
///     &WaitOpts::new(),
///     |client, id| match client.delete(&client.lb_url(id, &["sessionpersistence"])).extract_err() {
///         Ok(()) => Ok(true),
///         Err(e) if e.kind() == ErrorKind::AlreadyDisabled => Ok(false),
///         Err(e) => Err(e),
///     },
///     |removed| *removed,
/// )?;
/// assert!(!removed);
/// # Ok(())
/// # }
/// ```
pub fn change_and_wait_if<R>(
    client: &ServiceClient,
    id: u64,
    opts: &WaitOpts,
    change: impl FnOnce(&ServiceClient, u64) -> Result<R, Error>,
    changed: impl FnOnce(&R) -> bool,
) -> Result<R, Error> {
    opts.check(id)?;
    let outcome = change(client, id)?;
    if changed(&outcome) {
        wait_until_active(client, id, opts)?;
    }
    Ok(outcome)
}

/// The loop behind every wait: calls `poll` every `opts.interval` until what it reads has the
/// status `target`, and returns that. For service crates whose poll reads more than the status
/// (`lb-lbs` returns the whole load balancer).
///
/// # Errors
///
/// As [`wait_until_active`], for `target`.
pub fn poll_until<T: HasLbStatus>(
    id: u64,
    target: LbStatus,
    opts: &WaitOpts,
    mut poll: impl FnMut() -> Result<T, Error>,
) -> Result<T, Error> {
    let waiter = Waiter::new(id, target, opts)?;
    match waiter.run(&mut poll, false)? {
        Some(read) => Ok(read),
        // `run(_, false)` never reports the load balancer as gone; this is only a safe default.
        None => Err(Error::new(
            ErrorKind::NotFound,
            format!("load balancer {id} is gone"),
        )),
    }
}

/// [`poll_until`] for deletion: the load balancer is `DELETED`, or a poll is answered 404 or
/// 410, which here is success.
///
/// # Errors
///
/// As [`poll_until`] with the target `DELETED`, except that 404 and 410 end the wait with success.
pub fn poll_until_deleted<T: HasLbStatus>(
    id: u64,
    opts: &WaitOpts,
    mut poll: impl FnMut() -> Result<T, Error>,
) -> Result<(), Error> {
    Waiter::new(id, LbStatus::Deleted, opts)?
        .run(&mut poll, true)
        .map(|_| ())
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

/// One wait, checked before anything is sent.
struct Waiter<'a> {
    id: u64,
    target: LbStatus,
    opts: &'a WaitOpts,
}

impl<'a> Waiter<'a> {
    fn new(id: u64, target: LbStatus, opts: &'a WaitOpts) -> Result<Waiter<'a>, Error> {
        opts.check(id)?;
        if target.as_str().trim().is_empty() {
            return Err(Error::invalid_input("the status to wait for is empty"));
        }
        Ok(Waiter { id, target, opts })
    }

    /// Polls until the target (`Some`), or until the load balancer is gone (`None`, only when
    /// `gone_is_success`), or an error.
    fn run<T: HasLbStatus>(
        &self,
        mut poll: impl FnMut() -> Result<T, Error>,
        gone_is_success: bool,
    ) -> Result<Option<T>, Error> {
        let start = Instant::now();
        let mut last_status: Option<LbStatus> = None;
        let mut count: u32 = 0;
        loop {
            count = count.saturating_add(1);
            let failure = match poll() {
                Ok(read) => {
                    let status = read.status_of_lb();
                    self.report(count, start.elapsed(), Some(status), None);
                    if *status == self.target {
                        return Ok(Some(read));
                    }
                    if status.cannot_reach(&self.target) {
                        return Err(self.final_state(status, count, start.elapsed()));
                    }
                    last_status = Some(status.clone());
                    None
                }
                Err(e) if gone_is_success && is_gone(&e) => {
                    self.report(count, start.elapsed(), Some(&LbStatus::Deleted), None);
                    return Ok(None);
                }
                Err(e) if is_worth_polling_again(&e) => {
                    self.report(count, start.elapsed(), None, Some(&e));
                    Some(e)
                }
                Err(e) => return Err(e),
            };
            let remaining = self.opts.wait_deadline().saturating_sub(start.elapsed());
            if remaining.is_zero() {
                return Err(self.timeout(last_status.as_ref(), failure.as_ref(), count, start));
            }
            thread::sleep(self.opts.poll_interval().min(remaining));
        }
    }

    fn report(
        &self,
        poll: u32,
        elapsed: Duration,
        status: Option<&LbStatus>,
        error: Option<&Error>,
    ) {
        self.opts.notify(&Progress {
            id: self.id,
            target: &self.target,
            poll,
            elapsed,
            status,
            error,
        });
    }

    fn final_state(&self, status: &LbStatus, poll: u32, elapsed: Duration) -> Error {
        Error::new(
            ErrorKind::FinalState,
            format!(
                "load balancer {} became {status} while waiting for {} ({} after {})",
                self.id,
                self.target,
                polls(poll),
                seconds(elapsed)
            ),
        )
        .with_lb_status(status.as_str())
    }

    fn timeout(
        &self,
        last_status: Option<&LbStatus>,
        last_error: Option<&Error>,
        poll: u32,
        start: Instant,
    ) -> Error {
        let seen = match last_status {
            Some(status) => format!("last status seen {status}"),
            None => "no status seen".to_owned(),
        };
        let failed = match last_error {
            Some(e) => format!("; the last poll failed: {e}"),
            None => String::new(),
        };
        let message = format!(
            "load balancer {} did not become {} within the {} deadline ({seen}, {} in {}){failed}",
            self.id,
            self.target,
            seconds(self.opts.wait_deadline()),
            polls(poll),
            seconds(start.elapsed()),
        );
        let e = Error::new(ErrorKind::Timeout, message);
        match last_status {
            Some(status) => e.with_lb_status(status.as_str()),
            None => e,
        }
    }
}

/// Failures a later poll may not meet: no answer in time, a broken connection, a server error,
/// unavailability or a rate limit that outlasted the client's retries.
fn is_worth_polling_again(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Timeout
            | ErrorKind::Transport
            | ErrorKind::Server
            | ErrorKind::Unavailable
            | ErrorKind::RateLimited
    )
}

fn is_gone(e: &Error) -> bool {
    matches!(e.kind(), ErrorKind::NotFound | ErrorKind::Gone)
}

fn polls(n: u32) -> String {
    if n == 1 {
        "1 poll".to_owned()
    } else {
        format!("{n} polls")
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failures_a_later_poll_may_not_meet_are_polled_again() {
        let kinds = |k| Error::new(k, "x");
        for k in [
            ErrorKind::Timeout,
            ErrorKind::Transport,
            ErrorKind::Server,
            ErrorKind::Unavailable,
            ErrorKind::RateLimited,
        ] {
            assert!(is_worth_polling_again(&kinds(k)), "{k:?}");
        }
        for k in [
            ErrorKind::NotFound,
            ErrorKind::Gone,
            ErrorKind::Authentication,
            ErrorKind::Forbidden,
            ErrorKind::Decode,
            ErrorKind::Validation,
        ] {
            assert!(!is_worth_polling_again(&kinds(k)), "{k:?}");
        }
    }

    #[test]
    fn a_scripted_poll_reaches_its_target() {
        let mut script = vec![LbStatus::Active, LbStatus::PendingUpdate, LbStatus::Build];
        let opts = WaitOpts::new().interval(Duration::from_millis(1));
        let got = poll_until(3, LbStatus::Active, &opts, || {
            Ok(script.pop().expect("a status"))
        });
        assert_eq!(got.expect("active"), LbStatus::Active);
        assert!(script.is_empty());
    }

    #[test]
    fn a_final_status_ends_the_wait_at_once() {
        let mut polls = 0;
        let opts = WaitOpts::new().interval(Duration::from_millis(1));
        let e = poll_until(3, LbStatus::Active, &opts, || {
            polls += 1;
            Ok(LbStatus::Error)
        })
        .unwrap_err();
        assert_eq!(
            (e.kind(), e.lb_status(), polls),
            (ErrorKind::FinalState, Some("ERROR"), 1)
        );
    }

    #[test]
    fn bad_options_send_nothing() {
        let mut polls = 0;
        let zero = WaitOpts::new().interval(Duration::ZERO);
        let e = poll_until(3, LbStatus::Active, &zero, || {
            polls += 1;
            Ok(LbStatus::Active)
        });
        assert!(e.unwrap_err().is_invalid_input());
        let e = poll_until(0, LbStatus::Active, &WaitOpts::new(), || {
            polls += 1;
            Ok(LbStatus::Active)
        });
        assert!(e.unwrap_err().is_invalid_input());
        assert_eq!(polls, 0);
    }
}
