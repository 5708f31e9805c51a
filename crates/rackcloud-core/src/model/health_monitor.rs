//! [`HealthMonitor`]: a health monitor as the service shows it.

use serde::{Deserialize, Deserializer};

use super::monitor_type::MonitorType;
use crate::kit::lenient::opt_number;

/// The health monitor of a load balancer, as the server shows it: read by
/// `lb_monitors::get`, or in the load balancer (`lb_lbs::LoadBalancer::health_monitor`).
///
/// Numbers may arrive as strings and `null` reads as 0 (docs/api/conventions.md); an object
/// without a type (`{}`) is no monitor, which [`HealthMonitor::deserialize_configured`] reads
/// as `None`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "MonitorWire")]
pub struct HealthMonitor {
    monitor_type: MonitorType,
    delay: u32,
    timeout: u32,
    attempts: u32,
    path: Option<String>,
    status_regex: Option<String>,
    body_regex: Option<String>,
    host_header: Option<String>,
}

impl HealthMonitor {
    /// `CONNECT`, `HTTP`, `HTTPS` (or a kind this crate does not know, kept as sent).
    pub fn monitor_type(&self) -> &MonitorType {
        &self.monitor_type
    }

    /// Seconds between two checks.
    pub fn delay(&self) -> u32 {
        self.delay
    }

    /// Seconds a check waits for an answer.
    pub fn timeout(&self) -> u32 {
        self.timeout
    }

    /// Failed checks in a row before a node is taken out (`attemptsBeforeDeactivation`).
    pub fn attempts_before_deactivation(&self) -> u32 {
        self.attempts
    }

    /// The path an HTTP/HTTPS check requests.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The regular expression the answer's status must match (HTTP/HTTPS).
    pub fn status_regex(&self) -> Option<&str> {
        self.status_regex.as_deref()
    }

    /// The regular expression the answer's body must match, if any (HTTP/HTTPS).
    pub fn body_regex(&self) -> Option<&str> {
        self.body_regex.as_deref()
    }

    /// The `Host` header sent with each check, if any (HTTP/HTTPS).
    pub fn host_header(&self) -> Option<&str> {
        self.host_header.as_deref()
    }
}

impl HealthMonitor {
    /// For `#[serde(default, deserialize_with = "…")]`: a monitor object, or `None` for a
    /// missing or `null` one and for one without a type (`{}`, how the service shows none).
    ///
    /// # Errors
    ///
    /// The deserializer's error for a monitor whose fields do not decode.
    pub fn deserialize_configured<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<HealthMonitor>, D::Error> {
        let wire = Option::<MonitorWire>::deserialize(d)?;
        Ok(wire.and_then(|w| HealthMonitor::try_from(w).ok()))
    }
}

/// The monitor as the wire has it: every field optional, numbers lenient.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MonitorWire {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default, deserialize_with = "opt_number")]
    delay: Option<u32>,
    #[serde(default, deserialize_with = "opt_number")]
    timeout: Option<u32>,
    #[serde(default, deserialize_with = "opt_number")]
    attempts_before_deactivation: Option<u32>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    status_regex: Option<String>,
    #[serde(default)]
    body_regex: Option<String>,
    #[serde(default)]
    host_header: Option<String>,
}

impl TryFrom<MonitorWire> for HealthMonitor {
    type Error = &'static str;

    fn try_from(m: MonitorWire) -> Result<HealthMonitor, &'static str> {
        let kind = m
            .kind
            .filter(|k| !k.is_empty())
            .ok_or("a monitor without a type")?;
        Ok(HealthMonitor {
            monitor_type: MonitorType::from(kind),
            delay: m.delay.unwrap_or(0),
            timeout: m.timeout.unwrap_or(0),
            attempts: m.attempts_before_deactivation.unwrap_or(0),
            path: m.path,
            status_regex: m.status_regex,
            body_regex: m.body_regex,
            host_header: m.host_header,
        })
    }
}
