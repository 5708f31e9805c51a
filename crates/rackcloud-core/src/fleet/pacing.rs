//! [`Pacing`]: client-side budgets per HTTP method, shared by every clone and thread of a
//! [`ProviderClient`](crate::ProviderClient), so that a bulk job stays under the account's rate
//! limits (docs/api/conventions.md) instead of meeting their 413s.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::method::Method;

/// One request that had to wait for its method's budget, as given to [`Pacing::on_wait`].
#[derive(Debug)]
#[non_exhaustive]
pub struct PacingEvent<'a> {
    /// The method of the request.
    pub method: Method,
    /// The URL of the request.
    pub url: &'a str,
    /// How long the request waited before it was sent.
    pub waited: Duration,
}

type WaitCallback = Arc<dyn Fn(&PacingEvent<'_>) + Send + Sync>;

/// Per-method request budgets a client keeps to on its own side (a token bucket per method).
///
/// The default, [`Pacing::documented`], is the account's documented limits: GET and PUT 600 a
/// minute with bursts of 10, POST and DELETE 300 a minute with bursts of 5. A method starts with
/// its burst available, then earns requests at a steady rate chosen so that no window of one
/// period ever holds more than the limit, so the server's sliding window never answers 413
/// because of this client alone. Every clone and thread of the client draws from the same
/// budgets; a request waits its turn before it is sent (and before each retry). The retry policy
/// stays the safety net when other clients of the account use the same limits.
///
/// An account may have other limits: read them with `lb_lbs::rate_limits` (its example builds a
/// `Pacing` from them) and set each with [`limit`](Pacing::limit). [`Pacing::off`] sends at once.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::{AuthOptions, Pacing, ProviderClient};
/// use rackcloud_core::kit::Method;
///
/// let pacing = Pacing::documented()
///     .limit(Method::Get, 1200, 20)
///     .on_wait(|e| eprintln!("{} {} waited {:?}", e.method, e.url, e.waited));
/// let provider = ProviderClient::builder()
///     .pacing(pacing)
///     .authenticate(AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url()))?;
/// assert_eq!(provider.pacing_stats().requests(), 0);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
#[must_use = "a builder does nothing until it is used"]
pub struct Pacing {
    enabled: bool,
    period: Duration,
    budgets: BTreeMap<&'static str, (Method, u32, u32)>,
    on_wait: Option<WaitCallback>,
}

impl Pacing {
    /// The period the documented limits count over.
    pub const PERIOD: Duration = Duration::from_secs(60);

    /// The documented limits (docs/api/conventions.md): GET and PUT 600 a minute (10 a second),
    /// POST and DELETE 300 a minute (5 a second).
    pub fn documented() -> Pacing {
        Pacing {
            enabled: true,
            period: Pacing::PERIOD,
            budgets: BTreeMap::new(),
            on_wait: None,
        }
        .limit(Method::Get, 600, 10)
        .limit(Method::Put, 600, 10)
        .limit(Method::Post, 300, 5)
        .limit(Method::Delete, 300, 5)
    }

    /// No pacing: every request is sent at once (the server's 413 and the retry policy remain).
    pub fn off() -> Pacing {
        Pacing {
            enabled: false,
            ..Pacing::documented()
        }
    }

    /// Sets one method's budget: `per_period` requests per period (a minute unless
    /// [`time_scale`](Pacing::time_scale) says otherwise), of which `burst` may go at once
    /// (taken as at least 1 and at most `per_period`). A `per_period` of zero leaves the method
    /// unpaced.
    pub fn limit(mut self, method: Method, per_period: u32, burst: u32) -> Pacing {
        if per_period == 0 {
            self.budgets.remove(method.as_str());
        } else {
            let burst = burst.clamp(1, per_period);
            self.budgets
                .insert(method.as_str(), (method, per_period, burst));
        }
        self
    }

    /// Counts the limits over `60 s / scale` instead of a minute, for a server whose clock runs
    /// `scale` times faster (such as an emulator started with a time scale). Values that are
    /// not finite or not above zero are ignored.
    pub fn time_scale(mut self, scale: f64) -> Pacing {
        if scale.is_finite() && scale > 0.0 {
            self.period = Pacing::PERIOD.div_f64(scale);
        }
        self
    }

    /// Called, on the thread of the request, each time a request had to wait for its budget.
    pub fn on_wait(mut self, f: impl Fn(&PacingEvent<'_>) + Send + Sync + 'static) -> Pacing {
        self.on_wait = Some(Arc::new(f));
        self
    }

    /// Whether requests are paced.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The period the limits count over.
    pub fn period(&self) -> Duration {
        self.period
    }

    /// `method`'s budget as (requests per period, burst), if it is paced.
    pub fn budget(&self, method: Method) -> Option<(u32, u32)> {
        self.budgets
            .get(method.as_str())
            .map(|&(_, limit, burst)| (limit, burst))
    }

    /// The shortest time between two polls of each of `parallel` load balancers that keeps all
    /// of them within the GET budget (zero when GET is not paced or pacing is off).
    pub fn poll_interval(&self, parallel: usize) -> Duration {
        match self.budget(Method::Get) {
            Some((limit, _)) if self.enabled => {
                let parallel = u32::try_from(parallel.max(1)).unwrap_or(u32::MAX);
                (self.period / limit).saturating_mul(parallel)
            }
            _ => Duration::ZERO,
        }
    }
}

impl Default for Pacing {
    fn default() -> Pacing {
        Pacing::documented()
    }
}

impl fmt::Debug for Pacing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let budgets: Vec<_> = self.budgets.values().collect();
        f.debug_struct("Pacing")
            .field("enabled", &self.enabled)
            .field("period", &self.period)
            .field("budgets", &budgets)
            .field("on_wait", &self.on_wait.is_some())
            .finish()
    }
}

