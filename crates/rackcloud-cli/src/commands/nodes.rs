//! `rackcloud lb node list|show|add|update|remove|drain|events`.

use std::sync::Arc;
use std::time::Duration;

use rackcloud_lb::core::MAX_PAGE_SIZE;
use rackcloud_lb::lbs::Status as LbStatus;
use rackcloud_lb::nodes::{
    Condition, CreateOpts, CreateOptsBuilder, ListOpts, NodeOpts, UpdateOpts, WorkflowOpts,
    add_safely, drain_and_remove,
};

use crate::auth::Connect;
use crate::cli::{AddArgs, FleetArgs, NodeCommand, UpdateArgs, WaitArgs};
use crate::commands::fleet;
use crate::failure::{Failure, Operation};
use crate::output::{Change, NodeDetails, NodeEvents, NodeIds, Nodes, Output, added_nodes};
use crate::wait::{self, Waiting};

/// The grace period of `drain --remove` when `--grace` is not given.
const DEFAULT_GRACE: Duration = Duration::from_secs(30);

/// Runs one node command and prints its result.
pub(crate) fn run(command: &NodeCommand, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    match command {
        NodeCommand::List { lb_id } => list(*lb_id, connect, out),
        NodeCommand::Show { lb_id, node_id } => show(*lb_id, *node_id, connect, out),
        NodeCommand::Add(args) => add(args, connect, out),
        NodeCommand::Update(args) => update(args, connect, out),
        NodeCommand::Remove {
            lb_id,
            node_ids,
            wait,
        } => remove(*lb_id, node_ids, wait, connect, out),
        NodeCommand::Drain {
            lb_id,
            node_id,
            grace,
            remove,
            wait,
        } => drain(
            *lb_id,
            *node_id,
            grace.unwrap_or(DEFAULT_GRACE),
            *remove,
            wait,
            connect,
            out,
        ),
        NodeCommand::Events { lb_id } => events(*lb_id, connect, out),
    }
}

