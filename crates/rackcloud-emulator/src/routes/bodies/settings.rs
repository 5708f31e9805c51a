//! The bodies of connection logging, content caching and the custom error page
//! (docs/api/logging-caching-errorpage.md).
//!
//! The root key is optional (the service strips it when present); `null` counts as absent;
//! `"true"`/`"false"` strings are booleans.

use serde_json::{Map, Value};

use super::{BodyError, invalid};

/// `{"connectionLogging":{"enabled":…}}` or `{"contentCaching":{"enabled":…}}` (`root`).
pub(crate) fn enabled(body: &[u8], root: &str) -> Result<bool, BodyError> {
    let object = unwrapped(body, root)?;
    match object.get("enabled") {
        None | Some(Value::Null) => Err(invalid("Must provide a value for enabled.")),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(Value::String(_)) => Err(invalid(
            "Must provide valid boolean value of either true or false. ",
        )),
        Some(_) => Err(BodyError::Schema),
    }
}

/// The `enabled` of a `connectionLogging` or `contentCaching` object given at creation:
/// `missing` when absent; `"true"`/`"false"` are booleans; anything else does not match the
/// schema.
pub(crate) fn enabled_field(object: &Map<String, Value>, missing: &str) -> Result<bool, BodyError> {
    match object.get("enabled") {
        None | Some(Value::Null) => Err(invalid(missing)),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(_) => Err(BodyError::Schema),
    }
}

/// `{"errorpage":{"content":"…"}}`: the content, which must be there and not blank.
pub(crate) fn error_page(body: &[u8]) -> Result<String, BodyError> {
    let object = unwrapped(body, "errorpage")?;
    match object.get("content") {
        None | Some(Value::Null) => Err(invalid("Must provide content for the error page.")),
        Some(Value::String(s)) if s.trim().is_empty() => {
            Err(invalid("Must provide content for the error page."))
        }
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(BodyError::Schema),
    }
}

/// The object under `root`, or the bare object when `root` is absent.
fn unwrapped(body: &[u8], root: &str) -> Result<Map<String, Value>, BodyError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BodyError::Schema)?;
    let Value::Object(mut outer) = value else {
        return Err(BodyError::Schema);
    };
    match outer.remove(root) {
        Some(Value::Object(inner)) => Ok(inner),
        Some(Value::Null) | None => Ok(outer),
        Some(_) => Err(BodyError::Schema),
    }
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    #[test]
    fn enabled_bodies() {
        let read = |b: &str| enabled(b.as_bytes(), "connectionLogging");
        assert_eq!(read(r#"{"connectionLogging":{"enabled":true}}"#), Ok(true));
        assert_eq!(
            read(r#"{"connectionLogging":{"enabled":"false"}}"#),
            Ok(false)
        );
        assert_eq!(read(r#"{"enabled":"TRUE"}"#), Ok(true));
        for schema in [
            "",
            "[]",
            "null",
            r#"{"connectionLogging":true}"#,
            r#"{"enabled":1}"#,
        ] {
            assert_eq!(read(schema), Err(BodyError::Schema), "{schema}");
        }
        assert_eq!(
            messages(read(r#"{"connectionLogging":{}}"#)),
            ["Must provide a value for enabled."]
        );
        assert_eq!(
            messages(read(r#"{"enabled":"yes"}"#)),
            ["Must provide valid boolean value of either true or false. "]
        );
    }

    #[test]
    fn error_page_bodies() {
        assert_eq!(
            error_page(br#"{"errorpage":{"content":"<p>down</p>"}}"#),
            Ok("<p>down</p>".to_owned())
        );
        assert_eq!(error_page(br#"{"content":"x"}"#), Ok("x".to_owned()));
        assert_eq!(error_page(br#"{"content":7}"#), Err(BodyError::Schema));
        for missing in [&br#"{"errorpage":{}}"#[..], br#"{"content":" "}"#] {
            assert_eq!(
                messages(error_page(missing)),
                ["Must provide content for the error page."]
            );
        }
    }
}
