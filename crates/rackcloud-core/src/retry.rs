//! [`RetryPolicy`]: which failures are worth repeating, how long to wait, and when to give up.
//!
//! The rules follow the API (clb-api.md §2, §3): a 413 rate limit waits `Retry-After`; a 422
//! immutable answer is repeated only while the load balancer is `PENDING_UPDATE` or `BUILD`; a 503
//! and a connection that failed before the request was sent back off with jitter. Everything is
//! bounded by a number of attempts and by a deadline for the whole operation.

use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind};
use crate::method::Method;

/// Why a request is being repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryReason {
    /// 413 `overLimit`: the API's rate limit.
    RateLimited,
    /// 422: the load balancer is busy applying another change (its status is named).
    Immutable {
        /// `PENDING_UPDATE` or `BUILD`.
        lb_status: String,
    },
    /// 503: the service is unavailable.
    Unavailable,
    /// The connection failed before the request was sent.
    ConnectFailed,
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::RateLimited => f.write_str("rate limited (413)"),
            RetryReason::Immutable { lb_status } => {
                write!(f, "load balancer is {lb_status} (422)")
            }
            RetryReason::Unavailable => f.write_str("service unavailable (503)"),
            RetryReason::ConnectFailed => f.write_str("could not connect"),
        }
    }
}

/// One retry about to happen, as given to [`RetryPolicy::on_retry`].
#[derive(Debug)]
pub struct RetryEvent<'a> {
    /// The method of the request.
    pub method: Method,
    /// The URL of the request.
    pub url: &'a str,
    /// The attempt that failed, counting from 1.
    pub attempt: u32,
    /// The most attempts the policy allows.
    pub max_attempts: u32,
    /// How long the client waits before the next attempt.
    pub wait: Duration,
    /// Why.
    pub reason: RetryReason,
    /// The failure being retried.
    pub error: &'a Error,
}

