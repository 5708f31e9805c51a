//! Read-only views of what a load balancer carries besides its core fields: nodes, health
//! monitor, access list, metadata, throttle, source addresses, SSL termination summary
//! (docs/api/load-balancers.md). Sibling crates manage each of them; these views only read
//! what `GET /loadbalancers/{id}` shows, with the enums the sibling crates use
//! (`rackcloud_core::model`), each keeping a value it does not know.

use serde::Deserialize;

use rackcloud_core::kit::lenient::{opt_bool, opt_u64};
use rackcloud_core::model::{MonitorType, NodeCondition, NodeStatus, NodeType, RuleType};

/// A back-end node as the load balancer object shows it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Node {
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    #[serde(default)]
    address: String,
    #[serde(default, deserialize_with = "opt_u64")]
    port: Option<u64>,
    #[serde(default)]
    condition: Option<NodeCondition>,
    #[serde(default)]
    status: Option<NodeStatus>,
    #[serde(default, rename = "type")]
    kind: Option<NodeType>,
    #[serde(default, deserialize_with = "opt_u64")]
    weight: Option<u64>,
}

impl Node {
    /// Its id (0 if the server gave none).
    pub fn id(&self) -> u64 {
        self.id.unwrap_or(0)
    }
    /// Its address (an IP address or an allowed domain name).
    pub fn address(&self) -> &str {
        &self.address
    }
    /// Its port (0 if the server gave none).
    pub fn port(&self) -> u16 {
        self.port.and_then(|p| u16::try_from(p).ok()).unwrap_or(0)
    }
    /// `ENABLED`, `DISABLED` or `DRAINING`, when given.
    pub fn condition(&self) -> Option<&NodeCondition> {
        self.condition.as_ref()
    }
    /// `ONLINE` or `OFFLINE`, when given.
    pub fn status(&self) -> Option<&NodeStatus> {
        self.status.as_ref()
    }
    /// `PRIMARY` or `SECONDARY`, when given.
    pub fn kind(&self) -> Option<&NodeType> {
        self.kind.as_ref()
    }
    /// Its weight; shown only with the weighted algorithms.
    pub fn weight(&self) -> Option<u64> {
        self.weight
    }
}

/// The health monitor, when one is configured.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthMonitor {
    #[serde(default = "unnamed_monitor", rename = "type")]
    kind: MonitorType,
    #[serde(default, deserialize_with = "opt_u64")]
    delay: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    timeout: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    attempts_before_deactivation: Option<u64>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    status_regex: Option<String>,
    #[serde(default)]
    body_regex: Option<String>,
    #[serde(default)]
    host_header: Option<String>,
}

impl HealthMonitor {
    /// `CONNECT`, `HTTP` or `HTTPS`.
    pub fn kind(&self) -> &MonitorType {
        &self.kind
    }
    /// Seconds between two checks.
    pub fn delay(&self) -> Option<u64> {
        self.delay
    }
    /// Seconds a check may take.
    pub fn timeout(&self) -> Option<u64> {
        self.timeout
    }
    /// Failed checks before a node is taken out of rotation.
    pub fn attempts_before_deactivation(&self) -> Option<u64> {
        self.attempts_before_deactivation
    }
    /// The path an HTTP(S) monitor requests.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
    /// The status an HTTP(S) monitor expects, as a regular expression.
    pub fn status_regex(&self) -> Option<&str> {
        self.status_regex.as_deref()
    }
    /// The body an HTTP(S) monitor expects, as a regular expression.
    pub fn body_regex(&self) -> Option<&str> {
        self.body_regex.as_deref()
    }
    /// The `Host` header an HTTP(S) monitor sends.
    pub fn host_header(&self) -> Option<&str> {
        self.host_header.as_deref()
    }
}

/// One item of the access list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AccessItem {
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    #[serde(default)]
    address: String,
    #[serde(default = "unnamed_rule", rename = "type")]
    kind: RuleType,
}

impl AccessItem {
    /// Its id (0 if the server gave none).
    pub fn id(&self) -> u64 {
        self.id.unwrap_or(0)
    }
    /// The address or network (`192.0.2.0/24`).
    pub fn address(&self) -> &str {
        &self.address
    }
    /// `ALLOW` or `DENY`.
    pub fn kind(&self) -> &RuleType {
        &self.kind
    }
}

/// One metadata item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MetadataItem {
    #[serde(default, deserialize_with = "opt_u64")]
    id: Option<u64>,
    #[serde(default)]
    key: String,
    #[serde(default)]
    value: String,
}

impl MetadataItem {
    /// Its id (0 if the server gave none).
    pub fn id(&self) -> u64 {
        self.id.unwrap_or(0)
    }
    /// The key.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// The connection throttle, when one is configured (only `maxConnections` still has effect).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Throttle {
    #[serde(default, deserialize_with = "opt_u64")]
    max_connections: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    min_connections: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    max_connection_rate: Option<u64>,
    #[serde(default, deserialize_with = "opt_u64")]
    rate_interval: Option<u64>,
}

impl Throttle {
    /// Simultaneous connections allowed from one address.
    pub fn max_connections(&self) -> Option<u64> {
        self.max_connections
    }
    /// Deprecated by the service; shown when set.
    pub fn min_connections(&self) -> Option<u64> {
        self.min_connections
    }
    /// Deprecated by the service; shown when set.
    pub fn max_connection_rate(&self) -> Option<u64> {
        self.max_connection_rate
    }
    /// Deprecated by the service; shown when set.
    pub fn rate_interval(&self) -> Option<u64> {
        self.rate_interval
    }
}

/// The addresses the load balancer uses towards its nodes (`sourceAddresses`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceAddresses {
    #[serde(default)]
    ipv4_public: Option<String>,
    #[serde(default)]
    ipv4_servicenet: Option<String>,
    #[serde(default)]
    ipv6_public: Option<String>,
    #[serde(default)]
    ipv6_servicenet: Option<String>,
}

impl SourceAddresses {
    /// The public IPv4 address.
    pub fn ipv4_public(&self) -> Option<&str> {
        self.ipv4_public.as_deref()
    }
    /// The ServiceNet IPv4 address.
    pub fn ipv4_servicenet(&self) -> Option<&str> {
        self.ipv4_servicenet.as_deref()
    }
    /// The public IPv6 network.
    pub fn ipv6_public(&self) -> Option<&str> {
        self.ipv6_public.as_deref()
    }
    /// The ServiceNet IPv6 network.
    pub fn ipv6_servicenet(&self) -> Option<&str> {
        self.ipv6_servicenet.as_deref()
    }
}

/// What the load balancer object says of SSL termination, when it says anything (the
/// certificate and key are read with the SSL termination resource).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SslSummary {
    #[serde(default, deserialize_with = "opt_bool")]
    enabled: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    secure_traffic_only: Option<bool>,
    #[serde(default, deserialize_with = "opt_u64")]
    secure_port: Option<u64>,
}

impl SslSummary {
    /// Whether SSL termination is on.
    pub fn enabled(&self) -> Option<bool> {
        self.enabled
    }
    /// Whether only secure traffic is accepted.
    pub fn secure_traffic_only(&self) -> Option<bool> {
        self.secure_traffic_only
    }
    /// The port of the secure side.
    pub fn secure_port(&self) -> Option<u64> {
        self.secure_port
    }
}

/// A monitor the server shows without a type: kept as an empty unknown one.
fn unnamed_monitor() -> MonitorType {
    MonitorType::Other(String::new())
}

/// An access item the server shows without a type: kept as an empty unknown one.
fn unnamed_rule() -> RuleType {
    RuleType::Other(String::new())
}
