//! [`CreateOpts`]: a new load balancer, its virtual IPs and nodes, and the configuration the
//! service takes at creation (monitor, throttle, access list, metadata, logging, caching,
//! session persistence).

use rackcloud_core::Error;
use rackcloud_core::model::{
    AppendOpts, MetadataOpts, MonitorOpts, NodeOpts, PersistenceType, ThrottleOpts,
    check_unique_nodes,
};
use serde_json::{Map, Value, json};

use crate::kinds::{Algorithm, Protocol};
use crate::requests::CreateOptsBuilder;
use crate::vip_opts::VipOpts;

/// The options of [`create`](crate::create): a name, a protocol, at least one virtual IP, and
/// optionally a port, an algorithm, a timeout, half-closed support, nodes, and the configuration
/// the service accepts in the same request: a health monitor, a connection throttle, access
/// list items, metadata, connection logging, content caching and session persistence. A
/// configured load balancer is one request and one wait (docs/api/load-balancers.md).
///
/// The configuration takes the types of the crates that change it later (a monitor here is the
/// [`MonitorOpts`] that `lb_monitors::update` takes), and each is checked as it is there. The
/// server checks the rest (name length, timeout range, node count, which configuration fits the
/// protocol …) and answers 400 [`Validation`](rackcloud_core::ErrorKind::Validation) with every
/// message at once; this type refuses only what can never be valid (an empty name, no virtual
/// IP, port 0, a value out of its bounds).
///
/// # Examples
///
/// ```
/// use lb_lbs::{Algorithm, CreateOpts, CreateOptsBuilder, Protocol, VipOpts};
/// use rackcloud_core::model::NodeOpts;
/// use serde_json::{Value, json};
///
/// let opts = CreateOpts::new("api", Protocol::Https)
///     .virtual_ip(VipOpts::public())
///     .algorithm(Algorithm::RoundRobin)
///     .node(NodeOpts::new("10.180.0.21", 443));
/// assert_eq!(
///     Value::Object(opts.to_lb_create_map()?),
///     json!({"loadBalancer": {
///         "name": "api",
///         "protocol": "HTTPS",
///         "algorithm": "ROUND_ROBIN",
///         "virtualIps": [{"type": "PUBLIC"}],
///         "nodes": [{"address": "10.180.0.21", "port": 443, "condition": "ENABLED"}]
///     }})
/// );
///
/// let no_vip = CreateOpts::new("api", Protocol::Https).to_lb_create_map();
/// assert!(no_vip.unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
///
/// A configured load balancer in one request:
///
/// ```
/// use lb_lbs::{CreateOpts, CreateOptsBuilder, Protocol, VipOpts};
/// use rackcloud_core::model::NodeOpts;
/// use rackcloud_core::model::{AppendOpts, HttpOpts, PersistenceType, ThrottleOpts};
///
/// let opts = CreateOpts::new("shop", Protocol::Http)
///     .virtual_ip(VipOpts::public())
///     .node(NodeOpts::new("10.180.0.21", 80))
///     .health_monitor(HttpOpts::http(10, 5, 2, "/health", "^2"))
///     .connection_throttle(ThrottleOpts::new(100))
///     .access_list(AppendOpts::new().deny("192.0.2.0/24"))
///     .metadata("team", "web")
///     .connection_logging(true)
///     .content_caching(true)
///     .session_persistence(PersistenceType::HttpCookie);
/// let body = opts.to_lb_create_map()?;
/// let lb = &body["loadBalancer"];
/// assert_eq!(lb["healthMonitor"]["type"], "HTTP");
/// assert_eq!(lb["connectionThrottle"]["maxConnections"], 100);
/// assert_eq!(lb["accessList"][0]["type"], "DENY");
/// assert_eq!(lb["metadata"][0], serde_json::json!({"key": "team", "value": "web"}));
/// assert_eq!(lb["connectionLogging"]["enabled"], true);
/// assert_eq!(lb["contentCaching"]["enabled"], true);
/// assert_eq!(lb["sessionPersistence"]["persistenceType"], "HTTP_COOKIE");
///
/// // Each part is checked as its own crate checks it: nothing is sent.
/// let slow = CreateOpts::new("shop", Protocol::Http)
///     .virtual_ip(VipOpts::public())
///     .health_monitor(HttpOpts::http(0, 5, 2, "/health", "^2"));
/// assert!(slow.to_lb_create_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct CreateOpts {
    name: String,
    protocol: Protocol,
    port: Option<u16>,
    algorithm: Option<Algorithm>,
    timeout: Option<u32>,
    half_closed: Option<bool>,
    https_redirect: Option<bool>,
    virtual_ips: Vec<VipOpts>,
    nodes: Vec<NodeOpts>,
    health_monitor: Option<MonitorOpts>,
    connection_throttle: Option<ThrottleOpts>,
    access_list: Option<AppendOpts>,
    metadata: MetadataOpts,
    connection_logging: Option<bool>,
    content_caching: Option<bool>,
    session_persistence: Option<PersistenceType>,
}

