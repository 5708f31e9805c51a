//! Waiting for a load balancer to reach a status: [`wait_for_status`] and its helpers.

use std::fmt;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use rackcloud_core::{Error, ErrorKind, ServiceClient};

use crate::requests::{check_id, get};
use crate::results::LoadBalancer;
use crate::status::Status;

/// One poll of a wait, as given to [`WaitOpts::on_progress`].
#[derive(Debug)]
#[non_exhaustive]
pub struct Progress<'a> {
    /// The load balancer being waited for.
    pub id: u64,
    /// The status being waited for.
    pub target: &'a Status,
    /// The poll, counting from 1.
    pub poll: u32,
    /// The time since the wait began, when this poll's answer arrived.
    pub elapsed: Duration,
    /// The status this poll saw, or `None` when the poll failed in a way worth retrying.
    ///
    /// [`wait_for_deletion`] reports a 404 or 410 answer as `DELETED`.
    pub status: Option<&'a Status>,
    /// The failure of this poll, when it failed in a way worth retrying (a timeout, a 5xx, a
    /// connection failure, a rate limit); the wait goes on until its deadline.
    pub error: Option<&'a Error>,
}

type ProgressCallback = Arc<dyn Fn(&Progress<'_>) + Send + Sync>;

/// How to wait: the time between two polls, the deadline, and an optional progress callback.
///
/// The API documentation asks clients to poll every 5 to 10 seconds; the default is
/// [`DEFAULT_INTERVAL`](WaitOpts::DEFAULT_INTERVAL). Tests against the emulator use a shorter
/// one.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use lb_lbs::WaitOpts;
///
/// let opts = WaitOpts::new()
///     .interval(Duration::from_secs(10))
///     .deadline(Duration::from_secs(30 * 60))
///     .on_progress(|p| eprintln!("load balancer {} is {:?} after {:?}", p.id, p.status, p.elapsed));
/// # let _ = opts;
/// ```
#[derive(Clone)]
pub struct WaitOpts {
    interval: Duration,
    deadline: Duration,
    on_progress: Option<ProgressCallback>,
}

impl WaitOpts {
    /// The default time between two polls (the API asks for 5 to 10 seconds).
    pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
    /// The default time allowed for the whole wait.
    pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(10 * 60);

    /// The defaults: a poll every 5 seconds for at most 10 minutes, no callback.
    pub fn new() -> WaitOpts {
        WaitOpts {
            interval: WaitOpts::DEFAULT_INTERVAL,
            deadline: WaitOpts::DEFAULT_DEADLINE,
            on_progress: None,
        }
    }

    /// How long to sleep after each poll before the next one; must not be zero.
    pub fn interval(mut self, interval: Duration) -> WaitOpts {
        self.interval = interval;
        self
    }

    /// The longest the wait may take. The last poll happens at the deadline; a poll's own
    /// request can outlast it by at most the client's timeout and retries.
    pub fn deadline(mut self, deadline: Duration) -> WaitOpts {
        self.deadline = deadline;
        self
    }

    /// Called after every poll with what it saw and how long the wait has taken.
    pub fn on_progress(mut self, f: impl Fn(&Progress<'_>) + Send + Sync + 'static) -> WaitOpts {
        self.on_progress = Some(Arc::new(f));
        self
    }

    /// The time between two polls.
    pub fn poll_interval(&self) -> Duration {
        self.interval
    }

    /// The longest the wait may take.
    pub fn wait_deadline(&self) -> Duration {
        self.deadline
    }
}

impl Default for WaitOpts {
    fn default() -> WaitOpts {
        WaitOpts::new()
    }
}

impl fmt::Debug for WaitOpts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitOpts")
            .field("interval", &self.interval)
            .field("deadline", &self.deadline)
            .field("on_progress", &self.on_progress.is_some())
            .finish()
    }
}

