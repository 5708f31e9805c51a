//! The query of `GET /loadbalancers`: the filters `status`, `name`, `nodeaddress`,
//! `changes-since` and the paging `limit`, `marker`, `offset` (docs/api/load-balancers.md).

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use crate::error_replies;
use crate::http::Reply;
use crate::load_balancer::LoadBalancer;

/// The page size when `limit` is absent, zero, negative or above it.
pub(crate) const MAX_PAGE: usize = 100;

/// A parsed list query; unknown parameters are ignored.
#[derive(Debug, Clone)]
pub(crate) struct ListQuery {
    pub(crate) limit: usize,
    pub(crate) marker: Option<u64>,
    pub(crate) offset: usize,
    pub(crate) status: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) node_address: Option<String>,
    pub(crate) changes_since: Option<Timestamp>,
}

impl ListQuery {
    /// Reads the query (percent-decoded): 400 for a `limit`, `marker` or `offset` that is not an
    /// integer and for a `changes-since` that is not an ISO 8601 date.
    pub(crate) fn parse(query: Option<&str>) -> Result<ListQuery, Reply> {
        let mut q = ListQuery {
            limit: MAX_PAGE,
            marker: None,
            offset: 0,
            status: None,
            name: None,
            node_address: None,
            changes_since: None,
        };
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(raw);
            match key {
                "limit" => {
                    let n = integer::<i64>(&value, "limit")?;
                    q.limit = usize::try_from(n)
                        .ok()
                        .filter(|n| (1..=MAX_PAGE).contains(n))
                        .unwrap_or(MAX_PAGE);
                }
                "marker" => q.marker = Some(integer(&value, "marker")?),
                "offset" => q.offset = integer(&value, "offset")?,
                "status" => q.status = Some(value),
                "name" => q.name = Some(value),
                "nodeaddress" => q.node_address = Some(value),
                "changes-since" => {
                    let Some(t) = iso_8601(&value) else {
                        return Err(error_replies::flat(
                            400,
                            "Date parameters must follow ISO-8601 format",
                        ));
                    };
                    q.changes_since = Some(t);
                }
                _ => {}
            }
        }
        Ok(q)
    }

    /// Whether `lb`, in `status`, passes the filters: the status asked for (without one,
    /// anything but `DELETED`); a node at `nodeaddress`, which wins over `name`; the name; a
    /// change at or after `changes-since`.
    pub(crate) fn keeps(&self, lb: &LoadBalancer, status: &str) -> bool {
        let status_ok = match &self.status {
            Some(wanted) => wanted == status,
            None => status != "DELETED",
        };
        let who_ok = match (&self.node_address, &self.name) {
            (Some(address), _) => lb.nodes.iter().any(|n| &n.address == address),
            (None, Some(name)) => &lb.name == name,
            (None, None) => true,
        };
        let since_ok = self.changes_since.is_none_or(|t| lb.updated >= t);
        status_ok && who_ok && since_ok
    }
}

/// An integer parameter, or the 400 that names it.
fn integer<T: std::str::FromStr>(value: &str, name: &str) -> Result<T, Reply> {
    value.parse().map_err(|_| {
        error_replies::flat(
            400,
            &format!("The {name} query parameter must be an integer."),
        )
    })
}

/// An ISO 8601 date: an instant with an offset (`2026-11-25T03:21:04Z`), or a date and time or
/// a date alone, read as UTC.
fn iso_8601(value: &str) -> Option<Timestamp> {
    if let Ok(t) = value.parse::<Timestamp>() {
        return Some(t);
    }
    let civil = value
        .parse::<DateTime>()
        .or_else(|_| {
            value
                .parse::<Date>()
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })
        .ok()?;
    TimeZone::UTC.to_timestamp(civil).ok()
}

/// Percent-decodes a query value (`+` is a space, as in forms); a bad escape is kept as is.
fn decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_decoded() {
        assert_eq!(decode("web%20%26%20api"), "web & api");
        assert_eq!(decode("a+b"), "a b");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("10.1.1.1"), "10.1.1.1");
    }

    #[test]
    fn dates_follow_iso_8601() {
        let t = |s: &str| iso_8601(s).map(|t| t.to_string());
        assert_eq!(
            t("2026-11-25T03:21:04Z").as_deref(),
            Some("2026-11-25T03:21:04Z")
        );
        assert_eq!(
            t("2026-11-25T03:21:04+01:00").as_deref(),
            Some("2026-11-25T02:21:04Z")
        );
        assert_eq!(
            t("2026-11-25T03:21:04").as_deref(),
            Some("2026-11-25T03:21:04Z")
        );
        assert_eq!(t("2026-11-25").as_deref(), Some("2026-11-25T00:00:00Z"));
        for bad in ["", "yesterday", "2026-13-01", "25/11/2026"] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bad_date_or_number_is_400() {
        for bad in ["changes-since=soon", "limit=x", "marker=-1", "offset=x"] {
            assert!(ListQuery::parse(Some(bad)).is_err(), "{bad}");
        }
        let Ok(q) = ListQuery::parse(Some(
            "name=a%20b&status=DELETED&offset=2&nodeaddress=10.0.0.1",
        )) else {
            panic!("the query parses");
        };
        assert_eq!(q.name.as_deref(), Some("a b"));
        assert_eq!((q.offset, q.status.as_deref()), (2, Some("DELETED")));
    }
}
