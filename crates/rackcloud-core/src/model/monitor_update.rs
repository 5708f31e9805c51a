//! [`MonitorUpdateOpts`]: a partial change of the monitor a load balancer has: its type and
//! the fields to change, merged by the service into the stored monitor
//! (docs/api/health-monitors.md).

use serde_json::{Map, Value, json};

use super::monitor_opts::{check_host_header, check_range, check_text};
use super::monitor_type::MonitorType;
use super::{
    ATTEMPTS, DELAY_SECONDS, MAX_HOST_HEADER_CHARS, MAX_PATH_OR_REGEX_CHARS, TIMEOUT_SECONDS,
};
use crate::Error;

/// Some fields of a monitor, for a load balancer that has one: the service keeps the fields
/// not sent. The type is always sent (the service wants it), and an `HTTP` or `HTTPS` change
/// always carries the path (the service refuses one without it); a `CONNECT` change carries
/// at least one of delay, timeout and attempts.
///
/// On a load balancer without a monitor, send a whole one ([`ConnectOpts`](super::ConnectOpts)
/// or [`HttpOpts`](super::HttpOpts)): the service's first monitor needs every field.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::MonitorUpdateOpts;
/// use serde_json::{Value, json};
///
/// let slower = MonitorUpdateOpts::connect().delay(30);
/// assert_eq!(Value::Object(slower.to_map()?), json!({"type": "CONNECT", "delay": 30}));
///
/// let other_path = MonitorUpdateOpts::http("/ready").status_regex("^2");
/// assert_eq!(
///     Value::Object(other_path.to_map()?),
///     json!({"type": "HTTP", "path": "/ready", "statusRegex": "^2"})
/// );
///
/// // Nothing to change, or a value out of bounds: refused before sending.
/// assert!(MonitorUpdateOpts::connect().to_map().unwrap_err().is_invalid_input());
/// assert!(MonitorUpdateOpts::connect().attempts(11).to_map().is_err());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "the options do nothing until they are sent"]
pub struct MonitorUpdateOpts {
    kind: MonitorType,
    delay: Option<u32>,
    timeout: Option<u32>,
    attempts: Option<u32>,
    path: Option<String>,
    status_regex: Option<String>,
    body_regex: Option<String>,
    host_header: Option<String>,
}

impl MonitorUpdateOpts {
    fn new(kind: MonitorType, path: Option<String>) -> MonitorUpdateOpts {
        MonitorUpdateOpts {
            kind,
            delay: None,
            timeout: None,
            attempts: None,
            path,
            status_regex: None,
            body_regex: None,
            host_header: None,
        }
    }

    /// A change of a `CONNECT` monitor (or a change to one, which the service allows without
    /// the HTTP fields).
    pub fn connect() -> MonitorUpdateOpts {
        MonitorUpdateOpts::new(MonitorType::Connect, None)
    }

    /// A change of an `HTTP` monitor, requesting `path` from now on.
    pub fn http(path: impl Into<String>) -> MonitorUpdateOpts {
        MonitorUpdateOpts::new(MonitorType::Http, Some(path.into()))
    }

    /// A change of an `HTTPS` monitor, requesting `path` from now on.
    pub fn https(path: impl Into<String>) -> MonitorUpdateOpts {
        MonitorUpdateOpts::new(MonitorType::Https, Some(path.into()))
    }

    /// Seconds between two checks, 1 to 3600.
    pub fn delay(mut self, seconds: u32) -> MonitorUpdateOpts {
        self.delay = Some(seconds);
        self
    }

    /// Seconds a check waits for the node's answer, 1 to 300.
    pub fn timeout(mut self, seconds: u32) -> MonitorUpdateOpts {
        self.timeout = Some(seconds);
        self
    }

    /// Failed checks in a row before a node is taken out, 1 to 10.
    pub fn attempts(mut self, attempts: u32) -> MonitorUpdateOpts {
        self.attempts = Some(attempts);
        self
    }

