//! Durations the caller gives, and the instants they lead to, without overflow.
//!
//! `Instant + Duration` panics when the sum is past what the clock can hold, and so does ureq
//! with a timeout near `Duration::MAX`. Every duration a caller sets is therefore cut to
//! [`LONGEST`] when it is set, and every deadline is computed with `checked_add`: one that
//! cannot be represented is no deadline at all.

use std::time::{Duration, Instant};

/// The longest duration any setting takes, 365 days: longer ones (up to `Duration::MAX`) are
/// taken as this, which in practice means "no limit".
pub(crate) const LONGEST: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// `duration`, or [`LONGEST`] when it is longer.
pub(crate) fn clamp(duration: Duration) -> Duration {
    duration.min(LONGEST)
}

/// A point in time some duration from now, or none when that is past the clock's range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline(Option<Instant>);

impl Deadline {
    /// `duration` from now.
    pub(crate) fn after(duration: Duration) -> Deadline {
        Deadline(Instant::now().checked_add(duration))
    }

    /// The time left, zero once passed, and [`LONGEST`] when there is no deadline.
    pub(crate) fn left(self) -> Duration {
        match self.0 {
            Some(at) => at.saturating_duration_since(Instant::now()),
            None => LONGEST,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_durations_neither_overflow_nor_panic() {
        assert_eq!(clamp(Duration::MAX), LONGEST);
        assert_eq!(clamp(Duration::from_secs(3)), Duration::from_secs(3));
        assert!(Deadline::after(Duration::MAX).left() <= LONGEST);
        assert!(Deadline::after(LONGEST).left() > LONGEST - Duration::from_secs(60));
        assert_eq!(Deadline::after(Duration::ZERO).left(), Duration::ZERO);
    }
}
