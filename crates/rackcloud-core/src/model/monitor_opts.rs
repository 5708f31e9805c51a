//! A health monitor's options: a `CONNECT` monitor or an `HTTP`/`HTTPS` one, and the checks made
//! before anything is sent. One set of types for a monitor set on its own
//! (`PUT …/healthmonitor`) and for one set at creation (`healthMonitor` in `POST /loadbalancers`).

use std::ops::RangeInclusive;

use crate::Error;
use serde_json::{Map, Value, json};

use super::monitor_type::MonitorType;

/// Seconds between two checks of a node: 1 to 3600, both included.
pub const DELAY_SECONDS: RangeInclusive<u32> = 1..=3600;
/// Seconds a check waits for the node's answer: 1 to 300, both included.
pub const TIMEOUT_SECONDS: RangeInclusive<u32> = 1..=300;
/// Failed checks in a row before a node is taken out: 1 to 10, both included.
pub const ATTEMPTS: RangeInclusive<u32> = 1..=10;
/// The longest `path`, status regex and body regex, in characters.
pub const MAX_PATH_OR_REGEX_CHARS: usize = 128;
/// The longest host header, in characters.
pub const MAX_HOST_HEADER_CHARS: usize = 256;

/// A `CONNECT` monitor: the load balancer opens a TCP connection to each node's port. It has no
/// HTTP fields, by construction.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::ConnectOpts;
/// use serde_json::{Value, json};
///
/// let fields = ConnectOpts::new(10, 5, 2).to_map()?;
/// assert_eq!(Value::Object(fields), json!({
///     "type": "CONNECT", "delay": 10, "timeout": 5, "attemptsBeforeDeactivation": 2}));
/// assert!(ConnectOpts::new(0, 5, 2).to_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectOpts {
    delay: u32,
    timeout: u32,
    attempts: u32,
}

impl ConnectOpts {
    /// A check every `delay` seconds, waiting `timeout` seconds, taking a node out after
    /// `attempts` failures in a row.
    pub fn new(delay: u32, timeout: u32, attempts: u32) -> ConnectOpts {
        ConnectOpts {
            delay,
            timeout,
            attempts,
        }
    }
}

/// An `HTTP` or `HTTPS` monitor: the load balancer requests `path` from each node and checks
/// the answer's status code (and optionally its body) against regular expressions.
///
/// The regular expressions are not compiled here: the service compiles them in its own dialect
/// (Java's), which accepts constructs Rust's `regex` crate refuses (look-around, back
/// references), so a check here would refuse valid monitors. A pattern the service cannot
/// compile is a 400 [`Validation`](crate::ErrorKind::Validation) error.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::HttpOpts;
/// use serde_json::{Value, json};
///
/// let opts = HttpOpts::http(10, 5, 2, "/health", "^[23][0-9][0-9]$").host_header("www.example.com");
/// assert_eq!(Value::Object(opts.to_map()?), json!({
///     "type": "HTTP", "delay": 10, "timeout": 5, "attemptsBeforeDeactivation": 2,
///     "path": "/health", "statusRegex": "^[23][0-9][0-9]$", "hostHeader": "www.example.com"}));
///
/// let no_slash = HttpOpts::https(10, 5, 2, "health", "^2");
/// assert!(no_slash.to_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct HttpOpts {
    https: bool,
    timing: ConnectOpts,
    path: String,
    status_regex: String,
    body_regex: Option<String>,
    host_header: Option<String>,
}

impl HttpOpts {
    /// An `HTTP` monitor (for `HTTP` load balancers): `GET path` must answer a status matching
    /// `status_regex`.
    pub fn http(
        delay: u32,
        timeout: u32,
        attempts: u32,
        path: impl Into<String>,
        status_regex: impl Into<String>,
    ) -> HttpOpts {
        HttpOpts {
            https: false,
            timing: ConnectOpts::new(delay, timeout, attempts),
            path: path.into(),
            status_regex: status_regex.into(),
            body_regex: None,
            host_header: None,
        }
    }

