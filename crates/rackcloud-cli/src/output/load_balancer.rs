//! Load balancers as text (a table for `lb list`, one fact per line for `lb show`) and as the
//! JSON object both commands share.

use lb_lbs::{LoadBalancer, VirtualIp};
use serde::Serialize;

/// A load balancer in JSON: the same object in `lb list` (an array of them), `lb show`,
/// `lb create`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoadBalancerDocument<'a> {
    id: u64,
    name: &'a str,
    protocol: &'a str,
    port: u16,
    status: &'a str,
    algorithm: &'a str,
    node_count: usize,
    virtual_ips: Vec<VirtualIpDocument<'a>>,
    /// `null` when disabled, and in `lb list` whatever the setting (the list does not say).
    session_persistence: Option<&'a str>,
    created: &'a str,
    updated: &'a str,
}

/// A virtual IP in JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VirtualIpDocument<'a> {
    address: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    ip_version: &'a str,
}

/// The JSON object of one load balancer.
pub(crate) fn document(lb: &LoadBalancer) -> LoadBalancerDocument<'_> {
    LoadBalancerDocument {
        id: lb.id(),
        name: lb.name(),
        protocol: lb.protocol().as_str(),
        port: lb.port(),
        status: lb.status().as_str(),
        algorithm: lb.algorithm().as_str(),
        node_count: lb.node_count(),
        virtual_ips: lb
            .virtual_ips()
            .iter()
            .map(|vip| VirtualIpDocument {
                address: vip.address(),
                kind: vip.kind().as_str(),
                ip_version: vip.ip_version().as_str(),
            })
            .collect(),
        session_persistence: lb.session_persistence(),
        created: lb.created(),
        updated: lb.updated(),
    }
}

/// One fact per line: `name: web`, …, a line per virtual IP.
pub(crate) fn facts(lb: &LoadBalancer) -> Vec<String> {
    let mut lines = vec![
        format!("id: {}", lb.id()),
        format!("name: {}", lb.name()),
        format!("protocol: {}", lb.protocol()),
        format!("port: {}", lb.port()),
        format!("status: {}", lb.status()),
        format!("algorithm: {}", lb.algorithm()),
        format!("nodes: {}", lb.node_count()),
    ];
    if lb.virtual_ips().is_empty() {
        lines.push("virtual IPs: none".to_owned());
    }
    lines.extend(lb.virtual_ips().iter().map(virtual_ip));
    lines.push(format!(
        "session persistence: {}",
        lb.session_persistence().unwrap_or("disabled")
    ));
    lines.push(format!("created: {}", lb.created()));
    lines.push(format!("updated: {}", lb.updated()));
    lines
}

/// A header, then one aligned line per load balancer: `ID NAME PROTOCOL PORT STATUS`, the
/// numbers right-aligned; `no load balancers` for none.
pub(crate) fn table(lbs: &[LoadBalancer]) -> Vec<String> {
    if lbs.is_empty() {
        return vec!["no load balancers".to_owned()];
    }
    let header = ["ID", "NAME", "PROTOCOL", "PORT", "STATUS"].map(str::to_owned);
    let rows: Vec<[String; 5]> = std::iter::once(header)
        .chain(lbs.iter().map(|lb| {
            [
                lb.id().to_string(),
                lb.name().to_owned(),
                lb.protocol().to_string(),
                lb.port().to_string(),
                lb.status().to_string(),
            ]
        }))
        .collect();
    let mut widths = [0; 5];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    rows.iter()
        .map(|[id, name, protocol, port, status]| {
            format!(
                "{id:>w0$}  {name:<w1$}  {protocol:<w2$}  {port:>w3$}  {status}",
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3],
            )
        })
        .collect()
}

fn virtual_ip(vip: &VirtualIp) -> String {
    format!(
        "virtual IP: {} ({} {})",
        vip.address(),
        vip.kind(),
        vip.ip_version()
    )
}
