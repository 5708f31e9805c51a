//! The document: load balancers described completely, read from JSON with unknown fields
//! refused (docs/declarative.md is the reference).

use std::collections::BTreeMap;

use lb_acl::{AppendOpts, AppendOptsBuilder, RuleType};
use lb_lbs::{Algorithm, IpVersion, Protocol, VipType};
use lb_metadata::{AddOpts, AddOptsBuilder};
use lb_monitors::{ConnectOpts, HttpOpts, MonitorOpts, MonitorType, UpdateOptsBuilder};
use lb_nodes::{Condition, NodeOpts, Type};
use lb_throttle::{SetOptsBuilder, ThrottleOpts};
use rackcloud_core::Error;
use serde::{Deserialize, Serialize};

/// A document: the load balancers an account should have, each matched by name.
///
/// Load balancers of the account that the document does not name are left alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Document {
    /// The load balancers, by name (each name once).
    pub load_balancers: Vec<LbSpec>,
}

/// One load balancer, completely: what the document leaves out is absent (no monitor, no
/// throttle, no nodes…), except `algorithm` and `timeout`, which are left as they are when not
/// given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LbSpec {
    /// The name, the key that matches it to a load balancer of the account.
    pub name: String,
    /// The protocol (`HTTP`, `HTTPS`, `TCP`, …).
    pub protocol: Protocol,
    /// The port it listens on.
    pub port: u16,
    /// How traffic is spread (left as it is when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<Algorithm>,
    /// The idle timeout in seconds, 30 to 120 (left as it is when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u32>,
    /// The virtual IPs, used when the load balancer is created (see the reference).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub virtual_ips: Vec<VipSpec>,
    /// The nodes, matched by address and port.
    #[serde(default)]
    pub nodes: Vec<NodeSpec>,
    /// The health monitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_monitor: Option<MonitorSpec>,
    /// The access list, matched by address and type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_list: Vec<AccessSpec>,
    /// The connection throttle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_throttle: Option<ThrottleSpec>,
    /// Session persistence (`HTTP_COOKIE`, `SOURCE_IP`, `SSL_ID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_persistence: Option<lb_sessions::Type>,
    /// Connection logging on or off.
    #[serde(default)]
    pub connection_logging: bool,
    /// Content caching on or off.
    #[serde(default)]
    pub content_caching: bool,
    /// Metadata, key to value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

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

impl Document {
    /// Reads and checks a document.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) naming the field and its line
    /// and column for JSON that is not a document (an unknown field, a wrong type), and naming
    /// the load balancer and field for values that cannot be valid ([`Document::check`]).
    pub fn from_json(text: &str) -> Result<Document, Error> {
        let doc: Document = serde_json::from_str(text)
            .map_err(|e| Error::invalid_input(format!("the document is invalid: {e}")))?;
        doc.check()?;
        Ok(doc)
    }

    /// The document as pretty JSON.
    pub fn to_json(&self) -> String {
        // A document is plain data: serialising it cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every value the SDK checks before sending, plus names given once.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) starting with
    /// `load_balancers[i] (name).field`.
    pub fn check(&self) -> Result<(), Error> {
        for (i, lb) in self.load_balancers.iter().enumerate() {
            let at = |field: &str, e: Error| {
                Error::invalid_input(format!(
                    "load_balancers[{i}] ({:?}).{field}: {}",
                    lb.name,
                    e.to_string().trim_start_matches("invalid input: ")
                ))
            };
            if lb.name.trim().is_empty() {
                return Err(at("name", Error::invalid_input("the name is empty")));
            }
            if self.load_balancers[..i].iter().any(|o| o.name == lb.name) {
                return Err(at("name", Error::invalid_input("this name is given twice")));
            }
            if lb.port == 0 {
                return Err(at(
                    "port",
                    Error::invalid_input("the port is 0; use 1 to 65535"),
                ));
            }
            if let Some(t) = lb.timeout
                && !(30..=120).contains(&t)
            {
                return Err(at("timeout", Error::invalid_input("use 30 to 120 seconds")));
            }
            lb_nodes::plan(&[], &lb.node_opts()).map_err(|e| at("nodes", e))?;
            if let Some(m) = &lb.health_monitor {
                m.opts()
                    .to_monitor_update_map()
                    .map_err(|e| at("health_monitor", e))?;
            }
            if let Some(t) = &lb.connection_throttle {
                t.opts()
                    .to_throttle_set_map()
                    .map_err(|e| at("connection_throttle", e))?;
            }
            if !lb.access_list.is_empty() {
                access_opts(&lb.access_list)
                    .to_access_list_append_map()
                    .map_err(|e| at("access_list", e))?;
            }
            if !lb.metadata.is_empty() {
                metadata_opts(lb.metadata.iter())
                    .to_metadata_add_map()
                    .map_err(|e| at("metadata", e))?;
            }
        }
        Ok(())
    }
}

impl LbSpec {
    /// The nodes as the nodes crate's options.
    pub(crate) fn node_opts(&self) -> Vec<NodeOpts> {
        self.nodes.iter().map(NodeSpec::opts).collect()
    }
}

impl NodeSpec {
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

impl ThrottleSpec {
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
        opts.item(lb_acl::AppendItem::new(&item.address, item.kind.clone()))
    })
}

pub(crate) fn metadata_opts<'a>(items: impl Iterator<Item = (&'a String, &'a String)>) -> AddOpts {
    items.fold(AddOpts::new(), |opts, (k, v)| opts.item(k, v))
}
