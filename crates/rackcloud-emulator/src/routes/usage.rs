//! Usage reports: `/loadbalancers/usage`, `/loadbalancers/billable` and
//! `/loadbalancers/{id}/usage[/current]` (docs/api/usage.md), and the meter that counts the
//! traffic they report.

use std::time::Instant;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::live::live;
use super::usage_records::{Range, parse_date, records, vip_counts};
use super::{Account, Answer, Under};
use crate::error_replies;
use crate::http::{Incoming, Payload, Reply};
use crate::state::Shared;
use crate::sync::lock;

/// The page size of billable load balancers when none is asked for.
const BILLABLE_DEFAULT_LIMIT: usize = 500;
/// The largest page of billable load balancers; a larger `limit` is cut to it.
const BILLABLE_MAX_LIMIT: usize = 1000;

/// The answer to a date the server cannot read.
const BAD_DATE: &str = "Date parameters must follow ISO-8601 format";

/// `GET /loadbalancers/usage` (`what` = "usage") or `GET /loadbalancers/billable` (`what` =
/// "billable").
pub(crate) fn account(shared: &Shared, req: &Incoming, account: Account<'_>, what: &str) -> Answer {
    if req.method != "GET" {
        return Err(error_replies::method_not_allowed("GET"));
    }
    let query = Query::parse(req.query())?;
    let now = Timestamp::now();
    if what == "billable" {
        return billable(shared, account, &query);
    }
    let range = query.range(now)?;
    let state = lock(&shared.state);
    let live_now = Instant::now();
    let lbs: Vec<_> = state
        .account(account.region, account.tenant)
        .into_iter()
        .flat_map(|lbs| lbs.values())
        .filter(|lb| lb.status(live_now) != "DELETED")
        .collect();
    let kept = range.kept(now);
    let mut account_records = Vec::new();
    let mut usages = Vec::new();
    if let Some(kept) = kept {
        let (public, servicenet) = lbs
            .iter()
            .map(|lb| vip_counts(lb))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        for (_, part) in kept.days() {
            account_records.push(json!({
                "numLoadBalancers": lbs.len(),
                "numPublicVips": public,
                "numServicenetVips": servicenet,
                "startTime": crate::time::lb_time(part.start),
            }));
        }
        for lb in &lbs {
            let lb_records = records(lb, kept);
            if !lb_records.is_empty() {
                usages.push(json!({
                    "loadBalancerId": lb.id,
                    "loadBalancerName": lb.name,
                    "loadBalancerUsageRecords": lb_records,
                    "links": [],
                }));
            }
        }
    }
    Ok(Reply::json(
        200,
        json!({
            "accountUsage": {"accountUsageRecords": account_records, "links": []},
            "loadBalancerUsages": usages,
            // Once, at the root, as the documentation's example shows.
            "accountId": account.tenant.parse::<u64>().map_or(Value::from(account.tenant), Value::from),
        }),
    ))
}

/// `GET /loadbalancers/{id}/usage[/current]`; `rest` starts with `"usage"`.
pub(crate) fn load_balancer(at: Under<'_>, rest: &[&str]) -> Answer {
    let req = at.req;
    let current = match rest {
        ["usage"] => false,
        ["usage", "current"] => true,
        _ => return Err(error_replies::not_found()),
    };
    if req.method != "GET" {
        return Err(error_replies::method_not_allowed("GET"));
    }
    let query = Query::parse(req.query())?;
    let now = Timestamp::now();
    let range = if current {
        Range::last_day(now)
    } else {
        query.range(now)?
    };
    let mut state = lock(&at.shared.state);
    let lb = live(&mut state, at.account, at.id, Instant::now())?;
    let all = range
        .kept(now)
        .map(|kept| records(lb, kept))
        .unwrap_or_default();
    if !current {
        return Ok(Reply::json(200, json!({"loadBalancerUsageRecords": all})));
    }
    let total = all.len();
    let page: Vec<Value> = all
        .into_iter()
        .skip(query.offset)
        .take(query.limit.unwrap_or(usize::MAX))
        .collect();
    let links = current_links(at, &query, page.len(), total);
    Ok(Reply::json(
        200,
        json!({"loadBalancerUsageRecords": page, "links": links}),
    ))
}

/// The paging `links` of current usage: `next` when records follow the page, `previous` when
/// the page does not start at the first (an empty list otherwise, as documented).
fn current_links(at: Under<'_>, query: &Query, shown: usize, total: usize) -> Vec<Value> {
    let base = format!(
        "{}/loadbalancers/{}/usage/current",
        at.shared
            .config
            .lb_endpoint(at.account.region, at.account.tenant),
        at.id
    );
    let limit = query.limit.unwrap_or(shown.max(1));
    let mut links = Vec::new();
    if query.offset > 0 {
        let back = query.offset.saturating_sub(limit);
        links.push(
            json!({"href": format!("{base}?offset={back}&limit={limit}"), "rel": "previous"}),
        );
    }
    let next = query.offset.saturating_add(shown);
    if shown > 0 && next < total {
        links.push(json!({"href": format!("{base}?offset={next}&limit={limit}"), "rel": "next"}));
    }
    links
}

