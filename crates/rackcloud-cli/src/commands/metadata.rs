//! `rackcloud lb metadata list|set|remove [--node NODE_ID]`. Metadata changes are applied when
//! the answer arrives (the load balancer stays `ACTIVE`), so these commands have no `--wait`.

use rackcloud_lb::metadata::{AddOpts, Owner};

use crate::auth::Connect;
use crate::cli::{MetadataCommand, NodeArg};
use crate::failure::{Failure, Operation};
use crate::output::{MetadataItems, MetadataRemoved, MetadataSet, Output};

/// Runs one metadata operation and prints its result.
pub(crate) fn run(
    command: &MetadataCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        MetadataCommand::List { lb_id, node } => list(owner(*lb_id, *node), connect, out),
        MetadataCommand::Set { lb_id, pairs, node } => {
            set(owner(*lb_id, *node), pairs, connect, out)
        }
        MetadataCommand::Remove { lb_id, keys, node } => {
            remove(owner(*lb_id, *node), keys, connect, out)
        }
    }
}

fn owner(lb_id: u64, node: NodeArg) -> Owner {
    match node.node_id {
        Some(node_id) => Owner::Node { lb_id, node_id },
        None => Owner::LoadBalancer(lb_id),
    }
}

fn operation(verb: &str, owner: Owner) -> Operation {
    match owner {
        Owner::LoadBalancer(lb_id) => Operation::on_lb(format!("{verb} metadata"), lb_id),
        Owner::Node { lb_id, node_id } => {
            Operation::on_lb(format!("{verb} metadata of node {node_id}"), lb_id)
        }
    }
}

fn list(owner: Owner, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    operation("list", owner).report(out, || {
        let client = connect.lb_client()?;
        let items = rackcloud_lb::metadata::list(&client, owner).extract()?;
        Ok(MetadataItems { owner, items })
    })
}

fn set(
    owner: Owner,
    pairs: &[(String, String)],
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    operation("set", owner).report(out, || {
        let desired = pairs.iter().fold(AddOpts::new(), |opts, (k, v)| {
            opts.item(k.as_str(), v.as_str())
        });
        // Checked before connecting, so that bad input sends nothing, not even a token request.
        desired.check()?;
        let client = connect.lb_client()?;
        let outcome = rackcloud_lb::metadata::workflows::set(&client, owner, &desired)?;
        Ok(MetadataSet { owner, outcome })
    })
}

fn remove(owner: Owner, keys: &[String], connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    operation("remove", owner).report(out, || {
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let client = connect.lb_client()?;
        let outcome = rackcloud_lb::metadata::workflows::remove_keys(&client, owner, &keys)?;
        Ok(MetadataRemoved { owner, outcome })
    })
}
