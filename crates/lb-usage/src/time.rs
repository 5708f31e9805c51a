//! Times on the wire: read leniently the way the API writes them, written the way it reads
//! them (ISO 8601, UTC, whole seconds).

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, fmt::strtime};
use rackcloud_core::Error;
use serde::{Deserialize, Deserializer};

/// Reads a time as the API writes it, or as a person types it: ISO 8601 / RFC 3339 with an
/// offset (`2026-11-24T00:00:00-06:00`, `2026-11-24T06:00:00.5Z`), without one (taken as UTC:
/// `2026-11-24T06:00:00`, `2026-11-24 06:00:00`), or a day alone (its start, UTC:
/// `2026-11-24`).
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) for anything else.
///
/// # Examples
///
/// ```
/// use lb_usage::parse_time;
///
/// let t = parse_time("2026-11-24T00:00:00-06:00")?;
/// assert_eq!(t, parse_time("2026-11-24T06:00:00Z")?);
/// assert_eq!(parse_time("2026-11-24")?, parse_time("2026-11-24T00:00:00")?);
/// assert!(parse_time("last tuesday").unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
pub fn parse_time(text: &str) -> Result<Timestamp, Error> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    let utc = if text.len() > 10 {
        text.parse::<DateTime>()
            .ok()
            .and_then(|dt| dt.to_zoned_datetime(TimeZone::UTC).ok())
    } else {
        text.parse::<Date>()
            .ok()
            .and_then(|d| d.to_zoned_datetime(TimeZone::UTC).ok())
    };
    utc.map(|z| z.timestamp()).ok_or_else(|| {
        Error::invalid_input(format!(
            "{text:?} is not a date or time; use ISO 8601, such as 2026-11-24 or \
             2026-11-24T06:00:00Z"
        ))
    })
}

/// The form sent in `startTime` and `endTime`: `2026-11-24T06:00:00Z`.
pub(crate) fn wire_time(ts: Timestamp) -> String {
    let utc = ts.to_zoned_datetime(TimeZone::UTC);
    strtime::format("%Y-%m-%dT%H:%M:%SZ", &utc).unwrap_or_else(|_| ts.to_string())
}

/// A time field of a response, read with [`parse_time`].
pub(crate) fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    let text = String::deserialize(d)?;
    parse_time(&text).map_err(serde::de::Error::custom)
}

/// An optional time field of a response: absent, null or empty is `None`.
pub(crate) fn lenient_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(text) if !text.trim().is_empty() => parse_time(&text)
            .map(Some)
            .map_err(serde::de::Error::custom),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_forms_the_api_writes() {
        let utc = parse_time("2026-11-24T06:00:00Z").expect("utc");
        for same in [
            "2026-11-24T00:00:00-06:00",
            "2026-11-24T06:00:00.000Z",
            "2026-11-24T06:00:00",
            "2026-11-24 06:00:00",
            " 2026-11-24T06:00:00+00:00 ",
        ] {
            assert_eq!(parse_time(same).expect(same), utc, "{same}");
        }
        assert_eq!(wire_time(utc), "2026-11-24T06:00:00Z");
        assert_eq!(
            wire_time(parse_time("2026-11-24T06:00:00.9Z").expect("fraction")),
            "2026-11-24T06:00:00Z"
        );
        for bad in ["", "2026-11-31", "24/11/2026", "2026-11-24T25:00:00", "now"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_text_parses_or_fails_without_panicking(text in ".{0,40}") {
            let _ = parse_time(&text);
        }

        #[test]
        fn wire_times_read_back(secs in 0i64..4_000_000_000) {
            let ts = Timestamp::from_second(secs).expect("in range");
            prop_assert_eq!(parse_time(&wire_time(ts)).expect("reads back"), ts);
        }
    }
}
