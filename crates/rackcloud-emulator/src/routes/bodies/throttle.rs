//! The connection throttle body (docs/api/connection-throttling.md), of `PUT
//! …/connectionthrottle` and of `POST /loadbalancers`: each field is optional here (the first
//! PUT needs all four, which the route checks after the lookup), and each one present must be
//! in the service's range.

use serde_json::{Map, Value};

use super::BodyError;
use super::lenient::{int, root_object};

/// The fields a PUT gave; `None` for those it left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ThrottleRequest {
    pub(crate) max_connections: Option<i64>,
    pub(crate) min_connections: Option<i64>,
    pub(crate) max_connection_rate: Option<i64>,
    pub(crate) rate_interval: Option<i64>,
}

impl ThrottleRequest {
    /// Whether all four fields were given (what a first creation needs).
    pub(crate) fn is_complete(&self) -> bool {
        self.max_connections.is_some()
            && self.min_connections.is_some()
            && self.max_connection_rate.is_some()
            && self.rate_interval.is_some()
    }
}

impl From<ThrottleRequest> for crate::features::throttle::Throttle {
    fn from(request: ThrottleRequest) -> Self {
        crate::features::throttle::Throttle {
            max_connections: request.max_connections,
            min_connections: request.min_connections,
            max_connection_rate: request.max_connection_rate,
            rate_interval: request.rate_interval,
        }
    }
}

/// Parses and validates the `PUT …/connectionthrottle` body (the root key is optional).
pub(crate) fn throttle(body: &[u8]) -> Result<ThrottleRequest, BodyError> {
    throttle_object(&root_object(body, "connectionThrottle")?, true)
}

/// Validates one throttle object: each field present in the service's range; on a PUT
/// (`put`) at least one field. The `connectionThrottle` of `POST /loadbalancers` has only the
/// ranges.
pub(crate) fn throttle_object(
    object: &Map<String, Value>,
    put: bool,
) -> Result<ThrottleRequest, BodyError> {
    let request = ThrottleRequest {
        max_connections: int(object, "maxConnections")?,
        min_connections: int(object, "minConnections")?,
        max_connection_rate: int(object, "maxConnectionRate")?,
        rate_interval: int(object, "rateInterval")?,
    };
    // The service's order and wording, its typo ("provde") included.
    let checks = [
        (
            request.min_connections,
            0,
            1000,
            "Must provide a valid minimum connections range.",
        ),
        (
            request.max_connections,
            1,
            100_000,
            "Must provide a valid maximum connections range.",
        ),
        (
            request.max_connection_rate,
            0,
            100_000,
            "Must provde a valid maximum connection rate range.",
        ),
        (
            request.rate_interval,
            1,
            3600,
            "Must provide a valid rate interval range.",
        ),
    ];
    let mut messages: Vec<String> = checks
        .iter()
        .filter(|(value, floor, ceiling, _)| {
            value.is_some_and(|v| !(*floor..=*ceiling).contains(&v))
        })
        .map(|(_, _, _, message)| (*message).to_owned())
        .collect();
    if put && checks.iter().all(|(value, ..)| value.is_none()) {
        messages.push("You must provide at least one of the following: minConnections, maxConnections, maxConnectionRate, rateInterval.".into());
    }
    if messages.is_empty() {
        Ok(request)
    } else {
        Err(BodyError::Validation(messages))
    }
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    #[test]
    fn throttle_bodies() {
        let all = throttle(br#"{"connectionThrottle":{"maxConnections":100000,"minConnections":1000,"maxConnectionRate":"100000","rateInterval":3600}}"#)
            .expect("upper bounds");
        assert!(all.is_complete());
        let some = throttle(br#"{"maxConnections":1,"minConnections":0,"maxConnectionRate":0}"#)
            .expect("lower bounds");
        assert!(!some.is_complete());
        assert_eq!(some.rate_interval, None);
        assert_eq!(
            messages(throttle(br#"{"maxConnections":0,"minConnections":1001,"maxConnectionRate":-1,"rateInterval":0}"#)),
            [
                "Must provide a valid minimum connections range.",
                "Must provide a valid maximum connections range.",
                "Must provde a valid maximum connection rate range.",
                "Must provide a valid rate interval range.",
            ]
        );
        assert_eq!(
            messages(throttle(
                br#"{"connectionThrottle":{"maxConnections":null}}"#
            )),
            [
                "You must provide at least one of the following: minConnections, maxConnections, maxConnectionRate, rateInterval."
            ]
        );
        assert_eq!(
            throttle(br#"{"maxConnections":true}"#),
            Err(BodyError::Schema)
        );
    }
}
