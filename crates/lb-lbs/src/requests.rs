//! The options, the builder traits and the five operations.

use rackcloud_core::{Error, ServiceClient};
use serde_json::{Map, Value, json};

use crate::kinds::{Algorithm, IpVersion, NodeCondition, Protocol, VipType};
use crate::results::{CreateResult, DeleteResult, GetResult, ListResult, UpdateResult};
use crate::urls::{resource_url, root_url};

/// The largest page the server returns; a larger `limit` would be cut to it.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Anything that can build the query of a [`list`] request.
///
/// [`ListOpts`] is the usual implementation; implement it for your own types to send query
/// parameters this crate does not know.
pub trait ListOptsBuilder {
    /// The query to append to `/loadbalancers`: empty, or starting with `?`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid query; then nothing is sent.
    fn to_lb_list_query(&self) -> Result<String, Error>;
}

/// Anything that can build the body of a [`create`] request.
///
/// [`CreateOpts`] is the usual implementation; implement it for your own types to send fields
/// this crate does not know (metadata, an access list, …).
pub trait CreateOptsBuilder {
    /// The JSON object to send: `{"loadBalancer":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_lb_create_map(&self) -> Result<Map<String, Value>, Error>;
}

/// Anything that can build the body of an [`update`] request.
///
/// [`UpdateOpts`] is the usual implementation.
pub trait UpdateOptsBuilder {
    /// The JSON object to send: `{"loadBalancer":{…}}` with the attributes to change.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_lb_update_map(&self) -> Result<Map<String, Value>, Error>;
}

/// The options of [`list`] and [`pages`](crate::pages): one page of at most `limit` load
/// balancers, starting after the id `marker`.
///
/// # Examples
///
/// ```
/// use lb_lbs::{ListOpts, ListOptsBuilder};
///
/// assert_eq!(ListOpts::new().to_lb_list_query()?, "");
/// assert_eq!(ListOpts::new().limit(2).marker(1).to_lb_list_query()?, "?limit=2&marker=1");
/// assert!(ListOpts::new().limit(0).to_lb_list_query().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListOpts {
    limit: Option<u32>,
    marker: Option<u64>,
}

impl ListOpts {
    /// No paging: the server's first page (at most [`MAX_PAGE_SIZE`]).
    pub fn new() -> ListOpts {
        ListOpts::default()
    }

    /// At most `limit` load balancers per page, 1 to [`MAX_PAGE_SIZE`].
    pub fn limit(mut self, limit: u32) -> ListOpts {
        self.limit = Some(limit);
        self
    }

    /// Start after the load balancer with this id (the last id of the previous page).
    pub fn marker(mut self, marker: u64) -> ListOpts {
        self.marker = Some(marker);
        self
    }

    /// The page size asked for.
    pub fn page_size(&self) -> Option<u32> {
        self.limit
    }

    /// The id the page starts after.
    pub fn start_after(&self) -> Option<u64> {
        self.marker
    }
}

impl ListOptsBuilder for ListOpts {
    fn to_lb_list_query(&self) -> Result<String, Error> {
        let mut params = Vec::new();
        if let Some(limit) = self.limit {
            if !(1..=MAX_PAGE_SIZE).contains(&limit) {
                return Err(Error::invalid_input(format!(
                    "the page size must be 1 to {MAX_PAGE_SIZE}, not {limit}"
                )));
            }
            params.push(format!("limit={limit}"));
        }
        if let Some(marker) = self.marker {
            params.push(format!("marker={marker}"));
        }
        if params.is_empty() {
            return Ok(String::new());
        }
        Ok(format!("?{}", params.join("&")))
    }
}

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

/// The options of [`create`]: a name, a protocol, at least one virtual IP, and optionally a
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
        let vips = self.virtual_ips.iter().map(VipOpts::to_json);
        lb.insert("virtualIps".into(), vips.collect::<Result<_, _>>()?);
        if !self.nodes.is_empty() {
            let nodes = self.nodes.iter().map(NodeOpts::to_json);
            lb.insert("nodes".into(), nodes.collect::<Result<_, _>>()?);
        }
        Ok(wrap(lb))
    }
}

