//! The JSON form of a fault in the control API: parsing `POST /_emulator/faults` bodies and
//! listing pending faults.

use std::time::Duration;

use serde_json::{Map, Value};

use super::json;
use crate::injected_fault::{InjectedBody, InjectedFault};

/// Every key a fault body may have.
const KEYS: [&str; 13] = [
    "method",
    "path",
    "status",
    "times",
    "body",
    "message",
    "hugeBytes",
    "retryAfter",
    "delayMs",
    "stallAfterBytes",
    "stallMs",
    "afterApply",
    "loseAnswer",
];
/// What a fault that loses the answer cannot have: it sends nothing.
const ANSWER_KEYS: [&str; 7] = [
    "status",
    "body",
    "message",
    "hugeBytes",
    "retryAfter",
    "stallAfterBytes",
    "stallMs",
];

/// A fault from its JSON form, or what is wrong with it.
pub(super) fn parse(body: &[u8]) -> Result<InjectedFault, String> {
    let object = json::object(body, &KEYS)?;
    let method = method(&object)?;
    let path = json::optional_string(&object, "path")?
        .ok_or("'path' is required: a path pattern such as \"/v2.0/tokens\"")?;
    let after_apply = json::optional_bool(&object, "afterApply")?.unwrap_or(false);
    if json::optional_bool(&object, "loseAnswer")?.unwrap_or(false) {
        if let Some(key) = ANSWER_KEYS
            .iter()
            .find(|k| object.get(**k).is_some_and(|v| !v.is_null()))
        {
            return Err(format!(
                "'{key}' does not go with 'loseAnswer': no answer is sent"
            ));
        }
        let mut fault = InjectedFault::lost_answer(method.as_deref(), &path);
        if let Some(problem) = fault.pattern.problem() {
            return Err(format!("'path' is not a valid pattern: {problem}"));
        }
        fault = times_and_delay(&object, fault)?;
        return Ok(if after_apply {
            fault.after_apply()
        } else {
            fault
        });
    }
    let status = json::optional_u64(&object, "status")?
        .filter(|s| (200..=599).contains(s))
        .and_then(|s| u16::try_from(s).ok())
        .ok_or("'status' is required: an integer from 200 to 599")?;
    let mut fault = InjectedFault::new(method.as_deref(), &path, status);
    if let Some(problem) = fault.pattern.problem() {
        return Err(format!("'path' is not a valid pattern: {problem}"));
    }
    fault = times_and_delay(&object, fault)?;
    fault = fault.body(body_shape(&object, status)?);
    if let Some(value) = retry_after(&object)? {
        fault = fault.retry_after(&value);
    }
    let stall_after = json::optional_u64(&object, "stallAfterBytes")?;
    let stall_ms = json::optional_u64(&object, "stallMs")?;
    match (stall_after, stall_ms) {
        (None, None) => {}
        (Some(bytes), Some(ms)) => {
            let bytes = usize::try_from(bytes).map_err(|_| "'stallAfterBytes' is too large")?;
            fault = fault.stall_after(bytes, Duration::from_millis(ms));
        }
        _ => return Err("'stallAfterBytes' and 'stallMs' go together".to_owned()),
    }
    Ok(if after_apply {
        fault.after_apply()
    } else {
        fault
    })
}

/// `times` and `delayMs`, which every fault may have.
fn times_and_delay(
    object: &Map<String, Value>,
    mut fault: InjectedFault,
) -> Result<InjectedFault, String> {
    if let Some(times) = json::optional_u64(object, "times")? {
        let times = u32::try_from(times)
            .ok()
            .filter(|t| *t >= 1)
            .ok_or("'times' must be an integer from 1 to 4294967295")?;
        fault = fault.times(times);
    }
    if let Some(ms) = json::optional_u64(object, "delayMs")? {
        fault = fault.delay(Duration::from_millis(ms));
    }
    Ok(fault)
}

