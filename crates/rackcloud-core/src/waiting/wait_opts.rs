//! [`WaitOpts`] and [`Progress`]: how to wait for a load balancer, and what each poll saw.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;
use crate::lb_status::LbStatus;
use crate::pacing::Pacing;

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

/// How to wait: how often to poll, the deadline, and an optional progress callback.
///
/// A wait polls the way the service behaves: at once (a load balancer that is already there
/// needs one poll), then after a fifth of the [`interval`](WaitOpts::interval) (1 s by
/// default), then 1.5 times longer each time, up to the interval (5 s by default, what the API
/// documentation asks clients to keep to). A change the service applies in 1 s therefore costs
/// 2 polls and about 1 s, and a long wait settles at one poll per interval: a change applied
/// after `t` is seen by `1.5 × t` plus a fifth of the interval at the latest, and by `t` plus
/// the interval once the delays have reached it. [`delay_after`](WaitOpts::delay_after) gives
/// the schedule; docs/errors-and-retries.md the rules.
///
/// No poll is sent sooner than the account's GET budget allows: the waits of core and of every
/// service crate space their polls by at least the client's [`Pacing`] share
/// ([`within_budget`](WaitOpts::within_budget)), and a fleet's waits share the budget between
/// them. The last poll happens at the deadline.
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
/// // Polls at once, then waits 2 s, 3 s, 4.5 s and 6.75 s between polls, then 10 s.
/// assert_eq!(opts.delay_after(1), Duration::from_secs(2));
/// assert_eq!(opts.delay_after(5), Duration::from_secs(10));
/// ```
#[derive(Clone)]
#[must_use = "a builder does nothing until it is used"]
pub struct WaitOpts {
    /// The longest time between two polls; at least [`WaitOpts::MIN_INTERVAL`].
    interval: Duration,
    deadline: Duration,
    /// The shortest time between two polls that the GET budget allows (zero: no budget known).
    budget_gap: Duration,
    on_progress: Option<ProgressCallback>,
}

impl WaitOpts {
    /// The default longest time between two polls (the API asks for 5 to 10 seconds).
    pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
    /// The default time allowed for the whole wait.
    pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(10 * 60);
    /// The shortest interval, and the shortest time between two polls: an interval below it is
    /// raised to it.
    pub const MIN_INTERVAL: Duration = Duration::from_millis(1);

    /// The defaults: a poll at once, then after 1 s, backing off up to one every 5 s, for at
    /// most 10 minutes; no callback.
    pub fn new() -> WaitOpts {
        WaitOpts {
            interval: WaitOpts::DEFAULT_INTERVAL,
            deadline: WaitOpts::DEFAULT_DEADLINE,
            budget_gap: Duration::ZERO,
            on_progress: None,
        }
    }