fn list(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::on_lb("list nodes", lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let nodes = rackcloud_lb::nodes::list_all(&client, lb_id, ListOpts::new().limit(MAX_PAGE_SIZE))
        .map_err(|e| op.failed(e))?;
    out.report(&Nodes(nodes)).map_err(|e| op.failed_other(e))
}

fn show(lb_id: u64, node_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::on_lb(format!("show node {node_id}"), lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let node = rackcloud_lb::nodes::get(&client, lb_id, node_id)
        .extract()
        .map_err(|e| op.failed(e))?;
    out.report(&NodeDetails(node))
        .map_err(|e| op.failed_other(e))
}

fn add(args: &AddArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let lb_id = args.lb_ids.0.first().copied().unwrap_or_default();
    let op = Operation::on_lb("add nodes", lb_id);
    let nodes: Vec<NodeOpts> = args
        .targets
        .iter()
        .map(|(address, port)| {
            let mut node = NodeOpts::new(address.as_str(), *port);
            if let Some(condition) = &args.condition {
                node = node.condition(condition.clone());
            }
            if let Some(node_type) = &args.kind.node_type {
                node = node.node_type(node_type.clone());
            }
            if let Some(weight) = args.kind.weight {
                node = node.weight(weight);
            }
            node
        })
        .collect();
    // Checked before connecting: refused nodes send nothing, not even the credentials.
    let create = CreateOpts::new(nodes.clone());
    create.to_node_create_map().map_err(|e| op.failed(e))?;
    if args.lb_ids.0.len() > 1 {
        return add_many(args, nodes, create, connect, out);
    }
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    if args.safe {
        let waiting = Waiting::begin(&connect, &args.wait, lb_id, &LbStatus::Active);
        let opts = WorkflowOpts::new(waiting.opts().clone());
        let added = add_safely(&client, lb_id, &nodes, &opts).map_err(|e| op.failed(e))?;
        drop(waiting);
        let report = added_nodes(lb_id, "safe addition", &added, Some(LbStatus::Active));
        return out.report(&report).map_err(|e| op.failed_other(e));
    }
    let added = rackcloud_lb::nodes::create(&client, lb_id, &create)
        .extract()
        .map_err(|e| op.failed(e))?;
    let status =
        wait::until_applied(&connect, &args.wait, &client, lb_id).map_err(|e| op.failed(e))?;
    out.report(&added_nodes(lb_id, "addition", &added, status))
        .map_err(|e| op.failed_other(e))
}

fn update(args: &UpdateArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let (lb_id, node_id) = (args.lb_id, args.node_id);
    let op = Operation::on_lb(format!("update node {node_id}"), lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let mut opts = UpdateOpts::new();
    if let Some(condition) = &args.condition {
        opts = opts.condition(condition.clone());
    }
    if let Some(node_type) = &args.kind.node_type {
        opts = opts.node_type(node_type.clone());
    }
    if let Some(weight) = args.kind.weight {
        opts = opts.weight(weight);
    }
    rackcloud_lb::nodes::update(&client, lb_id, node_id, &opts)
        .extract_err()
        .map_err(|e| op.failed(e))?;
    let status =
        wait::until_applied(&connect, &args.wait, &client, lb_id).map_err(|e| op.failed(e))?;
    let change = Change::update(lb_id, format!("update of node {node_id}"), status)
        .with_fields(NodeIds::one(node_id));
    out.report(&change).map_err(|e| op.failed_other(e))
}

fn remove(
    lb_id: u64,
    node_ids: &[u64],
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let op = Operation::on_lb("remove nodes", lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let waiting = Waiting::begin(&connect, wait, lb_id, &LbStatus::Active);
    rackcloud_lb::nodes::bulk_delete(&client, lb_id, node_ids, waiting.opts())
        .extract_err()
        .map_err(|e| op.failed(e))?;
    drop(waiting);
    let status = wait::until_applied(&connect, wait, &client, lb_id).map_err(|e| op.failed(e))?;
    let ids = NodeIds::many(node_ids);
    let change =
        Change::update(lb_id, format!("removal of {}", ids.describe()), status).with_fields(ids);
    out.report(&change).map_err(|e| op.failed_other(e))
}

fn drain(
    lb_id: u64,
    node_id: u64,
    grace: Duration,
    remove: bool,
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let op = Operation::on_lb(format!("drain node {node_id}"), lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    if remove {
        let waiting = Waiting::begin(&connect, wait, lb_id, &LbStatus::Active);
        let opts = WorkflowOpts::new(waiting.opts().clone());
        drain_and_remove(&client, lb_id, node_id, grace, &opts).map_err(|e| op.failed(e))?;
        drop(waiting);
        let change = Change::update(
            lb_id,
            format!("draining and removal of node {node_id}"),
            Some(LbStatus::Active),
        )
        .with_fields(NodeIds::one(node_id));
        return out.report(&change).map_err(|e| op.failed_other(e));
    }
    let draining = UpdateOpts::new().condition(Condition::Draining);
    rackcloud_lb::nodes::update(&client, lb_id, node_id, &draining)
        .extract_err()
        .map_err(|e| op.failed(e))?;
    let status = wait::until_applied(&connect, wait, &client, lb_id).map_err(|e| op.failed(e))?;
    let change = Change::update(lb_id, format!("draining of node {node_id}"), status)
        .with_fields(NodeIds::one(node_id));
    out.report(&change).map_err(|e| op.failed_other(e))
}

fn events(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::on_lb("list node events", lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let events =
        rackcloud_lb::nodes::events_all(&client, lb_id, ListOpts::new().limit(MAX_PAGE_SIZE))
            .map_err(|e| op.failed(e))?;
    out.report(&NodeEvents(events))
        .map_err(|e| op.failed_other(e))
}

/// `lb node add 1,2,3 …`: the same nodes on each load balancer, safely with `--safe`.
fn add_many(
    args: &AddArgs,
    nodes: Vec<NodeOpts>,
    create: CreateOpts,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let safe = args.safe;
    let step: fleet::Step = Arc::new(move |c, id, w| {
        if safe {
            let wait = w.cloned().unwrap_or_default();
            return add_safely(c, id, &nodes, &WorkflowOpts::new(wait)).map(|_| ());
        }
        match w {
            Some(w) => rackcloud_lb::nodes::create_and_wait(c, id, &create, w).map(|_| ()),
            None => rackcloud_lb::nodes::create(c, id, &create)
                .extract()
                .map(|_| ()),
        }
    });
    let fleet = FleetArgs {
        all: false,
        yes: false,
        parallel: args.parallel,
    };
    let what = if safe {
        "add nodes safely"
    } else {
        "add nodes"
    };
    // --safe waits for each step anyway.
    let wait = WaitArgs {
        wait: args.wait.wait || safe,
        wait_interval: args.wait.wait_interval,
    };
    fleet::run_many(what, &args.lb_ids.0, &fleet, &wait, step, connect, out)
}
