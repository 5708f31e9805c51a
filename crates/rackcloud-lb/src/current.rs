//! [`Current`]: what the account has for one load balancer, as a document entry plus the ids
//! that changes need.

use std::collections::BTreeMap;

use lb_lbs::LoadBalancer;

use crate::document::{AccessSpec, LbSpec, MonitorSpec, NodeSpec, ThrottleSpec, VipSpec};

/// One existing load balancer: its id, its description in document form, and the ids of its
/// nodes, access list items and metadata items (in the order of the description's lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    id: u64,
    spec: LbSpec,
    node_ids: Vec<u64>,
    access_ids: Vec<u64>,
    metadata_ids: BTreeMap<String, u64>,
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(str::to_owned)
}

fn small(n: Option<u64>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

impl Current {
    /// From what `GET /loadbalancers/{id}` shows.
    pub fn from_lb(lb: &LoadBalancer) -> Current {
        let nodes = lb.nodes().iter().map(|n| NodeSpec {
            address: n.address().to_owned(),
            port: n.port(),
            condition: n
                .condition()
                .and_then(|c| c.as_str().parse().ok())
                .unwrap_or(lb_nodes::Condition::Enabled),
            kind: n
                .kind()
                .and_then(|k| k.parse().ok())
                .unwrap_or(lb_nodes::Type::Primary),
            weight: small(n.weight()),
        });
        let health_monitor = lb.health_monitor().and_then(|m| {
            Some(MonitorSpec {
                kind: m.kind().parse().ok()?,
                delay: small(m.delay())?,
                timeout: small(m.timeout())?,
                attempts_before_deactivation: small(m.attempts_before_deactivation())?,
                path: non_empty(m.path()),
                status_regex: non_empty(m.status_regex()),
                body_regex: non_empty(m.body_regex()),
                host_header: non_empty(m.host_header()),
            })
        });
        let connection_throttle = lb.connection_throttle().and_then(|t| {
            Some(ThrottleSpec {
                max_connections: small(t.max_connections())?,
                min_connections: small(t.min_connections()),
                max_connection_rate: small(t.max_connection_rate()),
                rate_interval: small(t.rate_interval()),
            })
        });
        let access_list = lb.access_list().iter().map(|a| AccessSpec {
            address: a.address().to_owned(),
            kind: a.kind().into(),
        });
        let spec = LbSpec {
            name: lb.name().to_owned(),
            protocol: lb.protocol().clone(),
            port: lb.port(),
            algorithm: Some(lb.algorithm().clone()),
            timeout: lb.timeout(),
            virtual_ips: lb
                .virtual_ips()
                .iter()
                .map(|v| VipSpec {
                    kind: v.kind().clone(),
                    ip_version: Some(v.ip_version().clone()),
                })
                .collect(),
            nodes: nodes.collect(),
            health_monitor,
            access_list: access_list.collect(),
            connection_throttle,
            session_persistence: lb.session_persistence().map(Into::into),
            connection_logging: lb.connection_logging().unwrap_or(false),
            content_caching: lb.content_caching().unwrap_or(false),
            metadata: lb
                .metadata()
                .iter()
                .map(|m| (m.key().to_owned(), m.value().to_owned()))
                .collect(),
        };
        Current {
            id: lb.id(),
            node_ids: lb.nodes().iter().map(|n| n.id()).collect(),
            access_ids: lb.access_list().iter().map(|a| a.id()).collect(),
            metadata_ids: lb
                .metadata()
                .iter()
                .map(|m| (m.key().to_owned(), m.id()))
                .collect(),
            spec,
        }
    }

    /// A load balancer `id` described by `spec`, its items numbered from 1 in list order (for
    /// planning without an account, as in tests).
    pub fn from_spec(id: u64, spec: LbSpec) -> Current {
        let number = |n: usize| (1..=n as u64).collect::<Vec<_>>();
        Current {
            id,
            node_ids: number(spec.nodes.len()),
            access_ids: number(spec.access_list.len()),
            metadata_ids: spec.metadata.keys().cloned().zip(1..).collect(),
            spec,
        }
    }

    /// The load balancer's id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Its description (what export writes).
    pub fn spec(&self) -> &LbSpec {
        &self.spec
    }

    pub(crate) fn node_ids(&self) -> &[u64] {
        &self.node_ids
    }

    pub(crate) fn access_ids(&self) -> &[u64] {
        &self.access_ids
    }

    pub(crate) fn metadata_id(&self, key: &str) -> u64 {
        self.metadata_ids.get(key).copied().unwrap_or(0)
    }
}
