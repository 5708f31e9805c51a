//! Rules on load balancer fields shared by create and update.

use serde_json::{Map, Value};

use super::BodyError;
use crate::load_balancer::ALGORITHMS;

/// The longest name, in characters.
pub(super) const MAX_NAME: usize = 128;
/// The accepted timeouts, in seconds.
pub(super) const TIMEOUTS: std::ops::RangeInclusive<i64> = 30..=120;

/// The answer to a timeout out of range.
pub(super) const TIMEOUT_MESSAGE: &str =
    "Load balancer timeout is invalid. Please specify a valid timeout value.";

/// Fields the API never lets a request set, with the message it answers.
const READ_ONLY: [(&str, &str); 6] = [
    ("id", "Load balancer id field cannot be modified."),
    ("status", "Load balancer status field cannot be modified."),
    (
        "loadBalancerUsage",
        "Load balancer current usage field cannot be modified.",
    ),
    ("cluster", "Load balancer cluster field cannot be modified."),
    ("created", "Load balancer created field cannot be modified."),
    ("updated", "Load balancer updated field cannot be modified."),
];

/// A port number from 1 to 65535.
pub(super) fn port_value(port: i64) -> Option<u16> {
    u16::try_from(port).ok().filter(|p| *p >= 1)
}

/// The messages for a name, in the service's order: too long, then (on create, `create`)
/// empty.
pub(super) fn name_message(name: &str, create: bool) -> Vec<String> {
    let mut messages = Vec::new();
    if name.chars().count() > MAX_NAME {
        messages.push(format!(
            "Load Balancer name must be less than or equal to {MAX_NAME}"
        ));
    }
    if create && name.is_empty() {
        messages.push("Load balancer name is invalid. Please specify a valid name".into());
    }
    messages
}

/// An optional boolean that may be sent as `"true"`/`"false"`; another string or JSON type
/// does not match the schema (the service's JSON reader refuses it before validation).
pub(super) fn lenient_boolean(
    object: &Map<String, Value>,
    key: &str,
) -> Result<Option<bool>, BodyError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s == "true" => Ok(Some(true)),
        Some(Value::String(s)) if s == "false" => Ok(Some(false)),
        Some(_) => Err(BodyError::Schema),
    }
}

/// The message for an unknown algorithm, if it is.
pub(super) fn algorithm_message(algorithm: &str) -> Option<String> {
    if ALGORITHMS.contains(&algorithm) {
        return None;
    }
    Some("Load balancer algorithm is invalid. Please specify a valid algorithm.".into())
}

/// The messages for read-only fields present in the body.
pub(super) fn read_only_messages(lb: &Map<String, Value>) -> Vec<String> {
    READ_ONLY
        .iter()
        .filter(|(key, _)| match lb.get(*key) {
            None | Some(Value::Null) => false,
            Some(Value::Object(o)) => !(*key == "loadBalancerUsage" && o.is_empty()),
            Some(Value::Array(a)) => !(*key == "loadBalancerUsage" && a.is_empty()),
            Some(_) => true,
        })
        .map(|(_, message)| (*message).to_owned())
        .collect()
}