    /// An `HTTPS` monitor (for `HTTPS` load balancers), otherwise as [`HttpOpts::http`].
    pub fn https(
        delay: u32,
        timeout: u32,
        attempts: u32,
        path: impl Into<String>,
        status_regex: impl Into<String>,
    ) -> HttpOpts {
        HttpOpts {
            https: true,
            ..HttpOpts::http(delay, timeout, attempts, path, status_regex)
        }
    }

    /// The answer's body must also match `regex` (optional).
    pub fn body_regex(mut self, regex: impl Into<String>) -> HttpOpts {
        self.body_regex = Some(regex.into());
        self
    }

    /// The `Host` header to send with each check (optional), for nodes serving several sites.
    pub fn host_header(mut self, host: impl Into<String>) -> HttpOpts {
        self.host_header = Some(host.into());
        self
    }

    /// `HTTP` or `HTTPS`.
    pub fn monitor_type(&self) -> MonitorType {
        if self.https {
            MonitorType::Https
        } else {
            MonitorType::Http
        }
    }
}

/// Either kind of monitor, for code that chooses at run time (a command line, a file).
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::{MonitorOpts, MonitorType};
///
/// let connect: MonitorOpts = MonitorOpts::connect(10, 5, 2).into();
/// let http: MonitorOpts = MonitorOpts::http(10, 5, 2, "/", "^2").body_regex("ok").into();
/// assert_eq!(connect.monitor_type(), MonitorType::Connect);
/// assert_eq!(http.monitor_type(), MonitorType::Http);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MonitorOpts {
    /// A `CONNECT` monitor.
    Connect(ConnectOpts),
    /// An `HTTP` or `HTTPS` monitor.
    Http(HttpOpts),
}

impl MonitorOpts {
    /// [`ConnectOpts::new`].
    pub fn connect(delay: u32, timeout: u32, attempts: u32) -> ConnectOpts {
        ConnectOpts::new(delay, timeout, attempts)
    }

    /// [`HttpOpts::http`].
    pub fn http(
        delay: u32,
        timeout: u32,
        attempts: u32,
        path: impl Into<String>,
        status_regex: impl Into<String>,
    ) -> HttpOpts {
        HttpOpts::http(delay, timeout, attempts, path, status_regex)
    }

    /// [`HttpOpts::https`].
    pub fn https(
        delay: u32,
        timeout: u32,
        attempts: u32,
        path: impl Into<String>,
        status_regex: impl Into<String>,
    ) -> HttpOpts {
        HttpOpts::https(delay, timeout, attempts, path, status_regex)
    }

    /// The kind of monitor.
    pub fn monitor_type(&self) -> MonitorType {
        match self {
            MonitorOpts::Connect(_) => MonitorType::Connect,
            MonitorOpts::Http(opts) => opts.monitor_type(),
        }
    }
}

impl From<ConnectOpts> for MonitorOpts {
    fn from(opts: ConnectOpts) -> MonitorOpts {
        MonitorOpts::Connect(opts)
    }
}

impl From<HttpOpts> for MonitorOpts {
    fn from(opts: HttpOpts) -> MonitorOpts {
        MonitorOpts::Http(opts)
    }
}

impl ConnectOpts {
    /// The monitor's fields, checked: the object inside `{"healthMonitor": …}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error naming the value out of
    /// bounds.
    pub fn to_map(&self) -> Result<Map<String, Value>, Error> {
        self.fields(&MonitorType::Connect)
    }
}