    /// The longest time between two polls, which the wait backs off to (its first look comes
    /// after a fifth of it). Values under [`MIN_INTERVAL`](WaitOpts::MIN_INTERVAL) (1 ms),
    /// zero included, are raised to it, so the options of a wait are always valid.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use rackcloud_core::WaitOpts;
    ///
    /// let opts = WaitOpts::new().interval(Duration::ZERO);
    /// assert_eq!(opts.poll_interval(), WaitOpts::MIN_INTERVAL);
    /// ```
    pub fn interval(mut self, interval: Duration) -> WaitOpts {
        self.interval = interval.max(WaitOpts::MIN_INTERVAL);
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

    /// Spaces the polls so that `parallel` waits at once stay within `pacing`'s GET budget
    /// ([`Pacing::poll_interval`]): no two polls closer than that share, and the interval
    /// raised to it when shorter. A budget already applied is only ever raised. Every wait of
    /// core applies its client's budget for one wait, [`run_paced`](crate::kit::run_paced) for
    /// its threads; a wait built on [`poll_until`](crate::kit::poll_until) applies it itself.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use rackcloud_core::{Pacing, WaitOpts};
    ///
    /// // 600 GETs a minute shared by 20 waits: one poll each every 2 s at most.
    /// let opts = WaitOpts::new().within_budget(&Pacing::documented(), 20);
    /// assert_eq!(opts.delay_after(1), Duration::from_secs(2));
    /// assert_eq!(opts.delay_after(9), Duration::from_secs(5));
    /// ```
    pub fn within_budget(mut self, pacing: &Pacing, parallel: usize) -> WaitOpts {
        self.budget_gap = self.budget_gap.max(pacing.poll_interval(parallel));
        self
    }

    /// The longest time between two polls: the interval, or the budget's share when that is
    /// longer.
    pub fn poll_interval(&self) -> Duration {
        self.interval.max(self.budget_gap)
    }

    /// The longest the wait may take.
    pub fn wait_deadline(&self) -> Duration {
        self.deadline
    }

    /// How long a wait sleeps after its `poll`-th poll (counting from 1) before the next one,
    /// the deadline aside: a fifth of the interval, 1.5 times longer after each poll, never
    /// longer than [`poll_interval`](WaitOpts::poll_interval) and never shorter than the
    /// budget's share or [`MIN_INTERVAL`](WaitOpts::MIN_INTERVAL).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use rackcloud_core::WaitOpts;
    ///
    /// let opts = WaitOpts::new();
    /// let ms: Vec<u128> = (1..=6).map(|poll| opts.delay_after(poll).as_millis()).collect();
    /// assert_eq!(ms, [1000, 1500, 2250, 3375, 5000, 5000]);
    /// ```
    pub fn delay_after(&self, poll: u32) -> Duration {
        let longest = self.poll_interval();
        let shortest = self.budget_gap.max(WaitOpts::MIN_INTERVAL);
        let steps = i32::try_from(poll.saturating_sub(1).min(MAX_STEPS)).unwrap_or(0);
        let secs = (self.interval / FIRST_LOOK).as_secs_f64() * BACKOFF.powi(steps);
        if secs >= longest.as_secs_f64() {
            longest
        } else {
            Duration::from_secs_f64(secs).max(shortest)
        }
    }
}

/// The first look after a change comes after this fraction of the interval.
const FIRST_LOOK: u32 = 5;
/// Each delay is this much longer than the one before, up to the interval.
const BACKOFF: f64 = 1.5;
/// Enough steps to reach the interval from a fifth of it, with room to spare.
const MAX_STEPS: u32 = 64;

impl WaitOpts {
    /// Checks that a wait for load balancer `lb_id` can run: the id is not zero. (The options
    /// themselves are always valid.) Call it before sending a change you mean to wait for, so
    /// that nothing is sent when the wait could not run.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) naming the problem.
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::WaitOpts;
    ///
    /// assert!(WaitOpts::new().check(4).is_ok());
    /// assert!(WaitOpts::new().check(0).unwrap_err().is_invalid_input());
    /// ```
    pub fn check(&self, lb_id: u64) -> Result<(), Error> {
        crate::ids::check_id("load balancer", lb_id)
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
            .field("budget_gap", &self.budget_gap)
            .field("on_progress", &self.on_progress.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schedule of `opts` for its first `polls` polls.
    fn schedule(opts: &WaitOpts, polls: u32) -> Vec<Duration> {
        (1..=polls).map(|poll| opts.delay_after(poll)).collect()
    }

    #[test]
    fn the_schedule_backs_off_from_a_fifth_of_the_interval_to_the_interval() {
        let ms = |d: &Duration| d.as_millis();
        let opts = WaitOpts::new();
        let got: Vec<u128> = schedule(&opts, 7).iter().map(ms).collect();
        assert_eq!(got, [1000, 1500, 2250, 3375, 5000, 5000, 5000]);
        // A change applied in 1 s is seen on the second poll, 1 s in.
        assert_eq!(opts.delay_after(1), Duration::from_secs(1));
    }

    #[test]
    fn the_schedule_never_exceeds_the_cap_nor_goes_below_the_floor() {
        let budgets = [
            Pacing::off(),
            Pacing::documented(),
            Pacing::documented().time_scale(60.0),
        ];
        for interval_us in [
            0,
            1,
            999,
            1000,
            1001,
            20_000,
            83_333,
            5_000_000,
            3_600_000_000,
        ] {
            for pacing in &budgets {
                for parallel in [1, 4, 20, 1000] {
                    let opts = WaitOpts::new()
                        .interval(Duration::from_micros(interval_us))
                        .within_budget(pacing, parallel);
                    let cap = opts.poll_interval();
                    let floor = pacing.poll_interval(parallel).max(WaitOpts::MIN_INTERVAL);
                    assert!(cap >= WaitOpts::MIN_INTERVAL);
                    let delays = schedule(&opts, 200);
                    for d in &delays {
                        assert!(*d <= cap, "{d:?} > {cap:?} ({opts:?})");
                        assert!(*d >= floor, "{d:?} < {floor:?} ({opts:?})");
                    }
                    assert!(delays.windows(2).all(|w| w[0] <= w[1]), "{opts:?}");
                    assert_eq!(delays.last(), Some(&cap), "{opts:?}");
                    assert_eq!(opts.delay_after(u32::MAX), cap, "{opts:?}");
                }
            }
        }
    }

    #[test]
    fn a_zero_or_tiny_interval_is_raised_to_a_millisecond() {
        for tiny in [
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_micros(999),
        ] {
            let opts = WaitOpts::new().interval(tiny);
            assert_eq!(opts.poll_interval(), WaitOpts::MIN_INTERVAL);
            assert!(
                schedule(&opts, 10)
                    .iter()
                    .all(|d| *d == WaitOpts::MIN_INTERVAL)
            );
        }
        let opts = WaitOpts::new().interval(Duration::from_millis(2));
        assert_eq!(opts.poll_interval(), Duration::from_millis(2));
    }

    #[test]
    fn a_budget_spaces_every_poll_and_is_only_raised() {
        // 600 GETs a minute for 4 waits: one poll each every 400 ms at least.
        let share = Duration::from_millis(400);
        let opts = WaitOpts::new()
            .interval(Duration::from_millis(1))
            .within_budget(&Pacing::documented(), 4);
        assert_eq!(opts.poll_interval(), share);
        assert!(schedule(&opts, 20).iter().all(|d| *d == share));
        // A smaller share applied later (a single wait inside the fleet) does not lower it.
        let opts = opts.within_budget(&Pacing::documented(), 1);
        assert_eq!(opts.delay_after(1), share);
        // No budget: pacing off.
        let opts = WaitOpts::new().within_budget(&Pacing::off(), 20);
        assert_eq!(opts.delay_after(1), Duration::from_secs(1));
    }
}
