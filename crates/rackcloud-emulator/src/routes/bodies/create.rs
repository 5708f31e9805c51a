//! The `POST /loadbalancers` body.

use std::collections::HashSet;

use serde_json::Value;

use super::fields::{
    TIMEOUT_MESSAGE, TIMEOUTS, algorithm_message, name_message, port_value, read_only_messages,
};
use super::persistence::persistence_type;
use super::{BodyError, array, boolean, integer, string, wrapper};
use crate::load_balancer::PROTOCOLS;

/// A valid `POST /loadbalancers` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewLoadBalancer {
    pub(crate) name: String,
    pub(crate) protocol: String,
    pub(crate) port: u16,
    pub(crate) algorithm: String,
    pub(crate) timeout: u32,
    pub(crate) half_closed: bool,
    pub(crate) https_redirect: bool,
    pub(crate) virtual_ips: Vec<VipRequest>,
    pub(crate) nodes: Vec<NodeRequest>,
    pub(crate) persistence: Option<String>,
}

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

/// Parses and validates a create body.
pub(crate) fn create(body: &[u8]) -> Result<NewLoadBalancer, BodyError> {
    let lb = wrapper(body, "loadBalancer")?;
    let name = string(&lb, "name")?;
    let protocol = string(&lb, "protocol")?;
    let port = integer(&lb, "port")?;
    let algorithm = string(&lb, "algorithm")?;
    let timeout = integer(&lb, "timeout")?;
    let half_closed = boolean(&lb, "halfClosed")?;
    let https_redirect = boolean(&lb, "httpsRedirect")?;
    let vips = array(&lb, "virtualIps")?;
    let nodes = array(&lb, "nodes")?;
    let persistence = match lb.get("sessionPersistence") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(sp)) => persistence_type(sp).map(Some),
        Some(_) => return Err(BodyError::Schema),
    };

    let mut messages = read_only_messages(&lb);
    match name.as_deref() {
        None => messages.push("Must provide a name for the load balancer.".into()),
        Some(n) => messages.extend(name_message(n)),
    }
    let default_port = match protocol.as_deref() {
        None => {
            messages.push("Must provide a valid protocol for the load balancer.".into());
            None
        }
        Some(p) => match PROTOCOLS.iter().find(|(known, _)| *known == p) {
            None => {
                messages.push(
                    "Load balancer protocol is invalid. Please specify a valid protocol.".into(),
                );
                None
            }
            Some((_, default_port)) => *default_port,
        },
    };
    let port = match port.map(port_value) {
        Some(None) => {
            messages.push("Load balancer port is invalid. Please specify a valid port.".into());
            0
        }
        Some(Some(port)) => port,
        None => default_port.unwrap_or_else(|| {
            if protocol
                .as_deref()
                .is_some_and(|p| PROTOCOLS.iter().any(|(k, _)| *k == p))
            {
                messages.push("Must provide a valid port for the load balancer.".into());
            }
            0
        }),
    };
    messages.extend(algorithm.as_deref().and_then(algorithm_message));
    let timeout = match timeout {
        None => 30,
        Some(t) if TIMEOUTS.contains(&t) => u32::try_from(t).unwrap_or(30),
        Some(_) => {
            messages.push(TIMEOUT_MESSAGE.into());
            30
        }
    };
    let virtual_ips = match vips {
        None => {
            messages.push("Must provide at least one virtual ip for the load balancer.".into());
            Vec::new()
        }
        Some(vips) if vips.is_empty() => {
            messages.push("Must have at least one virtual ip for the load balancer".into());
            Vec::new()
        }
        Some(vips) => virtual_ips(vips, &mut messages)?,
    };
    let nodes = match nodes {
        None => Vec::new(),
        Some(nodes) => node_requests(nodes, &mut messages)?,
    };
    let persistence = match persistence {
        Ok(persistence) => persistence,
        Err(BodyError::Validation(found)) => {
            messages.extend(found);
            None
        }
        Err(BodyError::Schema) => return Err(BodyError::Schema),
    };
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(NewLoadBalancer {
        name: name.unwrap_or_default(),
        protocol: protocol.unwrap_or_default(),
        port,
        algorithm: algorithm.unwrap_or_else(|| "RANDOM".into()),
        timeout,
        half_closed: half_closed.unwrap_or(false),
        https_redirect: https_redirect.unwrap_or(false),
        virtual_ips,
        nodes,
        persistence,
    })
}

