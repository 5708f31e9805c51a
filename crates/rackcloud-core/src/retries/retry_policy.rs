//! [`RetryPolicy`]: how often and how long a failed request is repeated, and [`RetryEvent`],
//! what its callback hears.

use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::deadline::clamp;
use crate::error::Error;
use crate::method::Method;
use crate::retry_reason::RetryReason;

/// One retry about to happen, as given to [`RetryPolicy::on_retry`].
#[derive(Debug)]
#[non_exhaustive]
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
/// `PENDING_UPDATE` or `BUILD`) or unavailable (503) answer, a connection that failed before
/// anything was sent, and a `GET` or `PUT` whose connection was cut before the whole answer
/// arrived (both leave the service as one request does), at most [`DEFAULT_MAX_ATTEMPTS`](RetryPolicy::DEFAULT_MAX_ATTEMPTS) times
/// within [`DEFAULT_DEADLINE`](RetryPolicy::DEFAULT_DEADLINE). It waits what the server asks
/// (`Retry-After`), or else backs off exponentially from
/// [`DEFAULT_INITIAL_BACKOFF`](RetryPolicy::DEFAULT_INITIAL_BACKOFF) with jitter. A wait that
/// would end after the deadline is not started: the error is returned at once, with the
/// server's [`retry_after`](Error::retry_after).
///
/// Never repeated: an absolute limit (413 without `overLimit`), a load balancer in `ERROR`,
/// `SUSPENDED`, `PENDING_DELETE` or `DELETED`, "already disabled", any other 4xx or 5xx, a
/// refused connection to this machine (nothing listens there; the error says so at once), a
/// proxy that refuses its credentials (407), a timeout after the request was sent, and a `POST`
/// or `DELETE` whose connection was cut after sending (the server may have acted on it).
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
#[must_use = "a builder does nothing until it is used"]
pub struct RetryPolicy {
    max_attempts: u32,
    deadline: Duration,
    ends_at: Option<Instant>,
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
            ends_at: None,
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
            .field("ends_at", &self.ends_at)
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

    /// The time allowed for one operation, every attempt and wait included. Anything over 365
    /// days, such as `Duration::MAX`, is taken as 365 days: no deadline in practice.
    pub fn deadline(mut self, deadline: Duration) -> RetryPolicy {
        self.deadline = clamp(deadline);
        self
    }

    /// A point in time no operation goes past, whatever its own deadline: the end of a whole
    /// task made of several operations (a command-line tool's `--timeout`, for one).
    pub fn ends_at(mut self, end: Instant) -> RetryPolicy {
        self.ends_at = Some(end);
        self
    }

    /// The first back-off when the server names no wait; it doubles on each retry. At most 365
    /// days, like every duration.
    pub fn initial_backoff(mut self, backoff: Duration) -> RetryPolicy {
        self.initial_backoff = clamp(backoff);
        self
    }

    /// The longest back-off when the server names no wait. At most 365 days, like every
    /// duration.
    pub fn max_backoff(mut self, backoff: Duration) -> RetryPolicy {
        self.max_backoff = clamp(backoff);
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

    /// Waits with `sleep` instead of `std::thread::sleep`, so that tests record the waits
    /// instead of spending them. Not part of the supported API: it exists only with the
    /// `test-hooks` feature, which the workspace's own tests enable.
    #[cfg(any(test, feature = "test-hooks"))]
    #[doc(hidden)]
    pub fn sleeper(mut self, sleep: impl Fn(Duration) + Send + Sync + 'static) -> RetryPolicy {
        self.sleeper = Some(Arc::new(sleep));
        self
    }

    /// The most attempts per operation.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The time allowed for one operation starting now: the deadline, or less when
    /// [`ends_at`](RetryPolicy::ends_at) is nearer.
    pub fn operation_deadline(&self) -> Duration {
        match self.ends_at {
            Some(end) => self
                .deadline
                .min(end.saturating_duration_since(Instant::now())),
            None => self.deadline,
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1`: the server's, or exponential back-off with jitter.
    pub(crate) fn wait(&self, error: &Error, reason: &RetryReason, attempt: u32) -> Duration {
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

    /// Tells the callback, when there is one, of a retry about to happen.
    pub(crate) fn announce(&self, event: &RetryEvent<'_>) {
        if let Some(callback) = &self.on_retry {
            callback(event);
        }
    }

    pub(crate) fn sleep(&self, wait: Duration) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_is_a_fraction() {
        for _ in 0..1000 {
            let f = jitter_fraction();
            assert!((0.0..1.0).contains(&f));
        }
    }

    #[test]
    fn an_end_cuts_every_operation_deadline() {
        let policy = RetryPolicy::default().deadline(Duration::from_secs(60));
        assert_eq!(policy.operation_deadline(), Duration::from_secs(60));
        let policy = policy.ends_at(Instant::now() + Duration::from_secs(5));
        assert!(policy.operation_deadline() <= Duration::from_secs(5));
        let passed = RetryPolicy::default().ends_at(Instant::now());
        assert_eq!(passed.operation_deadline(), Duration::ZERO);
    }
}
