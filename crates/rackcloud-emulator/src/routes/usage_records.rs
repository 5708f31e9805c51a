//! Usage records made from what the emulator served: one record per UTC day of a load
//! balancer's life within the range asked for (docs/testing-with-the-emulator.md, "Usage").

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};
use serde_json::{Value, json};

use crate::features::usage::utc_day;
use crate::load_balancer::LoadBalancer;
use crate::time;

/// How long records are kept: a range reaching further back is cut here.
pub(crate) const RETENTION_DAYS: i64 = 90;

/// Seconds between two polls of a load balancer's traffic: a full day has 288.
const POLL_SECONDS: i64 = 300;

/// Record ids of load balancer `id` are `id * ID_BLOCK + the day's number since 1970-01-01`.
const ID_BLOCK: u64 = 100_000;

/// A range of time, `start` before `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub(crate) start: Timestamp,
    pub(crate) end: Timestamp,
}

impl Range {
    /// The last 24 hours before `now`.
    pub(crate) fn last_day(now: Timestamp) -> Range {
        Range {
            start: now
                .checked_sub(SignedDuration::from_hours(24))
                .unwrap_or(now),
            end: now,
        }
    }

    /// The part of the range records exist for: not before the retention limit, not after
    /// `now`. `None` when nothing is left.
    pub(crate) fn kept(self, now: Timestamp) -> Option<Range> {
        let oldest = now
            .checked_sub(SignedDuration::from_hours(24 * RETENTION_DAYS))
            .unwrap_or(now);
        let kept = Range {
            start: self.start.max(oldest),
            end: self.end.min(now),
        };
        (kept.start < kept.end).then_some(kept)
    }

    /// Each UTC day the range touches, with the part of the range within it.
    pub(crate) fn days(self) -> Vec<(Date, Range)> {
        let mut out = Vec::new();
        let mut day = utc_day(self.start);
        while let Some(day_start) = midnight(day) {
            if day_start >= self.end {
                break;
            }
            let day_end = day.checked_add(1.day()).ok().and_then(midnight);
            let part = Range {
                start: self.start.max(day_start),
                end: day_end.map_or(self.end, |e| self.end.min(e)),
            };
            if part.start < part.end {
                out.push((day, part));
            }
            let Ok(next) = day.checked_add(1.day()) else {
                break;
            };
            day = next;
        }
        out
    }
}

/// The usage records of `lb` in `range` (already cut by [`Range::kept`]).
pub(crate) fn records(lb: &LoadBalancer, range: Range) -> Vec<Value> {
    let life = Range {
        start: range.start.max(lb.created),
        end: range.end,
    };
    if life.start >= life.end {
        return Vec::new();
    }
    life.days()
        .into_iter()
        .map(|(day, part)| record(lb, day, part))
        .collect()
}

/// The number of `PUBLIC` and `SERVICENET` virtual IPs of `lb`.
pub(crate) fn vip_counts(lb: &LoadBalancer) -> (usize, usize) {
    let servicenet = lb
        .virtual_ips
        .iter()
        .filter(|v| v.kind == "SERVICENET")
        .count();
    (lb.virtual_ips.len() - servicenet, servicenet)
}

fn record(lb: &LoadBalancer, day: Date, part: Range) -> Value {
    let traffic = lb.features.usage.day(day);
    let seconds = part.end.duration_since(part.start).as_secs();
    let polls = seconds / POLL_SECONDS;
    #[allow(clippy::cast_precision_loss)]
    let average = traffic.requests as f64 / polls.max(1) as f64;
    let (public, servicenet) = vip_counts(lb);
    let vip_type = if servicenet > 0 && public == 0 {
        "SERVICENET"
    } else {
        "PUBLIC"
    };
    let created_here = part.start <= lb.created && lb.created < part.end;
    let day_number = u64::try_from(
        day.since(Date::constant(1970, 1, 1))
            .map_or(0, |s| s.get_days()),
    )
    .unwrap_or(0);
    json!({
        "id": lb.id.saturating_mul(ID_BLOCK).saturating_add(day_number),
        "averageNumConnections": average,
        "incomingTransfer": traffic.bytes_in,
        "outgoingTransfer": traffic.bytes_out,
        "averageNumConnectionsSsl": 0.0,
        "incomingTransferSsl": 0,
        "outgoingTransferSsl": 0,
        "numVips": lb.virtual_ips.len(),
        "numPolls": polls,
        "startTime": time::lb_time(part.start),
        "endTime": time::lb_time(part.end),
        "vipType": vip_type,
        "sslMode": "OFF",
        "eventType": if created_here { Value::from("CREATE_LOADBALANCER") } else { Value::Null },
    })
}

/// 00:00 UTC of `day`.
fn midnight(day: Date) -> Option<Timestamp> {
    day.to_zoned_datetime(TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// A date the API accepts: ISO 8601 with an offset or `Z`, or without one (UTC), or a day
/// alone (its start, UTC).
pub(crate) fn parse_date(text: &str) -> Option<Timestamp> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    if text.len() > 10 {
        if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
            return dt
                .to_zoned_datetime(TimeZone::UTC)
                .ok()
                .map(|z| z.timestamp());
        }
        return None;
    }
    text.parse::<Date>().ok().and_then(midnight)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().expect("a timestamp")
    }

    #[test]
    fn dates_the_api_accepts() {
        assert_eq!(
            parse_date("2026-11-24T06:00:00Z"),
            Some(ts("2026-11-24T06:00:00Z"))
        );
        assert_eq!(
            parse_date("2026-11-24T00:00:00-06:00"),
            Some(ts("2026-11-24T06:00:00Z"))
        );
        assert_eq!(
            parse_date("2026-11-24T06:00:00"),
            Some(ts("2026-11-24T06:00:00Z"))
        );
        assert_eq!(parse_date("2026-11-24"), Some(ts("2026-11-24T00:00:00Z")));
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-11-24T25:00:00",
            "24/11/2026",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_range_is_cut_into_utc_days() {
        let range = Range {
            start: ts("2026-11-24T18:00:00Z"),
            end: ts("2026-11-26T00:00:00Z"),
        };
        let days: Vec<_> = range
            .days()
            .into_iter()
            .map(|(d, r)| (d.to_string(), r.end))
            .collect();
        assert_eq!(
            days,
            [
                ("2026-11-24".to_owned(), ts("2026-11-25T00:00:00Z")),
                ("2026-11-25".to_owned(), ts("2026-11-26T00:00:00Z")),
            ]
        );
        let now = ts("2026-11-25T12:00:00Z");
        assert_eq!(range.kept(now).map(|r| r.end), Some(now));
        let old = Range {
            start: ts("2026-01-01T00:00:00Z"),
            end: ts("2026-01-02T00:00:00Z"),
        };
        assert_eq!(old.kept(now), None);
    }
}
