//! The `PUT /loadbalancers/{id}` body.

use super::fields::{
    TIMEOUT_MESSAGE, TIMEOUTS, algorithm_message, name_message, port_value, read_only_messages,
};
use super::{BodyError, boolean, integer, string, wrapper};
use crate::load_balancer::PROTOCOLS;

/// A valid `PUT /loadbalancers/{id}` body: the attributes to change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LoadBalancerUpdate {
    pub(crate) name: Option<String>,
    pub(crate) algorithm: Option<String>,
    pub(crate) protocol: Option<String>,
    pub(crate) port: Option<u16>,
    pub(crate) timeout: Option<u32>,
    pub(crate) half_closed: Option<bool>,
    pub(crate) https_redirect: Option<bool>,
}

/// Fields `PUT /loadbalancers/{id}` refuses because they have their own resource.
const OWN_RESOURCE: [(&str, &str); 9] = [
    (
        "nodes",
        "Please visit {account id}/loadbalancers/{load balancer id}/nodes to configure nodes.",
    ),
    (
        "metadata",
        "Please visit {account id}/loadbalancers/{load balancer id}/metadata to configure metadata.",
    ),
    (
        "virtualIps",
        "Please visit {account id}/loadbalancers/{load balancer id}/virtualips/{virtual ip id} to configure a virtual ip.",
    ),
    (
        "sessionPersistence",
        "Please visit {account id}/loadbalancers/{load balancer id}/sessionpersistence to configure session persistence.",
    ),
    (
        "healthMonitor",
        "Please visit {account id}/loadbalancers/{load balancer id}/healthmonitor to configure your health monitor.",
    ),
    (
        "connectionThrottle",
        "Please visit {account id}/loadbalancers/{load balancer id}/throttles to configure connection throttling.",
    ),
    (
        "accessList",
        "Please visit {account id}/loadbalancers/{load balancer id}/accesslist to configure access lists.",
    ),
    (
        "connectionLogging",
        "Please visit {account id}/loadbalancers/{load balancer id}/connecitonlogging to configure connection logging.",
    ),
    (
        "contentCaching",
        "Please visit {account id}/loadbalancers/{load balancer id}/contentcaching to configure content caching.",
    ),
];

/// The answer to an update that changes nothing.
const NOTHING_TO_UPDATE: &str = "The load balancer must have at least one of the following to update: name, algorithm, protocol, port, timeout, halfClosed, or httpsRedirect.";

/// Parses and validates an update body.
pub(crate) fn update(body: &[u8]) -> Result<LoadBalancerUpdate, BodyError> {
    let lb = wrapper(body, "loadBalancer")?;
    let name = string(&lb, "name")?;
    let algorithm = string(&lb, "algorithm")?;
    let protocol = string(&lb, "protocol")?;
    let port = integer(&lb, "port")?;
    let timeout = integer(&lb, "timeout")?;
    let half_closed = boolean(&lb, "halfClosed")?;
    let https_redirect = boolean(&lb, "httpsRedirect")?;

    let mut messages = read_only_messages(&lb);
    for (key, message) in OWN_RESOURCE {
        if lb.get(key).is_some_and(|v| !v.is_null()) {
            messages.push(message.into());
        }
    }
    let nothing = name.is_none()
        && algorithm.is_none()
        && protocol.is_none()
        && port.is_none()
        && timeout.is_none()
        && half_closed.is_none()
        && https_redirect.is_none();
    if nothing {
        messages.push(NOTHING_TO_UPDATE.into());
    }
    if let Some(n) = &name {
        messages.extend(name_message(n));
    }
    if protocol
        .as_deref()
        .is_some_and(|p| !PROTOCOLS.iter().any(|(k, _)| *k == p))
    {
        messages.push("Load balancer protocol is invalid. Please specify a valid protocol.".into());
    }
    messages.extend(algorithm.as_deref().and_then(algorithm_message));
    let port = match port.map(port_value) {
        Some(None) => {
            messages.push("Load balancer port is invalid. Please specify a valid port.".into());
            None
        }
        other => other.flatten(),
    };
    let timeout = match timeout {
        Some(t) if !TIMEOUTS.contains(&t) => {
            messages.push(TIMEOUT_MESSAGE.into());
            None
        }
        other => other.and_then(|t| u32::try_from(t).ok()),
    };
    if !messages.is_empty() {
        return Err(BodyError::Validation(messages));
    }
    Ok(LoadBalancerUpdate {
        name,
        algorithm,
        protocol,
        port,
        timeout,
        half_closed,
        https_redirect,
    })
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    #[test]
    fn update_rules() {
        assert_eq!(
            messages(update(br#"{"loadBalancer":{}}"#)),
            [NOTHING_TO_UPDATE]
        );
        assert_eq!(
            update(br#"{"loadBalancer":{"port":"80"}}"#),
            Err(BodyError::Schema)
        );
        let ok = update(br#"{"loadBalancer":{"name":"b","port":8080}}"#).expect("valid");
        assert_eq!((ok.name.as_deref(), ok.port), (Some("b"), Some(8080)));
    }
}
