//! The bodies of metadata add (`{"metadata":[{key,value}]}`) and update (`{"meta":{value}}`):
//! what is "not the expected JSON" (schema) and what fails validation (docs/api/metadata.md).
//!
//! The root key is optional (a bare list, a bare object); `null` is absent; numbers and booleans
//! are read as their text, as the service's JSON reader does for string fields.

use serde_json::{Map, Value};

use super::super::bodies::error::BodyError;
use crate::error_replies;
use crate::http::Reply;

/// The longest key of a metadata item, in characters.
pub(crate) const MAX_KEY: usize = 32;
/// The longest value of a metadata item, in characters.
pub(crate) const MAX_VALUE: usize = 256;
/// The most items one request may add.
pub(crate) const MAX_ITEMS: usize = 25;

/// The pairs of a list of metadata items, in order, or every message of every item in the
/// service's order (the same message may appear once per item, or twice for a missing key or
/// value, as the service writes it): the add body's list, and the `metadata` of
/// `POST /loadbalancers`. Duplicate keys and the count are the caller's rules, since the two
/// word them differently. An item that is not an object, or a field that is an object or an
/// array, does not match the schema.
pub(crate) fn items(list: &[Value]) -> Result<Vec<(String, String)>, BodyError> {
    let schema = |_| BodyError::Schema;
    let mut messages = Vec::new();
    let mut pairs = Vec::with_capacity(list.len());
    for item in list {
        let Value::Object(item) = item else {
            return Err(BodyError::Schema);
        };
        let id = text(item, "id").map_err(schema)?;
        if id.is_some() {
            messages.push("Must not specify an id for node meta data".to_owned());
        }
        let key = text(item, "key").map_err(schema)?;
        let value = text(item, "value").map_err(schema)?;
        check_field(&mut messages, key.as_deref(), MAX_KEY, "key");
        check_field(&mut messages, value.as_deref(), MAX_VALUE, "value");
        if let (Some(k), Some(v)) = (key, value) {
            pairs.push((k, v));
        }
    }
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(pairs)
}

/// Whether two items of the list have the same `key` (an absent key counts as one value, as
/// in the service's set of keys).
fn duplicate_keys(list: &[Value]) -> bool {
    let keys: Vec<Option<String>> = list
        .iter()
        .map(|item| match item.get("key") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        })
        .collect();
    keys.iter().enumerate().any(|(i, k)| keys[..i].contains(k))
}

/// The service's messages for one key or value: too long; then absent (twice: "must exist"
/// and "must not be empty" both fail) or empty (once).
fn check_field(messages: &mut Vec<String>, field: Option<&str>, max: usize, name: &str) {
    if field.is_some_and(|t| t.encode_utf16().count() > max) {
        messages.push(format!(
            "Node meta {name} must not exceed {max} characters."
        ));
    }
    let missing = format!("Must provide a {name} for the node metadata item.");
    match field {
        None => messages.extend([missing.clone(), missing]),
        Some("") => messages.push(missing),
        Some(_) => {}
    }
}

/// The pairs of an add body, in order, or the 400 to answer: the service's list rules (at
/// least one, at most 25, each item valid, no key twice), every message at once.
pub(crate) fn add(body: &[u8]) -> Result<Vec<(String, String)>, Reply> {
    let value: Value = serde_json::from_slice(body).map_err(|_| error_replies::schema())?;
    let list = match value {
        Value::Array(list) => list,
        Value::Object(mut outer) => match outer.remove("metadata") {
            Some(Value::Array(list)) => list,
            _ => return Err(error_replies::schema()),
        },
        _ => return Err(error_replies::schema()),
    };
    let mut messages = Vec::new();
    if list.is_empty() {
        messages.push("Must provide at least one metadata item".to_owned());
    }
    if list.len() > MAX_ITEMS {
        messages.push(
            "Must not provide more than twenty five metadata items per load balancer.".to_owned(),
        );
    }
    let pairs = match items(&list) {
        Ok(pairs) => pairs,
        Err(BodyError::Validation(found)) => {
            messages.extend(found);
            Vec::new()
        }
        Err(BodyError::Schema) => return Err(error_replies::schema()),
    };
    if duplicate_keys(&list) {
        messages.push(
            "Duplicate keys detected. Please ensure that the key is unique for each metadata item."
                .to_owned(),
        );
    }
    if !messages.is_empty() {
        return Err(error_replies::validation(messages));
    }
    Ok(pairs)
}

/// The new value of an update body, or the 400 to answer, with the service's messages in its
/// order: id, the key (too long, or given at all), the value (too long, absent, empty).
pub(crate) fn update(body: &[u8]) -> Result<String, Reply> {
    let value: Value = serde_json::from_slice(body).map_err(|_| error_replies::schema())?;
    let Value::Object(mut outer) = value else {
        return Err(error_replies::schema());
    };
    let object = match outer.remove("meta") {
        Some(Value::Object(inner)) => inner,
        Some(Value::Null) | None => outer,
        Some(_) => return Err(error_replies::schema()),
    };
    let mut messages = Vec::new();
    if text(&object, "id")?.is_some() {
        messages.push("Must not specify an id for node meta data".to_owned());
    }
    let key = text(&object, "key")?;
    if key
        .as_ref()
        .is_some_and(|k| k.encode_utf16().count() > MAX_KEY)
    {
        messages.push(format!(
            "Node meta key must not exceed {MAX_KEY} characters."
        ));
    }
    if key.is_some() {
        messages.push("Node meta key field cannot be modified.".to_owned());
    }
    let value = text(&object, "value")?;
    if value
        .as_ref()
        .is_some_and(|v| v.encode_utf16().count() > MAX_VALUE)
    {
        messages.push(format!(
            "Node meta value must not exceed {MAX_VALUE} characters."
        ));
    }
    match value.as_deref() {
        None => messages.extend([
            "Must provide a value to update for the node metadata item.".to_owned(),
            "Must provide a value for the node metadata item.".to_owned(),
        ]),
        Some("") => messages.push("Must provide a value for the node metadata item.".to_owned()),
        Some(_) => {}
    }
    match value {
        Some(value) if messages.is_empty() => Ok(value),
        _ => Err(error_replies::validation(messages)),
    }
}

/// A field read as text: a string (empty is kept: the service tells it from absent), a number
/// or a boolean; `null` and absence are `None`; an object or array does not match the schema.
fn text(object: &Map<String, Value>, key: &str) -> Result<Option<String>, Reply> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
        Some(_) => Err(error_replies::schema()),
    }
}
