//! Metadata: a table for `lb metadata list`, and what `set` and `remove` did.
//!
//! JSON documents carry `loadBalancerId`, and `nodeId` for a node's metadata.

use std::io::{self, Write};

use rackcloud_lb::metadata::{Meta, Owner, RemoveOutcome, SetOutcome};
use serde::Serialize;

use super::{Column, Render, Table, write_json};

/// `lb metadata list`.
#[derive(Debug)]
pub(crate) struct MetadataItems {
    pub(crate) owner: Owner,
    pub(crate) items: Vec<Meta>,
}

/// `lb metadata set`.
#[derive(Debug)]
pub(crate) struct MetadataSet {
    pub(crate) owner: Owner,
    pub(crate) outcome: SetOutcome,
}

/// `lb metadata remove`.
#[derive(Debug)]
pub(crate) struct MetadataRemoved {
    pub(crate) owner: Owner,
    pub(crate) outcome: RemoveOutcome,
}

#[derive(Serialize)]
struct ItemDocument<'a> {
    id: u64,
    key: &'a str,
    value: &'a str,
}

fn items(items: &[Meta]) -> Vec<ItemDocument<'_>> {
    items
        .iter()
        .map(|m| ItemDocument {
            id: m.id(),
            key: m.key(),
            value: m.value(),
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Whose {
    load_balancer_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    node_id: Option<u64>,
}

fn whose(owner: Owner) -> Whose {
    Whose {
        load_balancer_id: owner.lb_id(),
        node_id: owner.node_id(),
    }
}

#[derive(Serialize)]
struct ListDocument<'a> {
    #[serde(flatten)]
    whose: Whose,
    metadata: Vec<ItemDocument<'a>>,
}

#[derive(Serialize)]
struct SetDocument<'a> {
    #[serde(flatten)]
    whose: Whose,
    added: Vec<ItemDocument<'a>>,
    updated: Vec<ItemDocument<'a>>,
    unchanged: Vec<ItemDocument<'a>>,
}

#[derive(Serialize)]
struct RemovedDocument<'a> {
    #[serde(flatten)]
    whose: Whose,
    removed: Vec<ItemDocument<'a>>,
    missing: &'a [String],
}

impl Render for MetadataItems {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new([
            Column::right("ID"),
            Column::left("KEY"),
            Column::left("VALUE"),
        ]);
        for m in &self.items {
            table.row([m.id().to_string(), m.key().to_owned(), m.value().to_owned()]);
        }
        table.write(out, &format!("{}: no metadata", self.owner))
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = ListDocument {
            whose: whose(self.owner),
            metadata: items(&self.items),
        };
        write_json(out, &doc)
    }
}

impl Render for MetadataSet {
    /// `load balancer 1: metadata set; 1 added, 1 updated, 0 unchanged`, then one line per key.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let o = &self.outcome;
        writeln!(
            out,
            "{}: metadata set; {} added, {} updated, {} unchanged",
            self.owner,
            o.added.len(),
            o.updated.len(),
            o.unchanged.len()
        )?;
        for (what, list) in [
            ("added", &o.added),
            ("updated", &o.updated),
            ("unchanged", &o.unchanged),
        ] {
            for m in list {
                writeln!(out, "{what} {}={}", m.key(), m.value())?;
            }
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let o = &self.outcome;
        let doc = SetDocument {
            whose: whose(self.owner),
            added: items(&o.added),
            updated: items(&o.updated),
            unchanged: items(&o.unchanged),
        };
        write_json(out, &doc)
    }
}

impl Render for MetadataRemoved {
    /// `load balancer 1: metadata removed: a, b`, and a line for keys that were not there.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        let o = &self.outcome;
        let removed: Vec<&str> = o.removed.iter().map(Meta::key).collect();
        if removed.is_empty() {
            writeln!(out, "{}: no metadata removed", self.owner)?;
        } else {
            writeln!(
                out,
                "{}: metadata removed: {}",
                self.owner,
                removed.join(", ")
            )?;
        }
        if !o.missing.is_empty() {
            writeln!(out, "{}: not present: {}", self.owner, o.missing.join(", "))?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let doc = RemovedDocument {
            whose: whose(self.owner),
            removed: items(&self.outcome.removed),
            missing: &self.outcome.missing,
        };
        write_json(out, &doc)
    }
}
