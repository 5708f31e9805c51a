//! `lb show` and `lb create`: the whole load balancer as the service shows it, one fact per line
//! in text, one object in JSON (the API's names, in the order of docs/api/load-balancers.md),
//! with the SSL termination the load balancer object leaves out.

use std::io::{self, Write};

use rackcloud_lb::core::model::{HealthMonitor, Node};
use rackcloud_lb::lbs::{LoadBalancer, Throttle};
use rackcloud_lb::ssl::SslTermination;
use serde::Serialize;
use serde_json::{Value, json};

use super::load_balancer::{LoadBalancerDocument, document};
use super::{Render, write_json};
use crate::sanitize::line;

/// `lb show`, `lb create`: one load balancer, and its SSL termination (`None`: none, which is
/// always so for a new one).
#[derive(Debug)]
pub(crate) struct LoadBalancerDetails {
    pub(crate) lb: LoadBalancer,
    pub(crate) ssl: Option<SslTermination>,
}

impl LoadBalancerDetails {
    /// A load balancer just created (no SSL termination yet: it is set afterwards).
    pub(crate) fn created(lb: LoadBalancer) -> LoadBalancerDetails {
        LoadBalancerDetails { lb, ssl: None }
    }
}

/// The JSON object: the fields `lb list` prints, then the rest of the load balancer.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetailsDocument<'a> {
    #[serde(flatten)]
    summary: LoadBalancerDocument<'a>,
    timeout: Option<u32>,
    half_closed: Option<bool>,
    https_redirect: Option<bool>,
    nodes: Vec<Value>,
    health_monitor: Option<Value>,
    connection_throttle: Option<Value>,
    access_list: Vec<Value>,
    connection_logging: Option<bool>,
    content_caching: Option<bool>,
    ssl_termination: Option<Value>,
    metadata: Vec<Value>,
    source_addresses: Option<Value>,
    cluster: Option<&'a str>,
}

fn node_json(n: &Node) -> Value {
    json!({"id": n.id(), "address": n.address(), "port": n.port(),
        "condition": n.condition().as_str(), "status": n.status().as_str(),
        "type": n.node_type().as_str(), "weight": n.weight()})
}

fn monitor_json(m: &HealthMonitor) -> Value {
    json!({"type": m.monitor_type().as_str(), "delay": m.delay(), "timeout": m.timeout(),
        "attemptsBeforeDeactivation": m.attempts_before_deactivation(), "path": m.path(),
        "statusRegex": m.status_regex(), "bodyRegex": m.body_regex(),
        "hostHeader": m.host_header()})
}

fn throttle_json(t: &Throttle) -> Value {
    json!({"maxConnections": t.max_connections(), "minConnections": t.min_connections(),
        "maxConnectionRate": t.max_connection_rate(), "rateInterval": t.rate_interval()})
}

fn ssl_json(t: &SslTermination) -> Value {
    json!({"enabled": t.enabled(), "securePort": t.secure_port(),
        "secureTrafficOnly": t.secure_traffic_only(),
        "cipherProfile": t.cipher_profile().map(|p| p.as_str()),
        "certificate": super::CertFacts::of(t.certificate()),
        "intermediateCertificate": t.intermediate_certificate().is_some()})
}

