//! Deadlines and the two date formats the emulator writes.

use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

/// The longest duration honoured; anything longer is treated as this (about 100 years).
const LONGEST: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

/// When something that starts `now` and lasts `d` ends; `None` means never.
pub(crate) fn deadline(now: Instant, d: Duration) -> Option<Instant> {
    now.checked_add(d.min(LONGEST))
}

/// Whether a deadline has passed.
pub(crate) fn passed(deadline: Option<Instant>, now: Instant) -> bool {
    deadline.is_some_and(|d| now >= d)
}

/// `now + d` as a wall-clock timestamp (for the token's `expires`).
pub(crate) fn later(now: Timestamp, d: Duration) -> Timestamp {
    now.checked_add(d.min(LONGEST)).unwrap_or(Timestamp::MAX)
}

/// RFC 3339 with milliseconds in `offset`: `2026-11-26T03:21:04.999Z` for UTC, else
/// `2026-11-25T22:21:04.999-05:00`.
pub(crate) fn expires(ts: Timestamp, offset: Offset) -> String {
    if offset == Offset::UTC {
        let utc = ts.to_zoned_datetime(TimeZone::UTC);
        return jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%S%.3fZ", &utc)
            .unwrap_or_else(|_| ts.to_string());
    }
    let zoned = ts.to_zoned_datetime(TimeZone::fixed(offset));
    jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%S%.3f%:z", &zoned)
        .unwrap_or_else(|_| ts.to_string())
}

/// The load balancer `created`/`updated` format: `2026-11-25T03:21:04Z`.
pub(crate) fn lb_time(ts: Timestamp) -> String {
    let utc = ts.to_zoned_datetime(TimeZone::UTC);
    jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%SZ", &utc).unwrap_or_else(|_| ts.to_string())
}

/// An HTTP date (`Sun, 14 Jun 2026 01:02:03 GMT`, RFC 9110's preferred format); `None` for
/// anything else.
pub(crate) fn parse_http_date(value: &str) -> Option<Timestamp> {
    if !value.ends_with(" GMT") {
        return None;
    }
    jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_has_milliseconds_and_the_offset() {
        let ts: Timestamp = "2026-11-26T03:21:04.5Z".parse().expect("a timestamp");
        assert_eq!(expires(ts, Offset::UTC), "2026-11-26T03:21:04.500Z");
        let minus_five = Offset::from_seconds(-5 * 3600).expect("an offset");
        assert_eq!(expires(ts, minus_five), "2026-11-25T22:21:04.500-05:00");
        assert_eq!(lb_time(ts), "2026-11-26T03:21:04Z");
    }

    #[test]
    fn http_dates() {
        let date = parse_http_date("Wed, 21 Oct 2026 07:28:00 GMT").map(lb_time);
        assert_eq!(date.as_deref(), Some("2026-10-21T07:28:00Z"));
        assert_eq!(parse_http_date("2"), None);
        assert_eq!(parse_http_date("Wed, 21 Oct 2026 07:28:00 +0000"), None);
        assert_eq!(parse_http_date("not a date GMT"), None);
    }

    #[test]
    fn huge_durations_do_not_overflow() {
        let now = Instant::now();
        assert!(deadline(now, Duration::MAX).is_some());
        assert!(!passed(deadline(now, Duration::MAX), now));
        assert!(later(Timestamp::now(), Duration::MAX) > Timestamp::now());
    }
}