type RetryCallback = Arc<dyn Fn(&RetryEvent<'_>) + Send + Sync>;
type Sleeper = Arc<dyn Fn(Duration) + Send + Sync>;

/// When and how a [`ProviderClient`](crate::ProviderClient) repeats a failed request.
///
/// The default repeats a rate-limited (413 `overLimit`), busy (422 immutable while
/// `PENDING_UPDATE` or `BUILD`) or unavailable (503) answer, and a connection that failed before
/// anything was sent, at most [`DEFAULT_MAX_ATTEMPTS`](RetryPolicy::DEFAULT_MAX_ATTEMPTS) times
/// within [`DEFAULT_DEADLINE`](RetryPolicy::DEFAULT_DEADLINE). It waits what the server asks
/// (`Retry-After`), or else backs off exponentially from
/// [`DEFAULT_INITIAL_BACKOFF`](RetryPolicy::DEFAULT_INITIAL_BACKOFF) with jitter. A wait that
/// would end after the deadline is not started: the error is returned at once, with the
/// server's [`retry_after`](Error::retry_after).
///
/// Never repeated: an absolute limit (413 without `overLimit`), a load balancer in `ERROR`,
/// `SUSPENDED`, `PENDING_DELETE` or `DELETED`, "already disabled", any other 4xx or 5xx, and a
/// failure after the request may have reached the server (a timeout, a reset).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use rackcloud_core::{ProviderClient, RetryPolicy};
///
/// let policy = RetryPolicy::default()
///     .max_attempts(4)
///     .deadline(Duration::from_secs(30))
///     .on_retry(|event| eprintln!("retrying in {:?}: {}", event.wait, event.reason));
/// let builder = ProviderClient::builder().retry_policy(policy);
///
/// // Or no retries at all:
/// let builder = ProviderClient::builder().retry_policy(RetryPolicy::none());
/// ```
#[derive(Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    deadline: Duration,
    initial_backoff: Duration,
    max_backoff: Duration,
    on_retry: Option<RetryCallback>,
    sleeper: Option<Sleeper>,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: RetryPolicy::DEFAULT_MAX_ATTEMPTS,
            deadline: RetryPolicy::DEFAULT_DEADLINE,
            initial_backoff: RetryPolicy::DEFAULT_INITIAL_BACKOFF,
            max_backoff: RetryPolicy::DEFAULT_MAX_BACKOFF,
            on_retry: None,
            sleeper: None,
        }
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("deadline", &self.deadline)
            .field("initial_backoff", &self.initial_backoff)
            .field("max_backoff", &self.max_backoff)
            .field("on_retry", &self.on_retry.is_some())
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    /// Attempts per operation by default, the first included.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 6;
    /// The default time allowed for one operation, every attempt and wait included.
    pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);
    /// The first back-off when the server names no wait.
    pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_secs(1);
    /// The longest back-off between two attempts when the server names no wait.
    pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(15);

    /// A policy that never repeats a request. The deadline still bounds the one attempt.
    pub fn none() -> RetryPolicy {
        RetryPolicy::default().max_attempts(1)
    }

    /// The most attempts per operation, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> RetryPolicy {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The time allowed for one operation, every attempt and wait included.
    pub fn deadline(mut self, deadline: Duration) -> RetryPolicy {
        self.deadline = deadline;
        self
    }

    /// The first back-off when the server names no wait; it doubles on each retry.
    pub fn initial_backoff(mut self, backoff: Duration) -> RetryPolicy {
        self.initial_backoff = backoff;
        self
    }

    /// The longest back-off when the server names no wait.
    pub fn max_backoff(mut self, backoff: Duration) -> RetryPolicy {
        self.max_backoff = backoff;
        self
    }

    /// Calls `callback` before each wait, to show progress. Each retry is also logged at `info`.
    pub fn on_retry(
        mut self,
        callback: impl Fn(&RetryEvent<'_>) + Send + Sync + 'static,
    ) -> RetryPolicy {
        self.on_retry = Some(Arc::new(callback));
        self
    }

    /// Waits with `sleep` instead of `std::thread::sleep`: tests use it to record the waits
    /// instead of spending them.
    pub fn sleeper(mut self, sleep: impl Fn(Duration) + Send + Sync + 'static) -> RetryPolicy {
        self.sleeper = Some(Arc::new(sleep));
        self
    }

    /// The most attempts per operation.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The time allowed for one operation.
    pub fn operation_deadline(&self) -> Duration {
        self.deadline
    }
}

