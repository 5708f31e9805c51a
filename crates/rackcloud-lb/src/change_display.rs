//! How a [`Change`] reads in a plan: one line a person can check.

use std::fmt;

use crate::change::Change;
use crate::lb_spec::LbSpec;

fn opt<T: fmt::Display>(name: &str, v: &Option<T>) -> Option<String> {
    v.as_ref().map(|v| format!("{name}={v}"))
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::CreateLb(s) => {
                write!(
                    f,
                    "create load balancer {:?} ({} port {}, {})",
                    s.name,
                    s.protocol,
                    s.port,
                    plural(s.nodes.len(), "node", "nodes")
                )?;
                let parts = created_parts(s);
                if !parts.is_empty() {
                    write!(f, " with {}", parts.join(", "))?;
                }
                Ok(())
            }
            Change::UpdateLb {
                protocol,
                port,
                algorithm,
                timeout,
                half_closed,
            } => {
                let parts: Vec<String> = [
                    opt("protocol", protocol),
                    opt("port", port),
                    opt("algorithm", algorithm),
                    opt("timeout", timeout),
                    opt("half_closed", half_closed),
                ]
                .into_iter()
                .flatten()
                .collect();
                write!(f, "update load balancer: {}", parts.join(", "))
            }
            Change::SetHttpsRedirect(on) => write!(f, "{} HTTPS redirect", on_off(*on)),
            Change::AddVirtualIp(v) => write!(
                f,
                "add virtual IP {} {}",
                v.kind,
                v.ip_version.as_ref().map_or("IPV4", |v| v.as_str())
            ),
            Change::RemoveVirtualIps { vips, .. } => {
                write!(f, "remove virtual IPs {}", vips.join(", "))
            }
            Change::SetSslTermination { ssl, certificate } => {
                let with = if *certificate {
                    format!("certificate {}, ", ssl.certificate_file.path())
                } else {
                    String::new()
                };
                write!(
                    f,
                    "set SSL termination ({with}secure port {}, {}{})",
                    ssl.secure_port,
                    if ssl.enabled { "enabled" } else { "disabled" },
                    if ssl.secure_traffic_only {
                        ", secure traffic only"
                    } else {
                        ""
                    }
                )
            }
            Change::DeleteSslTermination => {
                write!(f, "delete SSL termination and its certificate mappings")
            }
            Change::AddMapping(m) => write!(
                f,
                "add certificate mapping {} (certificate {})",
                m.host_name,
                m.certificate_file.path()
            ),
            Change::UpdateMapping { id, mapping } => write!(
                f,
                "update certificate mapping {id} ({}): certificate {}",
                mapping.host_name,
                mapping.certificate_file.path()
            ),
            Change::RemoveMapping { id, host_name } => {
                write!(f, "remove certificate mapping {id} ({host_name})")
            }
            Change::SetErrorPage(page) => write!(f, "set error page from {}", page.path()),
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

/// The configuration a creation sends besides the load balancer itself, in body order.
fn created_parts(s: &LbSpec) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(m) = &s.health_monitor {
        parts.push(format!("{} health monitor", m.kind));
    }
    if let Some(t) = &s.connection_throttle {
        parts.push(format!("throttle max_connections={}", t.max_connections));
    }
    if !s.access_list.is_empty() {
        parts.push(plural(s.access_list.len(), "access rule", "access rules"));
    }
    if !s.metadata.is_empty() {
        parts.push(plural(s.metadata.len(), "metadata item", "metadata items"));
    }
    if s.connection_logging {
        parts.push("connection logging".to_owned());
    }
    if s.content_caching {
        parts.push("content caching".to_owned());
    }
    if let Some(p) = &s.session_persistence {
        parts.push(format!("{p} persistence"));
    }
    if s.https_redirect {
        parts.push("HTTPS redirect".to_owned());
    }
    parts
}

/// `1 node`, `2 nodes`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