/// Polls `GET /loadbalancers/{id}` every `opts.interval` until load balancer `id` is `target`,
/// and returns it as last read.
///
/// It stops early, with an error, when waiting cannot succeed:
///
/// - the load balancer reaches a status it cannot leave by itself (`ERROR`, `SUSPENDED`,
///   `DELETED`, or `PENDING_DELETE` unless the target is `DELETED`):
///   [`FinalState`](ErrorKind::FinalState), with the status in
///   [`Error::lb_status`];
/// - a poll gets a final answer: 404 [`NotFound`](ErrorKind::NotFound), 410
///   [`Gone`](ErrorKind::Gone), 401 after re-authentication, 403, a body that does not decode,
///   passed through as the poll's own error.
///
/// A poll that fails in a way worth retrying (a timeout, a connection failure, a 5xx or 503, a
/// rate limit) is reported to the callback and the wait goes on. Each poll's request is already
/// retried by the client's [`RetryPolicy`](rackcloud_core::RetryPolicy); the wait adds none.
/// Unknown statuses are waited out like `BUILD` and `PENDING_UPDATE`.
///
/// # Errors
///
/// [`InvalidInput`](ErrorKind::InvalidInput) for an id of zero, an empty target or a zero
/// interval (nothing is sent); [`FinalState`](ErrorKind::FinalState) and the poll errors above;
/// [`Timeout`](ErrorKind::Timeout) when the deadline passes first, naming the target, the last
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
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use std::sync::{Arc, Mutex};
/// use std::time::Duration;
/// use lb_lbs::{Status, UpdateOpts, WaitOpts};
///
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
    Waiter::new(client, id, target, opts)?.run_to_target()
}

/// [`wait_for_status`] for `ACTIVE`: what to call after every change.
///
/// # Errors
///
/// As [`wait_for_status`]; `PENDING_DELETE` is final here.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use lb_lbs::{CreateOpts, Protocol, Status, VipOpts, WaitOpts};
///
/// let opts = CreateOpts::new("new-web", Protocol::Http).virtual_ip(VipOpts::public());
/// let created = lb_lbs::create(&client, &opts).extract()?;
/// let ready = lb_lbs::wait_until_active(&client, created.id(), &WaitOpts::new())?;
/// assert_eq!(ready.status(), &Status::Active);
/// # Ok(())
/// # }
/// ```
pub fn wait_until_active(
    client: &ServiceClient,
    id: u64,
    opts: &WaitOpts,
) -> Result<LoadBalancer, Error> {
    wait_for_status(client, id, Status::Active, opts)
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
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use lb_lbs::WaitOpts;
///
/// lb_lbs::delete(&client, 2).extract_err()?;
/// lb_lbs::wait_for_deletion(&client, 2, &WaitOpts::new())?;
/// # Ok(())
/// # }
/// ```
pub fn wait_for_deletion(client: &ServiceClient, id: u64, opts: &WaitOpts) -> Result<(), Error> {
    Waiter::new(client, id, Status::Deleted, opts)?
        .run(true)
        .map(|_| ())
}

/// Makes one change to load balancer `id` and waits until it is applied (`ACTIVE` again): the
/// one call every change needs.
///
/// `change` is any operation of any load balancer crate, given the client and `id`; when it
/// fails nothing is awaited. A change refused because the load balancer is still busy with an
/// earlier one (422 while `PENDING_UPDATE` or `BUILD`) is retried by the client's
/// [`RetryPolicy`](rackcloud_core::RetryPolicy) before it counts as a failure.
///
/// # Errors
///
/// The change's error, or as [`wait_until_active`].
///
/// # Examples
///
/// Enable session persistence and wait for it to be applied:
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
/// use lb_lbs::{Status, WaitOpts};
/// use lb_sessions::{CreateOpts, Type};
///
/// let wait = WaitOpts::new().interval(Duration::from_millis(20));
/// let lb = lb_lbs::change_and_wait(&client, 1, &wait, |client, id| {
///     lb_sessions::enable(client, id, &CreateOpts::new(Type::HttpCookie)).extract_err()
/// })?;
/// assert_eq!(lb.status(), &Status::Active);
/// assert_eq!(lb.session_persistence(), Some("HTTP_COOKIE"));
/// # Ok(())
/// # }
/// ```
pub fn change_and_wait(
    client: &ServiceClient,
    id: u64,
    opts: &WaitOpts,
    change: impl FnOnce(&ServiceClient, u64) -> Result<(), Error>,
) -> Result<LoadBalancer, Error> {
    let waiter = Waiter::new(client, id, Status::Active, opts)?;
    change(client, id)?;
    waiter.run_to_target()
}

/// One wait, checked before anything is sent.
struct Waiter<'a> {
    client: &'a ServiceClient,
    id: u64,
    target: Status,
    opts: &'a WaitOpts,
}

