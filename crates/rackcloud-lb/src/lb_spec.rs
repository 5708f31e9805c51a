//! [`LbSpec`]: one load balancer of a document, completely.

use std::collections::BTreeMap;

use lb_lbs::{Algorithm, Protocol};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::files::FileText;
use crate::specs::{AccessSpec, MonitorSpec, NodeSpec, ThrottleSpec, VipSpec};
use crate::ssl_spec::{MappingSpec, SslSpec};

/// One load balancer, completely: what the document leaves out is absent (no monitor, no
/// throttle, no nodes, no SSL termination…), except `algorithm`, `timeout`, `virtual_ips` and
/// `error_page_file`, which are left as they are when not given.
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
    /// The virtual IPs, matched by type and IP version (left as they are when empty; one
    /// `PUBLIC` IPv4 when the load balancer is created).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub virtual_ips: Vec<VipSpec>,
    /// Half-closed TCP connections supported.
    #[serde(default)]
    pub half_closed: bool,
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
    /// SSL termination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_termination: Option<SslSpec>,
    /// Certificate mappings (need SSL termination), matched by host name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificate_mappings: Vec<MappingSpec>,
    /// HTTP requests answered with a redirect to HTTPS.
    #[serde(default)]
    pub https_redirect: bool,
    /// The error page (HTML file), HTTP load balancers only (left as it is when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_page_file: Option<FileText>,
    /// Connection logging on or off.
    #[serde(default)]
    pub connection_logging: bool,
    /// Content caching on or off.
    #[serde(default)]
    pub content_caching: bool,
    /// Metadata, key to value (each key once).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub metadata: BTreeMap<String, String>,
}

impl LbSpec {
    /// A load balancer with nothing but its name, protocol and port; set the other fields.
    ///
    /// # Examples
    ///
    /// A document built in code, planned without an account:
    ///
    /// ```
    /// use rackcloud_lb::{Change, Document, LbSpec, NodeSpec, lbs::Protocol, plan};
    ///
    /// let mut shop = LbSpec::new("shop", Protocol::Http, 80);
    /// shop.nodes.push(NodeSpec::new("10.0.0.1", 8080));
    /// shop.connection_logging = true;
    /// let doc = Document::new(vec![shop]);
    /// let p = plan(&doc, &[])?;
    /// // One creation, with the logging in the same request.
    /// let [Change::CreateLb(created)] = p.lbs()[0].changes() else { panic!("{p}") };
    /// assert!(created.connection_logging);
    /// # Ok::<(), rackcloud_lb::core::Error>(())
    /// ```
    pub fn new(name: impl Into<String>, protocol: Protocol, port: u16) -> LbSpec {
        LbSpec {
            name: name.into(),
            protocol,
            port,
            algorithm: None,
            timeout: None,
            virtual_ips: Vec::new(),
            half_closed: false,
            nodes: Vec::new(),
            health_monitor: None,
            access_list: Vec::new(),
            connection_throttle: None,
            session_persistence: None,
            ssl_termination: None,
            certificate_mappings: Vec::new(),
            https_redirect: false,
            error_page_file: None,
            connection_logging: false,
            content_caching: false,
            metadata: BTreeMap::new(),
        }
    }

    /// The nodes as the nodes crate's options.
    pub(crate) fn node_opts(&self) -> Vec<rackcloud_core::model::NodeOpts> {
        self.nodes.iter().map(NodeSpec::opts).collect()
    }
}

/// A JSON object of strings whose keys are each given once: a key given twice is refused, as
/// a field given twice is (serde keeps the last of a map's keys otherwise).
fn unique_keys<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct Unique;
    impl<'de> Visitor<'de> for Unique {
        type Value = BTreeMap<String, String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of string values")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut items = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, String>()? {
                if items.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate key `{key}`"
                    )));
                }
                items.insert(key, value);
            }
            Ok(items)
        }
    }
    d.deserialize_map(Unique)
}
