//! [`Change`]: one API operation of a plan.

use std::collections::BTreeMap;
use std::fmt;

use lb_lbs::{Algorithm, Protocol};
use lb_nodes::{Condition, Type};

use crate::document::{AccessSpec, LbSpec, MonitorSpec, NodeSpec, ThrottleSpec};

/// One API operation, as a plan lists it and apply sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// `POST /loadbalancers`: the load balancer with its virtual IPs and its `PRIMARY` nodes.
    CreateLb(Box<LbSpec>),
    /// `PUT /loadbalancers/{id}`: the settings that differ.
    UpdateLb {
        /// The new protocol.
        protocol: Option<Protocol>,
        /// The new port.
        port: Option<u16>,
        /// The new algorithm.
        algorithm: Option<Algorithm>,
        /// The new timeout.
        timeout: Option<u32>,
    },
    /// `PUT …/healthmonitor`.
    SetMonitor(MonitorSpec),
    /// `DELETE …/healthmonitor`.
    DeleteMonitor,
    /// `POST …/nodes`: all new nodes in one request.
    AddNodes(Vec<NodeSpec>),
    /// `PUT …/nodes/{nodeId}`.
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
    UpdateMetadata {
        /// The item's id.
        id: u64,
        /// Its key.
        key: String,
        /// The new value.
        value: String,
    },
    /// `DELETE …/metadata?id=…` (at most ten ids).
    RemoveMetadata {
        /// The ids.
        ids: Vec<u64>,
        /// The keys.
        keys: Vec<String>,
    },
}

impl Change {
    /// Whether it takes something away (traffic, a rule, a setting): deletes, removals,
    /// disabling, and protocol or port changes (clients of the old one are cut off).
    pub fn is_destructive(&self) -> bool {
        match self {
            Change::UpdateLb { protocol, port, .. } => protocol.is_some() || port.is_some(),
            Change::DeleteMonitor
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

fn opt<T: fmt::Display>(name: &str, v: &Option<T>) -> Option<String> {
    v.as_ref().map(|v| format!("{name}={v}"))
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::CreateLb(s) => write!(
                f,
                "create load balancer {:?} ({} port {}, {} primary node(s))",
                s.name,
                s.protocol,
                s.port,
                s.nodes.iter().filter(|n| n.kind == Type::Primary).count()
            ),
            Change::UpdateLb {
                protocol,
                port,
                algorithm,
                timeout,
            } => {
                let parts: Vec<String> = [
                    opt("protocol", protocol),
                    opt("port", port),
                    opt("algorithm", algorithm),
                    opt("timeout", timeout),
                ]
                .into_iter()
                .flatten()
                .collect();
                write!(f, "update load balancer: {}", parts.join(", "))
            }
            Change::SetMonitor(m) => write!(
                f,
                "set health monitor {} (delay {}, timeout {}, attempts {})",
                m.kind, m.delay, m.timeout, m.attempts_before_deactivation
            ),
            Change::DeleteMonitor => write!(f, "delete health monitor"),
            Change::AddNodes(nodes) => {
                let list: Vec<String> = nodes
                    .iter()
                    .map(|n| format!("{}:{} {} {}", n.address, n.port, n.condition, n.kind))
                    .collect();
                write!(f, "add nodes {}", list.join(", "))
            }
            Change::UpdateNode {
                id,
                node,
                condition,
                kind,
                weight,
            } => {
                let parts: Vec<String> = [
                    opt("condition", condition),
                    opt("type", kind),
                    opt("weight", weight),
                ]
                .into_iter()
                .flatten()
                .collect();
                write!(f, "update node {id} ({node}): {}", parts.join(", "))
            }
            Change::RemoveNodes { nodes, .. } => write!(f, "remove nodes {}", nodes.join(", ")),
            Change::SetSessionPersistence(t) => write!(f, "set session persistence {t}"),
            Change::DisableSessionPersistence => write!(f, "disable session persistence"),
            Change::AppendAccess(items) => {
                let list: Vec<String> = items
                    .iter()
                    .map(|i| format!("{} {}", i.kind, i.address))
                    .collect();
                write!(f, "add access rules {}", list.join(", "))
            }
            Change::RemoveAccess { items, .. } => {
                write!(f, "remove access rules {}", items.join(", "))
            }
            Change::SetThrottle(t) => {
                write!(
                    f,
                    "set connection throttle (max connections {})",
                    t.max_connections
                )
            }
            Change::DeleteThrottle => write!(f, "delete connection throttle"),
            Change::SetLogging(on) => write!(f, "{} connection logging", on_off(*on)),
            Change::SetCaching(on) => write!(f, "{} content caching", on_off(*on)),
            Change::AddMetadata(items) => {
                let keys: Vec<&str> = items.keys().map(String::as_str).collect();
                write!(f, "add metadata {}", keys.join(", "))
            }
            Change::UpdateMetadata { key, .. } => write!(f, "update metadata {key}"),
            Change::RemoveMetadata { keys, .. } => write!(f, "remove metadata {}", keys.join(", ")),
        }
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "enable" } else { "disable" }
}