/// The options of [`update`]: the attributes to change, at least one.
///
/// Changing the protocol keeps only the session persistence mode that fits the new protocol
/// and silently disables any other.
///
/// # Examples
///
/// ```
/// use lb_lbs::{Algorithm, UpdateOpts, UpdateOptsBuilder};
/// use serde_json::{Value, json};
///
/// let opts = UpdateOpts::new().name("web-2").algorithm(Algorithm::LeastConnections);
/// assert_eq!(
///     Value::Object(opts.to_lb_update_map()?),
///     json!({"loadBalancer": {"name": "web-2", "algorithm": "LEAST_CONNECTIONS"}})
/// );
/// assert!(UpdateOpts::new().to_lb_update_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateOpts {
    name: Option<String>,
    algorithm: Option<Algorithm>,
    protocol: Option<Protocol>,
    port: Option<u16>,
    timeout: Option<u32>,
    half_closed: Option<bool>,
}

impl UpdateOpts {
    /// Nothing to change yet.
    pub fn new() -> UpdateOpts {
        UpdateOpts::default()
    }

    /// A new name.
    pub fn name(mut self, name: impl Into<String>) -> UpdateOpts {
        self.name = Some(name.into());
        self
    }

    /// A new balancing algorithm.
    pub fn algorithm(mut self, algorithm: Algorithm) -> UpdateOpts {
        self.algorithm = Some(algorithm);
        self
    }

    /// A new protocol.
    pub fn protocol(mut self, protocol: Protocol) -> UpdateOpts {
        self.protocol = Some(protocol);
        self
    }

    /// A new port.
    pub fn port(mut self, port: u16) -> UpdateOpts {
        self.port = Some(port);
        self
    }

    /// A new idle timeout in seconds (30 to 120).
    pub fn timeout(mut self, seconds: u32) -> UpdateOpts {
        self.timeout = Some(seconds);
        self
    }

    /// Turns half-closed support on or off.
    pub fn half_closed(mut self, on: bool) -> UpdateOpts {
        self.half_closed = Some(on);
        self
    }
}

impl UpdateOptsBuilder for UpdateOpts {
    fn to_lb_update_map(&self) -> Result<Map<String, Value>, Error> {
        let mut lb = Map::new();
        if let Some(name) = &self.name {
            if name.trim().is_empty() {
                return Err(Error::invalid_input("the new load balancer name is empty"));
            }
            lb.insert("name".into(), json!(name));
        }
        if let Some(algorithm) = &self.algorithm {
            lb.insert("algorithm".into(), json!(algorithm));
        }
        if let Some(protocol) = &self.protocol {
            if protocol.as_str().trim().is_empty() {
                return Err(Error::invalid_input("the new protocol is empty"));
            }
            lb.insert("protocol".into(), json!(protocol));
        }
        if let Some(port) = self.port {
            lb.insert("port".into(), json!(check_port(port)?));
        }
        if let Some(timeout) = self.timeout {
            lb.insert("timeout".into(), json!(timeout));
        }
        if let Some(half_closed) = self.half_closed {
            lb.insert("halfClosed".into(), json!(half_closed));
        }
        if lb.is_empty() {
            return Err(Error::invalid_input(
                "nothing to update: set a name, algorithm, protocol, port, timeout or half-closed",
            ));
        }
        Ok(wrap(lb))
    }
}

/// Lists one page of the account's load balancers (`GET /loadbalancers?limit=…&marker=…`),
/// ordered by id, without deleted ones.
///
/// [`pages`](crate::pages) and [`list_all`](crate::list_all) walk every page.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use lb_lbs::ListOpts;
///
/// let page = lb_lbs::list(&client, &ListOpts::new().limit(2)).extract()?;
/// let names: Vec<&str> = page.iter().map(|lb| lb.name()).collect();
/// assert_eq!(names, ["web", "tcp"]);
///
/// let next = lb_lbs::list(&client, &ListOpts::new().limit(2).marker(page[1].id())).extract()?;
/// assert_eq!(next[0].name(), "secure");
/// # Ok(())
/// # }
/// ```
pub fn list(client: &ServiceClient, opts: &impl ListOptsBuilder) -> ListResult {
    match opts.to_lb_list_query() {
        Ok(query) => ListResult::from(client.get(&(root_url(client) + &query))),
        Err(e) => ListResult::from(e),
    }
}

