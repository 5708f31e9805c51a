//! The connection throttle of a load balancer (docs/api/connection-throttling.md): the four
//! fields as last accepted, shown by `GET …/connectionthrottle` and embedded in
//! `GET /loadbalancers/{id}`.

use serde_json::{Map, Value, json};

/// A configured connection throttle. A load balancer without one has `None`
/// (`Features::throttle`); the first PUT must give all four fields, later ones may give some.
/// A throttle given at creation may lack some (the service accepts that); those stay `None`
/// and are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Throttle {
    pub(crate) max_connections: Option<i64>,
    pub(crate) min_connections: Option<i64>,
    pub(crate) max_connection_rate: Option<i64>,
    pub(crate) rate_interval: Option<i64>,
}

impl Throttle {
    /// `{"maxConnections":…,"minConnections":…,"maxConnectionRate":…,"rateInterval":…}`.
    pub(crate) fn json(&self) -> Value {
        let mut object = Map::new();
        for (key, value) in [
            ("maxConnections", self.max_connections),
            ("minConnections", self.min_connections),
            ("maxConnectionRate", self.max_connection_rate),
            ("rateInterval", self.rate_interval),
        ] {
            if let Some(value) = value {
                object.insert(key.into(), json!(value));
            }
        }
        Value::Object(object)
    }
}

/// `GET /loadbalancers/{id}` shows `connectionThrottle` only when one is set.
pub(crate) fn embed(it: Option<&Throttle>, lb: &mut Map<String, Value>) {
    if let Some(throttle) = it {
        lb.insert("connectionThrottle".into(), throttle.json());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_only_when_set() {
        let mut lb = Map::new();
        embed(None, &mut lb);
        assert!(lb.is_empty());
        let throttle = Throttle {
            max_connections: Some(100),
            min_connections: Some(0),
            max_connection_rate: Some(0),
            rate_interval: Some(1),
        };
        embed(Some(&throttle), &mut lb);
        assert_eq!(
            lb["connectionThrottle"],
            json!({"maxConnections": 100, "minConnections": 0, "maxConnectionRate": 0, "rateInterval": 1})
        );
    }
}
