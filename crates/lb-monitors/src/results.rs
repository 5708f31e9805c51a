//! The monitor as read back, and the result wrappers with their `extract` methods.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;
use serde_json::Value;

use rackcloud_core::model::MonitorType;

/// The health monitor of a load balancer, as the server shows it.
///
/// [`GetResult::extract`] gives `None` when no monitor is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HealthMonitor {
    monitor_type: MonitorType,
    delay: u32,
    timeout: u32,
    attempts: u32,
    path: Option<String>,
    status_regex: Option<String>,
    body_regex: Option<String>,
    host_header: Option<String>,
}

impl HealthMonitor {
    /// `CONNECT`, `HTTP`, `HTTPS` (or a kind this crate does not know, kept as sent).
    pub fn monitor_type(&self) -> &MonitorType {
        &self.monitor_type
    }

    /// Seconds between two checks.
    pub fn delay(&self) -> u32 {
        self.delay
    }

    /// Seconds a check waits for an answer.
    pub fn timeout(&self) -> u32 {
        self.timeout
    }

    /// Failed checks in a row before a node is taken out (`attemptsBeforeDeactivation`).
    pub fn attempts_before_deactivation(&self) -> u32 {
        self.attempts
    }

    /// The path an HTTP/HTTPS check requests.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The regular expression the answer's status must match (HTTP/HTTPS).
    pub fn status_regex(&self) -> Option<&str> {
        self.status_regex.as_deref()
    }

    /// The regular expression the answer's body must match, if any (HTTP/HTTPS).
    pub fn body_regex(&self) -> Option<&str> {
        self.body_regex.as_deref()
    }

    /// The `Host` header sent with each check, if any (HTTP/HTTPS).
    pub fn host_header(&self) -> Option<&str> {
        self.host_header.as_deref()
    }
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the health monitor"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`update`](crate::update): accepted, or the error (400 for a monitor the
    /// protocol does not allow or the server refuses, 404, 410, 422 while the load balancer is
    /// busy, …).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct UpdateResult(ErrResult);
}

result_type! {
    /// The result of [`delete`](crate::delete).
    #[must_use = "call extract_err or extract_removal to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult);
}

impl GetResult {
    /// The monitor, or `None` when none is configured (`{"healthMonitor":{}}` or `{}`).
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not a monitor.
    pub fn extract(self) -> Result<Option<HealthMonitor>, Error> {
        let body: GetBody = self.0.extract_json()?;
        Ok(body.into_monitor())
    }
}

/// `{"healthMonitor":{…}}`, `{"healthMonitor":{}}` or `{}`.
#[derive(Deserialize)]
struct GetBody {
    #[serde(rename = "healthMonitor", default)]
    health_monitor: Option<MonitorBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MonitorBody {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default, deserialize_with = "number")]
    delay: u32,
    #[serde(default, deserialize_with = "number")]
    timeout: u32,
    #[serde(default, deserialize_with = "number")]
    attempts_before_deactivation: u32,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    status_regex: Option<String>,
    #[serde(default)]
    body_regex: Option<String>,
    #[serde(default)]
    host_header: Option<String>,
}

/// A number the server sent as a JSON number or a numeric string (docs/api/conventions.md).
fn number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(0),
        Value::Number(n) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| serde::de::Error::custom("not a small whole number")),
        Value::String(s) => s.trim().parse().map_err(serde::de::Error::custom),
        _ => Err(serde::de::Error::custom("not a number")),
    }
}

impl GetBody {
    /// No monitor object, or one without a type, is "none configured".
    fn into_monitor(self) -> Option<HealthMonitor> {
        let m = self.health_monitor?;
        let kind = m.kind.filter(|k| !k.is_empty())?;
        Some(HealthMonitor {
            monitor_type: MonitorType::from(kind),
            delay: m.delay,
            timeout: m.timeout,
            attempts: m.attempts_before_deactivation,
            path: m.path,
            status_regex: m.status_regex,
            body_regex: m.body_regex,
            host_header: m.host_header,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(body: &str) -> Option<Option<HealthMonitor>> {
        serde_json::from_str::<GetBody>(body)
            .ok()
            .map(GetBody::into_monitor)
    }

    #[test]
    fn bodies_of_configured_none_and_unknown_monitors() {
        let http = parse(r#"{"healthMonitor":{"type":"HTTP","delay":"10","timeout":5,"attemptsBeforeDeactivation":2,"path":"/","statusRegex":"^2","bodyRegex":null}}"#)
            .expect("JSON")
            .expect("configured");
        assert_eq!(
            (http.monitor_type(), http.delay(), http.timeout()),
            (&MonitorType::Http, 10, 5)
        );
        assert_eq!(
            (http.path(), http.status_regex(), http.body_regex()),
            (Some("/"), Some("^2"), None)
        );
        assert_eq!(parse(r#"{"healthMonitor":{}}"#), Some(None));
        assert_eq!(parse("{}"), Some(None));
        assert_eq!(parse(r#"{"healthMonitor":null}"#), Some(None));
        let future = parse(r#"{"healthMonitor":{"type":"PING","delay":1,"timeout":1,"attemptsBeforeDeactivation":1}}"#)
            .expect("JSON")
            .expect("configured");
        assert_eq!(future.monitor_type(), &MonitorType::Other("PING".into()));
        assert_eq!(
            parse(r#"{"healthMonitor":{"type":"CONNECT","delay":-1}}"#),
            None
        );
        assert_eq!(parse(r#"{"healthMonitor":"CONNECT"}"#), None);
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<GetBody>(&body).map(GetBody::into_monitor);
        }
    }
}
