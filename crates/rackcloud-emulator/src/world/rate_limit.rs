//! The per-account, per-method rate limits (docs/api/), over a sliding one-minute window.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::sync::lock;

/// The window the limits count over.
pub(crate) const WINDOW: Duration = Duration::from_secs(60);

/// The real limits: GET and PUT 600 per minute, POST and DELETE 300.
pub(crate) const DEFAULT_LIMITS: [(&str, u32); 4] =
    [("GET", 600), ("PUT", 600), ("POST", 300), ("DELETE", 300)];

/// The switch, the limits, and the requests each (tenant, method) made in the last minute.
#[derive(Debug)]
pub(crate) struct RateLimits {
    enabled: AtomicBool,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Requests per minute by method (upper case); a method without a limit is not limited.
    per_minute: BTreeMap<String, u32>,
    /// When the accepted requests of each (tenant, method) arrived, oldest first.
    windows: HashMap<(String, String), VecDeque<Instant>>,
}

impl RateLimits {
    /// The real limits with `overrides` (method, per minute) applied, enforced when `enabled`.
    pub(crate) fn new(enabled: bool, overrides: &[(String, u32)]) -> RateLimits {
        let mut per_minute: BTreeMap<String, u32> = DEFAULT_LIMITS
            .iter()
            .map(|(method, n)| ((*method).to_owned(), *n))
            .collect();
        for (method, n) in overrides {
            per_minute.insert(method.to_ascii_uppercase(), *n);
        }
        RateLimits {
            enabled: AtomicBool::new(enabled),
            inner: Mutex::new(Inner {
                per_minute,
                windows: HashMap::new(),
            }),
        }
    }

    /// Turns enforcement on or off; either way the counting starts afresh.
    pub(crate) fn set_enabled(&self, on: bool) {
        let mut inner = lock(&self.inner);
        inner.windows.clear();
        self.enabled.store(on, Ordering::SeqCst);
    }

    /// Whether the limits are enforced.
    pub(crate) fn enabled(&self) -> bool {
        self.enabled.load(Ordering::SeqCst)
    }

    /// Sets the limit of one method.
    pub(crate) fn set_limit(&self, method: &str, per_minute: u32) {
        lock(&self.inner)
            .per_minute
            .insert(method.to_ascii_uppercase(), per_minute);
    }

    /// The limits by method.
    pub(crate) fn limits(&self) -> BTreeMap<String, u32> {
        lock(&self.inner).per_minute.clone()
    }

    /// Counts a request of `tenant` with `method` at `now`: `Ok` when it is within the limit,
    /// else how long until the window frees a slot (the request is then not counted).
    pub(crate) fn check(&self, tenant: &str, method: &str, now: Instant) -> Result<(), Duration> {
        if !self.enabled() {
            return Ok(());
        }
        let mut inner = lock(&self.inner);
        let Some(&limit) = inner.per_minute.get(method) else {
            return Ok(());
        };
        let window = inner
            .windows
            .entry((tenant.to_owned(), method.to_owned()))
            .or_default();
        while window
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
        {
            window.pop_front();
        }
        if window.len() < usize::try_from(limit).unwrap_or(usize::MAX) {
            window.push_back(now);
            return Ok(());
        }
        let wait = window.front().map_or(WINDOW, |oldest| {
            WINDOW.saturating_sub(now.saturating_duration_since(*oldest))
        });
        Err(wait)
    }
}

/// One method's limit as `GET /limits` reports it: the method, the limit per minute, the
/// requests left in the window, and how long until the next one is allowed (zero when some are
/// left).
pub(crate) type MethodUsage = (String, u32, u32, Duration);

impl RateLimits {
    /// Every method's limit and what `tenant` has left of it at `now`; with enforcement off
    /// nothing is counted, so everything is left.
    pub(crate) fn usage(&self, tenant: &str, now: Instant) -> Vec<MethodUsage> {
        let enabled = self.enabled();
        let inner = lock(&self.inner);
        inner
            .per_minute
            .iter()
            .map(|(method, &limit)| {
                let window = inner
                    .windows
                    .get(&(tenant.to_owned(), method.clone()))
                    .filter(|_| enabled);
                let recent: Vec<Instant> = window
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|t| now.saturating_duration_since(*t) < WINDOW)
                    .collect();
                let used = u32::try_from(recent.len()).unwrap_or(u32::MAX);
                let left = limit.saturating_sub(used);
                let wait = match recent.first() {
                    Some(oldest) if left == 0 => {
                        WINDOW.saturating_sub(now.saturating_duration_since(*oldest))
                    }
                    _ => Duration::ZERO,
                };
                (method.clone(), limit, left, wait)
            })
            .collect()
    }
}

/// A wait as whole seconds for `Retry-After`: rounded up, at least one.
pub(crate) fn retry_after_seconds(wait: Duration) -> u64 {
    let whole = wait.as_secs();
    let seconds = if wait.subsec_nanos() > 0 {
        whole.saturating_add(1)
    } else {
        whole
    };
    seconds.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_per_tenant_and_method_over_a_sliding_minute() {
        let limits = RateLimits::new(true, &[("get".to_owned(), 2)]);
        let start = Instant::now();
        assert_eq!(limits.check("1", "GET", start), Ok(()));
        let later = start + Duration::from_secs(10);
        assert_eq!(limits.check("1", "GET", later), Ok(()));
        assert_eq!(
            limits.check("1", "GET", later),
            Err(Duration::from_secs(50))
        );
        assert_eq!(limits.check("2", "GET", later), Ok(()));
        assert_eq!(limits.check("1", "PUT", later), Ok(()));
        assert_eq!(limits.check("1", "PATCH", later), Ok(()));
        // The first request leaves the window after a minute; the refused one never entered.
        assert_eq!(limits.check("1", "GET", start + WINDOW), Ok(()));
        assert_eq!(
            limits.check("1", "GET", start + WINDOW),
            Err(Duration::from_secs(10))
        );
    }

    #[test]
    fn off_means_unlimited_and_switching_starts_afresh() {
        let limits = RateLimits::new(false, &[("DELETE".to_owned(), 0)]);
        let now = Instant::now();
        assert_eq!(limits.check("1", "DELETE", now), Ok(()));
        limits.set_enabled(true);
        assert_eq!(limits.check("1", "DELETE", now), Err(WINDOW));
        limits.set_limit("delete", 1);
        assert_eq!(limits.check("1", "DELETE", now), Ok(()));
        assert!(limits.check("1", "DELETE", now).is_err());
        limits.set_enabled(true);
        assert_eq!(limits.check("1", "DELETE", now), Ok(()));
        assert_eq!(limits.limits().get("POST"), Some(&300));
    }

    #[test]
    fn retry_after_rounds_up() {
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::ZERO), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(59_001)), 60);
        assert_eq!(retry_after_seconds(Duration::from_secs(60)), 60);
    }
}
