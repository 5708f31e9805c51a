//! [`LoadBalancer`]: everything the server says of a load balancer.

use jiff::Timestamp;
use rackcloud_core::kit::HasLbStatus;
use rackcloud_core::model::PersistenceType;

use crate::Status;
use crate::kinds::{Algorithm, Protocol};
use crate::lb_parts::{AccessItem, MetadataItem, SourceAddresses, SslSummary, Throttle};
use rackcloud_core::model::{HealthMonitor, Node, VirtualIp};

/// A load balancer, as `GET /loadbalancers/{id}`, `POST /loadbalancers` and the items of
/// `GET /loadbalancers` describe it.
///
/// The list gives fewer fields than a single load balancer: everything but the id, name,
/// protocol, port, algorithm, status, node count, virtual IPs and times is `None` or empty
/// there (and with the `nodeaddress` filter only the id, name and status are real). Read one
/// load balancer with [`get`](crate::get) to see them all. Sub-resources are read-only views
/// here; their sibling crates change them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadBalancer {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) protocol: Protocol,
    pub(crate) port: u16,
    pub(crate) status: Status,
    pub(crate) algorithm: Algorithm,
    pub(crate) virtual_ips: Vec<VirtualIp>,
    pub(crate) node_count: usize,
    pub(crate) nodes: Vec<Node>,
    pub(crate) session_persistence: Option<PersistenceType>,
    pub(crate) timeout: Option<u32>,
    pub(crate) half_closed: Option<bool>,
    pub(crate) https_redirect: Option<bool>,
    pub(crate) connection_logging: Option<bool>,
    pub(crate) content_caching: Option<bool>,
    pub(crate) throttle: Option<Throttle>,
    pub(crate) health_monitor: Option<HealthMonitor>,
    pub(crate) access_list: Vec<AccessItem>,
    pub(crate) metadata: Vec<MetadataItem>,
    pub(crate) source_addresses: Option<SourceAddresses>,
    pub(crate) ssl_termination: Option<SslSummary>,
    pub(crate) cluster: Option<String>,
    pub(crate) created: String,
    pub(crate) updated: String,
}

impl LoadBalancer {
    /// The id, unique within the account.
    pub fn id(&self) -> u64 {
        self.id
    }
    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The protocol.
    pub fn protocol(&self) -> &Protocol {
        &self.protocol
    }
    /// The port it listens on (0 in a `nodeaddress` listing, which does not give it).
    pub fn port(&self) -> u16 {
        self.port
    }
    /// The status when the answer was made.
    pub fn status(&self) -> &Status {
        &self.status
    }
    /// The balancing algorithm.
    pub fn algorithm(&self) -> &Algorithm {
        &self.algorithm
    }
    /// The virtual IPs it listens on.
    pub fn virtual_ips(&self) -> &[VirtualIp] {
        &self.virtual_ips
    }
    /// How many back-end nodes it has (`nodeCount` in a list, the length of `nodes` otherwise).
    pub fn node_count(&self) -> usize {
        self.node_count
    }
    /// Its back-end nodes (empty in a list).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    /// The session persistence mode (`HTTP_COOKIE`, `SOURCE_IP`, `SSL_ID`, …), or `None` when
    /// it is disabled (or not reported, as in a list); the type `lb_sessions` reads.
    pub fn session_persistence(&self) -> Option<&PersistenceType> {
        self.session_persistence.as_ref()
    }
    /// The idle timeout in seconds, when reported.
    pub fn timeout(&self) -> Option<u32> {
        self.timeout
    }
    /// Whether half-closed TCP connections are supported, when reported.
    pub fn half_closed(&self) -> Option<bool> {
        self.half_closed
    }
    /// Whether plain HTTP requests are redirected to HTTPS (`httpsRedirect`), when reported.
    pub fn https_redirect(&self) -> Option<bool> {
        self.https_redirect
    }
    /// Whether connection logging is on, when reported (see [`is_logging_enabled`](crate::is_logging_enabled)).
    pub fn connection_logging(&self) -> Option<bool> {
        self.connection_logging
    }
    /// Whether content caching is on, when reported (see [`is_content_cached`](crate::is_content_cached)).
    pub fn content_caching(&self) -> Option<bool> {
        self.content_caching
    }
    /// The connection throttle, when one is configured.
    pub fn connection_throttle(&self) -> Option<&Throttle> {
        self.throttle.as_ref()
    }
    /// The health monitor, when one is configured.
    pub fn health_monitor(&self) -> Option<&HealthMonitor> {
        self.health_monitor.as_ref()
    }
    /// The access list (empty when none).
    pub fn access_list(&self) -> &[AccessItem] {
        &self.access_list
    }
    /// The metadata (empty when none).
    pub fn metadata(&self) -> &[MetadataItem] {
        &self.metadata
    }
    /// The addresses it uses towards its nodes, when reported.
    pub fn source_addresses(&self) -> Option<&SourceAddresses> {
        self.source_addresses.as_ref()
    }
    /// What the object says of SSL termination, when it says anything.
    pub fn ssl_termination(&self) -> Option<&SslSummary> {
        self.ssl_termination.as_ref()
    }
    /// The name of the cluster that runs it, when reported.
    pub fn cluster(&self) -> Option<&str> {
        self.cluster.as_deref()
    }
    /// When it was created, as the server wrote it (`2026-11-25T03:21:04Z`).
    pub fn created(&self) -> &str {
        &self.created
    }
    /// When it was last changed, as the server wrote it (empty if the answer had no `updated`,
    /// as a create answer may).
    pub fn updated(&self) -> &str {
        &self.updated
    }
    /// [`created`](Self::created) as an instant, when the server's string is one.
    pub fn created_at(&self) -> Option<Timestamp> {
        self.created.parse().ok()
    }
    /// [`updated`](Self::updated) as an instant, when the server's string is one; what
    /// [`ListOpts::changes_since`](crate::ListOpts::changes_since) compares with.
    pub fn updated_at(&self) -> Option<Timestamp> {
        self.updated.parse().ok()
    }
}

impl HasLbStatus for LoadBalancer {
    fn status_of_lb(&self) -> &Status {
        &self.status
    }
}