/// Why `error` is worth repeating, or `None`.
pub(crate) fn transient_reason(error: &Error) -> Option<RetryReason> {
    match error.kind() {
        ErrorKind::RateLimited => Some(RetryReason::RateLimited),
        ErrorKind::Unavailable => Some(RetryReason::Unavailable),
        ErrorKind::Immutable => match error.lb_status() {
            Some(status @ ("PENDING_UPDATE" | "BUILD")) => Some(RetryReason::Immutable {
                lb_status: status.to_owned(),
            }),
            _ => None,
        },
        ErrorKind::Transport | ErrorKind::Timeout if error.not_sent() => {
            Some(RetryReason::ConnectFailed)
        }
        _ => None,
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1`: the server's, or exponential back-off with jitter.
    fn wait(&self, error: &Error, reason: &RetryReason, attempt: u32) -> Duration {
        let asked = match reason {
            RetryReason::RateLimited | RetryReason::Unavailable => error.retry_after(),
            _ => None,
        };
        asked.unwrap_or_else(|| self.backoff(attempt))
    }

    /// `initial × 2^(attempt-1)`, capped, then a random point in its upper half.
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1).min(20))
            .unwrap_or(u32::MAX);
        let full = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let half = full / 2;
        half + half.mul_f64(jitter_fraction())
    }

    fn sleep(&self, wait: Duration) {
        match &self.sleeper {
            Some(sleep) => sleep(wait),
            None => std::thread::sleep(wait),
        }
    }
}

/// A number in `[0, 1)` from the standard library's randomly keyed hasher: enough to spread
/// clients apart, with no random number crate.
fn jitter_fraction() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Runs `attempt` until it succeeds, fails in a way not worth repeating, or the policy's
/// attempts or deadline run out. `attempt` receives the time left before the deadline.
pub(crate) fn run<T>(
    policy: &RetryPolicy,
    method: Method,
    url: &str,
    mut attempt: impl FnMut(Duration) -> Result<T, Error>,
) -> Result<T, Error> {
    let deadline = Instant::now() + policy.deadline;
    let mut number = 1;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let error = match attempt(left) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let Some(reason) = transient_reason(&error) else {
            return Err(error.with_attempts(number));
        };
        if number >= policy.max_attempts {
            return Err(error.with_attempts(number));
        }
        let wait = policy.wait(&error, &reason, number);
        let left = deadline.saturating_duration_since(Instant::now());
        if wait >= left {
            return Err(error
                .with_attempts(number)
                .with_note(format!("a wait of {wait:.1?} would pass the deadline")));
        }
        log::info!(
            "{method} {url}: {reason}; retrying in {wait:.1?} (attempt {} of {})",
            number + 1,
            policy.max_attempts
        );
        if let Some(callback) = &policy.on_retry {
            callback(&RetryEvent {
                method,
                url,
                attempt: number,
                max_attempts: policy.max_attempts,
                wait,
                reason,
                error: &error,
            });
        }
        policy.sleep(wait);
        number += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn status_error(status: u16, retry_after: Option<&str>, body: &str) -> Error {
        Error::from_status("PUT", "http://h/x", status, retry_after, body.as_bytes())
    }

    fn immutable(status: &str) -> Error {
        status_error(
            422,
            None,
            &format!(
                r#"{{"message":"Load Balancer '1' has a status of '{status}' and is considered immutable.","code":422}}"#
            ),
        )
    }

    const OVER_LIMIT: &str =
        r#"{"overLimit":{"code":413,"message":"OverLimit Retry...","details":"Error Details..."}}"#;

    /// Runs `run` over a scripted list of outcomes, recording waits instead of sleeping.
    fn script(
        policy: RetryPolicy,
        outcomes: Vec<Result<u32, Error>>,
    ) -> (Result<u32, Error>, Vec<Duration>, usize) {
        let waits = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&waits);
        let policy = policy.sleeper(move |d| recorded.lock().expect("lock").push(d));
        let mut outcomes = outcomes.into_iter();
        let mut calls = 0;
        let result = run(&policy, Method::Put, "http://h/x", |_| {
            calls += 1;
            outcomes.next().unwrap_or(Ok(0))
        });
        let waits = waits.lock().expect("lock").clone();
        (result, waits, calls)
    }

    #[test]
    fn rate_limit_waits_retry_after_exactly() {
        let (result, waits, calls) = script(
            RetryPolicy::default(),
            vec![Err(status_error(413, Some("2"), OVER_LIMIT)), Ok(7)],
        );
        assert_eq!(result.expect("success"), 7);
        assert_eq!(waits, [Duration::from_secs(2)]);
        assert_eq!(calls, 2);
    }

    #[test]
    fn absolute_limit_is_never_retried() {
        let (result, waits, calls) = script(
            RetryPolicy::default(),
            vec![Err(status_error(
                413,
                Some("2"),
                r#"{"message":"too many nodes","code":413}"#,
            ))],
        );
        assert_eq!(result.unwrap_err().kind(), ErrorKind::OverLimit);
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
    }

    #[test]
    fn immutable_is_retried_only_while_pending_or_building() {
        for status in ["PENDING_UPDATE", "BUILD"] {
            let (result, waits, _) =
                script(RetryPolicy::default(), vec![Err(immutable(status)), Ok(1)]);
            assert!(result.is_ok(), "{status}");
            assert_eq!(waits.len(), 1);
            assert!(
                waits[0] >= Duration::from_millis(500) && waits[0] <= Duration::from_secs(1),
                "{waits:?}"
            );
        }
        for status in ["ERROR", "SUSPENDED", "PENDING_DELETE", "DELETED"] {
            let (result, waits, calls) =
                script(RetryPolicy::default(), vec![Err(immutable(status))]);
            assert_eq!(result.unwrap_err().lb_status(), Some(status));
            assert!(waits.is_empty(), "{status}");
            assert_eq!(calls, 1);
        }
        let deleted = status_error(
            422,
            None,
            r#"{"message":"Session persistence is already deleted.","code":422}"#,
        );
        let (result, _, calls) = script(RetryPolicy::default(), vec![Err(deleted)]);
        assert_eq!(result.unwrap_err().kind(), ErrorKind::AlreadyDisabled);
        assert_eq!(calls, 1);
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(300))
            .max_attempts(5);
        let outcomes = (0..4)
            .map(|_| Err(status_error(503, None, "")))
            .chain([Ok(1)])
            .collect();
        let (result, waits, calls) = script(policy, outcomes);
        assert!(result.is_ok());
        assert_eq!(calls, 5);
        let bounds = [(50, 100), (100, 200), (150, 300), (150, 300)];
        for (wait, (low, high)) in waits.iter().zip(bounds) {
            assert!(
                *wait >= Duration::from_millis(low) && *wait <= Duration::from_millis(high),
                "{waits:?}"
            );
        }
    }

    #[test]
    fn attempts_run_out_and_the_error_says_so() {
        let policy = RetryPolicy::default()
            .max_attempts(3)
            .initial_backoff(Duration::from_millis(1));
        let outcomes = (0..5).map(|_| Err(status_error(503, None, ""))).collect();
        let (result, waits, calls) = script(policy, outcomes);
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unavailable);
        assert_eq!(err.attempts(), 3);
        assert!(
            err.to_string().ends_with("(gave up after 3 attempts)"),
            "{err}"
        );
        assert_eq!((waits.len(), calls), (2, 3));
    }

    #[test]
    fn a_wait_past_the_deadline_fails_at_once_with_retry_after() {
        let policy = RetryPolicy::default().deadline(Duration::from_secs(10));
        let (result, waits, calls) = script(policy, vec![Err(status_error(503, Some("300"), ""))]);
        let err = result.unwrap_err();
        assert_eq!(err.retry_after(), Some(Duration::from_secs(300)));
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
        assert!(
            err.to_string()
                .contains("a wait of 300.0s would pass the deadline"),
            "{err}"
        );
    }

    #[test]
    fn none_never_retries() {
        let (result, waits, calls) = script(
            RetryPolicy::none(),
            vec![Err(status_error(503, Some("1"), ""))],
        );
        assert_eq!(result.unwrap_err().kind(), ErrorKind::Unavailable);
        assert!(waits.is_empty());
        assert_eq!(calls, 1);
    }

    #[test]
    fn the_callback_hears_of_every_retry() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let policy = RetryPolicy::default().on_retry(move |e| {
            sink.lock()
                .expect("lock")
                .push((e.attempt, e.reason.to_string(), e.wait));
        });
        let (result, _, _) = script(
            policy,
            vec![
                Err(status_error(413, Some("1"), OVER_LIMIT)),
                Err(immutable("PENDING_UPDATE")),
                Ok(3),
            ],
        );
        assert!(result.is_ok());
        let seen = seen.lock().expect("lock").clone();
        assert_eq!(seen.len(), 2);
        assert_eq!(
            seen[0],
            (1, "rate limited (413)".to_owned(), Duration::from_secs(1))
        );
        assert_eq!(seen[1].0, 2);
        assert_eq!(seen[1].1, "load balancer is PENDING_UPDATE (422)");
    }

    #[test]
    fn jitter_is_a_fraction() {
        for _ in 0..1000 {
            let f = jitter_fraction();
            assert!((0.0..1.0).contains(&f));
        }
    }
}
