//! The scaled clock: the emulator's own time runs `scale` times faster than the wall clock, so
//! that the per-minute rate limits and the pending times keep the real API's proportions while a
//! fleet of changes finishes in seconds.

use std::time::{Duration, Instant};

/// A clock that started at `origin` and runs `scale` times faster than real time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScaledClock {
    origin: Instant,
    scale: f64,
}

impl ScaledClock {
    /// A clock starting now; a scale that is not finite or not above zero counts as 1.
    pub(crate) fn new(scale: f64) -> ScaledClock {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        ScaledClock {
            origin: Instant::now(),
            scale,
        }
    }

    /// How many times faster than real time.
    pub(crate) fn scale(&self) -> f64 {
        self.scale
    }

    /// The scaled "now": the origin plus the real time since, times the scale.
    pub(crate) fn now(&self) -> Instant {
        let scaled = self.origin.elapsed().mul_f64(self.scale);
        self.origin.checked_add(scaled).unwrap_or_else(Instant::now)
    }

    /// A duration of the emulator's own time as real time.
    pub(crate) fn real_time(&self, d: Duration) -> Duration {
        d.div_f64(self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_both_ways_and_refuses_nonsense() {
        let clock = ScaledClock::new(60.0);
        assert_eq!(
            clock.real_time(Duration::from_secs(60)),
            Duration::from_secs(1)
        );
        assert!(clock.now() >= clock.origin);
        assert!((ScaledClock::new(0.0).scale() - 1.0).abs() < f64::EPSILON);
        assert!((ScaledClock::new(f64::NAN).scale() - 1.0).abs() < f64::EPSILON);
    }
}
