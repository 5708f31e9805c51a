//! The virtual IPs and nodes of a `POST /loadbalancers` body, with the service's messages in its
//! order (docs/api/load-balancers.md, docs/api/virtual-ips.md, docs/api/nodes.md).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::access_list::{is_ipv4, is_ipv6};
use super::fields::port_value;
use super::lenient::int;
use super::{BodyError, string};

/// A requested virtual IP: shared with another load balancer, or new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VipRequest {
    Shared(u64),
    New { kind: String, ip_version: String },
}

/// A requested node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NodeRequest {
    pub(crate) address: String,
    pub(crate) port: u16,
    pub(crate) condition: String,
    pub(crate) kind: String,
    pub(crate) weight: Option<u32>,
}

/// At most this many nodes per load balancer.
const MAX_NODES: usize = 25;

/// The requested virtual IPs; value problems go to `messages`.
///
/// `{"type":"PUBLIC"}` without `ipVersion` asks for two addresses, an IPv4 and an IPv6 one;
/// `SERVICENET` without it is IPv4. Two or more items must all be shared (`{"id":…}` only).
pub(crate) fn virtual_ips(
    items: &[Value],
    messages: &mut Vec<String>,
) -> Result<Vec<VipRequest>, BodyError> {
    let mut parsed = Vec::new();
    for item in items {
        let Value::Object(vip) = item else {
            return Err(BodyError::Schema);
        };
        let id = match vip.get("id") {
            None | Some(Value::Null) => None,
            Some(value) => Some(int_id(value)?),
        };
        let kind = string(vip, "type")?;
        let ip_version = string(vip, "ipVersion")?;
        if kind
            .as_deref()
            .is_some_and(|k| !["PUBLIC", "SERVICENET"].contains(&k))
            || ip_version
                .as_deref()
                .is_some_and(|v| !["IPV4", "IPV6"].contains(&v))
        {
            return Err(BodyError::Schema);
        }
        let has_address = vip.get("address").is_some_and(|v| !v.is_null());
        parsed.push((id, kind, ip_version, has_address));
    }
    let shared_or_new = parsed.len() <= 2
        && parsed
            .iter()
            .all(|(id, kind, ..)| id.is_some() != kind.is_some())
        && (parsed.len() < 2
            || parsed
                .iter()
                .all(|(_, kind, version, _)| kind.is_none() && version.is_none()));
    if !shared_or_new {
        messages.push("Must specify either a shared or new virtual ip.".into());
    }
    let mut vips = Vec::new();
    for (id, kind, ip_version, has_address) in parsed {
        let before = messages.len();
        if has_address {
            messages.push("Virtual ip address field cannot be modified.".into());
        }
        if id.is_none() && kind.is_none() && ip_version.is_none() {
            messages.push("The virtual ip must have at least one of the following specified: id, type, ipVersion.".into());
        }
        if kind.as_deref() == Some("SERVICENET") && ip_version.as_deref() == Some("IPV6") {
            messages
                .push("Must specify a valid IP type. IPv6 supports the 'PUBLIC' type only.".into());
        }
        if id.is_some() && (kind.is_some() || ip_version.is_some()) {
            messages.push("If sharing a virtual ip please only specify the id.".into());
        }
        if messages.len() > before || !shared_or_new {
            continue;
        }
        match (id, kind, ip_version) {
            (Some(id), ..) => vips.push(VipRequest::Shared(id)),
            (None, Some(kind), Some(ip_version)) => vips.push(VipRequest::New { kind, ip_version }),
            (None, Some(kind), None) => {
                let both = kind == "PUBLIC";
                vips.push(VipRequest::New {
                    kind: kind.clone(),
                    ip_version: "IPV4".into(),
                });
                if both {
                    vips.push(VipRequest::New {
                        kind,
                        ip_version: "IPV6".into(),
                    });
                }
            }
            (None, None, _) => {}
        }
    }
    Ok(vips)
}

/// A virtual IP id: a JSON integer or a numeric string.
fn int_id(value: &Value) -> Result<u64, BodyError> {
    let mut object = Map::new();
    object.insert("id".into(), value.clone());
    int(&object, "id")?
        .and_then(|id| u64::try_from(id).ok())
        .ok_or(BodyError::Schema)
}

/// The requested nodes, each checked as the service checks a new node; value problems go to
/// `messages` (duplicates first, then each node's, then the count).
pub(crate) fn node_requests(
    items: &[Value],
    messages: &mut Vec<String>,
) -> Result<Vec<NodeRequest>, BodyError> {
    let mut fields = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(node) = item else {
            return Err(BodyError::Schema);
        };
        let condition = string(node, "condition")?;
        let kind = string(node, "type")?;
        if condition
            .as_deref()
            .is_some_and(|c| !["ENABLED", "DISABLED", "DRAINING"].contains(&c))
            || kind
                .as_deref()
                .is_some_and(|k| !["PRIMARY", "SECONDARY"].contains(&k))
        {
            return Err(BodyError::Schema);
        }
        let address = string(node, "address")?;
        let port = int(node, "port")?;
        let weight = int(node, "weight")?;
        fields.push((node, address, port, condition, kind, weight));
    }
    let mut seen = HashSet::new();
    if !fields
        .iter()
        .all(|(_, address, port, ..)| seen.insert((address.clone(), *port)))
    {
        messages.push("Duplicate nodes detected. Please ensure that the ip address and port are unique for each node.".into());
    }
    let mut nodes = Vec::new();
    for (node, address, port, condition, kind, weight) in fields {
        let before = messages.len();
        node_messages(node, &address, port, condition.is_some(), weight, messages);
        if messages.len() > before {
            continue;
        }
        let (Some(address), Some(port), Some(condition)) =
            (address, port.and_then(port_value), condition)
        else {
            continue;
        };
        nodes.push(NodeRequest {
            address,
            port,
            condition,
            kind: kind.unwrap_or_else(|| "PRIMARY".into()),
            weight: weight.and_then(|w| u32::try_from(w).ok()),
        });
    }
    if items.len() > MAX_NODES {
        messages.push("Must not provide more than twenty five nodes per load balancer.".into());
    }
    Ok(nodes)
}