impl<'a> Waiter<'a> {
    fn new(
        client: &'a ServiceClient,
        id: u64,
        target: Status,
        opts: &'a WaitOpts,
    ) -> Result<Waiter<'a>, Error> {
        check_id(id)?;
        if target.as_str().trim().is_empty() {
            return Err(Error::invalid_input("the status to wait for is empty"));
        }
        if opts.interval.is_zero() {
            return Err(Error::invalid_input(
                "the poll interval must be longer than zero",
            ));
        }
        Ok(Waiter {
            client,
            id,
            target,
            opts,
        })
    }

    /// Polls until the target; 404 and 410 are the poll's own errors.
    fn run_to_target(&self) -> Result<LoadBalancer, Error> {
        self.run(false)?.ok_or_else(|| {
            // `run(false)` never reports a load balancer as gone; this is only a safe default.
            Error::new(
                ErrorKind::NotFound,
                format!("load balancer {} is gone", self.id),
            )
        })
    }

    /// Polls until the target (`Some`), or until the load balancer is gone (`None`, only when
    /// `gone_is_success`), or an error.
    fn run(&self, gone_is_success: bool) -> Result<Option<LoadBalancer>, Error> {
        let start = Instant::now();
        let mut last_status: Option<Status> = None;
        let mut poll: u32 = 0;
        loop {
            poll = poll.saturating_add(1);
            let failure = match get(self.client, self.id).extract() {
                Ok(lb) => {
                    self.report(poll, start.elapsed(), Some(lb.status()), None);
                    if *lb.status() == self.target {
                        return Ok(Some(lb));
                    }
                    if lb.status().cannot_reach(&self.target) {
                        return Err(self.final_state(lb.status(), poll, start.elapsed()));
                    }
                    last_status = Some(lb.status().clone());
                    None
                }
                Err(e) if gone_is_success && is_gone(&e) => {
                    self.report(poll, start.elapsed(), Some(&Status::Deleted), None);
                    return Ok(None);
                }
                Err(e) if is_transient(&e) => {
                    self.report(poll, start.elapsed(), None, Some(&e));
                    Some(e)
                }
                Err(e) => return Err(e),
            };
            let remaining = self.opts.deadline.saturating_sub(start.elapsed());
            if remaining.is_zero() {
                return Err(self.timeout(
                    last_status.as_ref(),
                    failure.as_ref(),
                    poll,
                    start.elapsed(),
                ));
            }
            thread::sleep(self.opts.interval.min(remaining));
        }
    }

    fn report(&self, poll: u32, elapsed: Duration, status: Option<&Status>, error: Option<&Error>) {
        if let Some(f) = &self.opts.on_progress {
            f(&Progress {
                id: self.id,
                target: &self.target,
                poll,
                elapsed,
                status,
                error,
            });
        }
    }

    fn final_state(&self, status: &Status, poll: u32, elapsed: Duration) -> Error {
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
        last_status: Option<&Status>,
        last_error: Option<&Error>,
        poll: u32,
        elapsed: Duration,
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
            seconds(self.opts.deadline),
            polls(poll),
            seconds(elapsed),
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
fn is_transient(e: &Error) -> bool {
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
    fn only_failures_a_later_poll_may_not_meet_are_transient() {
        let kinds = |k| Error::new(k, "x");
        for k in [
            ErrorKind::Timeout,
            ErrorKind::Transport,
            ErrorKind::Server,
            ErrorKind::Unavailable,
            ErrorKind::RateLimited,
        ] {
            assert!(is_transient(&kinds(k)), "{k:?}");
        }
        for k in [
            ErrorKind::NotFound,
            ErrorKind::Gone,
            ErrorKind::Authentication,
            ErrorKind::Forbidden,
            ErrorKind::Decode,
            ErrorKind::Validation,
        ] {
            assert!(!is_transient(&kinds(k)), "{k:?}");
        }
    }

    #[test]
    fn defaults_follow_the_api_documentation() {
        let opts = WaitOpts::default();
        assert!((5..=10).contains(&opts.poll_interval().as_secs()));
        assert_eq!(opts.wait_deadline(), WaitOpts::DEFAULT_DEADLINE);
        assert_eq!(
            format!("{opts:?}"),
            "WaitOpts { interval: 5s, deadline: 600s, on_progress: false }"
        );
    }

    #[test]
    fn wait_options_are_shareable() {
        fn check<T: Send + Sync + Clone>() {}
        check::<WaitOpts>();
    }
}
