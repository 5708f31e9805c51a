//! Read-only views of what a load balancer carries besides its core fields: nodes, health
//! monitor, access list, metadata, throttle, source addresses, SSL termination summary
//! (docs/api/load-balancers.md). Sibling crates manage each of them; these views only read
//! what `GET /loadbalancers/{id}` shows, with the enums the sibling crates use
//! (`rackcloud_core::model`), each keeping a value it does not know.

use serde::Deserialize;

use rackcloud_core::kit::lenient::{opt_bool, opt_u64};
use rackcloud_core::model::RuleType;

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

/// An access item the server shows without a type: kept as an empty unknown one.
fn unnamed_rule() -> RuleType {
    RuleType::Other(String::new())
}