/// The JSON form of a fault with the answers it has left.
pub(super) fn render(fault: &InjectedFault, remaining: u32) -> Value {
    let mut object = Map::new();
    object.insert("method".into(), fault.method.clone().into());
    object.insert("path".into(), fault.pattern.as_str().into());
    object.insert("times".into(), fault.times.into());
    object.insert("remaining".into(), remaining.into());
    if fault.after_apply {
        object.insert("afterApply".into(), true.into());
    }
    if let Some(delay) = fault.delay {
        object.insert("delayMs".into(), millis(delay).into());
    }
    if fault.lose_answer {
        object.insert("loseAnswer".into(), true.into());
        return object.into();
    }
    object.insert("status".into(), fault.status.into());
    let body: Value = match &fault.body {
        InjectedBody::Flat { message } => {
            object.insert("message".into(), message.clone().into());
            "flat".into()
        }
        InjectedBody::OverLimit => "overLimit".into(),
        InjectedBody::Html => "html".into(),
        InjectedBody::Empty => "empty".into(),
        InjectedBody::Truncated => "truncated".into(),
        InjectedBody::Huge { bytes } => {
            object.insert("hugeBytes".into(), (*bytes).into());
            "huge".into()
        }
        InjectedBody::Json(value) => {
            let mut json = Map::new();
            json.insert("json".into(), value.clone());
            json.into()
        }
    };
    object.insert("body".into(), body);
    if let Some(value) = &fault.retry_after {
        object.insert("retryAfter".into(), value.clone().into());
    }
    if let Some(stall) = fault.stall {
        object.insert("stallAfterBytes".into(), stall.after.into());
        object.insert("stallMs".into(), millis(stall.duration).into());
    }
    object.into()
}

fn method(object: &Map<String, Value>) -> Result<Option<String>, String> {
    const WHAT: &str = "'method' must be an HTTP method such as \"PUT\", or null for any method";
    match object.get("method") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(m)) if !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Ok(Some(m.to_ascii_uppercase()))
        }
        Some(_) => Err(WHAT.to_owned()),
    }
}

fn body_shape(object: &Map<String, Value>, status: u16) -> Result<InjectedBody, String> {
    const WHAT: &str = "'body' must be \"flat\", \"overLimit\", \"html\", \"empty\", \"truncated\", \"huge\" or {\"json\": …}";
    let shape = match object.get("body") {
        None | Some(Value::Null) => "flat",
        Some(Value::String(shape)) => shape.as_str(),
        Some(Value::Object(json)) => {
            return match json.get("json") {
                Some(value) if json.len() == 1 => {
                    only_with(object, "message", "flat")?;
                    only_with(object, "hugeBytes", "huge")?;
                    Ok(InjectedBody::Json(value.clone()))
                }
                _ => Err(WHAT.to_owned()),
            };
        }
        Some(_) => return Err(WHAT.to_owned()),
    };
    if shape != "flat" {
        only_with(object, "message", "flat")?;
    }
    if shape != "huge" {
        only_with(object, "hugeBytes", "huge")?;
    }
    let body = match shape {
        "flat" => InjectedBody::Flat {
            message: json::optional_string(object, "message")?
                .unwrap_or_else(|| crate::injected_fault::reason(status).to_owned()),
        },
        "overLimit" => InjectedBody::OverLimit,
        "html" => InjectedBody::Html,
        "empty" => InjectedBody::Empty,
        "truncated" => InjectedBody::Truncated,
        "huge" => {
            let bytes = json::optional_u64(object, "hugeBytes")?
                .ok_or("a \"huge\" body needs 'hugeBytes' (its length in bytes)")?;
            let bytes = usize::try_from(bytes).map_err(|_| "'hugeBytes' is too large")?;
            InjectedBody::Huge { bytes }
        }
        _ => return Err(WHAT.to_owned()),
    };
    Ok(body)
}

/// `key` may only be given with the `shape` body.
fn only_with(object: &Map<String, Value>, key: &str, shape: &str) -> Result<(), String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(_) => Err(format!("'{key}' only goes with the \"{shape}\" body")),
    }
}

