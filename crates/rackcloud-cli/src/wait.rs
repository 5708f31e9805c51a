//! `--wait`: how often and how long to poll, and what the wait shows on stderr meanwhile.
//!
//! On a terminal (text mode, no `-v`) an indicatif spinner shows the last status seen and the
//! time waited, and is cleared when the wait ends. Otherwise, in text mode, one plain line per
//! status change (and per failed poll); in JSON mode nothing, so that stderr holds only the error
//! line, if any.

use std::fmt::Write as _;
use std::io::{self, IsTerminal};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use rackcloud_lb::core::WaitOpts;
use rackcloud_lb::core::{Error, ErrorKind, ServiceClient};
use rackcloud_lb::lbs::{LoadBalancer, Status};

use crate::auth::Connect;
use crate::cli::{OutputFormat, WaitArgs};
use crate::failure::{Cause, Unconfirmed, describe};
use crate::stderr::Stderr;

/// With `--wait`, waits until the accepted change on load balancer `lb_id` is applied and returns
/// the final status (`ACTIVE`); without, returns `None` at once. Every change command's wait.
///
/// # Errors
///
/// [`Unconfirmed`] when the deadline passes first (the change stands); the SDK's error when the
/// load balancer reaches a status it cannot leave or a poll gets a final answer.
pub(crate) fn until_applied(
    connect: &Connect<'_>,
    wait: &WaitArgs,
    client: &ServiceClient,
    lb_id: u64,
) -> Result<Option<Status>, Cause> {
    if !wait.wait {
        return Ok(None);
    }
    let waiting = Waiting::begin(connect, wait, lb_id, &Status::Active);
    let lb = accepted(lb_id, Status::Active, waiting.opts(), || {
        rackcloud_lb::lbs::wait_for_status(client, lb_id, Status::Active, waiting.opts())
    })?;
    Ok(Some(lb.status().clone()))
}

/// With `--wait`, waits until the accepted deletion of load balancer `lb_id` is done and returns
/// `DELETED`; without, returns `None` at once.
///
/// # Errors
///
/// As [`until_applied`].
pub(crate) fn until_deleted(
    connect: &Connect<'_>,
    wait: &WaitArgs,
    client: &ServiceClient,
    lb_id: u64,
) -> Result<Option<Status>, Cause> {
    if !wait.wait {
        return Ok(None);
    }
    let waiting = Waiting::begin(connect, wait, lb_id, &Status::Deleted);
    accepted(lb_id, Status::Deleted, waiting.opts(), || {
        rackcloud_lb::lbs::wait_for_deletion(client, lb_id, waiting.opts())
    })?;
    Ok(Some(Status::Deleted))
}

/// Waits (the command has `--wait`) until the new load balancer `lb_id` is `ACTIVE` and returns
/// it as the service then shows it.
///
/// # Errors
///
/// As [`until_applied`].
pub(crate) fn until_built(
    connect: &Connect<'_>,
    wait: &WaitArgs,
    client: &ServiceClient,
    lb_id: u64,
) -> Result<LoadBalancer, Cause> {
    let waiting = Waiting::begin(connect, wait, lb_id, &Status::Active);
    accepted(lb_id, Status::Active, waiting.opts(), || {
        rackcloud_lb::lbs::wait_for_status(client, lb_id, Status::Active, waiting.opts())
    })
}

/// The wait of a fleet's step on load balancer `lb_id`, whose change was accepted: until
/// `ACTIVE`, with the fleet's options. A deadline passed is told as [`Unconfirmed::reason`]
/// says, in the fleet's summary.
pub(crate) fn fleet_step(client: &ServiceClient, lb_id: u64, opts: &WaitOpts) -> Result<(), Error> {
    match rackcloud_lb::core::wait_until_active(client, lb_id, opts) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::Timeout => {
            Err(Unconfirmed::new(lb_id, Status::Active, opts, &e).into_error())
        }
        Err(e) => Err(e),
    }
}

/// Runs `wait`, the wait with `opts` for a change to load balancer `lb_id` the server has
/// accepted: a deadline passed becomes [`Unconfirmed`], any other failure stays the SDK's.
fn accepted<T>(
    lb_id: u64,
    target: Status,
    opts: &WaitOpts,
    wait: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Cause> {
    wait().map_err(|e| {
        if e.kind() == ErrorKind::Timeout {
            Cause::Unconfirmed(Box::new(Unconfirmed::new(lb_id, target, opts, &e)))
        } else {
            Cause::Sdk(e)
        }
    })
}

/// How a wait shows its progress on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Display {
    /// A spinner with the last status and the time waited.
    Spinner,
    /// One line per status change or failed poll.
    Lines,
    /// Nothing.
    Quiet,
}

impl Display {
    /// JSON mode shows nothing; text mode a spinner when stderr is a terminal and `-v` is off
    /// (its debug lines would scroll under the spinner), plain lines otherwise.
    pub(crate) fn choose(json: bool, verbose: bool, terminal: bool) -> Display {
        if json {
            Display::Quiet
        } else if terminal && !verbose {
            Display::Spinner
        } else {
            Display::Lines
        }
    }
}

/// One wait for one load balancer: the options for the SDK's wait functions, with the progress
/// callback; the spinner, if any, is cleared when this is dropped.
#[derive(Debug)]
pub(crate) struct Waiting {
    opts: WaitOpts,
    stderr: Stderr,
}

