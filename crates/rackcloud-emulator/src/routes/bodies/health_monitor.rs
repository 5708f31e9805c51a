//! The health monitor body (docs/api/health-monitors.md): `PUT …/healthmonitor` and the
//! `healthMonitor` of `POST /loadbalancers`, with the service's messages in its order: the
//! type's own rules first, then the type, then the three numbers.

use serde_json::{Map, Value};

use super::BodyError;
use super::lenient::{int, root_object, text};

/// The monitor types the service knows; another string does not match the schema.
const TYPES: [&str; 3] = ["CONNECT", "HTTP", "HTTPS"];
/// Longest `path`, `statusRegex` and `bodyRegex`, in characters.
const MAX_REGEX_OR_PATH: usize = 128;
/// Longest `hostHeader`, in characters.
const MAX_HOST_HEADER: usize = 256;

/// Which request the monitor comes in: the rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonitorContext {
    /// `POST /loadbalancers`: every field the type needs must be there.
    Create,
    /// `PUT …/healthmonitor`: at least one field to change; the route merges the rest.
    Put,
}

/// The fields a monitor body gave (the type always; the others when present).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MonitorRequest {
    /// `CONNECT`, `HTTP` or `HTTPS`.
    pub(crate) kind: String,
    pub(crate) delay: Option<i64>,
    pub(crate) timeout: Option<i64>,
    pub(crate) attempts: Option<i64>,
    pub(crate) path: Option<String>,
    pub(crate) status_regex: Option<String>,
    pub(crate) body_regex: Option<String>,
    pub(crate) host_header: Option<String>,
}

/// Parses and validates the `PUT …/healthmonitor` body (the root key is optional).
///
/// Regular expressions are not compiled: the service compiles them with its own dialect.
pub(crate) fn health_monitor(body: &[u8]) -> Result<MonitorRequest, BodyError> {
    monitor_object(&root_object(body, "healthMonitor")?, MonitorContext::Put)
}

/// Validates one monitor object in `context`, with every message found.
pub(crate) fn monitor_object(
    object: &Map<String, Value>,
    context: MonitorContext,
) -> Result<MonitorRequest, BodyError> {
    let kind = text(object, "type")?;
    if kind.as_deref().is_some_and(|k| !TYPES.contains(&k)) {
        return Err(BodyError::Schema);
    }
    let request = MonitorRequest {
        kind: kind.clone().unwrap_or_default(),
        delay: int(object, "delay")?,
        timeout: int(object, "timeout")?,
        attempts: int(object, "attemptsBeforeDeactivation")?,
        path: text(object, "path")?,
        status_regex: text(object, "statusRegex")?,
        body_regex: text(object, "bodyRegex")?,
        host_header: text(object, "hostHeader")?,
    };
    let has_id = object.get("id").is_some_and(|v| !v.is_null());
    let mut messages = Vec::new();
    match kind.as_deref() {
        Some("CONNECT") => connect_messages(&request, has_id, context, &mut messages),
        Some(_) => http_messages(&request, has_id, context, &mut messages),
        None => messages.push("Must provide a type for the health monitor.".to_owned()),
    }
    let numbers = [
        (request.delay, 3600, "delay", "delay"),
        (request.timeout, 300, "timeout", "timeout"),
        (
            request.attempts,
            10,
            "attempts before deactivation",
            "attempts before deactivation",
        ),
    ];
    for (value, ceiling, missing, range) in numbers {
        match value {
            None if context == MonitorContext::Create => {
                messages.push(format!("Must provide {missing} for the health monitor."));
            }
            Some(v) if !(1..=ceiling).contains(&v) => messages.push(format!(
                "Must specify valid {range} range between 1 and {ceiling}."
            )),
            _ => {}
        }
    }
    if messages.is_empty() {
        Ok(request)
    } else {
        Err(BodyError::Validation(messages))
    }
}

/// A `CONNECT` monitor: on a PUT at least one number; no id; none of the HTTP fields (in the
/// service's order: path, body regex, status regex, host header).
fn connect_messages(
    m: &MonitorRequest,
    has_id: bool,
    context: MonitorContext,
    messages: &mut Vec<String>,
) {
    if context == MonitorContext::Put
        && m.delay.is_none()
        && m.timeout.is_none()
        && m.attempts.is_none()
    {
        messages.push("The health monitor must have at least one of the following to update: delay, timeout, attempts before deactivation.".into());
    }
    if has_id {
        messages.push("Health monitor id field cannot be modified.".into());
    }
    let refusals = [
        (
            &m.path,
            "A connect health monitor may not have a path. Use HTTP/HTTPS health monitor instead.",
        ),
        (
            &m.body_regex,
            "A connect health monitor may not have a body regex. Use HTTP/HTTPS health monitor instead.",
        ),
        (
            &m.status_regex,
            "A connect health monitor may not have a status regex. Use HTTP/HTTPS health monitor instead.",
        ),
        (
            &m.host_header,
            "Host Header is not supported for CONNECT based health monitors.",
        ),
    ];
    for (field, message) in refusals {
        if field.is_some() {
            messages.push(message.to_owned());
        }
    }
}

