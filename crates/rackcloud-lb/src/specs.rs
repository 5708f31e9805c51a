//! The parts of a load balancer entry: virtual IPs, nodes, health monitor, access rules and
//! connection throttle, and how each becomes the options of its service crate.

use lb_metadata::AddOpts;
use lb_nodes::{Condition, Type};
use rackcloud_core::model::{
    AppendItem, AppendOpts, ConnectOpts, HttpOpts, IpVersion, MonitorOpts, MonitorType, NodeOpts,
    RuleType, ThrottleOpts, VipType,
};
use serde::{Deserialize, Serialize};

/// A virtual IP to create the load balancer with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct VipSpec {
    /// `PUBLIC` or `SERVICENET`.
    #[serde(rename = "type")]
    pub kind: VipType,
    /// `IPV4` or `IPV6` (the service's default when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_version: Option<IpVersion>,
}

/// A node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NodeSpec {
    /// IP address or host name.
    pub address: String,
    /// Port.
    pub port: u16,
    /// `ENABLED` (default), `DISABLED` or `DRAINING`.
    #[serde(default = "enabled")]
    pub condition: Condition,
    /// `PRIMARY` (default) or `SECONDARY` (needs a health monitor).
    #[serde(default = "primary", rename = "type")]
    pub kind: Type,
    /// Weight 1 to 100, compared only when given (weighted algorithms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
}

fn enabled() -> Condition {
    Condition::Enabled
}

fn primary() -> Type {
    Type::Primary
}

/// A health monitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MonitorSpec {
    /// `CONNECT`, `HTTP` or `HTTPS`.
    #[serde(rename = "type")]
    pub kind: MonitorType,
    /// Seconds between checks.
    pub delay: u32,
    /// Seconds a check may take.
    pub timeout: u32,
    /// Failed checks before a node is taken out.
    pub attempts_before_deactivation: u32,
    /// HTTP(S): the path checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// HTTP(S): the status regex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_regex: Option<String>,
    /// HTTP(S): the body regex (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_regex: Option<String>,
    /// HTTP(S): the Host header (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_header: Option<String>,
}

/// An access list rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AccessSpec {
    /// Address or CIDR network.
    pub address: String,
    /// `ALLOW` or `DENY`.
    #[serde(rename = "type")]
    pub kind: RuleType,
}

/// A connection throttle; the optional limits are compared only when given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ThrottleSpec {
    /// Most connections from one address.
    pub max_connections: u32,
    /// Connections always allowed from one address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_connections: Option<u32>,
    /// Most new connections per interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connection_rate: Option<u32>,
    /// The interval in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_interval: Option<u32>,
}

impl VipSpec {
    /// A virtual IP of this type, the service's default IP version (IPv4).
    pub fn new(kind: VipType) -> VipSpec {
        VipSpec {
            kind,
            ip_version: None,
        }
    }
}

impl NodeSpec {
    /// An `ENABLED` `PRIMARY` node, no weight.
    pub fn new(address: impl Into<String>, port: u16) -> NodeSpec {
        NodeSpec {
            address: address.into(),
            port,
            condition: Condition::Enabled,
            kind: Type::Primary,
            weight: None,
        }
    }
    pub(crate) fn opts(&self) -> NodeOpts {
        let mut node = NodeOpts::new(&self.address, self.port)
            .condition(self.condition.clone())
            .node_type(self.kind.clone());
        if let Some(w) = self.weight {
            node = node.weight(w);
        }
        node
    }
}

impl MonitorSpec {
    /// A monitor of this type; for `HTTP` and `HTTPS`, set `path` and `status_regex`.
    pub fn new(kind: MonitorType, delay: u32, timeout: u32, attempts: u32) -> MonitorSpec {
        MonitorSpec {
            kind,
            delay,
            timeout,
            attempts_before_deactivation: attempts,
            path: None,
            status_regex: None,
            body_regex: None,
            host_header: None,
        }
    }
    pub(crate) fn opts(&self) -> MonitorOpts {
        let (d, t, a) = (self.delay, self.timeout, self.attempts_before_deactivation);
        let path = self.path.clone().unwrap_or_default();
        let status = self.status_regex.clone().unwrap_or_default();
        let mut http = match self.kind {
            MonitorType::Http => HttpOpts::http(d, t, a, path, status),
            MonitorType::Https => HttpOpts::https(d, t, a, path, status),
            _ => return MonitorOpts::Connect(ConnectOpts::new(d, t, a)),
        };
        if let Some(b) = &self.body_regex {
            http = http.body_regex(b);
        }
        if let Some(h) = &self.host_header {
            http = http.host_header(h);
        }
        MonitorOpts::Http(http)
    }
}

impl AccessSpec {
    /// A rule for an address or CIDR network.
    pub fn new(address: impl Into<String>, kind: RuleType) -> AccessSpec {
        AccessSpec {
            address: address.into(),
            kind,
        }
    }
}

impl ThrottleSpec {
    /// At most `max_connections` from one address; the other limits not compared.
    pub fn new(max_connections: u32) -> ThrottleSpec {
        ThrottleSpec {
            max_connections,
            min_connections: None,
            max_connection_rate: None,
            rate_interval: None,
        }
    }
    pub(crate) fn opts(&self) -> ThrottleOpts {
        let mut opts = ThrottleOpts::new(self.max_connections);
        if let Some(n) = self.min_connections {
            opts = opts.min_connections(n);
        }
        if let Some(n) = self.max_connection_rate {
            opts = opts.max_connection_rate(n);
        }
        if let Some(n) = self.rate_interval {
            opts = opts.rate_interval(n);
        }
        opts
    }
}

pub(crate) fn access_opts(items: &[AccessSpec]) -> AppendOpts {
    items.iter().fold(AppendOpts::new(), |opts, item| {
        opts.item(AppendItem::new(&item.address, item.kind.clone()))
    })
}

pub(crate) fn metadata_opts<'a>(items: impl Iterator<Item = (&'a String, &'a String)>) -> AddOpts {
    items.fold(AddOpts::new(), |opts, (k, v)| opts.item(k, v))
}
