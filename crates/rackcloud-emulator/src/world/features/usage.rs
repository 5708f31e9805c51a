//! The traffic the emulator has served for one load balancer, by UTC day: what its usage
//! records are made of (docs/testing-with-the-emulator.md, "Usage").

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// One day's traffic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Traffic {
    /// API requests addressed to the load balancer.
    pub(crate) requests: u64,
    /// Bytes of their bodies.
    pub(crate) bytes_in: u64,
    /// Bytes of the bodies answered.
    pub(crate) bytes_out: u64,
}

/// A load balancer's traffic meter.
#[derive(Debug, Clone, Default)]
pub(crate) struct Usage {
    days: BTreeMap<Date, Traffic>,
}

impl Usage {
    /// Counts one request served at `at`.
    pub(crate) fn count(&mut self, at: Timestamp, bytes_in: u64, bytes_out: u64) {
        let day = utc_day(at);
        let traffic = self.days.entry(day).or_default();
        traffic.requests = traffic.requests.saturating_add(1);
        traffic.bytes_in = traffic.bytes_in.saturating_add(bytes_in);
        traffic.bytes_out = traffic.bytes_out.saturating_add(bytes_out);
    }

    /// The traffic of one UTC day.
    pub(crate) fn day(&self, day: Date) -> Traffic {
        self.days.get(&day).copied().unwrap_or_default()
    }
}

/// The UTC calendar day of `at`.
pub(crate) fn utc_day(at: Timestamp) -> Date {
    at.to_zoned_datetime(TimeZone::UTC).date()
}
