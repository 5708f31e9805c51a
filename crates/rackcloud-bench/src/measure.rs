//! Timing a loop of calls and reducing samples: latency percentiles, throughput, medians.

use std::time::{Duration, Instant};

/// The latencies of one run of a scenario and how long the whole run took.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) latencies: Vec<Duration>,
    pub(crate) elapsed: Duration,
}

impl Run {
    /// Calls `call` `count` times, timing each call and the whole loop.
    pub(crate) fn time(
        count: usize,
        mut call: impl FnMut() -> anyhow::Result<()>,
    ) -> anyhow::Result<Run> {
        let mut latencies = Vec::with_capacity(count);
        let started = Instant::now();
        for _ in 0..count {
            let t = Instant::now();
            call()?;
            latencies.push(t.elapsed());
        }
        Ok(Run {
            latencies,
            elapsed: started.elapsed(),
        })
    }

    /// Calls `a` and `b` in turn, `count` times each, timing every call: the two see the same
    /// machine, the same server threads and the same moment, so their ratio is fair.
    pub(crate) fn time_pair(
        count: usize,
        mut a: impl FnMut() -> anyhow::Result<()>,
        mut b: impl FnMut() -> anyhow::Result<()>,
    ) -> anyhow::Result<(Run, Run)> {
        let (mut la, mut lb) = (Vec::with_capacity(count), Vec::with_capacity(count));
        for _ in 0..count {
            let t = Instant::now();
            a()?;
            la.push(t.elapsed());
            let t = Instant::now();
            b()?;
            lb.push(t.elapsed());
        }
        let run = |latencies: Vec<Duration>| Run {
            elapsed: latencies.iter().sum(),
            latencies,
        };
        Ok((run(la), run(lb)))
    }

    /// Runs merged into one (for threads running side by side: the slowest one's elapsed time).
    pub(crate) fn merge(runs: Vec<Run>) -> Run {
        let elapsed = runs.iter().map(|r| r.elapsed).max().unwrap_or_default();
        let latencies = runs.into_iter().flat_map(|r| r.latencies).collect();
        Run { latencies, elapsed }
    }

    pub(crate) fn calls_per_s(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }

    pub(crate) fn percentile_us(&self, p: f64) -> f64 {
        let mut sorted: Vec<Duration> = self.latencies.clone();
        sorted.sort_unstable();
        percentile(&sorted, p).as_secs_f64() * 1e6
    }
}

/// The calling thread's CPU time so far, from `/proc/thread-self/schedstat` (nanoseconds, as the
/// scheduler counts them); `None` where the file does not exist.
pub(crate) fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// The calling thread's CPU time per call of each of `a`, `b` and `c`, over `count` calls each,
/// taken in blocks of [`CPU_BLOCK`] calls in turn, so that all three meet the same machine (how
/// the kernel wakes the server decides much of a call's system time, and it drifts).
pub(crate) fn cpu_per_call(
    count: usize,
    calls: [&mut dyn FnMut() -> anyhow::Result<()>; 3],
) -> anyhow::Result<[Option<f64>; 3]> {
    let mut totals = [Some(Duration::ZERO); 3];
    let [a, b, c] = calls;
    let mut calls: [&mut dyn FnMut() -> anyhow::Result<()>; 3] = [a, b, c];
    for _ in 0..count.div_ceil(CPU_BLOCK) {
        for (call, total) in calls.iter_mut().zip(totals.iter_mut()) {
            let before = thread_cpu();
            for _ in 0..CPU_BLOCK {
                call()?;
            }
            *total = total
                .zip(before.zip(thread_cpu()))
                .map(|(t, (b, a))| t + (a - b));
        }
    }
    let per_call = count.div_ceil(CPU_BLOCK) * CPU_BLOCK;
    Ok(totals.map(|t| t.map(|t| t.as_secs_f64() * 1e6 / per_call as f64)))
}

/// Calls per block in [`cpu_per_call`]: enough that reading the counter is noise.
const CPU_BLOCK: usize = 100;

/// The `p`-th percentile (0–100) of sorted samples, nearest rank.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The median of some numbers (the mean of the middle two for an even count).
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_medians() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        assert_eq!(percentile(&samples, 50.0), Duration::from_micros(50));
        assert_eq!(percentile(&samples, 99.0), Duration::from_micros(99));
        assert_eq!(percentile(&samples, 100.0), Duration::from_micros(100));
        assert_eq!(percentile(&[], 50.0), Duration::ZERO);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
