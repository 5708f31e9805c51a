//! Programmable faults: answers that stand for the gateway and proxies in front of the service.

use std::time::Duration;

use jiff::Timestamp;
use serde_json::Value;

use crate::http::{Payload, Reply, Stall};
use crate::pattern::PathPattern;
use crate::time;

/// A fault to inject: for requests whose method and path match, the next [`times`](Self::times)
/// answers are this status and body instead of the normal answer.
///
/// Faults are checked before everything else (before the token check: they stand for the API
/// gateway and the proxies in front of the service), on every path the emulator serves (identity
/// included) except the control API under `/_emulator/`, in the order they were injected. Each
/// matching request uses up one answer of the first fault that matches. Faulted requests are
/// counted and recorded like any other.
///
/// # Path patterns
///
/// A pattern is a path without a query, compared segment by segment: `*` matches exactly one
/// non-empty segment, a trailing `/**` matches any rest, even an empty one, anything else matches
/// itself exactly. `/dfw/v1.0/*/loadbalancers/*/sessionpersistence` matches that resource of any
/// tenant and load balancer in DFW; `/v2.0/tokens` the token request; `/dfw/**` everything under
/// `/dfw` (and `/dfw` itself). A pattern that does not start with `/`, has a `?` or `#`, or has
/// `**` anywhere but at the end matches nothing (the emulator logs a warning when it is injected).
///
/// ```
/// use std::time::Duration;
/// use rackcloud_emulator::{Emulator, InjectedFault, InjectedBody};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let emulator = Emulator::start()?;
/// // The next two PUTs to any session persistence resource get a 503 with Retry-After.
/// emulator.inject(
///     InjectedFault::new(Some("PUT"), "/dfw/v1.0/*/loadbalancers/*/sessionpersistence", 503)
///         .times(2)
///         .retry_after("2"),
/// );
/// // The next token request waits 20 ms, then gets a proxy's HTML error page.
/// emulator.inject(
///     InjectedFault::new(None, "/v2.0/tokens", 502)
///         .body(InjectedBody::Html)
///         .delay(Duration::from_millis(20)),
/// );
/// let answer = ureq::post(&format!("{}tokens", emulator.identity_url()))
///     .config()
///     .http_status_as_error(false)
///     .build()
///     .send("{}")?;
/// assert_eq!(answer.status(), 502);
/// assert_eq!(emulator.stats().token_requests, 1);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InjectedFault {
    pub(crate) method: Option<String>,
    pub(crate) pattern: PathPattern,
    pub(crate) status: u16,
    pub(crate) times: u32,
    pub(crate) body: InjectedBody,
    pub(crate) retry_after: Option<String>,
    pub(crate) delay: Option<Duration>,
    pub(crate) stall: Option<Stall>,
    pub(crate) after_apply: bool,
    pub(crate) lose_answer: bool,
}

/// The body of an [`InjectedFault`]'s answers.
///
/// Every JSON body is sent with `Content-Type: application/json`; the exact bytes of each shape
/// are listed in `docs/testing-with-the-emulator.md`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InjectedBody {
    /// `{"message":"…","code":<status>}`: the flat load balancer fault. The default, with the
    /// status's reason phrase as the message (`Service Unavailable` for 503).
    Flat {
        /// The `message`.
        message: String,
    },
    /// The API gateway's wrapped rate limit answer:
    /// `{"overLimit":{"code":<status>,"message":"OverLimit Retry...","details":"Error Details...","retryAfter":"<date>"}}`,
    /// where the date is RFC 3339 in UTC (`2026-06-13T22:30:10Z`): the [`retry_after`](InjectedFault::retry_after)
    /// date, or now plus its seconds, or now plus 60 seconds when it has none.
    OverLimit,
    /// A proxy's HTML error page with `Content-Type: text/html`:
    /// `<html>\n<head><title>503 Service Unavailable</title></head>\n<body>\n<center><h1>503 Service Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`
    /// (with the fault's status and reason phrase).
    Html,
    /// No body at all (`Content-Length: 0`, no `Content-Type`).
    Empty,
    /// The first half (rounded down) of the default flat body, with
    /// `Content-Type: application/json`: JSON cut off mid-way.
    Truncated,
    /// A JSON-looking body of exactly `bytes` bytes, `{"message":"xxx…x"}`, generated while it is
    /// sent (never held in memory); below 14 bytes it is the start of `{"message":""}`.
    Huge {
        /// The body's length in bytes (its `Content-Length`).
        bytes: usize,
    },
    /// Exactly this JSON.
    Json(Value),
}

