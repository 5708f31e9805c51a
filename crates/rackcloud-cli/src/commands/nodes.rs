//! `rackcloud lb node list|show|add|update|remove|drain|events`.

use std::sync::Arc;
use std::time::Duration;

use rackcloud_lb::core::MAX_PAGE_SIZE;
use rackcloud_lb::core::model::NodeOpts;
use rackcloud_lb::lbs::Status as LbStatus;
use rackcloud_lb::nodes::workflows::{WorkflowOpts, add_safely, drain_and_remove};
use rackcloud_lb::nodes::{Condition, CreateOpts, CreateOptsBuilder, ListOpts, UpdateOpts};

use crate::auth::Connect;
use crate::cli::{AddArgs, FleetArgs, NodeCommand, UpdateArgs, WaitArgs};
use crate::commands::fleet;
use crate::failure::{Cause, Failure, Operation, Unconfirmed};
use crate::output::{
    Change, NodeDetails, NodeEvents, NodeIds, NodeUpdate, Nodes, Output, added_nodes,
};
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
    Operation::on_lb("list nodes", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let opts = ListOpts::new().limit(MAX_PAGE_SIZE);
        Ok(Nodes(rackcloud_lb::nodes::list_all(&client, lb_id, opts)?))
    })
}

fn show(lb_id: u64, node_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb(format!("show node {node_id}"), lb_id).report(out, || {
        let client = connect.lb_client()?;
        let node = rackcloud_lb::nodes::get(&client, lb_id, node_id).extract()?;
        Ok(NodeDetails(node))
    })
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
    op.run(|| Ok(create.to_node_create_map()?))?;
    if args.lb_ids.0.len() > 1 {
        return add_many(args, nodes, create, connect, out);
    }
    op.report(out, || {
        let client = connect.lb_client()?;
        if args.safe {
            let waiting = Waiting::begin(&connect, &args.wait, lb_id, &LbStatus::Active);
            let opts = WorkflowOpts::new(waiting.opts().clone());
            let added = add_safely(&client, lb_id, &nodes, &opts)
                .map_err(|e| workflow_failure(lb_id, waiting.opts(), e))?;
            drop(waiting);
            let status = Some(LbStatus::Active);
            return Ok(added_nodes(lb_id, "safe addition", &added, status));
        }
        let added = rackcloud_lb::nodes::create(&client, lb_id, &create).extract()?;
        let status = wait::until_applied(&connect, &args.wait, &client, lb_id)?;
        Ok(added_nodes(lb_id, "addition", &added, status))
    })
}

fn update(args: &UpdateArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let (lb_id, node_id) = (args.lb_id, args.node_id);
    Operation::on_lb(format!("update node {node_id}"), lb_id).report(out, || {
        let client = connect.lb_client()?;
        // Read first: a node that already has every setting given is not changed (an update
        // would still make the load balancer PENDING_UPDATE).
        let node = rackcloud_lb::nodes::get(&client, lb_id, node_id).extract()?;
        let mut opts = UpdateOpts::new();
        let mut same = Vec::new();
        if let Some(condition) = &args.condition {
            if node.condition() == condition {
                same.push(condition.to_string());
            } else {
                opts = opts.condition(condition.clone());
            }
        }
        if let Some(node_type) = &args.kind.node_type {
            if node.node_type() == node_type {
                same.push(node_type.to_string());
            } else {
                opts = opts.node_type(node_type.clone());
            }
        }
        if let Some(weight) = args.kind.weight {
            if node.weight() == Some(weight) {
                same.push(format!("weight {weight}"));
            } else {
                opts = opts.weight(weight);
            }
        }
        if opts == UpdateOpts::new() {
            return Ok(NodeUpdate::Unchanged {
                lb_id,
                node_id,
                already: same.join(", "),
            });
        }
        rackcloud_lb::nodes::update(&client, lb_id, node_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, &args.wait, &client, lb_id)?;
        Ok(NodeUpdate::Changed(
            Change::update(lb_id, format!("update of node {node_id}"), status)
                .with_fields(NodeIds::one(node_id)),
        ))
    })
}

fn remove(
    lb_id: u64,
    node_ids: &[u64],
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    Operation::on_lb("remove nodes", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let waiting = Waiting::begin(&connect, wait, lb_id, &LbStatus::Active);
        rackcloud_lb::nodes::bulk_delete(&client, lb_id, node_ids, waiting.opts()).extract_err()?;
        drop(waiting);
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        let ids = NodeIds::many(node_ids);
        let what = format!("removal of {}", ids.describe());
        Ok(Change::update(lb_id, what, status).with_fields(ids))
    })
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
    Operation::on_lb(format!("drain node {node_id}"), lb_id).report(out, || {
        let client = connect.lb_client()?;
        let (what, status) = if remove {
            let waiting = Waiting::begin(&connect, wait, lb_id, &LbStatus::Active);
            let opts = WorkflowOpts::new(waiting.opts().clone());
            drain_and_remove(&client, lb_id, node_id, grace, &opts)
                .map_err(|e| workflow_failure(lb_id, waiting.opts(), e))?;
            ("draining and removal", Some(LbStatus::Active))
        } else {
            let draining = UpdateOpts::new().condition(Condition::Draining);
            rackcloud_lb::nodes::update(&client, lb_id, node_id, &draining).extract_err()?;
            let status = wait::until_applied(&connect, wait, &client, lb_id)?;
            ("draining", status)
        };
        let what = format!("{what} of node {node_id}");
        Ok(Change::update(lb_id, what, status).with_fields(NodeIds::one(node_id)))
    })
}

/// A workflow's error: [`Unconfirmed`] when its failed step was accepted and its wait (with
/// `opts`) passed the deadline, with the workflow's words of what was applied; else the SDK's.
fn workflow_failure(
    lb_id: u64,
    opts: &rackcloud_lb::core::WaitOpts,
    e: rackcloud_lb::core::Error,
) -> Cause {
    match Unconfirmed::of_workflow(lb_id, opts, &e) {
        Some(unconfirmed) => Cause::Unconfirmed(Box::new(unconfirmed)),
        None => Cause::Sdk(e),
    }
}

fn events(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("list node events", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let opts = ListOpts::new().limit(MAX_PAGE_SIZE);
        Ok(NodeEvents(rackcloud_lb::nodes::events_all(
            &client, lb_id, opts,
        )?))
    })
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
            return match add_safely(c, id, &nodes, &WorkflowOpts::new(wait.clone())) {
                Ok(_) => Ok(()),
                Err(e) => Err(match Unconfirmed::of_workflow(id, &wait, &e) {
                    Some(unconfirmed) => unconfirmed.into_error(),
                    None => e,
                }),
            };
        }
        rackcloud_lb::nodes::create(c, id, &create).extract()?;
        w.map_or(Ok(()), |w| wait::fleet_step(c, id, w))
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