impl HttpOpts {
    /// The monitor's fields, checked: the object inside `{"healthMonitor": …}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error naming the value out of
    /// bounds or the path that does not start with `/`.
    pub fn to_map(&self) -> Result<Map<String, Value>, Error> {
        let mut fields = self.timing.fields(&self.monitor_type())?;
        if !self.path.starts_with('/') {
            return Err(Error::invalid_input(format!(
                "the path {:?} must start with '/'",
                self.path
            )));
        }
        check_text("path", &self.path, MAX_PATH_OR_REGEX_CHARS)?;
        check_text("status regex", &self.status_regex, MAX_PATH_OR_REGEX_CHARS)?;
        fields.insert("path".into(), json!(self.path));
        fields.insert("statusRegex".into(), json!(self.status_regex));
        if let Some(regex) = &self.body_regex {
            check_text("body regex", regex, MAX_PATH_OR_REGEX_CHARS)?;
            fields.insert("bodyRegex".into(), json!(regex));
        }
        if let Some(host) = &self.host_header {
            check_host_header(host)?;
            fields.insert("hostHeader".into(), json!(host));
        }
        Ok(fields)
    }
}

impl MonitorOpts {
    /// The monitor's fields, checked: the object inside `{"healthMonitor": …}`.
    ///
    /// # Errors
    ///
    /// As [`ConnectOpts::to_map`] and [`HttpOpts::to_map`].
    pub fn to_map(&self) -> Result<Map<String, Value>, Error> {
        match self {
            MonitorOpts::Connect(opts) => opts.to_map(),
            MonitorOpts::Http(opts) => opts.to_map(),
        }
    }
}

impl ConnectOpts {
    /// The four common fields, checked.
    fn fields(&self, kind: &MonitorType) -> Result<Map<String, Value>, Error> {
        check_range("delay", self.delay, &DELAY_SECONDS, " seconds")?;
        check_range("timeout", self.timeout, &TIMEOUT_SECONDS, " seconds")?;
        check_range("attempts before deactivation", self.attempts, &ATTEMPTS, "")?;
        let mut fields = Map::new();
        fields.insert("type".into(), json!(kind.as_str()));
        fields.insert("delay".into(), json!(self.delay));
        fields.insert("timeout".into(), json!(self.timeout));
        fields.insert("attemptsBeforeDeactivation".into(), json!(self.attempts));
        Ok(fields)
    }
}

pub(super) fn check_range(
    what: &str,
    value: u32,
    range: &RangeInclusive<u32>,
    unit: &str,
) -> Result<(), Error> {
    if range.contains(&value) {
        return Ok(());
    }
    Err(Error::invalid_input(format!(
        "the {what} must be {} to {}{unit}, not {value}",
        range.start(),
        range.end()
    )))
}

pub(super) fn check_text(what: &str, value: &str, max: usize) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::invalid_input(format!(
            "the {what} is empty; give one of 1 to {max} characters"
        )));
    }
    let chars = value.chars().count();
    if chars > max {
        return Err(Error::invalid_input(format!(
            "the {what} has {chars} characters; at most {max} are allowed"
        )));
    }
    Ok(())
}

/// The service's host header rule (docs/api/health-monitors.md): a host name of dot-separated
/// labels of letters, digits and hyphens, each starting with a letter and ending with a letter
/// or digit, at most [`MAX_HOST_HEADER_CHARS`]; no scheme, port or address.
pub(super) fn check_host_header(host: &str) -> Result<(), Error> {
    check_text("host header", host, MAX_HOST_HEADER_CHARS)?;
    let labels_ok = host.split('.').all(|label| {
        let bytes = label.as_bytes();
        match (bytes.first(), bytes.last()) {
            (Some(first), Some(last)) => {
                first.is_ascii_alphabetic()
                    && last.is_ascii_alphanumeric()
                    && bytes
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            }
            _ => false,
        }
    });
    if !labels_ok {
        return Err(Error::invalid_input(format!(
            "the host header {host:?} is not a host name (such as www.example.com: no scheme, \
             port or address)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod host_header_tests {
    use super::*;

    #[test]
    fn host_names_only_as_the_service_checks_them() {
        for ok in ["www.example.com", "a", "web-1.example.org", "A1.b2"] {
            assert!(check_host_header(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://www.example.com",
            "www.example.com:8080",
            "10.0.0.1",
            "-a.example",
            "a-.example",
            "example.com.",
            "",
            "1abc",
        ] {
            assert!(check_host_header(bad).is_err(), "{bad}");
        }
    }
}