/// Counts a request to load balancer `id` and its answer in the load balancer's meter. Usage
/// reads themselves are not counted, so that reading usage does not change it.
pub(crate) fn meter(
    shared: &Shared,
    account: Account<'_>,
    rest: &[&str],
    req: &Incoming,
    reply: &Reply,
) {
    let ["loadbalancers", id, tail @ ..] = rest else {
        return;
    };
    if matches!(tail.first(), Some(&"usage")) {
        return;
    }
    let Some(id) = super::parse_id(id) else {
        return;
    };
    let bytes_out = match &reply.body {
        Payload::Empty => 0,
        Payload::Json(value) => serde_json::to_vec(value).map_or(0, |b| b.len()),
        Payload::Bytes { bytes, .. } => bytes.len(),
        Payload::Huge(len) => *len,
    };
    let mut state = lock(&shared.state);
    if let Some(lb) = state.load_balancer_mut(account.region, account.tenant, id) {
        lb.features
            .usage
            .count(Timestamp::now(), req.body.len() as u64, bytes_out as u64);
    }
}

/// `GET /loadbalancers/billable`: both dates (400) → the load balancers that existed at some
/// time in the range, by id, paged with `offset` and `limit` (default 500, at most 1000).
fn billable(shared: &Shared, account: Account<'_>, query: &Query) -> Answer {
    let (Some(start), Some(end)) = (query.start, query.end) else {
        return Err(error_replies::flat(
            400,
            "Must provide startTime and endTime query parameters.",
        ));
    };
    if end < start {
        return Err(error_replies::flat(
            400,
            "startTime must be before endTime.",
        ));
    }
    let limit = query
        .limit
        .unwrap_or(BILLABLE_DEFAULT_LIMIT)
        .clamp(1, BILLABLE_MAX_LIMIT);
    let state = lock(&shared.state);
    let live_now = Instant::now();
    let items: Vec<Value> = state
        .account(account.region, account.tenant)
        .into_iter()
        .flat_map(|lbs| lbs.values())
        .filter(|lb| lb.created <= end)
        .skip(query.offset)
        .take(limit)
        .map(|lb| billable_item(lb, &lb.status(live_now)))
        .collect();
    Ok(Reply::json(200, json!({"loadBalancers": items})))
}

/// A billable load balancer as the documentation's example writes it: the list item with
/// `timeout` and without the virtual IPs.
fn billable_item(lb: &crate::load_balancer::LoadBalancer, status: &str) -> Value {
    let mut item = lb.summary_json(status);
    if let Value::Object(fields) = &mut item {
        fields.remove("virtualIps");
        fields.insert("timeout".into(), json!(lb.timeout));
    }
    item
}

/// The query parameters of the usage paths.
struct Query {
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    offset: usize,
    limit: Option<usize>,
}

impl Query {
    fn parse(query: Option<&str>) -> Result<Query, Reply> {
        let mut out = Query {
            start: None,
            end: None,
            offset: 0,
            limit: None,
        };
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "startTime" | "endTime" => {
                    let date =
                        parse_date(&value).ok_or_else(|| error_replies::flat(400, BAD_DATE))?;
                    if key == "startTime" {
                        out.start = Some(date);
                    } else {
                        out.end = Some(date);
                    }
                }
                "offset" | "limit" => {
                    let n = value.parse::<usize>().map_err(|_| {
                        error_replies::flat(
                            400,
                            &format!("The {key} query parameter must be an integer."),
                        )
                    })?;
                    if key == "offset" {
                        out.offset = n;
                    } else {
                        out.limit = Some(n);
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// The range asked for; the last 24 hours without dates (a missing end is now, a missing
    /// start a day before the end).
    fn range(&self, now: Timestamp) -> Result<Range, Reply> {
        let end = self.end.unwrap_or(now);
        let start = self.start.unwrap_or_else(|| Range::last_day(end).start);
        if end < start {
            return Err(error_replies::flat(
                400,
                "startTime must be before endTime.",
            ));
        }
        Ok(Range { start, end })
    }
}

/// Percent-decoding (`%3A` → `:`, `+` → space); a malformed escape is kept as written.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of one hexadecimal digit.
fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_decoded() {
        assert_eq!(decode("2026-11-24T00%3A00%3A00Z"), "2026-11-24T00:00:00Z");
        assert_eq!(decode("a+b%2"), "a b%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%é%"), "%é%");
    }
}