/// What pacing has done so far, from [`ProviderClient::pacing_stats`](crate::ProviderClient::pacing_stats).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PacingStats {
    requests: u64,
    delayed: u64,
    waited: Duration,
    longest: Duration,
}

impl PacingStats {
    /// Requests that went through pacing (every attempt, paced or not).
    pub fn requests(&self) -> u64 {
        self.requests
    }

    /// Requests that had to wait.
    pub fn delayed(&self) -> u64 {
        self.delayed
    }

    /// The total time requests waited (summed over threads).
    pub fn waited(&self) -> Duration {
        self.waited
    }

    /// The longest single wait.
    pub fn longest_wait(&self) -> Duration {
        self.longest
    }
}

/// One method's token bucket: tokens may go below zero, which is a queue of reservations.
#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The shared state behind a client's pacing.
pub(crate) struct Pacer {
    config: Pacing,
    buckets: Mutex<BTreeMap<&'static str, Bucket>>,
    stats: Mutex<PacingStats>,
}

/// How much of the steady rate is used, leaving room for the network's jitter between the
/// client's clock and the server's.
const RATE_MARGIN: f64 = 0.97;

impl Pacer {
    pub(crate) fn new(config: Pacing) -> Pacer {
        Pacer {
            config,
            buckets: Mutex::new(BTreeMap::new()),
            stats: Mutex::new(PacingStats::default()),
        }
    }

    pub(crate) fn config(&self) -> &Pacing {
        &self.config
    }

    pub(crate) fn stats(&self) -> PacingStats {
        *self.stats.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How long a request of `method` must wait from `now`, reserving its place.
    fn reserve(&self, method: Method, now: Instant) -> Duration {
        let Some((limit, burst)) = self.config.budget(method).filter(|_| self.config.enabled)
        else {
            return Duration::ZERO;
        };
        let steady = f64::from(limit.saturating_sub(burst).max(1));
        let rate = steady * RATE_MARGIN / self.config.period.as_secs_f64().max(1e-9);
        let capacity = f64::from(burst);
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let bucket = buckets.entry(method.as_str()).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let earned = now.saturating_duration_since(bucket.at).as_secs_f64() * rate;
        bucket.tokens = (bucket.tokens + earned).min(capacity);
        bucket.at = bucket.at.max(now);
        bucket.tokens -= 1.0;
        if bucket.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-bucket.tokens / rate)
        }
    }

    /// Waits for `method`'s budget (at most `time_left`), then counts the request.
    pub(crate) fn acquire(&self, method: Method, url: &str, time_left: Duration) {
        let wait = self.reserve(method, Instant::now()).min(time_left);
        if !wait.is_zero() {
            std::thread::sleep(wait);
            if let Some(f) = &self.config.on_wait {
                f(&PacingEvent {
                    method,
                    url,
                    waited: wait,
                });
            }
        }
        let mut stats = self.stats.lock().unwrap_or_else(PoisonError::into_inner);
        stats.requests += 1;
        if !wait.is_zero() {
            stats.delayed += 1;
            stats.waited += wait;
            stats.longest = stats.longest.max(wait);
        }
    }
}

impl fmt::Debug for Pacer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.config.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_a_steady_rate_that_never_fills_a_period() {
        let pacer = Pacer::new(Pacing::documented().limit(Method::Post, 60, 5));
        let start = Instant::now();
        let waits: Vec<Duration> = (0..10)
            .map(|_| pacer.reserve(Method::Post, start))
            .collect();
        assert!(waits[..5].iter().all(Duration::is_zero));
        // 55 more a minute: about 1.1 s each, with the margin.
        let step = 60.0 / (55.0 * RATE_MARGIN);
        for (i, w) in waits[5..].iter().enumerate() {
            let expected = step * (i as f64 + 1.0);
            assert!(
                (w.as_secs_f64() - expected).abs() < 1e-6,
                "{w:?} vs {expected}"
            );
        }
        // The 5 burst plus a minute's earnings stay under 60.
        assert!(5.0 + 60.0 / step < 60.0);
    }

    #[test]
    fn off_and_unpaced_methods_never_wait() {
        let pacer = Pacer::new(Pacing::off());
        let now = Instant::now();
        assert!((0..100).all(|_| pacer.reserve(Method::Get, now).is_zero()));
        let pacer = Pacer::new(Pacing::documented().limit(Method::Get, 0, 0));
        assert!((0..100).all(|_| pacer.reserve(Method::Get, now).is_zero()));
        assert_eq!(pacer.config().budget(Method::Put), Some((600, 10)));
    }

    #[test]
    fn time_scale_shortens_the_period_and_the_poll_interval_follows() {
        let pacing = Pacing::documented().time_scale(60.0);
        assert_eq!(pacing.period(), Duration::from_secs(1));
        assert_eq!(pacing.poll_interval(20), Duration::from_secs(1) / 600 * 20);
        assert_eq!(Pacing::off().poll_interval(20), Duration::ZERO);
        assert_eq!(
            Pacing::documented().time_scale(0.0).period(),
            Pacing::PERIOD
        );
    }
}
