//! `lb access-list show`: the items as a table (text) or an array (JSON). The changes are plain
//! [`Change`](super::Change)s.

use std::io::{self, Write};

use rackcloud_lb::acl::NetworkItem;
use serde::Serialize;

use super::{Column, Render, Table, write_json};

/// The access list of one load balancer.
#[derive(Debug)]
pub(crate) struct AccessListShown {
    pub(crate) lb_id: u64,
    pub(crate) items: Vec<NetworkItem>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    load_balancer_id: u64,
    access_list: Vec<ItemDocument<'a>>,
}

#[derive(Serialize)]
struct ItemDocument<'a> {
    id: u64,
    address: &'a str,
    #[serde(rename = "type")]
    rule_type: &'a str,
}

impl Render for AccessListShown {
    /// `ID  TYPE   ADDRESS` rows, or one line when the list is empty.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::right("ID"),
            Column::left("TYPE"),
            Column::left("ADDRESS"),
        ]);
        for item in &self.items {
            table.row([
                item.id().to_string(),
                item.rule_type().to_string(),
                item.address().to_owned(),
            ]);
        }
        table.write(
            out,
            &format!("load balancer {}: the access list is empty", self.lb_id),
        )
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = Document {
            load_balancer_id: self.lb_id,
            access_list: self
                .items
                .iter()
                .map(|i| ItemDocument {
                    id: i.id(),
                    address: i.address(),
                    rule_type: i.rule_type().as_str(),
                })
                .collect(),
        };
        write_json(out, &doc)
    }
}