    /// `HTTP`/`HTTPS`: the regular expression the status code must match.
    pub fn status_regex(mut self, regex: impl Into<String>) -> MonitorUpdateOpts {
        self.status_regex = Some(regex.into());
        self
    }

    /// `HTTP`/`HTTPS`: the regular expression the body must match.
    pub fn body_regex(mut self, regex: impl Into<String>) -> MonitorUpdateOpts {
        self.body_regex = Some(regex.into());
        self
    }

    /// `HTTP`/`HTTPS`: the `Host` header each check sends (a host name).
    pub fn host_header(mut self, host: impl Into<String>) -> MonitorUpdateOpts {
        self.host_header = Some(host.into());
        self
    }

    /// The kind of monitor the change is for.
    pub fn monitor_type(&self) -> &MonitorType {
        &self.kind
    }

    /// The fields to send, checked: the object inside `{"healthMonitor": …}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error for a value out of bounds, a
    /// path that does not start with `/`, HTTP fields on a `CONNECT` change, or a `CONNECT`
    /// change with nothing to change.
    pub fn to_map(&self) -> Result<Map<String, Value>, Error> {
        let mut fields = Map::new();
        fields.insert("type".into(), json!(self.kind.as_str()));
        let timing = [
            ("delay", "delay", self.delay, &DELAY_SECONDS, " seconds"),
            (
                "timeout",
                "timeout",
                self.timeout,
                &TIMEOUT_SECONDS,
                " seconds",
            ),
            (
                "attemptsBeforeDeactivation",
                "attempts before deactivation",
                self.attempts,
                &ATTEMPTS,
                "",
            ),
        ];
        for (key, what, value, range, unit) in timing {
            if let Some(value) = value {
                check_range(what, value, range, unit)?;
                fields.insert(key.into(), json!(value));
            }
        }
        let http = [
            ("path", "path", &self.path, MAX_PATH_OR_REGEX_CHARS),
            (
                "statusRegex",
                "status regex",
                &self.status_regex,
                MAX_PATH_OR_REGEX_CHARS,
            ),
            (
                "bodyRegex",
                "body regex",
                &self.body_regex,
                MAX_PATH_OR_REGEX_CHARS,
            ),
            (
                "hostHeader",
                "host header",
                &self.host_header,
                MAX_HOST_HEADER_CHARS,
            ),
        ];
        let is_connect = self.kind == MonitorType::Connect;
        for (key, what, value, max) in http {
            let Some(value) = value else { continue };
            if is_connect {
                return Err(Error::invalid_input(format!(
                    "a CONNECT monitor has no {what}; change an HTTP or HTTPS monitor for that"
                )));
            }
            if key == "hostHeader" {
                check_host_header(value)?;
            } else {
                check_text(what, value, max)?;
            }
            if key == "path" && !value.starts_with('/') {
                return Err(Error::invalid_input(format!(
                    "the path {value:?} must start with '/'"
                )));
            }
            fields.insert(key.into(), json!(value));
        }
        if fields.len() == 1 {
            return Err(Error::invalid_input(
                "nothing to change: give the delay, the timeout or the attempts",
            ));
        }
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_is_checked_as_a_whole_monitor_checks_it() {
        assert!(MonitorUpdateOpts::connect().delay(0).to_map().is_err());
        assert!(MonitorUpdateOpts::connect().delay(3600).to_map().is_ok());
        assert!(MonitorUpdateOpts::connect().timeout(301).to_map().is_err());
        assert!(MonitorUpdateOpts::http("ready").to_map().is_err());
        assert!(
            MonitorUpdateOpts::http("/")
                .host_header("h".repeat(257))
                .to_map()
                .is_err()
        );
        let e = MonitorUpdateOpts::connect()
            .delay(5)
            .status_regex("^2")
            .to_map()
            .unwrap_err();
        assert!(e.to_string().contains("has no status regex"), "{e}");
    }

    #[test]
    fn an_http_change_always_carries_its_path() {
        let fields = MonitorUpdateOpts::https("/").to_map().expect("valid");
        assert_eq!(Value::Object(fields), json!({"type": "HTTPS", "path": "/"}));
    }
}
