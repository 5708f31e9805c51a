//! The `PUT /loadbalancers/{id}` body.

use serde_json::Value;

use super::create::SSL_TERMINATION;
use super::fields::{
    TIMEOUT_MESSAGE, TIMEOUTS, algorithm_message, lenient_boolean, name_message, port_value,
    read_only_messages,
};
use super::lenient::int;
use super::{BodyError, string, wrapper};
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

/// Fields `PUT /loadbalancers/{id}` refuses because they have their own resource, in the
/// service's order.
const OWN_RESOURCE: [(&str, &str); 9] = [
    (
        "virtualIps",
        "Please visit {account id}/loadbalancers/{load balancer id}/virtualips/{virtual ip id} to configure a virtual ip.",
    ),
    (
        "connectionLogging",
        "Please visit {account id}/loadbalancers/{load balancer id}/connecitonlogging to configure connection logging.",
    ),
    (
        "contentCaching",
        "Please visit {account id}/loadbalancers/{load balancer id}/contentcaching to configure content caching.",
    ),
    (
        "accessList",
        "Please visit {account id}/loadbalancers/{load balancer id}/accesslist to configure access lists.",
    ),
    (
        "nodes",
        "Please visit {account id}/loadbalancers/{load balancer id}/nodes to configure nodes.",
    ),
    (
        "metadata",
        "Please visit {account id}/loadbalancers/{load balancer id}/metadata to configure metadata.",
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
];

/// The answer to an update that changes nothing.
const NOTHING_TO_UPDATE: &str = "The load balancer must have at least one of the following to update: name, algorithm, protocol, port, timeout, halfClosed, or httpsRedirect.";

/// Parses and validates an update body; the messages in the service's order: the field rules,
/// then the nested objects, then "at least one".
pub(crate) fn update(body: &[u8]) -> Result<LoadBalancerUpdate, BodyError> {
    let lb = wrapper(body, "loadBalancer")?;
    let name = string(&lb, "name")?;
    let algorithm = string(&lb, "algorithm")?;
    let protocol = string(&lb, "protocol")?;
    let port = int(&lb, "port")?;
    let timeout = int(&lb, "timeout")?;
    let half_closed = lenient_boolean(&lb, "halfClosed")?;
    let https_redirect = lenient_boolean(&lb, "httpsRedirect")?;

    let mut messages = Vec::new();
    if protocol
        .as_deref()
        .is_some_and(|p| !PROTOCOLS.iter().any(|(k, _)| *k == p))
    {
        messages.push("Load balancer protocol is invalid. Please specify a valid protocol.".into());
    }
    messages.extend(algorithm.as_deref().and_then(algorithm_message));
    if lb.get("sslTermination").is_some_and(|v| !v.is_null()) {
        messages.push(SSL_TERMINATION.into());
    }
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
    messages.extend(read_only_messages(&lb));
    if let Some(n) = &name {
        messages.extend(name_message(n, false));
    }
    for (key, message) in OWN_RESOURCE {
        let given = match lb.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Array(items)) => !items.is_empty(),
            Some(_) => true,
        };
        if given {
            messages.push(message.into());
        }
    }
    let connection_logging = lb.get("connectionLogging").is_some_and(|v| !v.is_null());
    let nothing = name.is_none()
        && algorithm.is_none()
        && protocol.is_none()
        && port.is_none()
        && timeout.is_none()
        && half_closed.is_none()
        && https_redirect.is_none()
        && !connection_logging;
    if nothing {
        messages.push(NOTHING_TO_UPDATE.into());
    }
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
            update(br#"{"loadBalancer":{"port":"80"}}"#).map(|u| u.port),
            Ok(Some(80))
        );
        assert_eq!(
            update(br#"{"loadBalancer":{"port":"eighty"}}"#),
            Err(BodyError::Schema)
        );
        assert_eq!(
            messages(update(
                br#"{"loadBalancer":{"sslTermination":{},"connectionLogging":{"enabled":true}}}"#
            )),
            [
                super::SSL_TERMINATION,
                "Please visit {account id}/loadbalancers/{load balancer id}/connecitonlogging to configure connection logging.",
            ]
        );
        let ok = update(br#"{"loadBalancer":{"name":"b","port":8080}}"#).expect("valid");
        assert_eq!((ok.name.as_deref(), ok.port), (Some("b"), Some(8080)));
    }
}