/// An `HTTP` or `HTTPS` monitor: lengths, a path starting with `/`, a host name as host
/// header; on create a path and a status regex; on a PUT at least one field.
fn http_messages(
    m: &MonitorRequest,
    has_id: bool,
    context: MonitorContext,
    messages: &mut Vec<String>,
) {
    let too_long =
        |s: &Option<String>, max: usize| s.as_ref().is_some_and(|s| s.chars().count() > max);
    let blank = |s: &Option<String>| s.as_deref().is_none_or(str::is_empty);
    let create = context == MonitorContext::Create;
    if has_id {
        messages.push("Health monitor id field cannot be modified.".into());
    }
    if too_long(&m.path, MAX_REGEX_OR_PATH) {
        messages.push("path can not exceed 128 characters.".into());
    }
    if m.path.as_ref().is_some_and(|p| !p.starts_with('/')) {
        messages.push("Must provide a forward slash(/) as the beginning of the path.".into());
    }
    if create && blank(&m.path) {
        messages.push("Must provide a valid path for the health monitor.".into());
    }
    if too_long(&m.status_regex, MAX_REGEX_OR_PATH) {
        messages.push("statusRegex can not exceed 128 characters.".into());
    }
    if create && blank(&m.status_regex) {
        messages.push("Must provide a status regex for the health monitor.".into());
    }
    if too_long(&m.body_regex, MAX_REGEX_OR_PATH) {
        messages.push("bodyRegex can not exceed 128 characters.".into());
    }
    if m.host_header.as_deref().is_some_and(|h| !is_host_name(h)) {
        messages.push("Must provide a valid host header name.".into());
    }
    if too_long(&m.host_header, MAX_HOST_HEADER) {
        messages.push("Host Header field cannot exceed 256 characters".into());
    }
    let nothing = m.delay.is_none()
        && m.timeout.is_none()
        && m.attempts.is_none()
        && blank(&m.path)
        && blank(&m.status_regex)
        && blank(&m.body_regex);
    if context == MonitorContext::Put && nothing {
        messages.push("The health monitor must have at least one of the following to update: delay, timeout, attempts before deactivation, path, status regex, body regex.".into());
    }
}

/// The service's host header rule: dot-separated labels of ASCII letters, digits and hyphens,
/// each starting with a letter and ending with a letter or digit; no scheme, port or final dot.
fn is_host_name(text: &str) -> bool {
    text.split('.').all(|label| {
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
    })
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    fn create(body: &str) -> Result<MonitorRequest, BodyError> {
        let object = root_object(body.as_bytes(), "healthMonitor")?;
        monitor_object(&object, MonitorContext::Create)
    }

    #[test]
    fn put_bodies() {
        let m = health_monitor(br#"{"type":"CONNECT","delay":"1"}"#).expect("one field");
        assert_eq!((m.delay, m.timeout), (Some(1), None));
        for schema in [
            &br#"{"type":"PING"}"#[..],
            br#"{"type":"CONNECT","delay":1.5}"#,
            b"[]",
        ] {
            assert_eq!(health_monitor(schema), Err(BodyError::Schema));
        }
        assert_eq!(
            messages(health_monitor(br#"{"type":"HTTP","delay":0,"timeout":301,"attemptsBeforeDeactivation":11,"path":"x"}"#)),
            [
                "Must provide a forward slash(/) as the beginning of the path.",
                "Must specify valid delay range between 1 and 3600.",
                "Must specify valid timeout range between 1 and 300.",
                "Must specify valid attempts before deactivation range between 1 and 10.",
            ]
        );
        assert_eq!(
            messages(health_monitor(
                br#"{"type":"CONNECT","path":"/","bodyRegex":"x"}"#
            )),
            [
                "The health monitor must have at least one of the following to update: delay, timeout, attempts before deactivation.",
                "A connect health monitor may not have a path. Use HTTP/HTTPS health monitor instead.",
                "A connect health monitor may not have a body regex. Use HTTP/HTTPS health monitor instead.",
            ]
        );
        assert_eq!(
            messages(health_monitor(br#"{"healthMonitor":{}}"#)),
            ["Must provide a type for the health monitor."]
        );
    }

    #[test]
    fn create_needs_every_field() {
        assert_eq!(
            messages(create(
                r#"{"type":"HTTP","hostHeader":"http://www.example.com"}"#
            )),
            [
                "Must provide a valid path for the health monitor.",
                "Must provide a status regex for the health monitor.",
                "Must provide a valid host header name.",
                "Must provide delay for the health monitor.",
                "Must provide timeout for the health monitor.",
                "Must provide attempts before deactivation for the health monitor.",
            ]
        );
    }

    #[test]
    fn host_names() {
        for good in ["www.example.com", "a", "a-1.b2", "Example.COM"] {
            assert!(is_host_name(good), "{good}");
        }
        for bad in [
            "",
            "http://www.example.com",
            "example.com.",
            "1.example.com",
            "a-.b",
            "a..b",
            "host:80",
            "10.0.0.1",
        ] {
            assert!(!is_host_name(bad), "{bad}");
        }
    }
}