impl CreateOpts {
    /// A load balancer called `name` speaking `protocol`; add at least one
    /// [`virtual_ip`](CreateOpts::virtual_ip).
    pub fn new(name: impl Into<String>, protocol: Protocol) -> CreateOpts {
        CreateOpts {
            name: name.into(),
            protocol,
            port: None,
            algorithm: None,
            timeout: None,
            half_closed: None,
            https_redirect: None,
            virtual_ips: Vec::new(),
            nodes: Vec::new(),
            health_monitor: None,
            connection_throttle: None,
            access_list: None,
            metadata: MetadataOpts::new(),
            connection_logging: None,
            content_caching: None,
            session_persistence: None,
        }
    }

    /// The port to listen on; by default the protocol's usual port (TCP and UDP have none and
    /// need one).
    pub fn port(mut self, port: u16) -> CreateOpts {
        self.port = Some(port);
        self
    }

    /// The balancing algorithm; `RANDOM` by default.
    pub fn algorithm(mut self, algorithm: Algorithm) -> CreateOpts {
        self.algorithm = Some(algorithm);
        self
    }

    /// The idle timeout in seconds (30 to 120; 30 by default).
    pub fn timeout(mut self, seconds: u32) -> CreateOpts {
        self.timeout = Some(seconds);
        self
    }

    /// Whether one side of a TCP connection may close while the other still sends.
    pub fn half_closed(mut self, on: bool) -> CreateOpts {
        self.half_closed = Some(on);
        self
    }

    /// Redirects plain HTTP to HTTPS (`httpsRedirect`); at creation only an `HTTPS` load
    /// balancer on port 443 may have it on.
    pub fn https_redirect(mut self, on: bool) -> CreateOpts {
        self.https_redirect = Some(on);
        self
    }

    /// Adds a virtual IP; at least one is required.
    pub fn virtual_ip(mut self, vip: VipOpts) -> CreateOpts {
        self.virtual_ips.push(vip);
        self
    }

    /// Adds a back-end node.
    pub fn node(mut self, node: NodeOpts) -> CreateOpts {
        self.nodes.push(node);
        self
    }

    /// The health monitor (`healthMonitor`): a `CONNECT` monitor, or an `HTTP`/`HTTPS` one on a
    /// load balancer of that protocol.
    pub fn health_monitor(mut self, monitor: impl Into<MonitorOpts>) -> CreateOpts {
        self.health_monitor = Some(monitor.into());
        self
    }

    /// The connection throttle (`connectionThrottle`).
    pub fn connection_throttle(mut self, throttle: ThrottleOpts) -> CreateOpts {
        self.connection_throttle = Some(throttle);
        self
    }

    /// The access list (`accessList`): at most 100 items, each network once.
    pub fn access_list(mut self, items: AppendOpts) -> CreateOpts {
        self.access_list = Some(items);
        self
    }

    /// Adds a metadata item (`metadata`), checked as `lb_metadata::AddOpts` checks them: at most
    /// 25, each key once, a key of 1 to 32 characters and a value of 1 to 256 (as the service
    /// counts them).
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> CreateOpts {
        self.metadata = self.metadata.item(key, value);
        self
    }

    /// Whether connections are logged (`connectionLogging`); off by default.
    pub fn connection_logging(mut self, on: bool) -> CreateOpts {
        self.connection_logging = Some(on);
        self
    }

