//! [`CreateOpts`], [`NodeOpts`] and [`VipOpts`]: a new load balancer, its nodes and its
//! virtual IPs.

use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use crate::kinds::{Algorithm, IpVersion, NodeCondition, Protocol, VipType};
use crate::requests::CreateOptsBuilder;

/// A virtual IP for a new load balancer: a new address, or one shared with another load
/// balancer of the account.
///
/// # Examples
///
/// ```
/// use lb_lbs::{IpVersion, VipOpts};
///
/// let public_v6 = VipOpts::public().ip_version(IpVersion::Ipv6);
/// let internal = VipOpts::servicenet();
/// let same_as_lb_1 = VipOpts::shared(1);
/// # let _ = (public_v6, internal, same_as_lb_1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VipOpts {
    source: VipSource,
    ip_version: Option<IpVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum VipSource {
    New(VipType),
    Shared(u64),
}

impl VipOpts {
    /// A new address of this type (`{"type":"PUBLIC"}`); IPv4 unless
    /// [`ip_version`](VipOpts::ip_version) says otherwise.
    pub fn new(kind: VipType) -> VipOpts {
        VipOpts {
            source: VipSource::New(kind),
            ip_version: None,
        }
    }

    /// A new public address.
    pub fn public() -> VipOpts {
        VipOpts::new(VipType::Public)
    }

    /// A new ServiceNet (internal) address.
    pub fn servicenet() -> VipOpts {
        VipOpts::new(VipType::Servicenet)
    }

    /// The virtual IP with this id, shared with the load balancer that has it (`{"id":N}`): the
    /// way to serve HTTP and HTTPS on one address with two load balancers.
    pub fn shared(id: u64) -> VipOpts {
        VipOpts {
            source: VipSource::Shared(id),
            ip_version: None,
        }
    }

    /// The IP version of a new address.
    pub fn ip_version(mut self, version: IpVersion) -> VipOpts {
        self.ip_version = Some(version);
        self
    }

    fn to_json(&self) -> Result<Value, Error> {
        match (&self.source, &self.ip_version) {
            (VipSource::Shared(0), _) => Err(Error::invalid_input(
                "a shared virtual IP id must be greater than zero",
            )),
            (VipSource::Shared(_), Some(_)) => Err(Error::invalid_input(
                "a shared virtual IP keeps its own IP version; do not set one",
            )),
            (VipSource::Shared(id), None) => Ok(json!({ "id": id })),
            (VipSource::New(kind), _) if kind.as_str().trim().is_empty() => {
                Err(Error::invalid_input("the virtual IP type is empty"))
            }
            (VipSource::New(kind), None) => Ok(json!({ "type": kind })),
            (VipSource::New(kind), Some(version)) => {
                Ok(json!({ "type": kind, "ipVersion": version }))
            }
        }
    }
}

/// A back-end node for a new load balancer.
///
/// Nodes of an existing load balancer are a resource of their own (a sibling crate's job).
///
/// # Examples
///
/// ```
/// use lb_lbs::{NodeCondition, NodeOpts};
///
/// let node = NodeOpts::new("10.180.0.21", 8080).condition(NodeCondition::Draining).weight(5);
/// # let _ = node;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeOpts {
    address: String,
    port: u16,
    condition: NodeCondition,
    weight: Option<u32>,
}

impl NodeOpts {
    /// A node at `address` (an IP address) and `port`, `ENABLED`.
    pub fn new(address: impl Into<String>, port: u16) -> NodeOpts {
        NodeOpts {
            address: address.into(),
            port,
            condition: NodeCondition::Enabled,
            weight: None,
        }
    }

    /// Whether it receives traffic; `ENABLED` by default.
    pub fn condition(mut self, condition: NodeCondition) -> NodeOpts {
        self.condition = condition;
        self
    }

    /// Its weight for the weighted algorithms, 1 to 100.
    pub fn weight(mut self, weight: u32) -> NodeOpts {
        self.weight = Some(weight);
        self
    }

    fn to_json(&self) -> Result<Value, Error> {
        if self.address.trim().is_empty() {
            return Err(Error::invalid_input("a node address is empty"));
        }
        if self.port == 0 {
            return Err(Error::invalid_input(format!(
                "node {} has port 0; use 1 to 65535",
                self.address
            )));
        }
        let mut node = Map::new();
        node.insert("address".into(), json!(self.address));
        node.insert("port".into(), json!(self.port));
        node.insert("condition".into(), json!(self.condition));
        if let Some(weight) = self.weight {
            node.insert("weight".into(), json!(weight));
        }
        Ok(Value::Object(node))
    }
}

/// The options of [`create`](crate::create): a name, a protocol, at least one virtual IP, and optionally a
/// port, an algorithm, a timeout, half-closed support and nodes.
///
/// The server checks the values (name length, timeout range, node count …) and answers 400
/// [`Validation`](rackcloud_core::ErrorKind::Validation) with every message at once; this type
/// refuses only what can never be valid (an empty name, no virtual IP, port 0).
///
/// # Examples
///
/// ```
/// use lb_lbs::{Algorithm, CreateOpts, CreateOptsBuilder, NodeOpts, Protocol, VipOpts};
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
            let nodes = self.nodes.iter().map(NodeOpts::to_json);
            lb.insert("nodes".into(), nodes.collect::<Result<_, _>>()?);
        }
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
