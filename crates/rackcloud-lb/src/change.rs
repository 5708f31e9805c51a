//! [`Change`]: one API operation of a plan.

use std::collections::BTreeMap;

use lb_lbs::{Algorithm, Protocol};
use lb_nodes::{Condition, Type};

use crate::files::FileText;
use crate::lb_spec::LbSpec;
use crate::specs::{AccessSpec, MonitorSpec, NodeSpec, ThrottleSpec, VipSpec};
use crate::ssl_spec::{MappingSpec, SslSpec};

/// One API operation, as a plan lists it and apply sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// `POST /loadbalancers`: the load balancer with its virtual IPs and its `PRIMARY` nodes.
    CreateLb(Box<LbSpec>),
    /// `PUT /loadbalancers/{id}`: the settings that differ.
    #[non_exhaustive]
    UpdateLb {
        /// The new protocol.
        protocol: Option<Protocol>,
        /// The new port.
        port: Option<u16>,
        /// The new algorithm.
        algorithm: Option<Algorithm>,
        /// The new timeout.
        timeout: Option<u32>,
        /// Half-closed connections on or off.
        half_closed: Option<bool>,
    },
    /// `PUT /loadbalancers/{id}` with `httpsRedirect` alone.
    SetHttpsRedirect(bool),
    /// `POST …/virtualips`: a `PUBLIC` IPv6 virtual IP (the only kind the API adds).
    AddVirtualIp(VipSpec),
    /// `DELETE …/virtualips?id=…` (at most ten ids).
    #[non_exhaustive]
    RemoveVirtualIps {
        /// The ids.
        ids: Vec<u64>,
        /// `TYPE VERSION address` of each, for people.
        vips: Vec<String>,
    },
    /// `PUT …/ssltermination`: the settings, and the certificate, key and chain when
    /// `certificate` is true (they are new or differ from those installed).
    #[non_exhaustive]
    SetSslTermination {
        /// The termination wanted.
        ssl: Box<SslSpec>,
        /// Whether the certificate, key and chain are sent.
        certificate: bool,
    },
    /// `DELETE …/ssltermination` (its certificate mappings go with it).
    DeleteSslTermination,
    /// `POST …/ssltermination/certificatemappings`.
    AddMapping(Box<MappingSpec>),
    /// `PUT …/ssltermination/certificatemappings/{id}`: a new certificate, key and chain.
    #[non_exhaustive]
    UpdateMapping {
        /// The mapping's id.
        id: u64,
        /// The mapping wanted.
        mapping: Box<MappingSpec>,
    },
    /// `DELETE …/ssltermination/certificatemappings/{id}`.
    #[non_exhaustive]
    RemoveMapping {
        /// The mapping's id.
        id: u64,
        /// Its host name.
        host_name: String,
    },
    /// `PUT …/errorpage`.
    SetErrorPage(FileText),
    /// `PUT …/healthmonitor`.
    SetMonitor(MonitorSpec),
    /// `DELETE …/healthmonitor`.
    DeleteMonitor,
    /// `POST …/nodes`: all new nodes in one request.
    AddNodes(Vec<NodeSpec>),
    /// `PUT …/nodes/{nodeId}`.
    #[non_exhaustive]
    UpdateNode {
        /// The node's id.
        id: u64,
        /// `address:port`, for people.
        node: String,
        /// The new condition.
        condition: Option<Condition>,
        /// The new type.
        kind: Option<Type>,
        /// The new weight.
        weight: Option<u32>,
    },
    /// `DELETE …/nodes?id=…` (at most ten ids).
    #[non_exhaustive]
    RemoveNodes {
        /// The ids.
        ids: Vec<u64>,
        /// `address:port` of each, for people.
        nodes: Vec<String>,
    },
    /// `PUT …/sessionpersistence`.
    SetSessionPersistence(lb_sessions::Type),
    /// `DELETE …/sessionpersistence`.
    DisableSessionPersistence,
    /// `POST …/accesslist`: all new rules in one request.
    AppendAccess(Vec<AccessSpec>),
    /// `DELETE …/accesslist?id=…` (at most ten ids).
    #[non_exhaustive]
    RemoveAccess {
        /// The ids.
        ids: Vec<u64>,
        /// `TYPE address` of each, for people.
        items: Vec<String>,
    },
    /// `PUT …/connectionthrottle`.
    SetThrottle(ThrottleSpec),
    /// `DELETE …/connectionthrottle`.
    DeleteThrottle,
    /// `PUT …/connectionlogging`.
    SetLogging(bool),
    /// `PUT …/contentcaching`.
    SetCaching(bool),
    /// `POST …/metadata`: all new keys in one request.
    AddMetadata(BTreeMap<String, String>),
    /// `PUT …/metadata/{metaId}`.
    #[non_exhaustive]
    UpdateMetadata {
        /// The item's id.
        id: u64,
        /// Its key.
        key: String,
        /// The new value.
        value: String,
    },
    /// `DELETE …/metadata?id=…` (at most ten ids).
    #[non_exhaustive]
    RemoveMetadata {
        /// The ids.
        ids: Vec<u64>,
        /// The keys.
        keys: Vec<String>,
    },
}

impl Change {
    /// Whether it takes something away (traffic, a rule, a setting): deletes, removals,
    /// disabling, and protocol or port changes (clients of the old one are cut off). Replacing
    /// a certificate is not: clients are served the new one at once.
    pub fn is_destructive(&self) -> bool {
        match self {
            Change::UpdateLb {
                protocol,
                port,
                half_closed,
                ..
            } => protocol.is_some() || port.is_some() || *half_closed == Some(false),
            Change::DeleteMonitor
            | Change::RemoveVirtualIps { .. }
            | Change::DeleteSslTermination
            | Change::RemoveMapping { .. }
            | Change::SetHttpsRedirect(false)
            | Change::RemoveNodes { .. }
            | Change::DisableSessionPersistence
            | Change::RemoveAccess { .. }
            | Change::DeleteThrottle
            | Change::RemoveMetadata { .. }
            | Change::SetLogging(false)
            | Change::SetCaching(false) => true,
            Change::UpdateNode { condition, .. } => {
                condition.as_ref().is_some_and(|c| *c != Condition::Enabled)
            }
            _ => false,
        }
    }
}