/// Reads load balancer `id` (`GET /loadbalancers/{id}`), in any status.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use lb_lbs::{Protocol, Status};
///
/// let lb = lb_lbs::get(&client, 1).extract()?;
/// assert_eq!((lb.name(), lb.protocol(), lb.port()), ("web", &Protocol::Http, 80));
/// assert_eq!(lb.status(), &Status::Active);
/// assert_eq!(lb.session_persistence(), None);
///
/// let missing = lb_lbs::get(&client, 999).extract().unwrap_err();
/// assert!(missing.is_not_found());
/// # Ok(())
/// # }
/// ```
pub fn get(client: &ServiceClient, id: u64) -> GetResult {
    if let Err(e) = check_id(id) {
        return GetResult::from(e);
    }
    GetResult::from(client.get(&resource_url(client, id)))
}

/// Creates a load balancer (`POST /loadbalancers`, answered 202): it is `BUILD` until it is
/// ready, then `ACTIVE`; [`wait_until_active`](crate::wait_until_active) waits for that.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use lb_lbs::{CreateOpts, NodeOpts, Protocol, Status, VipOpts};
///
/// let opts = CreateOpts::new("api", Protocol::Tcp)
///     .port(8443)
///     .virtual_ip(VipOpts::public())
///     .node(NodeOpts::new("10.180.0.21", 8443));
/// let lb = lb_lbs::create(&client, &opts).extract()?;
/// assert_eq!(lb.status(), &Status::Build);
/// assert_eq!((lb.name(), lb.port(), lb.node_count()), ("api", 8443, 1));
/// # Ok(())
/// # }
/// ```
pub fn create(client: &ServiceClient, opts: &impl CreateOptsBuilder) -> CreateResult {
    match opts.to_lb_create_map() {
        Ok(body) => CreateResult::from(client.post(&root_url(client), &body)),
        Err(e) => CreateResult::from(e),
    }
}

/// Changes attributes of load balancer `id` (`PUT /loadbalancers/{id}`, answered 202).
///
/// The load balancer must be `ACTIVE`; it is `PENDING_UPDATE` until the change is applied.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use lb_lbs::{UpdateOpts, WaitOpts};
///
/// lb_lbs::update(&client, 2, &UpdateOpts::new().port(9090).timeout(60)).extract_err()?;
/// let lb = lb_lbs::wait_until_active(&client, 2, &WaitOpts::new())?;
/// assert_eq!((lb.port(), lb.timeout()), (9090, Some(60)));
/// # Ok(())
/// # }
/// ```
pub fn update(client: &ServiceClient, id: u64, opts: &impl UpdateOptsBuilder) -> UpdateResult {
    let body = match check_id(id).and_then(|()| opts.to_lb_update_map()) {
        Ok(body) => body,
        Err(e) => return UpdateResult::from(e),
    };
    UpdateResult::from(client.put(&resource_url(client, id), &body))
}

/// Deletes load balancer `id` (`DELETE /loadbalancers/{id}`, answered 202): it is
/// `PENDING_DELETE`, then `DELETED`; [`wait_for_deletion`](crate::wait_for_deletion) waits for
/// that.
///
/// The load balancer must be `ACTIVE` or `ERROR`.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_lbs::delete(&client, 3).extract_err()?;
/// let again = lb_lbs::delete(&client, 3).extract_err().unwrap_err();
/// assert_eq!(again.kind(), rackcloud_core::ErrorKind::Gone);
/// # Ok(())
/// # }
/// ```
pub fn delete(client: &ServiceClient, id: u64) -> DeleteResult {
    if let Err(e) = check_id(id) {
        return DeleteResult::from(e);
    }
    DeleteResult::from(client.delete(&resource_url(client, id)))
}

pub(crate) fn check_id(id: u64) -> Result<(), Error> {
    if id == 0 {
        return Err(Error::invalid_input(
            "load balancer id must be greater than zero",
        ));
    }
    Ok(())
}

fn check_port(port: u16) -> Result<u16, Error> {
    if port == 0 {
        return Err(Error::invalid_input("port 0 is not valid; use 1 to 65535"));
    }
    Ok(port)
}

/// `{"loadBalancer": lb}`.
fn wrap(lb: Map<String, Value>) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("loadBalancer".into(), Value::Object(lb));
    body
}
