//! [`UsageOpts`] (the period of a usage report) and [`BillableOpts`] (the period and page of
//! the billable load balancers), checked before sending.

use jiff::Timestamp;
use rackcloud_core::Error;

use crate::time::wire_time;

/// How long the service keeps usage records: a period that starts earlier gets records from
/// this many days ago only, and one that ends earlier gets none.
pub const RETENTION_DAYS: u32 = 90;

/// The most billable load balancers one page may hold (`limit`); the server's default page
/// holds 500.
pub const MAX_BILLABLE_PAGE: u32 = 1000;

/// The period of a usage report: from `since` to `until`. Without either the server reports
/// the last 24 hours; without `since`, the 24 hours before `until`; without `until`, from
/// `since` to now.
///
/// # Examples
///
/// ```
/// use lb_usage::{UsageOpts, parse_time};
///
/// let opts = UsageOpts::new()
///     .since(parse_time("2026-11-01")?)
///     .until(parse_time("2026-11-08")?);
/// assert_eq!(opts.to_query_pairs()?, [
///     ("startTime", "2026-11-01T00:00:00Z".to_owned()),
///     ("endTime", "2026-11-08T00:00:00Z".to_owned()),
/// ]);
/// // An end before the start is refused before sending.
/// let backwards = UsageOpts::new().since(parse_time("2026-11-08")?).until(parse_time("2026-11-01")?);
/// assert!(backwards.to_query_pairs().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct UsageOpts {
    since: Option<Timestamp>,
    until: Option<Timestamp>,
}

impl UsageOpts {
    /// The server's default period: the last 24 hours.
    pub fn new() -> UsageOpts {
        UsageOpts::default()
    }

    /// The period starts at `start` (`startTime`).
    pub fn since(mut self, start: Timestamp) -> UsageOpts {
        self.since = Some(start);
        self
    }

    /// The period ends at `end` (`endTime`).
    pub fn until(mut self, end: Timestamp) -> UsageOpts {
        self.until = Some(end);
        self
    }

    /// The start asked for.
    pub fn start(&self) -> Option<Timestamp> {
        self.since
    }

    /// The end asked for.
    pub fn end(&self) -> Option<Timestamp> {
        self.until
    }

    /// The query parameters: `startTime`, `endTime` (ISO 8601, UTC, whole seconds), each only
    /// when set.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when the end is not after the
    /// start.
    pub fn to_query_pairs(&self) -> Result<Vec<(&'static str, String)>, Error> {
        check_order(self.since, self.until)?;
        let mut pairs = Vec::new();
        if let Some(start) = self.since {
            pairs.push(("startTime", wire_time(start)));
        }
        if let Some(end) = self.until {
            pairs.push(("endTime", wire_time(end)));
        }
        Ok(pairs)
    }
}

/// The period and the page of [`billable`](crate::billable): both ends are required.
///
/// # Examples
///
/// ```
/// use lb_usage::{BillableOpts, parse_time};
///
/// let opts = BillableOpts::new(parse_time("2026-11-01")?, parse_time("2026-12-01")?).limit(2);
/// assert_eq!(opts.to_query_pairs()?, [
///     ("startTime", "2026-11-01T00:00:00Z".to_owned()),
///     ("endTime", "2026-12-01T00:00:00Z".to_owned()),
///     ("limit", "2".to_owned()),
/// ]);
/// assert!(opts.limit(1001).to_query_pairs().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct BillableOpts {
    since: Timestamp,
    until: Timestamp,
    limit: Option<u32>,
    offset: Option<u32>,
}

impl BillableOpts {
    /// The load balancers billable from `start` to `end`.
    pub fn new(start: Timestamp, end: Timestamp) -> BillableOpts {
        BillableOpts {
            since: start,
            until: end,
            limit: None,
            offset: None,
        }
    }

    /// At most `limit` load balancers a page, 1 to [`MAX_BILLABLE_PAGE`].
    pub fn limit(mut self, limit: u32) -> BillableOpts {
        self.limit = Some(limit);
        self
    }

    /// Skip this many load balancers.
    pub fn offset(mut self, offset: u32) -> BillableOpts {
        self.offset = Some(offset);
        self
    }

    /// The start of the period.
    pub fn start(&self) -> Timestamp {
        self.since
    }

    /// The end of the period.
    pub fn end(&self) -> Timestamp {
        self.until
    }

    /// The page size asked for.
    pub fn page_size(&self) -> Option<u32> {
        self.limit
    }

    /// The number of load balancers skipped.
    pub fn skipped(&self) -> Option<u32> {
        self.offset
    }

    /// The query parameters: `startTime`, `endTime`, then `limit` and `offset` when set.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when the end is not after the
    /// start or the limit is outside 1 to [`MAX_BILLABLE_PAGE`].
    pub fn to_query_pairs(&self) -> Result<Vec<(&'static str, String)>, Error> {
        check_order(Some(self.since), Some(self.until))?;
        let mut pairs = vec![
            ("startTime", wire_time(self.since)),
            ("endTime", wire_time(self.until)),
        ];
        if let Some(limit) = self.limit {
            if !(1..=MAX_BILLABLE_PAGE).contains(&limit) {
                return Err(Error::invalid_input(format!(
                    "the page size must be 1 to {MAX_BILLABLE_PAGE}, not {limit}"
                )));
            }
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(offset) = self.offset {
            pairs.push(("offset", offset.to_string()));
        }
        Ok(pairs)
    }
}

/// Refuses a period whose end is not after its start.
fn check_order(start: Option<Timestamp>, end: Option<Timestamp>) -> Result<(), Error> {
    if let (Some(start), Some(end)) = (start, end)
        && end <= start
    {
        return Err(Error::invalid_input(format!(
            "the period ends ({}) before it starts ({}); the end must come after the start",
            wire_time(end),
            wire_time(start)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_time;

    fn t(text: &str) -> Timestamp {
        parse_time(text).expect("a time")
    }

    #[test]
    fn the_end_must_follow_the_start() {
        let start = t("2026-11-01T00:00:00Z");
        let ok = UsageOpts::new()
            .since(start)
            .until(t("2026-11-01T00:00:01Z"));
        assert!(ok.to_query_pairs().is_ok());
        assert!(
            UsageOpts::new()
                .since(start)
                .until(start)
                .to_query_pairs()
                .is_err()
        );
        assert!(UsageOpts::new().since(start).to_query_pairs().is_ok());
        assert_eq!(UsageOpts::new().to_query_pairs().expect("empty"), []);
        assert!(BillableOpts::new(start, start).to_query_pairs().is_err());
    }

    #[test]
    fn billable_pages_are_one_to_a_thousand() {
        let opts = BillableOpts::new(t("2026-11-01"), t("2026-11-02"));
        for ok in [1, MAX_BILLABLE_PAGE] {
            assert!(opts.limit(ok).to_query_pairs().is_ok(), "{ok}");
        }
        for bad in [0, MAX_BILLABLE_PAGE + 1] {
            assert!(opts.limit(bad).to_query_pairs().is_err(), "{bad}");
        }
        let pairs = opts.offset(5).to_query_pairs().expect("offset");
        assert_eq!(pairs[2], ("offset", "5".to_owned()));
    }
}