impl Waiting {
    /// Starts showing a wait for load balancer `id` to become `target`: polls backing off up to
    /// every `--wait-interval` seconds (default 5), for at most `--timeout` seconds (default 10
    /// minutes).
    pub(crate) fn begin(
        connect: &Connect<'_>,
        args: &WaitArgs,
        id: u64,
        target: &Status,
    ) -> Waiting {
        let global = connect.global();
        let display = Display::choose(
            global.output == OutputFormat::Json,
            global.verbose,
            io::stderr().is_terminal(),
        );
        let opts = WaitOpts::new()
            .interval(args.wait_interval.unwrap_or(WaitOpts::DEFAULT_INTERVAL))
            .deadline(connect.time_left().unwrap_or(WaitOpts::DEFAULT_DEADLINE));
        let stderr = connect.stderr().clone();
        let opts = match display {
            Display::Quiet => opts,
            Display::Lines => {
                let stderr = stderr.clone();
                let last = Mutex::new(None);
                opts.on_progress(move |p| {
                    let mut last = last.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(line) = progress_line(p.id, p.status, p.error, p.elapsed, &mut last)
                    {
                        stderr.line(&line);
                    }
                })
            }
            Display::Spinner => {
                let spinner = spinner(format!("load balancer {id}: waiting for {target}"));
                stderr.show_spinner(spinner.clone());
                opts.on_progress(move |p| {
                    spinner.set_message(spinner_message(p.id, p.target, p.status, p.error));
                })
            }
        };
        Waiting { opts, stderr }
    }

    /// The options to give `rackcloud_lb::lbs::wait_until_active` or `rackcloud_lb::lbs::wait_for_deletion`.
    pub(crate) fn opts(&self) -> &WaitOpts {
        &self.opts
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        self.stderr.clear_spinner();
    }
}

/// A spinner on stderr, drawn explicitly there (this is only called for a terminal), ticking on
/// its own so that the time waited moves between polls.
pub(crate) fn spinner(message: String) -> ProgressBar {
    let style = ProgressStyle::with_template("{spinner} {msg} ({waited})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key(
            "waited",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&seconds(state.elapsed()));
            },
        );
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    spinner.set_style(style);
    spinner.set_message(message);
    spinner.enable_steady_tick(Duration::from_millis(100));
    spinner
}

/// The plain line for one poll: when the status differs from the last one seen (which it
/// updates), or when the poll failed; `None` when there is nothing new to tell.
fn progress_line(
    id: u64,
    status: Option<&Status>,
    error: Option<&Error>,
    elapsed: Duration,
    last: &mut Option<Status>,
) -> Option<String> {
    if let Some(status) = status {
        if last.as_ref() == Some(status) {
            return None;
        }
        *last = Some(status.clone());
        return Some(format!(
            "rackcloud: load balancer {id} is {status} ({})",
            seconds(elapsed)
        ));
    }
    let error = error?;
    Some(format!(
        "rackcloud: load balancer {id}: a poll failed ({}); still waiting ({})",
        describe(error, false),
        seconds(elapsed)
    ))
}

/// The spinner's message after one poll.
pub(crate) fn spinner_message(
    id: u64,
    target: &Status,
    status: Option<&Status>,
    error: Option<&Error>,
) -> String {
    let mut message = format!("load balancer {id}");
    match (status, error) {
        (Some(status), _) => {
            let _ = write!(message, " is {status}");
        }
        (None, Some(e)) => {
            let _ = write!(message, ": a poll failed ({})", describe(e, false));
        }
        (None, None) => {}
    }
    let _ = write!(message, "; waiting for {target}");
    message
}

/// `2.0 s`.
fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rackcloud_lb::core::ErrorKind;

    #[test]
    fn json_is_quiet_and_a_terminal_gets_a_spinner() {
        assert_eq!(Display::choose(true, false, true), Display::Quiet);
        assert_eq!(Display::choose(true, true, false), Display::Quiet);
        assert_eq!(Display::choose(false, false, true), Display::Spinner);
        assert_eq!(Display::choose(false, false, false), Display::Lines);
        assert_eq!(Display::choose(false, true, true), Display::Lines);
    }

    #[test]
    fn lines_tell_each_status_change_once() {
        let mut last = None;
        let ms = Duration::from_millis;
        let pending = Status::PendingUpdate;
        assert_eq!(
            progress_line(5, Some(&pending), None, ms(40), &mut last).as_deref(),
            Some("rackcloud: load balancer 5 is PENDING_UPDATE (0.0 s)")
        );
        assert_eq!(
            progress_line(5, Some(&pending), None, ms(1000), &mut last),
            None
        );
        assert_eq!(
            progress_line(5, Some(&Status::Active), None, ms(2049), &mut last).as_deref(),
            Some("rackcloud: load balancer 5 is ACTIVE (2.0 s)")
        );
    }

    #[test]
    fn a_failed_poll_is_told_and_keeps_the_last_status() {
        let mut last = Some(Status::Build);
        let e = Error::new(ErrorKind::Transport, "connection refused");
        let line = progress_line(7, None, Some(&e), Duration::from_secs(3), &mut last);
        assert_eq!(
            line.as_deref(),
            Some(
                "rackcloud: load balancer 7: a poll failed (transport failure: connection refused); still waiting (3.0 s)"
            )
        );
        assert_eq!(last, Some(Status::Build));
        assert_eq!(
            progress_line(7, None, None, Duration::ZERO, &mut last),
            None
        );
    }

    #[test]
    fn the_spinner_says_what_it_waits_for() {
        assert_eq!(
            spinner_message(3, &Status::Active, Some(&Status::Build), None),
            "load balancer 3 is BUILD; waiting for ACTIVE"
        );
        let e = Error::new(ErrorKind::Timeout, "no answer");
        assert_eq!(
            spinner_message(3, &Status::Deleted, None, Some(&e)),
            "load balancer 3: a poll failed (timed out: no answer); waiting for DELETED"
        );
    }
}
