//! The health monitor PUT body (docs/api/health-monitors.md): schema, then every validation
//! message at once.

use super::BodyError;
use super::lenient::{int, root_object, text};
use crate::features::health_monitor::HealthMonitor;

/// The monitor types the service knows; another string does not match the schema.
const TYPES: [&str; 3] = ["CONNECT", "HTTP", "HTTPS"];
/// Longest `path`, `statusRegex` and `bodyRegex`, in characters.
const MAX_REGEX_OR_PATH: usize = 128;
/// Longest `hostHeader`, in characters.
const MAX_HOST_HEADER: usize = 256;

/// Parses and validates `{"healthMonitor":{…}}` (the root key is optional).
///
/// Regular expressions are not compiled: the service compiles them with its own dialect.
pub(crate) fn health_monitor(body: &[u8]) -> Result<HealthMonitor, BodyError> {
    let object = root_object(body, "healthMonitor")?;
    let kind = text(&object, "type")?;
    let delay = int(&object, "delay")?;
    let timeout = int(&object, "timeout")?;
    let attempts = int(&object, "attemptsBeforeDeactivation")?;
    let path = text(&object, "path")?;
    let status_regex = text(&object, "statusRegex")?;
    let body_regex = text(&object, "bodyRegex")?;
    let host_header = text(&object, "hostHeader")?;
    if kind.as_deref().is_some_and(|k| !TYPES.contains(&k)) {
        return Err(BodyError::Schema);
    }
    let mut messages = Vec::new();
    if kind.is_none() {
        messages.push("Must provide a type for the health monitor.".to_owned());
    }
    let ranges = [
        (delay, 3600, "delay", "delay"),
        (timeout, 300, "timeout", "timeout"),
        (
            attempts,
            10,
            "attempts before deactivation",
            "attempts before deactivation",
        ),
    ];
    for (value, ceiling, missing, range) in ranges {
        match value {
            None => messages.push(format!("Must provide {missing} for the health monitor.")),
            Some(v) if !(1..=ceiling).contains(&v) => messages.push(format!(
                "Must specify valid {range} range between 1 and {ceiling}."
            )),
            Some(_) => {}
        }
    }
    match kind.as_deref() {
        Some("CONNECT") => connect_messages(
            &object_fields(&path, &status_regex, &body_regex, &host_header),
            &mut messages,
        ),
        Some(_) => http_messages(
            &path,
            &status_regex,
            &body_regex,
            &host_header,
            &mut messages,
        ),
        None => {}
    }
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    let (Some(kind), Some(delay), Some(timeout), Some(attempts)) = (kind, delay, timeout, attempts)
    else {
        return Err(BodyError::Schema);
    };
    Ok(HealthMonitor {
        kind,
        delay,
        timeout,
        attempts,
        path,
        status_regex,
        body_regex,
        host_header,
    })
}

/// Which HTTP fields a body carries: path, status regex, body regex, host header.
fn object_fields(
    path: &Option<String>,
    status_regex: &Option<String>,
    body_regex: &Option<String>,
    host_header: &Option<String>,
) -> [bool; 4] {
    [
        path.is_some(),
        status_regex.is_some(),
        body_regex.is_some(),
        host_header.is_some(),
    ]
}

/// A `CONNECT` monitor carries none of the HTTP fields.
fn connect_messages(present: &[bool; 4], messages: &mut Vec<String>) {
    let refusals = [
        "A connect health monitor may not have a path. Use HTTP/HTTPS health monitor instead.",
        "A connect health monitor may not have a status regex. Use HTTP/HTTPS health monitor instead.",
        "A connect health monitor may not have a body regex. Use HTTP/HTTPS health monitor instead.",
        "Host Header is not supported for CONNECT based health monitors.",
    ];
    for (is_there, message) in present.iter().zip(refusals) {
        if *is_there {
            messages.push(message.to_owned());
        }
    }
}

/// An `HTTP` or `HTTPS` monitor needs a path starting with `/` and a status regex; lengths.
fn http_messages(
    path: &Option<String>,
    status_regex: &Option<String>,
    body_regex: &Option<String>,
    host_header: &Option<String>,
    messages: &mut Vec<String>,
) {
    let too_long =
        |s: &Option<String>, max: usize| s.as_ref().is_some_and(|s| s.chars().count() > max);
    match path.as_deref() {
        None | Some("") => {
            messages.push("Must provide a valid path for the health monitor.".into())
        }
        Some(p) => {
            if p.chars().count() > MAX_REGEX_OR_PATH {
                messages.push("path can not exceed 128 characters.".into());
            }
            if !p.starts_with('/') {
                messages
                    .push("Must provide a forward slash(/) as the beginning of the path.".into());
            }
        }
    }
    if status_regex.as_deref().is_none_or(str::is_empty) {
        messages.push("Must provide a status regex for the health monitor.".into());
    } else if too_long(status_regex, MAX_REGEX_OR_PATH) {
        messages.push("statusRegex can not exceed 128 characters.".into());
    }
    if too_long(body_regex, MAX_REGEX_OR_PATH) {
        messages.push("bodyRegex can not exceed 128 characters.".into());
    }
    if too_long(host_header, MAX_HOST_HEADER) {
        messages.push("Host Header field cannot exceed 256 characters".into());
    }
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    #[test]
    fn connect_and_http_bodies() {
        let m = health_monitor(
            br#"{"type":"CONNECT","delay":"1","timeout":300,"attemptsBeforeDeactivation":10}"#,
        )
        .expect("bare CONNECT with a string number");
        assert_eq!((m.delay, m.timeout, m.attempts), (1, 300, 10));
        let m = health_monitor(br#"{"healthMonitor":{"type":"HTTPS","delay":3600,"timeout":1,"attemptsBeforeDeactivation":1,"path":"/","statusRegex":"^2","bodyRegex":null}}"#)
            .expect("HTTPS");
        assert_eq!((m.path.as_deref(), m.body_regex), (Some("/"), None));
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
                "Must specify valid delay range between 1 and 3600.",
                "Must specify valid timeout range between 1 and 300.",
                "Must specify valid attempts before deactivation range between 1 and 10.",
                "Must provide a forward slash(/) as the beginning of the path.",
                "Must provide a status regex for the health monitor.",
            ]
        );
        assert_eq!(
            messages(health_monitor(br#"{"healthMonitor":{}}"#)),
            [
                "Must provide a type for the health monitor.",
                "Must provide delay for the health monitor.",
                "Must provide timeout for the health monitor.",
                "Must provide attempts before deactivation for the health monitor.",
            ]
        );
    }
}
