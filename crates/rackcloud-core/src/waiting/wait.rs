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

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::lb_status::LbStatus;
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

/// The loop behind every wait: calls `poll` at once, then on the schedule of
/// [`WaitOpts::delay_after`] (backing off from a fifth of the interval to the interval), until
/// what it reads has the status `target`, and returns that. For service crates whose poll reads
/// more than the status (`lb-lbs` returns the whole load balancer); such a crate spaces the
/// polls within its client's GET budget with [`WaitOpts::within_budget`].
///
/// # Errors
///
/// As [`wait_until_active`](crate::wait_until_active), for `target`.
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

/// One wait, its id and target checked before anything is sent (its options are always valid).
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
            thread::sleep(self.opts.delay_after(count).min(remaining));
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
    fn a_zero_interval_is_a_valid_wait_and_a_zero_id_sends_nothing() {
        let mut polls = 0;
        let zero = WaitOpts::new().interval(Duration::ZERO);
        let got = poll_until(3, LbStatus::Active, &zero, || {
            polls += 1;
            Ok(if polls < 3 {
                LbStatus::PendingUpdate
            } else {
                LbStatus::Active
            })
        });
        assert_eq!((got.expect("active"), polls), (LbStatus::Active, 3));
        let e = poll_until(0, LbStatus::Active, &WaitOpts::new(), || {
            polls += 1;
            Ok(LbStatus::Active)
        });
        assert!(e.unwrap_err().is_invalid_input());
        assert_eq!(polls, 3);
    }

    #[test]
    fn a_deadline_shorter_than_the_pending_time_names_the_last_status() {
        let mut polls = 0;
        let opts = WaitOpts::new()
            .interval(Duration::from_millis(5))
            .deadline(Duration::from_millis(20));
        let e = poll_until(3, LbStatus::Active, &opts, || {
            polls += 1;
            Ok(LbStatus::PendingUpdate)
        })
        .unwrap_err();
        assert_eq!(
            (e.kind(), e.lb_status()),
            (ErrorKind::Timeout, Some("PENDING_UPDATE"))
        );
        let message = e.to_string();
        assert!(
            message.contains("(last status seen PENDING_UPDATE, "),
            "{message}"
        );
        assert!(message.contains(&format!("{polls} polls in ")), "{message}");
    }
}