impl InjectedFault {
    /// A fault for requests with this method (`None`: any method; compared case-insensitively)
    /// whose path matches `path_pattern` (see [Path patterns](Self#path-patterns)), answering
    /// `status` once, with the flat body.
    ///
    /// A status outside 200–599 is answered as 500.
    pub fn new(method: Option<&str>, path_pattern: &str, status: u16) -> InjectedFault {
        let status = if (200..=599).contains(&status) {
            status
        } else {
            500
        };
        InjectedFault {
            method: method.map(str::to_owned),
            pattern: PathPattern::parse(path_pattern),
            status,
            times: 1,
            body: InjectedBody::Flat {
                message: reason(status).to_owned(),
            },
            retry_after: None,
            delay: None,
            stall: None,
            after_apply: false,
            lose_answer: false,
        }
    }

    /// A fault for requests with this method and path pattern that sends no answer at all: the
    /// connection is closed without a byte of one, as when a proxy drops it or the network
    /// fails after the request was sent. With [`after_apply`](Self::after_apply), the request
    /// is handled first: the change is made and only its answer is lost.
    ///
    /// ```
    /// use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator, InjectedFault};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let emulator = Emulator::start()?;
    /// let token = emulator.issue_token(DEMO_USERNAME).ok_or("no token")?;
    /// let lbs = format!("{}/loadbalancers", emulator.lb_endpoint("DFW", DEMO_TENANT));
    /// emulator.inject(InjectedFault::lost_answer(Some("POST"), "/dfw/v1.0/*/loadbalancers").after_apply());
    /// let body = r#"{"loadBalancer":{"name":"lost","protocol":"HTTP","port":80,"virtualIps":[{"type":"PUBLIC"}]}}"#;
    /// let sent = ureq::post(&lbs)
    ///     .header("X-Auth-Token", &token)
    ///     .header("Content-Type", "application/json")
    ///     .send(body);
    /// assert!(sent.is_err(), "no answer came");
    /// // Yet the load balancer was created.
    /// let list = ureq::get(&lbs).header("X-Auth-Token", &token).call()?.body_mut().read_to_string()?;
    /// assert!(list.contains(r#""name":"lost""#));
    /// # Ok(())
    /// # }
    /// ```
    pub fn lost_answer(method: Option<&str>, path_pattern: &str) -> InjectedFault {
        let mut fault = InjectedFault::new(method, path_pattern, 502);
        fault.lose_answer = true;
        fault
    }

    /// Handles the request first, as if no fault matched (the change is made, counted and
    /// metered), then replaces its answer with the fault's (or, for a
    /// [`lost_answer`](Self::lost_answer), with none): the case of a gateway that fails after
    /// the service applied the change, which a client must not blindly send again.
    pub fn after_apply(mut self) -> InjectedFault {
        self.after_apply = true;
        self
    }

    /// Answers the next `n` matching requests (default 1; 0 makes a fault that never answers).
    pub fn times(mut self, n: u32) -> InjectedFault {
        self.times = n;
        self
    }

    /// The body of the answers (default [`InjectedBody::Flat`] with the status's reason phrase).
    pub fn body(mut self, body: InjectedBody) -> InjectedFault {
        self.body = body;
        self
    }

    /// Sends a `Retry-After` header with this value, verbatim: seconds (`"2"`) or an HTTP date
    /// (`"Wed, 21 Oct 2026 07:28:00 GMT"`). A value that is not a valid header value (a line
    /// break, a non-ASCII character) is not sent.
    pub fn retry_after(mut self, value: &str) -> InjectedFault {
        self.retry_after = Some(value.to_owned());
        self
    }

    /// Waits this long before answering (without holding a thread or the server's state).
    pub fn delay(mut self, d: Duration) -> InjectedFault {
        self.delay = Some(d);
        self
    }

    /// Sends the headers (with the full `Content-Length`) and the first `bytes` bytes of the
    /// body, then sends nothing for `d`, then closes the connection: a client that reads with a
    /// timeout shorter than `d` times out mid-body. The stall always comes mid-body: a body no
    /// longer than `bytes` stalls before its last byte, and an empty body does not stall.
    pub fn stall_after(mut self, bytes: usize, d: Duration) -> InjectedFault {
        self.stall = Some(Stall {
            after: bytes,
            duration: d,
        });
        self
    }