/// The requested virtual IPs; value problems go to `messages`.
fn virtual_ips(items: &[Value], messages: &mut Vec<String>) -> Result<Vec<VipRequest>, BodyError> {
    let mut vips = Vec::new();
    for item in items {
        let Value::Object(vip) = item else {
            return Err(BodyError::Schema);
        };
        let id = match vip.get("id") {
            None | Some(Value::Null) => None,
            Some(value) => Some(value.as_u64().ok_or(BodyError::Schema)?),
        };
        let kind = string(vip, "type")?;
        let ip_version = string(vip, "ipVersion")?;
        match (id, kind) {
            (Some(id), None) if ip_version.is_none() => vips.push(VipRequest::Shared(id)),
            (None, Some(kind)) => {
                let ip_version = ip_version.unwrap_or_else(|| "IPV4".into());
                if !["PUBLIC", "SERVICENET"].contains(&kind.as_str()) {
                    messages
                        .push("Virtual ip type is invalid. Please specify a valid type.".into());
                } else if !["IPV4", "IPV6"].contains(&ip_version.as_str()) {
                    messages.push(
                        "Virtual ip version is invalid. Please specify a valid ip version.".into(),
                    );
                } else {
                    vips.push(VipRequest::New { kind, ip_version });
                }
            }
            _ => messages.push("Must specify either a shared or new virtual ip.".into()),
        }
    }
    Ok(vips)
}

/// The requested nodes; value problems go to `messages`.
fn node_requests(
    items: &[Value],
    messages: &mut Vec<String>,
) -> Result<Vec<NodeRequest>, BodyError> {
    if items.len() > MAX_NODES {
        messages.push("Must not provide more than twenty five nodes per load balancer.".into());
    }
    let mut nodes: Vec<NodeRequest> = Vec::new();
    for item in items {
        let Value::Object(node) = item else {
            return Err(BodyError::Schema);
        };
        let address = string(node, "address")?;
        let port = integer(node, "port")?;
        let condition = string(node, "condition")?;
        let kind = string(node, "type")?;
        let weight = integer(node, "weight")?;
        let before = messages.len();
        let address = address.filter(|a| !a.trim().is_empty());
        if address.is_none() {
            messages.push("Must provide a valid address for the node.".into());
        }
        let port = port.and_then(port_value);
        if port.is_none() {
            messages.push("Node port is invalid. Please specify a valid port.".into());
        }
        let condition =
            condition.filter(|c| ["ENABLED", "DISABLED", "DRAINING"].contains(&c.as_str()));
        if condition.is_none() {
            messages.push("Node condition is invalid. Please specify a valid condition.".into());
        }
        let kind = kind.unwrap_or_else(|| "PRIMARY".into());
        if !["PRIMARY", "SECONDARY"].contains(&kind.as_str()) {
            messages.push("Node type is invalid. Please specify a valid type.".into());
        }
        let weight = match weight {
            None => None,
            Some(w) if (1..=100).contains(&w) => u32::try_from(w).ok(),
            Some(_) => {
                messages.push(
                    "Node weight is invalid. Please specify a weight between 1 and 100.".into(),
                );
                None
            }
        };
        if messages.len() > before {
            continue;
        }
        let (Some(address), Some(port), Some(condition)) = (address, port, condition) else {
            continue;
        };
        nodes.push(NodeRequest {
            address,
            port,
            condition,
            kind,
            weight,
        });
    }
    let mut seen = HashSet::new();
    if !nodes
        .iter()
        .all(|n| seen.insert((n.address.clone(), n.port)))
    {
        messages.push("Duplicate nodes detected. Please ensure that the ip address and port are unique for each node.".into());
    }
    Ok(nodes)
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    #[test]
    fn create_collects_every_message() {
        let got = messages(create(
            br#"{"loadBalancer":{"protocol":"GOPHER","port":0}}"#,
        ));
        assert_eq!(
            got,
            [
                "Must provide a name for the load balancer.",
                "Load balancer protocol is invalid. Please specify a valid protocol.",
                "Load balancer port is invalid. Please specify a valid port.",
                "Must provide at least one virtual ip for the load balancer.",
            ]
        );
    }

    #[test]
    fn create_defaults() {
        let lb = create(
            br#"{"loadBalancer":{"name":"a","protocol":"HTTPS","virtualIps":[{"type":"PUBLIC"}]}}"#,
        )
        .expect("valid");
        assert_eq!(
            (lb.port, lb.algorithm.as_str(), lb.timeout),
            (443, "RANDOM", 30)
        );
        let tcp = create(
            br#"{"loadBalancer":{"name":"a","protocol":"TCP","virtualIps":[{"type":"PUBLIC"}]}}"#,
        );
        assert_eq!(
            messages(tcp),
            ["Must provide a valid port for the load balancer."]
        );
    }
}
