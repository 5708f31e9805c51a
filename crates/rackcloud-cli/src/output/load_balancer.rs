//! Load balancers as `lb list` prints them (a table, or an array of objects), and the fields of
//! that object, which `lb show` (`super::lb_details`) prints first.

use std::io::{self, Write};

use rackcloud_lb::core::model::VirtualIp;
use rackcloud_lb::lbs::LoadBalancer;
use serde::Serialize;

use super::{Column, Render, Table, write_json};

/// A load balancer in JSON: the object of `lb list` (an array of them), and the first fields of
/// `lb show`'s and `lb create`'s.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LoadBalancerDocument<'a> {
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
pub(super) fn document(lb: &LoadBalancer) -> LoadBalancerDocument<'_> {
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

/// `lb list`: the load balancers, as a table.
#[derive(Debug)]
pub(crate) struct LoadBalancers(pub(crate) Vec<LoadBalancer>);

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

pub(super) fn virtual_ip(vip: &VirtualIp) -> String {
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
