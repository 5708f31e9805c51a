//! How long a server asked the caller to wait: `Retry-After` (seconds or an HTTP date) or the
//! `retryAfter` field of a wrapped rate-limit fault (an RFC 3339 date).

use std::time::{Duration, SystemTime};

use jiff::Timestamp;
use jiff::fmt::rfc2822::DateTimeParser;

static HTTP_DATE: DateTimeParser = DateTimeParser::new();

/// The wait asked for, preferring the header; a date in the past asks for no wait. Values that
/// cannot be read are ignored.
pub(crate) fn wait_asked(
    header: Option<&str>,
    fault_field: Option<&str>,
    now: SystemTime,
) -> Option<Duration> {
    header
        .and_then(|h| parse_header(h, now))
        .or_else(|| fault_field.and_then(|f| parse_rfc3339(f, now)))
}

fn parse_header(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    let at = HTTP_DATE.parse_timestamp(value).ok()?;
    until(at, now)
}

fn parse_rfc3339(value: &str, now: SystemTime) -> Option<Duration> {
    let at: Timestamp = value.trim().parse().ok()?;
    until(at, now)
}

fn until(at: Timestamp, now: SystemTime) -> Option<Duration> {
    let at = SystemTime::try_from(at).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        SystemTime::try_from(rfc3339.parse::<Timestamp>().expect("a timestamp")).expect("in range")
    }

    #[test]
    fn seconds() {
        let now = SystemTime::now();
        assert_eq!(
            wait_asked(Some("7"), None, now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            wait_asked(Some(" 300 "), None, now),
            Some(Duration::from_secs(300))
        );
        assert_eq!(wait_asked(Some("-1"), None, now), None);
        assert_eq!(wait_asked(Some("99999999999999999999999"), None, now), None);
    }

    #[test]
    fn http_date() {
        let now = at("2015-06-13T22:30:00Z");
        assert_eq!(
            wait_asked(Some("Sat, 13 Jun 2015 22:30:10 GMT"), None, now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            wait_asked(Some("Sat, 13 Jun 2015 22:29:10 GMT"), None, now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn fault_field_when_no_header() {
        let now = at("2015-06-13T22:30:00Z");
        assert_eq!(
            wait_asked(None, Some("2015-06-13T22:30:10Z"), now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            wait_asked(Some("garbage"), Some("2015-06-13T17:30:04-05:00"), now),
            Some(Duration::from_secs(4))
        );
        assert_eq!(wait_asked(None, Some("soon"), now), None);
        assert_eq!(wait_asked(None, None, now), None);
    }
}
