//! `lb usage`: usage records as a table (text) or an array (JSON); `lb usage --billable`: the
//! billable load balancers.

use std::io::{self, Write};

use rackcloud_lb::usage::{AccountUsage, BillableLoadBalancer, UsageRecord};
use serde::Serialize;

use super::{Column, Render, Table, write_json};

/// Usage records of one load balancer or of every load balancer of the account.
#[derive(Debug)]
pub(crate) struct UsageReport {
    lb_id: Option<u64>,
    rows: Vec<(u64, UsageRecord)>,
}

impl UsageReport {
    /// One load balancer's records.
    pub(crate) fn load_balancer(lb_id: u64, records: Vec<UsageRecord>) -> UsageReport {
        UsageReport {
            lb_id: Some(lb_id),
            rows: records.into_iter().map(|r| (lb_id, r)).collect(),
        }
    }

    /// Every load balancer's records in an account report.
    pub(crate) fn account(usage: &AccountUsage) -> UsageReport {
        let rows = usage
            .load_balancers()
            .iter()
            .flat_map(|lb| lb.records().iter().map(|r| (lb.id(), r.clone())))
            .collect();
        UsageReport { lb_id: None, rows }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UsageDocument {
    #[serde(skip_serializing_if = "Option::is_none")]
    load_balancer_id: Option<u64>,
    records: Vec<RecordDocument>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordDocument {
    load_balancer_id: u64,
    start_time: String,
    end_time: String,
    incoming_transfer: u64,
    outgoing_transfer: u64,
    average_num_connections: f64,
    num_vips: u32,
    num_polls: u32,
    event_type: Option<String>,
}

impl Render for UsageReport {
    /// `LB  START  END  IN  OUT  AVG CONN  VIPS` rows, or one line when there are none.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::right("LB"),
            Column::left("START"),
            Column::left("END"),
            Column::right("IN"),
            Column::right("OUT"),
            Column::right("AVG CONN"),
            Column::right("VIPS"),
        ]);
        for (id, r) in &self.rows {
            table.row([
                id.to_string(),
                r.start_time().to_string(),
                r.end_time().to_string(),
                r.incoming_transfer().to_string(),
                r.outgoing_transfer().to_string(),
                format!("{:.2}", r.average_num_connections()),
                r.num_vips().to_string(),
            ]);
        }
        table.write(out, "no usage records in the period")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = UsageDocument {
            load_balancer_id: self.lb_id,
            records: self
                .rows
                .iter()
                .map(|(id, r)| RecordDocument {
                    load_balancer_id: *id,
                    start_time: r.start_time().to_string(),
                    end_time: r.end_time().to_string(),
                    incoming_transfer: r.incoming_transfer(),
                    outgoing_transfer: r.outgoing_transfer(),
                    average_num_connections: r.average_num_connections(),
                    num_vips: r.num_vips(),
                    num_polls: r.num_polls(),
                    event_type: r.event_type().map(str::to_owned),
                })
                .collect(),
        };
        write_json(out, &doc)
    }
}

/// `lb usage --billable`: the billable load balancers.
#[derive(Debug)]
pub(crate) struct BillableReport(pub(crate) Vec<BillableLoadBalancer>);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BillableDocument<'a> {
    id: u64,
    name: &'a str,
    status: &'a str,
    protocol: &'a str,
    port: u16,
    node_count: u32,
}

impl Render for BillableReport {
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
                lb.protocol().to_owned(),
                lb.port().to_string(),
                lb.status().to_string(),
            ]);
        }
        table.write(out, "no billable load balancers in the period")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let docs: Vec<_> = self
            .0
            .iter()
            .map(|lb| BillableDocument {
                id: lb.id(),
                name: lb.name(),
                status: lb.status().as_str(),
                protocol: lb.protocol(),
                port: lb.port(),
                node_count: lb.node_count(),
            })
            .collect();
        write_json(out, &docs)
    }
}
