//! Nodes as text (a table for `lb node list`, one fact per line for `lb node show`) and JSON;
//! node events; the fields node changes add to their [`Change`].

use std::io::{self, Write};

use rackcloud_lb::core::model::Node;
use rackcloud_lb::lbs::Status as LbStatus;
use rackcloud_lb::nodes::NodeEvent;
use serde::Serialize;

use super::{Change, Column, Render, Table, write_json};

/// A node in JSON: the same object in `list`, `show` and `add`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NodeDocument {
    id: u64,
    address: String,
    port: u16,
    condition: String,
    status: String,
    #[serde(rename = "type")]
    node_type: String,
    /// `null` when the service shows none (not a weighted algorithm).
    weight: Option<u32>,
}

fn document(node: &Node) -> NodeDocument {
    NodeDocument {
        id: node.id(),
        address: node.address().to_owned(),
        port: node.port(),
        condition: node.condition().to_string(),
        status: node.status().to_string(),
        node_type: node.node_type().to_string(),
        weight: node.weight(),
    }
}

/// `lb node list`.
#[derive(Debug)]
pub(crate) struct Nodes(pub(crate) Vec<Node>);

/// `lb node show`.
#[derive(Debug)]
pub(crate) struct NodeDetails(pub(crate) Node);

/// `lb node events`.
#[derive(Debug)]
pub(crate) struct NodeEvents(pub(crate) Vec<NodeEvent>);

/// The JSON fields of a change to nodes: their ids.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NodeIds {
    node_ids: Vec<u64>,
}

impl NodeIds {
    pub(crate) fn one(id: u64) -> NodeIds {
        NodeIds { node_ids: vec![id] }
    }

    pub(crate) fn many(ids: &[u64]) -> NodeIds {
        NodeIds {
            node_ids: ids.to_vec(),
        }
    }

    /// `node 4` or `nodes 4, 5`.
    pub(crate) fn describe(&self) -> String {
        let list: Vec<String> = self.node_ids.iter().map(u64::to_string).collect();
        match list.as_slice() {
            [one] => format!("node {one}"),
            _ => format!("nodes {}", list.join(", ")),
        }
    }
}

/// `lb node update`: the change, or that the node already had every setting given.
#[derive(Debug)]
pub(crate) enum NodeUpdate {
    /// The update was sent.
    Changed(Change<NodeIds>),
    /// Nothing was sent: the node already had `already` (`DRAINING, weight 5`).
    Unchanged {
        lb_id: u64,
        node_id: u64,
        already: String,
    },
}

impl Render for NodeUpdate {
    /// `load balancer 1: node 3 is already DRAINING; nothing changed`.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            NodeUpdate::Changed(change) => change.text(out),
            NodeUpdate::Unchanged {
                lb_id,
                node_id,
                already,
            } => writeln!(
                out,
                "load balancer {lb_id}: node {node_id} is already {already}; nothing changed"
            ),
        }
    }

    /// The change's document, or `{"loadBalancerId":1,"nodeIds":[3],"outcome":"unchanged"}`.
    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            NodeUpdate::Changed(change) => change.json(out),
            NodeUpdate::Unchanged { lb_id, node_id, .. } => write_json(
                out,
                &serde_json::json!({"loadBalancerId": lb_id, "nodeIds": [node_id],
                    "outcome": "unchanged"}),
            ),
        }
    }
}

/// The JSON fields of `lb node add`: the new nodes.
#[derive(Debug, Serialize)]
pub(crate) struct AddedFields {
    nodes: Vec<NodeDocument>,
}

/// `lb node add`: `what` (`addition`, `safe addition`) of the nodes `added`.
pub(crate) fn added_nodes(
    lb_id: u64,
    what: &str,
    added: &[Node],
    status: Option<LbStatus>,
) -> Change<AddedFields> {
    let names: Vec<String> = added
        .iter()
        .map(|n| format!("{} ({}:{})", n.id(), n.address(), n.port()))
        .collect();
    let noun = if added.len() == 1 { "node" } else { "nodes" };
    Change::update(
        lb_id,
        format!("{what} of {noun} {}", names.join(", ")),
        status,
    )
    .with_fields(AddedFields {
        nodes: added.iter().map(document).collect(),
    })
}

impl Render for Nodes {
    /// `ID ADDRESS PORT CONDITION STATUS TYPE WEIGHT`; `no nodes` for none.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::right("ID"),
            Column::left("ADDRESS"),
            Column::right("PORT"),
            Column::left("CONDITION"),
            Column::left("STATUS"),
            Column::left("TYPE"),
            Column::right("WEIGHT"),
        ]);
        for n in &self.0 {
            table.row([
                n.id().to_string(),
                n.address().to_owned(),
                n.port().to_string(),
                n.condition().to_string(),
                n.status().to_string(),
                n.node_type().to_string(),
                n.weight().map_or_else(|| "-".to_owned(), |w| w.to_string()),
            ]);
        }
        table.write(out, "no nodes")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let docs: Vec<NodeDocument> = self.0.iter().map(document).collect();
        write_json(out, &docs)
    }
}

impl Render for NodeDetails {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let n = &self.0;
        writeln!(out, "id: {}", n.id())?;
        writeln!(out, "address: {}", n.address())?;
        writeln!(out, "port: {}", n.port())?;
        writeln!(out, "condition: {}", n.condition())?;
        writeln!(out, "status: {}", n.status())?;
        writeln!(out, "type: {}", n.node_type())?;
        match n.weight() {
            Some(w) => writeln!(out, "weight: {w}"),
            None => writeln!(out, "weight: not shown (not a weighted algorithm)"),
        }
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(out, &document(&self.0))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventDocument<'a> {
    id: u64,
    node_id: Option<u64>,
    created: Option<&'a str>,
    #[serde(rename = "type")]
    event_type: Option<&'a str>,
    severity: Option<&'a str>,
    description: Option<&'a str>,
}

impl Render for NodeEvents {
    /// `ID NODE CREATED TYPE DESCRIPTION`; `no node events` for none.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::right("ID"),
            Column::right("NODE"),
            Column::left("CREATED"),
            Column::left("TYPE"),
            Column::left("DESCRIPTION"),
        ]);
        for e in &self.0 {
            table.row([
                e.id().to_string(),
                e.node_id()
                    .map_or_else(|| "-".to_owned(), |n| n.to_string()),
                e.created().unwrap_or("-").to_owned(),
                e.event_type().unwrap_or("-").to_owned(),
                e.description().unwrap_or("").to_owned(),
            ]);
        }
        table.write(out, "no node events")
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let docs: Vec<EventDocument<'_>> = self
            .0
            .iter()
            .map(|e| EventDocument {
                id: e.id(),
                node_id: e.node_id(),
                created: e.created(),
                event_type: e.event_type(),
                severity: e.severity(),
                description: e.description(),
            })
            .collect();
        write_json(out, &docs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::rendered::{json, text};

    #[test]
    fn no_nodes_and_no_events() {
        assert_eq!(text(&Nodes(Vec::new())), ["no nodes"]);
        assert_eq!(json(&Nodes(Vec::new())), "[]");
        assert_eq!(text(&NodeEvents(Vec::new())), ["no node events"]);
        assert_eq!(NodeIds::many(&[4, 5]).describe(), "nodes 4, 5");
    }
}
