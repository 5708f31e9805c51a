//! The `POST /loadbalancers` body: every field and nested object checked with the service's
//! rules, the messages in the service's order (docs/api/load-balancers.md), all in one 400.

use serde_json::{Map, Value};

use super::access_list::network_items;
use super::create_parts::{NodeRequest, VipRequest, node_requests, virtual_ips};
use super::fields::{
    TIMEOUT_MESSAGE, TIMEOUTS, algorithm_message, name_message, port_value, read_only_messages,
};
use super::health_monitor::{MonitorContext, MonitorRequest, monitor_object};
use super::lenient::int;
use super::persistence::persistence_type;
use super::settings::enabled_field;
use super::throttle::{ThrottleRequest, throttle_object};
use super::{BodyError, array, string, wrapper};
use crate::load_balancer::PROTOCOLS;

/// A valid `POST /loadbalancers` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewLoadBalancer {
    pub(crate) name: String,
    pub(crate) protocol: String,
    /// `None` when not given: the protocol's default port, or a 400 for TCP and UDP.
    pub(crate) port: Option<u16>,
    pub(crate) algorithm: String,
    pub(crate) timeout: u32,
    pub(crate) half_closed: bool,
    pub(crate) https_redirect: bool,
    pub(crate) virtual_ips: Vec<VipRequest>,
    pub(crate) nodes: Vec<NodeRequest>,
    pub(crate) persistence: Option<String>,
    pub(crate) connection_logging: Option<bool>,
    pub(crate) content_caching: Option<bool>,
    pub(crate) access_list: Vec<(String, String)>,
    pub(crate) metadata: Vec<(String, String)>,
    pub(crate) health_monitor: Option<MonitorRequest>,
    pub(crate) throttle: Option<ThrottleRequest>,
}

/// At most this many access list items and metadata items at creation.
const MAX_ACCESS_LIST: usize = 100;
const MAX_METADATA: usize = 25;

/// The answer to `sslTermination` in a create or update body.
pub(super) const SSL_TERMINATION: &str = "Please visit {account id}/loadbalancers/{load balancer id}/ssltermination to configure ssl termination.";

/// Parses and validates a create body.
pub(crate) fn create(body: &[u8]) -> Result<NewLoadBalancer, BodyError> {
    let lb = wrapper(body, "loadBalancer")?;
    let name = string(&lb, "name")?;
    let protocol = string(&lb, "protocol")?;
    let port = int(&lb, "port")?;
    let algorithm = string(&lb, "algorithm")?;
    let timeout = int(&lb, "timeout")?;
    let half_closed = super::fields::lenient_boolean(&lb, "halfClosed")?;
    let https_redirect = super::fields::lenient_boolean(&lb, "httpsRedirect")?;
    let vips = array(&lb, "virtualIps")?;
    let nodes = array(&lb, "nodes")?;
    let access_list = array(&lb, "accessList")?;
    let metadata = array(&lb, "metadata")?;

    let mut messages = Vec::new();
    match protocol.as_deref() {
        Some(p) if !PROTOCOLS.iter().any(|(known, _)| *known == p) => messages
            .push("Load balancer protocol is invalid. Please specify a valid protocol.".into()),
        Some(_) => {}
        None => messages.push("Must provide a valid protocol for the load balancer.".into()),
    }
    messages.extend(algorithm.as_deref().and_then(algorithm_message));
    if lb.get("sslTermination").is_some_and(|v| !v.is_null()) {
        messages.push(SSL_TERMINATION.into());
    }
    let port = match port {
        Some(p) => match port_value(p) {
            Some(port) => Some(port),
            None => {
                messages.push("Load balancer port is invalid. Please specify a valid port.".into());
                None
            }
        },
        None => None,
    };
    let timeout = match timeout {
        None => 30,
        Some(t) if TIMEOUTS.contains(&t) => u32::try_from(t).unwrap_or(30),
        Some(_) => {
            messages.push(TIMEOUT_MESSAGE.into());
            30
        }
    };
    messages.extend(read_only_messages(&lb));
    match name.as_deref() {
        None => messages.push("Must provide a name for the load balancer.".into()),
        Some(n) => messages.extend(name_message(n, true)),
    }
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
    let connection_logging = nested(&lb, "connectionLogging", &mut messages, |o| {
        enabled_field(
            o,
            "Must specify whether connection logging is enabled or not.",
        )
    })?;
    let content_caching = nested(&lb, "contentCaching", &mut messages, |o| {
        enabled_field(o, "Must specify whether content caching is enabled or not.")
    })?;
    let access_list = match access_list {
        None => Vec::new(),
        Some(items) => {
            if items.len() > MAX_ACCESS_LIST {
                messages.push("Must not provide more than one hundred access list items".into());
            }
            network_items(items, &mut messages)?
        }
    };
    let nodes = match nodes {
        None => Vec::new(),
        Some(nodes) => node_requests(nodes, &mut messages)?,
    };
    let metadata = match metadata {
        None => Vec::new(),
        Some(items) => metadata_items(items, &mut messages)?,
    };
    let persistence = nested(&lb, "sessionPersistence", &mut messages, persistence_type)?;
    let health_monitor = nested(&lb, "healthMonitor", &mut messages, |o| {
        monitor_object(o, MonitorContext::Create)
    })?;
    let throttle = nested(&lb, "connectionThrottle", &mut messages, |o| {
        throttle_object(o, false)
    })?;
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
        connection_logging,
        content_caching,
        access_list,
        metadata,
        health_monitor,
        throttle,
    })
}