/// `retryAfter`: a string sent verbatim (it must be a valid header value), or whole seconds.
fn retry_after(object: &Map<String, Value>) -> Result<Option<String>, String> {
    const WHAT: &str =
        "'retryAfter' must be seconds (\"2\" or 2) or an HTTP date, in printable ASCII";
    match object.get("retryAfter") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(|n| Some(n.to_string()))
            .ok_or(WHAT.to_owned()),
        Some(Value::String(s))
            if !s.trim().is_empty() && s.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) =>
        {
            Ok(Some(s.clone()))
        }
        Some(_) => Err(WHAT.to_owned()),
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse_value(value: Value) -> Result<InjectedFault, String> {
        parse(value.to_string().as_bytes())
    }

    #[test]
    fn a_full_fault_round_trips() {
        let input = json!({
            "method": "put", "path": "/dfw/v1.0/*/loadbalancers/*/sessionpersistence",
            "status": 503, "times": 2, "body": "flat", "message": "busy", "retryAfter": "2",
            "delayMs": 5, "stallAfterBytes": 3, "stallMs": 40
        });
        let fault = parse_value(input).expect("a fault");
        assert_eq!(
            render(&fault, 2),
            json!({
                "method": "PUT", "path": "/dfw/v1.0/*/loadbalancers/*/sessionpersistence",
                "status": 503, "times": 2, "remaining": 2, "body": "flat", "message": "busy",
                "retryAfter": "2", "delayMs": 5, "stallAfterBytes": 3, "stallMs": 40
            })
        );
    }

    #[test]
    fn a_lost_answer_after_the_change_round_trips_and_takes_no_answer_keys() {
        let input = json!({"method": "POST", "path": "/dfw/v1.0/*/loadbalancers",
                           "afterApply": true, "loseAnswer": true, "delayMs": 5});
        let fault = parse_value(input).expect("a fault");
        assert!(fault.after_apply && fault.lose_answer);
        assert_eq!(
            render(&fault, 1),
            json!({"method": "POST", "path": "/dfw/v1.0/*/loadbalancers", "times": 1,
                   "remaining": 1, "afterApply": true, "delayMs": 5, "loseAnswer": true})
        );
        let replaced =
            parse_value(json!({"path": "/", "status": 502, "afterApply": true})).expect("a fault");
        assert!(replaced.after_apply && !replaced.lose_answer);
        let message = parse_value(json!({"path": "/", "status": 502, "loseAnswer": true}))
            .expect_err("a status with no answer");
        assert_eq!(
            message,
            "'status' does not go with 'loseAnswer': no answer is sent"
        );
        let message = parse_value(json!({"path": "/", "loseAnswer": "yes"})).expect_err("a string");
        assert!(message.contains("'loseAnswer'"), "{message}");
    }

    #[test]
    fn defaults_and_other_shapes() {
        let fault = parse_value(json!({"path": "/v2.0/tokens", "status": 500})).expect("a fault");
        assert_eq!(
            render(&fault, 1),
            json!({"method": null, "path": "/v2.0/tokens", "status": 500, "times": 1,
                   "remaining": 1, "body": "flat", "message": "Internal Server Error"})
        );
        let huge = parse_value(
            json!({"path": "/**", "status": 200, "body": "huge", "hugeBytes": 10, "retryAfter": 3}),
        )
        .expect("a fault");
        assert_eq!(huge.body, InjectedBody::Huge { bytes: 10 });
        assert_eq!(huge.retry_after.as_deref(), Some("3"));
        let json_body = parse_value(json!({"path": "/", "status": 418, "body": {"json": [1]}}))
            .expect("a fault");
        assert_eq!(json_body.body, InjectedBody::Json(json!([1])));
    }

    #[test]
    fn malformed_faults_say_what_is_wrong() {
        let cases = [
            (json!([]), "the body must be a JSON object"),
            (json!({"status": 503}), "'path' is required"),
            (
                json!({"path": "x", "status": 503}),
                "'path' is not a valid pattern",
            ),
            (json!({"path": "/", "status": 99}), "'status' is required"),
            (
                json!({"path": "/", "status": "503"}),
                "'status' must be a non-negative integer",
            ),
            (
                json!({"path": "/", "status": 503, "times": 0}),
                "'times' must be",
            ),
            (
                json!({"path": "/", "status": 503, "body": "xml"}),
                "'body' must be",
            ),
            (
                json!({"path": "/", "status": 503, "body": {"json": 1, "x": 2}}),
                "'body' must be",
            ),
            (
                json!({"path": "/", "status": 503, "body": "huge"}),
                "needs 'hugeBytes'",
            ),
            (
                json!({"path": "/", "status": 503, "hugeBytes": 5}),
                "'hugeBytes' only goes with",
            ),
            (
                json!({"path": "/", "status": 503, "body": "html", "message": "m"}),
                "'message' only goes with",
            ),
            (
                json!({"path": "/", "status": 503, "stallMs": 5}),
                "go together",
            ),
            (
                json!({"path": "/", "status": 503, "retryAfter": "a\nb"}),
                "'retryAfter' must be",
            ),
            (
                json!({"path": "/", "status": 503, "method": 1}),
                "'method' must be",
            ),
            (
                json!({"path": "/", "status": 503, "delayMs": -1}),
                "'delayMs' must be",
            ),
            (
                json!({"path": "/", "status": 503, "tims": 2}),
                "unknown field 'tims'",
            ),
        ];
        for (input, expected) in cases {
            let message = parse_value(input.clone()).expect_err("malformed");
            assert!(message.contains(expected), "{input}: {message}");
        }
        assert!(
            parse(b"{")
                .expect_err("not JSON")
                .starts_with("the body is not valid JSON")
        );
    }
}
