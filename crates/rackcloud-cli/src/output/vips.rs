//! Virtual IPs: a table for `lb vip list`, a [`Change`] for `add` and `remove`.

use std::io::{self, Write};

use rackcloud_lb::core::model::VirtualIp;
use rackcloud_lb::lbs::Status;
use serde::Serialize;

use super::{Change, Column, Render, Table, write_json};

/// `lb vip list`: the virtual IPs of one load balancer.
#[derive(Debug)]
pub(crate) struct VirtualIps {
    pub(crate) lb_id: u64,
    pub(crate) vips: Vec<VirtualIp>,
}

/// A virtual IP in JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VipDocument {
    id: u64,
    address: String,
    #[serde(rename = "type")]
    kind: String,
    ip_version: String,
}

impl From<&VirtualIp> for VipDocument {
    fn from(vip: &VirtualIp) -> VipDocument {
        VipDocument {
            id: vip.id(),
            address: vip.address().to_owned(),
            kind: vip.vip_type().as_str().to_owned(),
            ip_version: vip.ip_version().as_str().to_owned(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListDocument {
    load_balancer_id: u64,
    virtual_ips: Vec<VipDocument>,
}

impl Render for VirtualIps {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::right("ID"),
            Column::left("TYPE"),
            Column::left("VERSION"),
            Column::left("ADDRESS"),
        ]);
        for vip in &self.vips {
            table.row([
                vip.id().to_string(),
                vip.vip_type().to_string(),
                vip.ip_version().to_string(),
                vip.address().to_owned(),
            ]);
        }
        table.write(
            out,
            &format!("load balancer {}: no virtual ips", self.lb_id),
        )
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = ListDocument {
            load_balancer_id: self.lb_id,
            virtual_ips: self.vips.iter().map(VipDocument::from).collect(),
        };
        write_json(out, &doc)
    }
}

/// The JSON field of `lb vip add`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AddedFields {
    virtual_ip: VipDocument,
}

/// `lb vip add`: the change, naming the new address and its id.
pub(crate) fn vip_added(
    lb_id: u64,
    vip: &VirtualIp,
    status: Option<Status>,
) -> Change<AddedFields> {
    Change::update(
        lb_id,
        format!("virtual ip {} (id {})", vip.address(), vip.id()),
        status,
    )
    .with_fields(AddedFields {
        virtual_ip: VipDocument::from(vip),
    })
}

/// The JSON field of `lb vip remove`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RemovedFields {
    removed_virtual_ip_ids: Vec<u64>,
}

/// `lb vip remove`: the change, naming the ids removed.
pub(crate) fn vips_removed(
    lb_id: u64,
    ids: &[u64],
    status: Option<Status>,
) -> Change<RemovedFields> {
    let list: Vec<String> = ids.iter().map(u64::to_string).collect();
    let noun = if ids.len() == 1 {
        "virtual ip"
    } else {
        "virtual ips"
    };
    Change::update(
        lb_id,
        format!("removal of {noun} {}", list.join(", ")),
        status,
    )
    .with_fields(RemovedFields {
        removed_virtual_ip_ids: ids.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::rendered::{json, text};

    #[test]
    fn removal_is_a_change_naming_the_ids() {
        let change = vips_removed(4, &[7, 9], None);
        assert_eq!(
            text(&change),
            ["load balancer 4: removal of virtual ips 7, 9 accepted; PENDING_UPDATE until applied"]
        );
        assert_eq!(
            json(&change),
            r#"{"loadBalancerId":4,"removedVirtualIpIds":[7,9],"accepted":true}"#
        );
    }
}