    /// Whether a request with this method and path (without query) matches.
    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        let method_fits = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        method_fits && self.pattern.matches(path)
    }

    /// The answer, as of `now`.
    pub(crate) fn reply(&self, now: Timestamp) -> Reply {
        let status = self.status;
        let payload = match &self.body {
            InjectedBody::Flat { message } => json_bytes(flat(status, message)),
            InjectedBody::OverLimit => json_bytes(over_limit(
                status,
                &over_limit_date(self.retry_after.as_deref(), now),
            )),
            InjectedBody::Html => Payload::Bytes {
                content_type: "text/html",
                bytes: html(status).into_bytes(),
            },
            InjectedBody::Empty => Payload::Empty,
            InjectedBody::Truncated => {
                let mut bytes = flat(status, reason(status)).into_bytes();
                bytes.truncate(bytes.len() / 2);
                json_bytes_raw(bytes)
            }
            InjectedBody::Huge { bytes } => Payload::Huge(*bytes),
            InjectedBody::Json(value) => Payload::Json(value.clone()),
        };
        let mut reply = Reply::with_payload(status, payload);
        if let Some(value) = &self.retry_after {
            reply = reply.with_header("Retry-After", value.clone());
        }
        reply.delay = self.delay;
        reply.stall = self.stall;
        reply.lost = self.lose_answer;
        reply
    }
}

/// The wrapped 413 of the API gateway, with `retryAfter` already formatted, written in the
/// documented key order (`code`, `message`, `details`, `retryAfter`).
pub(crate) fn over_limit(status: u16, retry_after: &str) -> String {
    format!(
        r#"{{"overLimit":{{"code":{status},"message":"OverLimit Retry...","details":"Error Details...","retryAfter":{}}}}}"#,
        json_string(retry_after)
    )
}

/// A JSON body given as text.
pub(crate) fn json_bytes(text: String) -> Payload {
    json_bytes_raw(text.into_bytes())
}

/// The reason phrase of a status (`Service Unavailable`), or `Error` for an unnamed one.
pub(crate) fn reason(status: u16) -> &'static str {
    hyper::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error")
}

fn json_bytes_raw(bytes: Vec<u8>) -> Payload {
    Payload::Bytes {
        content_type: "application/json",
        bytes,
    }
}

/// `{"message":"…","code":N}`, keys in this order.
fn flat(status: u16, message: &str) -> String {
    format!(r#"{{"message":{},"code":{status}}}"#, json_string(message))
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    Value::from(s).to_string()
}

fn html(status: u16) -> String {
    let title = format!("{status} {}", reason(status));
    format!(
        "<html>\n<head><title>{title}</title></head>\n<body>\n<center><h1>{title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n"
    )
}

/// The `retryAfter` date of an `overLimit` body: the `Retry-After` date, or now plus its
/// seconds, or now plus 60 seconds.
fn over_limit_date(retry_after: Option<&str>, now: Timestamp) -> String {
    let value = retry_after.map(str::trim).unwrap_or("");
    if let Ok(seconds) = value.parse::<u64>() {
        return time::lb_time(time::later(now, Duration::from_secs(seconds)));
    }
    if let Some(date) = time::parse_http_date(value) {
        return time::lb_time(date);
    }
    time::lb_time(time::later(now, Duration::from_secs(60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_compare_case_insensitively() {
        let fault = InjectedFault::new(Some("put"), "/a/*", 503);
        assert!(fault.matches("PUT", "/a/1"));
        assert!(!fault.matches("GET", "/a/1"));
        assert!(InjectedFault::new(None, "/a/*", 503).matches("PATCH", "/a/1"));
    }

    #[test]
    fn out_of_range_statuses_become_500() {
        assert_eq!(InjectedFault::new(None, "/", 100).status, 500);
        assert_eq!(InjectedFault::new(None, "/", 600).status, 500);
        assert_eq!(InjectedFault::new(None, "/", 599).status, 599);
        assert_eq!(reason(599), "Error");
    }

    #[test]
    fn over_limit_dates() {
        let now: Timestamp = "2026-06-13T22:30:00Z".parse().expect("a timestamp");
        assert_eq!(over_limit_date(Some("10"), now), "2026-06-13T22:30:10Z");
        assert_eq!(over_limit_date(None, now), "2026-06-13T22:31:00Z");
        assert_eq!(over_limit_date(Some("soon"), now), "2026-06-13T22:31:00Z");
        assert_eq!(
            over_limit_date(Some("Sun, 14 Jun 2026 01:02:03 GMT"), now),
            "2026-06-14T01:02:03Z"
        );
    }

    #[test]
    fn truncated_is_half_of_the_flat_body() {
        let reply = InjectedFault::new(None, "/", 503)
            .body(InjectedBody::Truncated)
            .reply(Timestamp::now());
        let full = br#"{"message":"Service Unavailable","code":503}"#;
        let Payload::Bytes { bytes, .. } = reply.body else {
            panic!("not bytes");
        };
        assert_eq!(bytes, &full[..full.len() / 2]);
    }
}