/// A nested object read by `read`: `None` when absent or null, a schema failure when it is not
/// an object; its validation messages go to `messages`.
fn nested<T>(
    lb: &Map<String, Value>,
    key: &str,
    messages: &mut Vec<String>,
    read: impl FnOnce(&Map<String, Value>) -> Result<T, BodyError>,
) -> Result<Option<T>, BodyError> {
    match lb.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(object)) => match read(object) {
            Ok(value) => Ok(Some(value)),
            Err(BodyError::Validation(found)) => {
                messages.extend(found);
                Ok(None)
            }
            Err(BodyError::Schema) => Err(BodyError::Schema),
        },
        Some(_) => Err(BodyError::Schema),
    }
}

/// The metadata of a create: each item by the metadata rules, then unique keys (the service
/// answers with its node message), then at most 25.
fn metadata_items(
    items: &[Value],
    messages: &mut Vec<String>,
) -> Result<Vec<(String, String)>, BodyError> {
    let pairs = match super::super::metadata::bodies::items(items) {
        Ok(pairs) => pairs,
        Err(BodyError::Validation(found)) => {
            messages.extend(found);
            Vec::new()
        }
        Err(BodyError::Schema) => return Err(BodyError::Schema),
    };
    let mut keys = std::collections::HashSet::new();
    if !pairs.iter().all(|(key, _)| keys.insert(key.as_str())) {
        messages.push("Duplicate nodes detected. Please ensure that the ip address and port are unique for each node.".into());
    }
    if items.len() > MAX_METADATA {
        messages.push(
            "Must not provide more than twenty five metadata items per load balancer.".into(),
        );
    }
    Ok(pairs)
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
                "Load balancer protocol is invalid. Please specify a valid protocol.",
                "Load balancer port is invalid. Please specify a valid port.",
                "Must provide a name for the load balancer.",
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
            (None, "RANDOM", 30)
        );
        let strings = create(
            br#"{"loadBalancer":{"name":"a","protocol":"TCP","port":"81","timeout":"60","virtualIps":[{"type":"PUBLIC"}]}}"#,
        )
        .expect("numeric strings");
        assert_eq!((strings.port, strings.timeout), (Some(81), 60));
    }
}
