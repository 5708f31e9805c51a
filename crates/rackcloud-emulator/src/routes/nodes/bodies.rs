//! The bodies of the node requests: add (`{"nodes":[…]}`), update (`{"node":{…}}`) and bulk
//! update (`{"nodes":[{"id":…,…}]}`). The root key is optional, `null` counts as absent and
//! numbers may come as numeric strings (docs/api/conventions.md).

use std::collections::HashSet;
use std::net::IpAddr;

use serde_json::{Map, Value};

use super::super::bodies::error::BodyError;
use super::super::bodies::lenient::{int, text};
use crate::node::{CONDITIONS, TYPES};

/// A node to add, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NewNode {
    pub(super) address: String,
    pub(super) port: u16,
    pub(super) condition: String,
    pub(super) kind: String,
    pub(super) weight: Option<u32>,
}

/// A change to one node, validated: at least one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NodeChanges {
    pub(super) condition: Option<String>,
    pub(super) kind: Option<String>,
    pub(super) weight: Option<u32>,
}

/// The message for duplicates inside one request.
const DUPLICATE_IN_REQUEST: &str = "Duplicate nodes detected. Please ensure that the ip address and port are unique for each node.";

/// `POST …/nodes`: `{"nodes":[{address,port,condition,type?,weight?}]}`.
pub(super) fn add(body: &[u8]) -> Result<Vec<NewNode>, BodyError> {
    let items = root_list(body, "nodes")?;
    // The service's validator has no "at least one" rule here: an empty list is accepted.
    let mut messages = Vec::new();
    let mut nodes = Vec::new();
    for item in &items {
        let Value::Object(node) = item else {
            return Err(BodyError::Schema);
        };
        let before = messages.len();
        for (key, message) in [
            ("id", "Node id field cannot be set on a new node."),
            ("status", "Node status field cannot be modified."),
        ] {
            if node.get(key).is_some_and(|v| !v.is_null()) {
                messages.push(message.to_owned());
            }
        }
        let address = text(node, "address")?;
        let port = int(node, "port")?;
        let condition = text(node, "condition")?;
        let kind = text(node, "type")?;
        let weight = int(node, "weight")?;
        match address.as_deref() {
            None => messages.push("Must provide a valid address for the node.".into()),
            Some(a) => messages.extend(address_message(a)),
        }
        let port = port.and_then(|p| u16::try_from(p).ok().filter(|p| *p >= 1));
        if port.is_none() {
            messages.push("Node port is invalid. Please specify a valid port.".into());
        }
        match condition.as_deref() {
            None => messages.push("Must provide a condition for the node.".into()),
            Some(c) => messages.extend(condition_message(c)),
        }
        messages.extend(kind.as_deref().and_then(kind_message));
        let weight = weight_value(weight, &mut messages);
        if messages.len() > before {
            continue;
        }
        if let (Some(address), Some(port), Some(condition)) = (address, port, condition) {
            nodes.push(NewNode {
                address,
                port,
                condition,
                kind: kind.unwrap_or_else(|| "PRIMARY".into()),
                weight,
            });
        }
    }
    let mut seen = HashSet::new();
    if !nodes
        .iter()
        .all(|n| seen.insert((n.address.to_ascii_lowercase(), n.port)))
    {
        messages.push(DUPLICATE_IN_REQUEST.into());
    }
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(nodes)
}

/// `PUT …/nodes/{nodeId}`: `{"node":{condition?,type?,weight?}}`.
pub(super) fn update(body: &[u8]) -> Result<NodeChanges, BodyError> {
    let node = root_object(body, "node")?;
    let mut messages = Vec::new();
    if node.get("id").is_some_and(|v| !v.is_null()) {
        messages.push("Node id field cannot be modified.".to_owned());
    }
    let changes = changes(&node, &mut messages)?;
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(changes)
}

/// `PUT …/nodes`: `{"nodes":[{id,condition?,type?,weight?}]}`.
pub(super) fn bulk_update(body: &[u8]) -> Result<Vec<(u64, NodeChanges)>, BodyError> {
    let items = root_list(body, "nodes")?;
    let mut messages = Vec::new();
    if items.is_empty() {
        messages.push("Must provide at least one node.".to_owned());
    }
    let mut updates = Vec::new();
    let mut seen = HashSet::new();
    for item in &items {
        let Value::Object(node) = item else {
            return Err(BodyError::Schema);
        };
        let id = int(node, "id")?.and_then(|id| u64::try_from(id).ok().filter(|id| *id > 0));
        let before = messages.len();
        let changes = changes(node, &mut messages)?;
        match id {
            None => messages.push("Must provide the id of each node to update.".into()),
            Some(id) if !seen.insert(id) => {
                messages.push(format!("Node id {id} is given more than once."));
            }
            Some(id) if messages.len() == before => updates.push((id, changes)),
            Some(_) => {}
        }
    }
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(updates)
}