impl Render for LoadBalancerDetails {
    /// `id: 5`, `name: web`, …: every part, `none` for what is not configured.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let lb = &self.lb;
        let on_off = |v: Option<bool>| v.map_or("unknown", |on| if on { "on" } else { "off" });
        writeln!(out, "id: {}", lb.id())?;
        writeln!(out, "name: {}", line(lb.name()))?;
        writeln!(out, "protocol: {}", lb.protocol())?;
        writeln!(out, "port: {}", lb.port())?;
        writeln!(out, "status: {}", lb.status())?;
        writeln!(out, "algorithm: {}", lb.algorithm())?;
        if let Some(seconds) = lb.timeout() {
            writeln!(out, "idle timeout: {seconds} s")?;
        }
        writeln!(out, "half-closed: {}", on_off(lb.half_closed()))?;
        writeln!(out, "HTTPS redirect: {}", on_off(lb.https_redirect()))?;
        if lb.virtual_ips().is_empty() {
            writeln!(out, "virtual IPs: none")?;
        }
        for vip in lb.virtual_ips() {
            writeln!(out, "{}", super::load_balancer::virtual_ip(vip))?;
        }
        writeln!(out, "nodes: {}", lb.node_count())?;
        for n in lb.nodes() {
            let weight = n.weight().map_or(String::new(), |w| format!(" weight {w}"));
            writeln!(
                out,
                "  node {}: {}:{} {} {} {}{weight}",
                n.id(),
                line(n.address()),
                n.port(),
                n.condition(),
                n.status(),
                n.node_type()
            )?;
        }
        writeln!(
            out,
            "session persistence: {}",
            lb.session_persistence().map_or("disabled", |t| t.as_str())
        )?;
        monitor_text(out, lb.health_monitor())?;
        throttle_text(out, lb.connection_throttle())?;
        if lb.access_list().is_empty() {
            writeln!(out, "access list: none")?;
        } else {
            let n = lb.access_list().len();
            writeln!(
                out,
                "access list: {n} {}",
                if n == 1 { "item" } else { "items" }
            )?;
        }
        for item in lb.access_list() {
            let address = line(item.address());
            writeln!(out, "  item {}: {} {address}", item.id(), item.kind())?;
        }
        writeln!(
            out,
            "connection logging: {}",
            on_off(lb.connection_logging())
        )?;
        writeln!(out, "content caching: {}", on_off(lb.content_caching()))?;
        match &self.ssl {
            None => writeln!(out, "SSL termination: none")?,
            Some(t) => {
                let state = if t.enabled() { "enabled" } else { "disabled" };
                let port = t.secure_port().map_or("?".to_owned(), |p| p.to_string());
                let only = if t.secure_traffic_only() {
                    ", secure traffic only"
                } else {
                    ""
                };
                writeln!(out, "SSL termination: {state} on port {port}{only}")?;
            }
        }
        if lb.metadata().is_empty() {
            writeln!(out, "metadata: none")?;
        }
        for item in lb.metadata() {
            let (key, value) = (line(item.key()), line(item.value()));
            writeln!(out, "metadata {}: {key}={value}", item.id())?;
        }
        if let Some(a) = lb.source_addresses() {
            for (label, address) in [
                ("IPv4 public", a.ipv4_public()),
                ("IPv4 ServiceNet", a.ipv4_servicenet()),
                ("IPv6 public", a.ipv6_public()),
                ("IPv6 ServiceNet", a.ipv6_servicenet()),
            ] {
                if let Some(address) = address {
                    writeln!(out, "source address ({label}): {}", line(address))?;
                }
            }
        }
        if let Some(cluster) = lb.cluster() {
            writeln!(out, "cluster: {}", line(cluster))?;
        }
        writeln!(out, "created: {}", lb.created())?;
        writeln!(out, "updated: {}", lb.updated())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let lb = &self.lb;
        let doc = DetailsDocument {
            summary: document(lb),
            timeout: lb.timeout(),
            half_closed: lb.half_closed(),
            https_redirect: lb.https_redirect(),
            nodes: lb.nodes().iter().map(node_json).collect(),
            health_monitor: lb.health_monitor().map(monitor_json),
            connection_throttle: lb.connection_throttle().map(throttle_json),
            access_list: lb
                .access_list()
                .iter()
                .map(|i| json!({"id": i.id(), "address": i.address(), "type": i.kind().as_str()}))
                .collect(),
            connection_logging: lb.connection_logging(),
            content_caching: lb.content_caching(),
            ssl_termination: self.ssl.as_ref().map(ssl_json),
            metadata: lb
                .metadata()
                .iter()
                .map(|i| json!({"id": i.id(), "key": i.key(), "value": i.value()}))
                .collect(),
            source_addresses: lb.source_addresses().map(|a| {
                json!({"ipv4Public": a.ipv4_public(), "ipv4Servicenet": a.ipv4_servicenet(),
                    "ipv6Public": a.ipv6_public(), "ipv6Servicenet": a.ipv6_servicenet()})
            }),
            cluster: lb.cluster(),
        };
        write_json(out, &doc)
    }
}

/// `health monitor: HTTP every 10 s, …` or `health monitor: none`.
fn monitor_text(out: &mut dyn Write, monitor: Option<&HealthMonitor>) -> io::Result<()> {
    let Some(m) = monitor else {
        return writeln!(out, "health monitor: none");
    };
    writeln!(
        out,
        "health monitor: {} {}",
        m.monitor_type(),
        super::health_monitor::summary(m)
    )
}

/// `connection throttle: 100 connections at most, …` or `connection throttle: none`.
fn throttle_text(out: &mut dyn Write, throttle: Option<&Throttle>) -> io::Result<()> {
    let Some(t) = throttle else {
        return writeln!(out, "connection throttle: none");
    };
    let mut parts = Vec::new();
    for (label, value) in [
        ("max connections", t.max_connections()),
        ("min connections", t.min_connections()),
        ("max connection rate", t.max_connection_rate()),
        ("rate interval", t.rate_interval()),
    ] {
        if let Some(value) = value {
            parts.push(format!("{label} {value}"));
        }
    }
    writeln!(out, "connection throttle: {}", parts.join(", "))
}