    /// Whether content is cached (`contentCaching`, HTTP only); off by default.
    pub fn content_caching(mut self, on: bool) -> CreateOpts {
        self.content_caching = Some(on);
        self
    }

    /// Session persistence (`sessionPersistence`): `HTTP_COOKIE` for HTTP, `SSL_ID` for HTTPS,
    /// `SOURCE_IP` for any protocol.
    pub fn session_persistence(mut self, persistence_type: PersistenceType) -> CreateOpts {
        self.session_persistence = Some(persistence_type);
        self
    }

    /// The configuration parts of the body, each checked.
    fn insert_configuration(&self, lb: &mut Map<String, Value>) -> Result<(), Error> {
        if let Some(monitor) = &self.health_monitor {
            lb.insert("healthMonitor".into(), Value::Object(monitor.to_map()?));
        }
        if let Some(throttle) = &self.connection_throttle {
            lb.insert(
                "connectionThrottle".into(),
                Value::Object(throttle.to_map()?),
            );
        }
        if let Some(items) = &self.access_list {
            lb.insert("accessList".into(), Value::Array(items.to_items()?));
        }
        if !self.metadata.items().is_empty() {
            lb.insert("metadata".into(), Value::Array(self.metadata.to_items()?));
        }
        if let Some(on) = self.connection_logging {
            lb.insert("connectionLogging".into(), json!({ "enabled": on }));
        }
        if let Some(on) = self.content_caching {
            lb.insert("contentCaching".into(), json!({ "enabled": on }));
        }
        if let Some(persistence_type) = &self.session_persistence {
            if persistence_type.as_str().trim().is_empty() {
                return Err(Error::invalid_input(
                    "the session persistence type is empty",
                ));
            }
            lb.insert(
                "sessionPersistence".into(),
                json!({ "persistenceType": persistence_type }),
            );
        }
        Ok(())
    }
}

impl CreateOptsBuilder for CreateOpts {
    fn to_lb_create_map(&self) -> Result<Map<String, Value>, Error> {
        if self.name.trim().is_empty() {
            return Err(Error::invalid_input("the load balancer name is empty"));
        }
        if self.protocol.as_str().trim().is_empty() {
            return Err(Error::invalid_input("the load balancer protocol is empty"));
        }
        if self.virtual_ips.is_empty() {
            return Err(Error::invalid_input(
                "a load balancer needs at least one virtual IP",
            ));
        }
        let mut lb = Map::new();
        lb.insert("name".into(), json!(self.name));
        lb.insert("protocol".into(), json!(self.protocol));
        if let Some(port) = self.port {
            lb.insert("port".into(), json!(check_port(port)?));
        }
        if let Some(algorithm) = &self.algorithm {
            lb.insert("algorithm".into(), json!(algorithm));
        }
        if let Some(timeout) = self.timeout {
            lb.insert("timeout".into(), json!(timeout));
        }
        if let Some(half_closed) = self.half_closed {
            lb.insert("halfClosed".into(), json!(half_closed));
        }
        if let Some(on) = self.https_redirect {
            lb.insert("httpsRedirect".into(), json!(on));
        }
        let vips = self.virtual_ips.iter().map(VipOpts::to_json);
        lb.insert("virtualIps".into(), vips.collect::<Result<_, _>>()?);
        if !self.nodes.is_empty() {
            check_unique_nodes(self.nodes.iter().map(|n| (n.address.as_str(), n.port)))?;
            let nodes = self.nodes.iter().map(|n| n.to_map().map(Value::Object));
            lb.insert("nodes".into(), nodes.collect::<Result<_, _>>()?);
        }
        self.insert_configuration(&mut lb)?;
        Ok(wrap(lb))
    }
}

pub(crate) fn check_port(port: u16) -> Result<u16, Error> {
    if port == 0 {
        return Err(Error::invalid_input("port 0 is not valid; use 1 to 65535"));
    }
    Ok(port)
}

/// `{"loadBalancer": lb}`.
pub(crate) fn wrap(lb: Map<String, Value>) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("loadBalancer".into(), Value::Object(lb));
    body
}
