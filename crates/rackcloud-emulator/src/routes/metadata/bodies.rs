//! The bodies of metadata add (`{"metadata":[{key,value}]}`) and update (`{"meta":{value}}`):
//! what is "not the expected JSON" (schema) and what fails validation (docs/api/metadata.md).
//!
//! The root key is optional (a bare list, a bare object); `null` is absent; numbers and booleans
//! are read as their text, as the service's JSON reader does for string fields.

use serde_json::{Map, Value};

use super::super::bodies::BodyError;
use crate::error_replies;
use crate::http::Reply;

/// The pairs of an add body, in order, or the 400 to answer.
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
    if list.is_empty() {
        return Err(validation("Must provide at least one metadata item"));
    }
    items(&list).map_err(BodyError::reply)
}

/// The pairs of a list of metadata items, in order, with every validation message found: the
/// add body's list, and the `metadata` of `POST /loadbalancers`.
pub(crate) fn items(list: &[Value]) -> Result<Vec<(String, String)>, BodyError> {
    let schema = |_| BodyError::Schema;
    let mut messages = Vec::new();
    let mut pairs = Vec::with_capacity(list.len());
    for item in list {
        let Value::Object(item) = item else {
            return Err(BodyError::Schema);
        };
        if text(item, "id").map_err(schema)?.is_some() {
            push_once(&mut messages, "Metadata id must not be provided.");
        }
        let key = text(item, "key").map_err(schema)?;
        let value = text(item, "value").map_err(schema)?;
        if key.is_none() {
            push_once(&mut messages, "Must provide a key for every metadata item.");
        }
        if value.is_none() {
            push_once(
                &mut messages,
                "Must provide a value for every metadata item.",
            );
        }
        if let (Some(key), Some(value)) = (key, value) {
            pairs.push((key, value));
        }
    }
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(pairs)
}

/// The new value of an update body, or the 400 to answer.
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
    if text(&object, "key")?.is_some() {
        messages.push("The key of a metadata item cannot be changed.".to_owned());
    }
    if text(&object, "id")?.is_some() {
        messages.push("Metadata id must not be provided.".to_owned());
    }
    let value = text(&object, "value")?;
    if value.is_none() {
        messages.push("Must provide a value.".to_owned());
    }
    match value {
        Some(value) if messages.is_empty() => Ok(value),
        _ => Err(error_replies::validation(messages)),
    }
}

/// A field read as text: a string (empty counts as absent), a number or a boolean; `null` and
/// absence are `None`; an object or array does not match the schema.
fn text(object: &Map<String, Value>, key: &str) -> Result<Option<String>, Reply> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
        Some(_) => Err(error_replies::schema()),
    }
}

fn validation(message: &str) -> Reply {
    error_replies::validation(vec![message.to_owned()])
}

fn push_once(messages: &mut Vec<String>, message: &str) {
    if !messages.iter().any(|m| m == message) {
        messages.push(message.to_owned());
    }
}
