//! What `rackcloud allowed-domains`, `rackcloud regional-source-addresses` and
//! `rackcloud lb source-addresses` print.

use std::io::{self, Write};

use rackcloud_lb::lbs::SourceAddressLists;
use serde_json::json;

use super::{Column, Render, Table, write_json};

/// `rackcloud allowed-domains`: one domain name per line.
#[derive(Debug)]
pub(crate) struct DomainsShown(pub(crate) Vec<String>);

impl Render for DomainsShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        for name in &self.0 {
            writeln!(out, "{}", crate::sanitize::line(name))?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(out, &self.0)
    }
}

/// Source addresses: a table of network and address, and the same lists in JSON.
#[derive(Debug)]
pub(crate) struct SourcesShown(pub(crate) SourceAddressLists);

impl Render for SourcesShown {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let lists = &self.0;
        let mut table = Table::new([Column::left("NETWORK"), Column::left("ADDRESS")]);
        for (network, addresses) in [
            ("ipv4 public", lists.ipv4_publicnets()),
            ("ipv4 servicenet", lists.ipv4_servicenets()),
            ("ipv6 public", lists.ipv6_publicnets()),
            ("ipv6 servicenet", lists.ipv6_servicenets()),
        ] {
            for address in addresses {
                table.row([
                    network.to_owned(),
                    crate::sanitize::line(address).into_owned(),
                ]);
            }
        }
        table.write(out, "no source addresses")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let lists = &self.0;
        write_json(
            out,
            &json!({
                "ipv4Publicnets": lists.ipv4_publicnets(),
                "ipv4Servicenets": lists.ipv4_servicenets(),
                "ipv6Publicnets": lists.ipv6_publicnets(),
                "ipv6Servicenets": lists.ipv6_servicenets(),
            }),
        )
    }
}
