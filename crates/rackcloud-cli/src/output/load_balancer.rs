//! Load balancers as text (a table for `lb list`, one fact per line for `lb show`) and as the
//! JSON object both commands share.

use std::io::{self, Write};

use rackcloud_lb::lbs::{LoadBalancer, VirtualIp};
use serde::Serialize;

use super::{Column, Render, Table, write_json};

/// A load balancer in JSON: the same object in `lb list` (an array of them), `lb show`,
/// `lb create`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadBalancerDocument<'a> {
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
fn document(lb: &LoadBalancer) -> LoadBalancerDocument<'_> {
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
                kind: vip.vip_type().as_str(),
                ip_version: vip.ip_version().as_str(),
            })
            .collect(),
        session_persistence: lb.session_persistence().map(|t| t.as_str()),
        created: lb.created(),
        updated: lb.updated(),
    }
}

/// `lb show`, `lb create`: one load balancer, one fact per line.
#[derive(Debug)]
pub(crate) struct LoadBalancerDetails(pub(crate) LoadBalancer);

/// `lb list`: the load balancers, as a table.
#[derive(Debug)]
pub(crate) struct LoadBalancers(pub(crate) Vec<LoadBalancer>);

impl Render for LoadBalancerDetails {
    /// `name: web`, …, a line per virtual IP.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let lb = &self.0;
        writeln!(out, "id: {}", lb.id())?;
        writeln!(out, "name: {}", crate::sanitize::line(lb.name()))?;
        writeln!(out, "protocol: {}", lb.protocol())?;
        writeln!(out, "port: {}", lb.port())?;
        writeln!(out, "status: {}", lb.status())?;
        writeln!(out, "algorithm: {}", lb.algorithm())?;
        writeln!(out, "nodes: {}", lb.node_count())?;
        if lb.virtual_ips().is_empty() {
            writeln!(out, "virtual IPs: none")?;
        }
        for vip in lb.virtual_ips() {
            writeln!(out, "{}", virtual_ip(vip))?;
        }
        writeln!(
            out,
            "session persistence: {}",
            lb.session_persistence().map_or("disabled", |t| t.as_str())
        )?;
        writeln!(out, "created: {}", lb.created())?;
        writeln!(out, "updated: {}", lb.updated())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(out, &document(&self.0))
    }
}

impl Render for LoadBalancers {
    /// `ID NAME PROTOCOL PORT STATUS`, the numbers right-aligned; `no load balancers` for none.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::right("ID"),
            Column::left("NAME"),
            Column::left("PROTOCOL"),
            Column::right("PORT"),
            Column::left("STATUS"),
        ]);
        for lb in &self.0 {
            table.row([
                lb.id().to_string(),
                lb.name().to_owned(),
                lb.protocol().to_string(),
                lb.port().to_string(),
                lb.status().to_string(),
            ]);
        }
        table.write(out, "no load balancers")
    }

    /// An array of the objects `lb show` prints.
    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let docs: Vec<LoadBalancerDocument<'_>> = self.0.iter().map(document).collect();
        write_json(out, &docs)
    }
}

fn virtual_ip(vip: &VirtualIp) -> String {
    format!(
        "virtual IP: {} ({} {})",
        vip.address(),
        vip.vip_type(),
        vip.ip_version()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::rendered::{json, text};

    #[test]
    fn no_load_balancers_is_said_and_is_an_empty_array() {
        let none = LoadBalancers(Vec::new());
        assert_eq!(text(&none), ["no load balancers"]);
        assert_eq!(json(&none), "[]");
    }
}
