//! [`WaitOpts`] and [`Progress`]: how to wait for a load balancer, and what each poll saw.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;
use crate::lb_status::LbStatus;

/// One poll of a wait, as given to [`WaitOpts::on_progress`].
#[derive(Debug)]
#[non_exhaustive]
pub struct Progress<'a> {
    /// The load balancer being waited for.
    pub id: u64,
    /// The status being waited for.
    pub target: &'a LbStatus,
    /// The poll, counting from 1.
    pub poll: u32,
    /// The time since the wait began, when this poll's answer arrived.
    pub elapsed: Duration,
    /// The status this poll saw, or `None` when the poll failed in a way worth retrying.
    ///
    /// A wait for deletion reports a 404 or 410 answer as `DELETED`.
    pub status: Option<&'a LbStatus>,
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
/// use rackcloud_core::WaitOpts;
///
/// let opts = WaitOpts::new()
///     .interval(Duration::from_secs(10))
///     .deadline(Duration::from_secs(30 * 60))
///     .on_progress(|p| eprintln!("load balancer {} is {:?} after {:?}", p.id, p.status, p.elapsed));
/// # let _ = opts;
/// ```
#[derive(Clone)]
#[must_use = "a builder does nothing until it is used"]
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

impl WaitOpts {
    /// Checks that a wait for load balancer `lb_id` with these options can run: the id is not
    /// zero and the interval is longer than zero. Call it before sending a change you mean to
    /// wait for, so that nothing is sent when the wait could not run.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) naming the problem.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use rackcloud_core::WaitOpts;
    ///
    /// assert!(WaitOpts::new().check(4).is_ok());
    /// assert!(WaitOpts::new().check(0).unwrap_err().is_invalid_input());
    /// assert!(WaitOpts::new().interval(Duration::ZERO).check(4).unwrap_err().is_invalid_input());
    /// ```
    pub fn check(&self, lb_id: u64) -> Result<(), Error> {
        crate::ids::check_id("load balancer", lb_id)?;
        self.check_options()
    }

    /// Checks the options alone, for a wait whose load balancer does not exist yet (a
    /// creation's): a poll interval longer than zero.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) naming the problem.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use rackcloud_core::WaitOpts;
    ///
    /// assert!(WaitOpts::new().check_options().is_ok());
    /// assert!(WaitOpts::new().interval(Duration::ZERO).check_options().is_err());
    /// ```
    pub fn check_options(&self) -> Result<(), Error> {
        if self.interval.is_zero() {
            return Err(Error::invalid_input(
                "the poll interval must be longer than zero",
            ));
        }
        Ok(())
    }

    /// Gives a poll's progress to the callback, if any.
    pub(crate) fn notify(&self, progress: &Progress<'_>) {
        if let Some(f) = &self.on_progress {
            f(progress);
        }
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
