//! Request bodies of the load balancer resources: what is "not the expected JSON" (the schema
//! answer) and what is a validation failure (the validation answer).
//!
//! The rule is the same everywhere: a body that is not JSON, is not an object, lacks the wrapper
//! object (`loadBalancer`, `sessionPersistence`) or gives a known field a value of the wrong JSON
//! type (a numeric persistence type, a port that is neither a number nor a numeric string) does
//! not match the schema; a body of the right shape with missing or out-of-range values fails
//! validation, with every message found. Numbers may be numeric strings and booleans
//! `"true"`/`"false"` (docs/api/conventions.md). Unknown fields are ignored. `null` counts as
//! absent.

mod access_list;
mod create;
mod create_parts;
pub(super) mod error;
mod fields;
mod health_monitor;
pub(super) mod lenient;
mod persistence;
mod settings;
mod throttle;
mod update;

pub(crate) use access_list::access_list;
pub(crate) use create::{NewLoadBalancer, create};
pub(crate) use create_parts::{VipRequest, is_host_name};
pub(crate) use error::BodyError;
pub(crate) use health_monitor::{MonitorRequest, health_monitor};
pub(crate) use persistence::persistence;
pub(crate) use settings::{enabled, error_page};
pub(crate) use throttle::{ThrottleRequest, throttle};
pub(crate) use update::{LoadBalancerUpdate, update};

use serde_json::{Map, Value};

/// A validation failure with one message.
fn invalid(message: &str) -> BodyError {
    BodyError::Validation(vec![message.to_owned()])
}

/// The object under `key` of a JSON object body.
fn wrapper(body: &[u8], key: &str) -> Result<Map<String, Value>, BodyError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BodyError::Schema)?;
    let Value::Object(mut outer) = value else {
        return Err(BodyError::Schema);
    };
    match outer.remove(key) {
        Some(Value::Object(inner)) => Ok(inner),
        _ => Err(BodyError::Schema),
    }
}

/// An optional string field; another JSON type does not match the schema.
fn string(object: &Map<String, Value>, key: &str) -> Result<Option<String>, BodyError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(BodyError::Schema),
    }
}

/// An optional array field; another JSON type does not match the schema.
fn array<'a>(
    object: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<&'a Vec<Value>>, BodyError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => Ok(Some(items)),
        Some(_) => Err(BodyError::Schema),
    }
}

/// The messages of a validation failure (test helper).
#[cfg(test)]
fn messages(result: Result<impl std::fmt::Debug, BodyError>) -> Vec<String> {
    match result {
        Err(BodyError::Validation(messages)) => messages,
        other => panic!("expected a validation failure, got {other:?}"),
    }
}
