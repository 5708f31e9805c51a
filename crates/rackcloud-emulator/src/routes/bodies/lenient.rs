//! The lenient readers of the newer resource bodies (docs/api/conventions.md, "Request bodies"):
//! the root key is optional, `null` is absent, and numbers may be sent as numeric strings.

use serde_json::{Map, Value};

use super::BodyError;

/// The object under `key` when the body has it, otherwise the bare object itself.
///
/// Not JSON, not an object, or a root key whose value is not an object: not the expected JSON.
pub(crate) fn root_object(body: &[u8], key: &str) -> Result<Map<String, Value>, BodyError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BodyError::Schema)?;
    let Value::Object(mut outer) = value else {
        return Err(BodyError::Schema);
    };
    match outer.remove(key) {
        Some(Value::Object(inner)) => Ok(inner),
        Some(Value::Null) | None => Ok(outer),
        Some(_) => Err(BodyError::Schema),
    }
}

/// An optional integer: a JSON integer or a string of one; another JSON type (or a string that
/// is no integer) does not match the schema.
pub(crate) fn int(object: &Map<String, Value>, key: &str) -> Result<Option<i64>, BodyError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| BodyError::Schema),
        Some(value) => value.as_i64().map(Some).ok_or(BodyError::Schema),
    }
}

/// An optional string; another JSON type does not match the schema.
pub(crate) fn text(object: &Map<String, Value>, key: &str) -> Result<Option<String>, BodyError> {
    super::string(object, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_root_key_is_optional_and_numbers_may_be_strings() {
        let wrapped = root_object(br#"{"x":{"a":"7"}}"#, "x").expect("wrapped");
        let bare = root_object(br#"{"a":7}"#, "x").expect("bare");
        assert_eq!(int(&wrapped, "a"), Ok(Some(7)));
        assert_eq!(int(&bare, "a"), Ok(Some(7)));
        assert_eq!(int(&bare, "b"), Ok(None));
        let nulls = root_object(br#"{"x":{"a":null}}"#, "x").expect("null");
        assert_eq!(int(&nulls, "a"), Ok(None));
        assert_eq!(
            root_object(br#"{"x":null,"a":1}"#, "x").map(|o| o.len()),
            Ok(1)
        );
        for schema in [&b""[..], b"[]", b"7", br#"{"x":[1]}"#] {
            assert_eq!(root_object(schema, "x"), Err(BodyError::Schema));
        }
        let odd = json!({"a": "seven", "b": 1.5, "c": true})
            .as_object()
            .cloned()
            .expect("object");
        for key in ["a", "b", "c"] {
            assert_eq!(int(&odd, key), Err(BodyError::Schema), "{key}");
        }
        assert_eq!(text(&odd, "c"), Err(BodyError::Schema));
    }
}