/// The changeable fields of one node; the immutable ones and "nothing to change" go to
/// `messages`.
fn changes(
    node: &Map<String, Value>,
    messages: &mut Vec<String>,
) -> Result<NodeChanges, BodyError> {
    for (key, message) in [
        ("address", "Node address field cannot be modified."),
        ("port", "Node port field cannot be modified."),
        ("status", "Node status field cannot be modified."),
    ] {
        if node.get(key).is_some_and(|v| !v.is_null()) {
            messages.push(message.to_owned());
        }
    }
    let condition = text(node, "condition")?;
    let kind = text(node, "type")?;
    let weight = int(node, "weight")?;
    if condition.is_none() && kind.is_none() && weight.is_none() {
        messages.push("Must provide a condition, type or weight to update a node.".into());
    }
    messages.extend(condition.as_deref().and_then(condition_message));
    messages.extend(kind.as_deref().and_then(kind_message));
    let weight = weight_value(weight, messages);
    Ok(NodeChanges {
        condition,
        kind,
        weight,
    })
}

fn condition_message(condition: &str) -> Option<String> {
    (!CONDITIONS.contains(&condition))
        .then(|| "Node condition is invalid. Please specify a valid condition.".into())
}

fn kind_message(kind: &str) -> Option<String> {
    (!TYPES.contains(&kind)).then(|| "Node type is invalid. Please specify a valid type.".into())
}

fn weight_value(weight: Option<i64>, messages: &mut Vec<String>) -> Option<u32> {
    match weight {
        None => None,
        Some(w) if (1..=100).contains(&w) => u32::try_from(w).ok(),
        Some(_) => {
            messages
                .push("Node weight is invalid. Please specify a weight between 1 and 100.".into());
            None
        }
    }
}

/// The message for an address that is not an IP address or host name, or is forbidden.
fn address_message(address: &str) -> Option<String> {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) if v4.is_loopback() || v4.is_unspecified() || v4.is_broadcast() => {
            Some(format!("Node address '{address}' is not allowed."))
        }
        Ok(_) => None,
        Err(_) if is_host_name(address) => None,
        Err(_) => Some(format!(
            "Node address '{address}' is not a valid IP address or host name."
        )),
    }
}

/// A host name of RFC 1123 labels: letters, digits and inner hyphens, 1 to 63 characters
/// each, at most 253 in all.
fn is_host_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && !name.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// The array under `key`, or the bare array.
fn root_list(body: &[u8], key: &str) -> Result<Vec<Value>, BodyError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BodyError::Schema)?;
    match value {
        Value::Array(items) => Ok(items),
        Value::Object(mut outer) => match outer.remove(key) {
            Some(Value::Array(items)) => Ok(items),
            _ => Err(BodyError::Schema),
        },
        _ => Err(BodyError::Schema),
    }
}

/// The object under `key`, or the bare object.
fn root_object(body: &[u8], key: &str) -> Result<Map<String, Value>, BodyError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| BodyError::Schema)?;
    let Value::Object(mut outer) = value else {
        return Err(BodyError::Schema);
    };
    match outer.remove(key) {
        Some(Value::Object(inner)) => Ok(inner),
        Some(_) => Err(BodyError::Schema),
        None => Ok(outer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_clients_bodies_are_read() {
        let nodes = add(
            br#"[{"address":"10.0.0.1","port":"80","condition":"ENABLED","type":null,"id":null}]"#,
        )
        .expect("valid");
        assert_eq!(nodes[0].port, 80);
        assert_eq!(nodes[0].kind, "PRIMARY");
        let change = update(br#"{"weight":"7"}"#).expect("bare object");
        assert_eq!(change.weight, Some(7));
    }

    #[test]
    fn addresses() {
        for ok in ["10.0.0.1", "::1", "web-1.example.com", "a"] {
            assert_eq!(address_message(ok), None, "{ok}");
        }
        for bad in [
            "127.0.0.2",
            "0.0.0.0",
            "255.255.255.255",
            "-a.com",
            "a_b",
            "1.2.3",
            "",
        ] {
            assert!(address_message(bad).is_some(), "{bad}");
        }
    }
}
