//! The health monitor of a load balancer (docs/api/health-monitors.md): what was last accepted by
//! `PUT …/healthmonitor`, shown by its GET and embedded in `GET /loadbalancers/{id}`.

use serde_json::{Map, Value, json};

/// A configured health monitor. A load balancer without one has `None`
/// (`Features::health_monitor`); `SECONDARY` nodes need one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HealthMonitor {
    /// `CONNECT`, `HTTP` or `HTTPS`.
    pub(crate) kind: String,
    pub(crate) delay: i64,
    pub(crate) timeout: i64,
    pub(crate) attempts: i64,
    /// The HTTP fields; all `None` for `CONNECT`.
    pub(crate) path: Option<String>,
    pub(crate) status_regex: Option<String>,
    pub(crate) body_regex: Option<String>,
    pub(crate) host_header: Option<String>,
}

impl HealthMonitor {
    /// The object the service shows: the four common fields and the HTTP fields that are set.
    pub(crate) fn json(&self) -> Value {
        let mut m = Map::new();
        m.insert("type".into(), json!(self.kind));
        m.insert("delay".into(), json!(self.delay));
        m.insert("timeout".into(), json!(self.timeout));
        m.insert("attemptsBeforeDeactivation".into(), json!(self.attempts));
        for (key, value) in [
            ("path", &self.path),
            ("statusRegex", &self.status_regex),
            ("bodyRegex", &self.body_regex),
            ("hostHeader", &self.host_header),
        ] {
            if let Some(value) = value {
                m.insert(key.into(), json!(value));
            }
        }
        Value::Object(m)
    }
}

/// `GET /loadbalancers/{id}` shows `healthMonitor` only when one is configured.
pub(crate) fn embed(it: Option<&HealthMonitor>, lb: &mut Map<String, Value>) {
    if let Some(monitor) = it {
        lb.insert("healthMonitor".into(), monitor.json());
    }
}

/// The protocol rule of `POST /loadbalancers`: `Err` with the 400 message when a
/// monitor of `kind` does not fit a load balancer of `protocol`.
pub(crate) fn fits(kind: &str, protocol: &str) -> Result<(), &'static str> {
    if ["UDP", "UDP_STREAM", "DNS_UDP"].contains(&protocol) {
        return Err("Protocol UDP, UDP_STREAM and DNS_UDP are not allowed with health monitors. ");
    }
    match kind {
        "HTTP" if protocol != "HTTP" => Err("Protocol must be HTTP for an HTTP health monitor."),
        "HTTPS" if protocol != "HTTPS" => {
            Err("Protocol must be HTTPS for an HTTPS health monitor.")
        }
        _ => Ok(()),
    }
}

/// The protocol rule of `PUT …/healthmonitor`, in that operation's words: `Err` with the 400
/// message when a monitor of `kind` does not fit a load balancer of `protocol`.
pub(crate) fn update_fits(kind: &str, protocol: &str) -> Result<(), String> {
    if ["UDP", "UDP_STREAM", "DNS_UDP"].contains(&protocol) {
        return Err(
            "Protocol UDP, UDP_STREAM and DNS_UDP are not allowed with health monitors. ".into(),
        );
    }
    match kind {
        "HTTP" | "HTTPS" if protocol != kind => Err(format!(
            "Cannot update Health Monitor to Type {kind} because load balancer protocol is {protocol}"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_only_when_configured() {
        let mut lb = Map::new();
        embed(None, &mut lb);
        assert!(lb.is_empty());
        let monitor = HealthMonitor {
            kind: "HTTP".into(),
            delay: 10,
            timeout: 5,
            attempts: 2,
            path: Some("/".into()),
            status_regex: Some("^2".into()),
            body_regex: None,
            host_header: None,
        };
        embed(Some(&monitor), &mut lb);
        assert_eq!(
            lb["healthMonitor"],
            json!({"type": "HTTP", "delay": 10, "timeout": 5, "attemptsBeforeDeactivation": 2,
                   "path": "/", "statusRegex": "^2"})
        );
    }

    #[test]
    fn protocol_rules() {
        assert!(fits("CONNECT", "TCP").is_ok());
        assert!(fits("HTTP", "HTTP").is_ok());
        assert!(fits("HTTPS", "HTTPS").is_ok());
        assert!(fits("CONNECT", "UDP").is_err());
        assert!(fits("HTTP", "HTTPS").is_err());
        assert!(fits("HTTPS", "HTTP").is_err());
        assert_eq!(
            update_fits("HTTP", "TCP"),
            Err(
                "Cannot update Health Monitor to Type HTTP because load balancer protocol is TCP"
                    .into()
            )
        );
        assert!(update_fits("CONNECT", "TCP").is_ok());
    }
}
