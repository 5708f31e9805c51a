//! [`Fault`]: what a Rackspace service said was wrong, read from any error body shape.
//!
//! The shapes (docs/api/faults.md): flat `{"message":…,"code":…,"details":…}` where `message` may be
//! a string or an array; the validation shape with `validationErrors.messages`; and the wrapped
//! identity and gateway shapes `{"overLimit":{…}}`, `{"unauthorized":{…}}`. Anything else (empty,
//! HTML, truncated JSON) yields no fault; the caller keeps a short excerpt of the body instead.

use serde_json::{Map, Value};

/// The fault a service reported in an error body.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use rackcloud_core::{ErrorKind, ServiceClient};
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let endpoint = emulator.lb_endpoint("DFW", "123456");
/// let client = ServiceClient::with_token(&endpoint, token)?;
/// let url = client.service_url(&["loadbalancers", "999", "sessionpersistence"]);
/// let err = client.get(&url).into_result().unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::NotFound);
/// let fault = err.fault().ok_or("no fault")?;
/// assert_eq!(fault.message(), Some("Load balancer not found"));
/// assert_eq!(fault.code(), Some(404));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub(crate) wrapper: Option<String>,
    pub(crate) messages: Vec<String>,
    pub(crate) code: Option<u16>,
    pub(crate) details: Option<String>,
    pub(crate) validation_messages: Vec<String>,
    pub(crate) retry_after: Option<String>,
}

impl Fault {
    /// The first message, if any.
    pub fn message(&self) -> Option<&str> {
        self.messages.first().map(String::as_str)
    }

    /// Every message (the server may send `message` as an array).
    pub fn messages(&self) -> &[String] {
        &self.messages
    }

    /// The `code` the body carried, which normally repeats the HTTP status.
    pub fn code(&self) -> Option<u16> {
        self.code
    }

    /// The `details` string, when present and not empty.
    pub fn details(&self) -> Option<&str> {
        self.details.as_deref()
    }

    /// The messages of a validation failure (`validationErrors.messages`).
    pub fn validation_messages(&self) -> &[String] {
        &self.validation_messages
    }

    /// The name of the wrapping object for wrapped faults, such as `overLimit` or `unauthorized`.
    pub fn wrapper(&self) -> Option<&str> {
        self.wrapper.as_deref()
    }

    /// The raw `retryAfter` field of a wrapped rate-limit fault.
    pub fn retry_after_field(&self) -> Option<&str> {
        self.retry_after.as_deref()
    }

    /// The most specific human text: the validation messages when there are any, else the
    /// messages, else the details.
    pub(crate) fn summary(&self) -> Option<String> {
        let parts = if !self.validation_messages.is_empty() {
            &self.validation_messages
        } else {
            &self.messages
        };
        if !parts.is_empty() {
            return Some(parts.join("; "));
        }
        self.details.clone()
    }
}

/// Reads a fault from an error body; `None` when the body holds no recognisable fault.
pub(crate) fn parse_fault(body: &[u8]) -> Option<Fault> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let object = value.as_object()?;
    if is_fault_object(object) {
        return Some(fault_from(None, object));
    }
    if object.len() == 1 {
        let (name, inner) = object.iter().next()?;
        let inner = inner.as_object()?;
        if is_fault_object(inner) {
            return Some(fault_from(Some(name.clone()), inner));
        }
    }
    None
}

/// A short, single-line excerpt of a body that held no fault (an HTML page, truncated JSON).
pub(crate) fn body_excerpt(body: &[u8]) -> Option<String> {
    const MAX_CHARS: usize = 160;
    let text = String::from_utf8_lossy(body);
    let source = html_title(&text).unwrap_or(&text);
    let collapsed = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned: String = collapsed.chars().filter(|c| !c.is_control()).collect();
    if cleaned.is_empty() {
        return None;
    }
    if cleaned.chars().count() <= MAX_CHARS {
        return Some(cleaned);
    }
    let mut cut: String = cleaned.chars().take(MAX_CHARS).collect();
    cut.push('…');
    Some(cut)
}

fn html_title(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    text.get(start..end).filter(|t| !t.trim().is_empty())
}

fn is_fault_object(object: &Map<String, Value>) -> bool {
    object.contains_key("message")
        || object.contains_key("validationErrors")
        || object.get("code").is_some_and(Value::is_number)
}

fn fault_from(wrapper: Option<String>, object: &Map<String, Value>) -> Fault {
    Fault {
        wrapper,
        messages: strings(object.get("message")),
        code: object
            .get("code")
            .and_then(Value::as_u64)
            .and_then(|c| u16::try_from(c).ok()),
        details: object
            .get("details")
            .and_then(Value::as_str)
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
        validation_messages: strings(
            object
                .get("validationErrors")
                .and_then(|v| v.get("messages")),
        ),
        retry_after: object
            .get("retryAfter")
            .and_then(Value::as_str)
            .map(str::to_owned),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_fault_with_details() {
        let f = parse_fault(br#"{"message":"Load balancer not found","code":404,"details":""}"#)
            .expect("a fault");
        assert_eq!(f.message(), Some("Load balancer not found"));
        assert_eq!(f.code(), Some(404));
        assert_eq!(f.details(), None);
        assert_eq!(f.wrapper(), None);
    }

    #[test]
    fn array_message() {
        let f = parse_fault(br#"{"message":["JSON does not match the expected schema"]}"#)
            .expect("a fault");
        assert_eq!(f.messages(), ["JSON does not match the expected schema"]);
        assert_eq!(f.code(), None);
    }

    #[test]
    fn validation_shape_prefers_validation_messages() {
        let f = parse_fault(
            br#"{"validationErrors":{"messages":["Must provide a persistence type."]},"message":"Validation Failure","code":400,"details":"The object is not valid"}"#,
        )
        .expect("a fault");
        assert_eq!(
            f.validation_messages(),
            ["Must provide a persistence type."]
        );
        assert_eq!(f.details(), Some("The object is not valid"));
        assert_eq!(
            f.summary().as_deref(),
            Some("Must provide a persistence type.")
        );
    }

    #[test]
    fn wrapped_over_limit() {
        let f = parse_fault(
            br#"{"overLimit":{"code":413,"message":"OverLimit Retry...","details":"Error Details...","retryAfter":"2015-06-13T22:30:10Z"}}"#,
        )
        .expect("a fault");
        assert_eq!(f.wrapper(), Some("overLimit"));
        assert_eq!(f.code(), Some(413));
        assert_eq!(f.retry_after_field(), Some("2015-06-13T22:30:10Z"));
    }

    #[test]
    fn non_faults() {
        assert_eq!(parse_fault(b""), None);
        assert_eq!(parse_fault(b"<html><body>Bad Gateway</body></html>"), None);
        assert_eq!(parse_fault(br#"{"message":"trunc"#), None);
        assert_eq!(parse_fault(b"[1,2]"), None);
        assert_eq!(parse_fault(br#"{"sessionPersistence":{}}"#), None);
    }

    #[test]
    fn excerpt_prefers_html_title_and_is_bounded() {
        let html = b"<html><head><title>502 Bad Gateway</title></head><body>x</body></html>";
        assert_eq!(body_excerpt(html).as_deref(), Some("502 Bad Gateway"));
        let long = "a".repeat(1000);
        let excerpt = body_excerpt(long.as_bytes()).expect("an excerpt");
        assert_eq!(excerpt.chars().count(), 161);
        assert_eq!(body_excerpt(b"  \n "), None);
    }
}
