//! Reading control request bodies strictly: a JSON object with known keys only, each of the
//! right type, with messages that say what is wrong.

use serde_json::{Map, Value};

/// The body as a JSON object whose keys are all in `known`.
pub(super) fn object(body: &[u8], known: &[&str]) -> Result<Map<String, Value>, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|err| format!("the body is not valid JSON: {err}"))?;
    let Value::Object(object) = value else {
        return Err("the body must be a JSON object".to_owned());
    };
    if let Some(unknown) = object.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(format!(
            "unknown field '{unknown}' (known: {})",
            known.join(", ")
        ));
    }
    Ok(object)
}

/// An optional string (`null` counts as absent).
pub(super) fn optional_string(
    object: &Map<String, Value>,
    key: &str,
) -> Result<Option<String>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("'{key}' must be a string")),
    }
}

/// An optional boolean (`null` counts as absent).
pub(super) fn optional_bool(
    object: &Map<String, Value>,
    key: &str,
) -> Result<Option<bool>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(format!("'{key}' must be true or false")),
    }
}

/// An optional non-negative integer (`null` counts as absent).
pub(super) fn optional_u64(object: &Map<String, Value>, key: &str) -> Result<Option<u64>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("'{key}' must be a non-negative integer")),
    }
}