/// One new node's messages, in the service's order.
fn node_messages(
    node: &Map<String, Value>,
    address: &Option<String>,
    port: Option<i64>,
    has_condition: bool,
    weight: Option<i64>,
    messages: &mut Vec<String>,
) {
    const BAD_IP: &str = "Node ip is invalid. Please specify a valid ip.";
    match address.as_deref() {
        None => {}
        Some(a) if !is_node_address(a) => messages.push(BAD_IP.into()),
        Some(_) => {}
    }
    if address.is_none() {
        messages.push("Must provide a valid ip for the node.".into());
    }
    if port.is_some_and(|p| port_value(p).is_none()) {
        messages.push("Node port is invalid. Please specify a valid port.".into());
    }
    if port.is_none() {
        messages.push("Must provide a valid port for the node.".into());
    }
    if !has_condition {
        messages.push("Must provide a valid condition for the node.".into());
    }
    if weight.is_some_and(|w| !(1..=100).contains(&w)) {
        messages
            .push("Node weight is invalid. Range is 1-100. Please specify a valid weight.".into());
    }
    for (key, message) in [
        ("status", "Node status field cannot be modified."),
        ("id", "Node id field cannot be modified."),
    ] {
        if node.get(key).is_some_and(|v| !v.is_null()) {
            messages.push(message.into());
        }
    }
    if address.as_deref() == Some("0.0.0.0") {
        messages.push("Please specify a valid address.".into());
    }
    if address.as_deref().is_some_and(is_reserved_ipv4) {
        messages.push(BAD_IP.into());
    }
}

/// The service's node address rule: a name with a letter (at most 128 characters; checked
/// against the allowed domains later), an IPv4 or an IPv6 address.
fn is_node_address(address: &str) -> bool {
    let named = address.bytes().any(|b| b.is_ascii_alphabetic()) && address.chars().count() <= 128;
    named || is_ipv4(address) || is_ipv6(address)
}

/// `0.0.0.0`, `255.255.255.255` and `127.0.0.0/8`: never a node.
fn is_reserved_ipv4(address: &str) -> bool {
    if !is_ipv4(address) {
        return false;
    }
    let octets: Vec<u16> = address.split('.').filter_map(|o| o.parse().ok()).collect();
    octets.first() == Some(&127)
        || octets.iter().all(|o| *o == 0)
        || octets.iter().all(|o| *o == 255)
}

/// Whether a node address is a host name rather than an IP address (the service checks those
/// against the allowed domains).
pub(crate) fn is_host_name(address: &str) -> bool {
    !is_ipv4(address) && !is_ipv6(address) && address.bytes().any(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn public_gives_two_addresses() {
        let mut messages = Vec::new();
        let vips = virtual_ips(&[json!({"type": "PUBLIC"})], &mut messages).expect("shape");
        assert_eq!(vips.len(), 2);
        let vips = virtual_ips(&[json!({"type": "SERVICENET"})], &mut messages).expect("shape");
        assert_eq!(vips.len(), 1);
        assert!(messages.is_empty());
        let two = [json!({"type": "PUBLIC"}), json!({"type": "SERVICENET"})];
        virtual_ips(&two, &mut messages).expect("shape");
        assert_eq!(
            messages,
            ["Must specify either a shared or new virtual ip."]
        );
    }

    #[test]
    fn node_rules() {
        let mut messages = Vec::new();
        let nodes = [
            json!({"address": "127.0.0.1", "port": "80", "condition": "ENABLED"}),
            json!({"address": "0.0.0.0", "port": 0, "weight": 101}),
            json!({"address": "web.example.com", "port": 80, "condition": "ENABLED", "weight": "5"}),
        ];
        let parsed = node_requests(&nodes, &mut messages).expect("shape");
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].weight, Some(5));
        assert_eq!(
            messages,
            [
                "Node ip is invalid. Please specify a valid ip.",
                "Node port is invalid. Please specify a valid port.",
                "Must provide a valid condition for the node.",
                "Node weight is invalid. Range is 1-100. Please specify a valid weight.",
                "Please specify a valid address.",
                "Node ip is invalid. Please specify a valid ip.",
            ]
        );
        assert!(is_host_name("web.example.com") && !is_host_name("10.0.0.1"));
    }
}
