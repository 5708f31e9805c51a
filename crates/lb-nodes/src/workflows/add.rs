//! [`add_nodes`] and [`add_safely`].

use std::thread;
use std::time::Instant;

use rackcloud_core::{Error, ServiceClient};

use super::error::{Step, Workflow};
use super::run::{Run, StepEvent, WorkflowOpts};
use crate::create_opts::{CreateOpts, CreateOptsBuilder};
use crate::requests::{bulk_update, create, get};
use crate::update_opts::{BulkUpdateOpts, UpdateOpts};
use crate::{Condition, Status};
use rackcloud_core::model::Node;
use rackcloud_core::model::NodeOpts;

/// Adds nodes in one request and waits until the change is applied; returns the new nodes.
///
/// # Errors
///
/// Invalid options (nothing sent); otherwise an error whose [`WorkflowError`](crate::workflows::WorkflowError)
/// names step [`Add`](Step::Add) and, when the failure came while waiting, the nodes added.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .pending_time(std::time::Duration::from_millis(50))
/// #     .start()?;
/// use std::time::Duration;
/// use lb_nodes::CreateOpts;
/// use rackcloud_core::model::NodeOpts;
/// use lb_nodes::workflows::WorkflowOpts;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let opts = WorkflowOpts::new(WaitOpts::new().interval(Duration::from_millis(20)));
/// let nodes = CreateOpts::new([NodeOpts::new("10.2.0.1", 80), NodeOpts::new("10.2.0.2", 80)]);
/// let added = lb_nodes::workflows::add_nodes(&client, 1, &nodes, &opts)?;
/// assert_eq!(added.len(), 2);
/// # Ok(())
/// # }
/// ```
pub fn add_nodes(
    client: &ServiceClient,
    lb_id: u64,
    nodes: &impl CreateOptsBuilder,
    opts: &WorkflowOpts,
) -> Result<Vec<Node>, Error> {
    nodes.to_node_create_map()?;
    let mut run = Run::start(Workflow::AddNodes, lb_id, opts)?;
    let added = add_step(&mut run, client, lb_id, nodes)?;
    Ok(added)
}

/// Adds nodes the safe way: in one request as `DRAINING` (no traffic yet), waits until the
/// change is applied, waits until every new node is `ONLINE` (its health check passes; polled
/// every interval of the wait options), then sets them all `ENABLED` (one bulk update per 10
/// nodes) and waits. The condition of `nodes` is ignored; type and weight are kept.
///
/// # Errors
///
/// Invalid options (nothing sent); otherwise an error whose [`WorkflowError`](crate::workflows::WorkflowError)
/// names the failed step ([`Add`](Step::Add), [`WaitOnline`](Step::WaitOnline) — a node never
/// came `ONLINE` before the deadline — or [`Enable`](Step::Enable)) and the nodes added, which
/// stay `DRAINING` on the load balancer.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .pending_time(std::time::Duration::from_millis(50))
/// #     .start()?;
/// use std::time::Duration;
/// use lb_nodes::Condition;
/// use rackcloud_core::model::NodeOpts;
/// use lb_nodes::workflows::WorkflowOpts;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let opts = WorkflowOpts::new(WaitOpts::new().interval(Duration::from_millis(20)));
/// let added = lb_nodes::workflows::add_safely(&client, 1, &[NodeOpts::new("10.2.0.3", 80)], &opts)?;
/// assert_eq!(added[0].condition(), &Condition::Enabled);
/// # Ok(())
/// # }
/// ```
pub fn add_safely(
    client: &ServiceClient,
    lb_id: u64,
    nodes: &[NodeOpts],
    opts: &WorkflowOpts,
) -> Result<Vec<Node>, Error> {
    let draining = CreateOpts::new(
        nodes
            .iter()
            .map(|n| n.clone().condition(Condition::Draining)),
    );
    draining.to_node_create_map()?;
    let mut run = Run::start(Workflow::AddSafely, lb_id, opts)?;
    let added = add_step(&mut run, client, lb_id, &draining)?;

    run.begin(Step::WaitOnline)?;
    for node in &added {
        wait_online(&mut run, client, lb_id, node.id())?;
    }
    run.done(Step::WaitOnline);

    run.begin(Step::Enable)?;
    let enable = added.iter().fold(BulkUpdateOpts::new(), |bulk, node| {
        bulk.node(node.id(), UpdateOpts::new().condition(Condition::Enabled))
    });
    let outcome = bulk_update(client, lb_id, &enable, &run.wait_opts());
    run.updated.extend_from_slice(outcome.done());
    let partly = !outcome.done().is_empty();
    if let Err(e) = outcome.extract_err() {
        return Err(run.fail(Step::Enable, partly, e));
    }
    run.wait_applied(Step::Enable, client, lb_id)?;
    run.done(Step::Enable);

    added
        .iter()
        .map(|n| get(client, lb_id, n.id()).extract())
        .collect()
}

/// Step [`Add`](Step::Add): one POST, then the wait; records the nodes added.
pub(crate) fn add_step(
    run: &mut Run<'_>,
    client: &ServiceClient,
    lb_id: u64,
    nodes: &impl CreateOptsBuilder,
) -> Result<Vec<Node>, Error> {
    run.begin(Step::Add)?;
    let added = match create(client, lb_id, nodes).extract() {
        Ok(added) => added,
        Err(e) => return Err(run.fail(Step::Add, false, e)),
    };
    run.added.extend(added.iter().cloned());
    run.wait_applied(Step::Add, client, lb_id)?;
    run.done(Step::Add);
    Ok(added)
}

/// Polls node `node_id` until it is `ONLINE`, until the deadline.
fn wait_online(
    run: &mut Run<'_>,
    client: &ServiceClient,
    lb_id: u64,
    node_id: u64,
) -> Result<(), Error> {
    let interval = run.wait_opts().poll_interval();
    loop {
        let polled = Instant::now();
        let node = match get(client, lb_id, node_id).extract() {
            Ok(node) => node,
            Err(e) => return Err(run.fail(Step::WaitOnline, false, e)),
        };
        run.report(
            Step::WaitOnline,
            StepEvent::NodePolled {
                node_id,
                status: node.status(),
            },
        );
        if *node.status() == Status::Online {
            return Ok(());
        }
        let left = run.remaining();
        if left.is_zero() {
            let e = run.deadline_error(Step::WaitOnline);
            let e = Error::new(
                e.kind(),
                format!(
                    "node {node_id} is still {} ({})",
                    node.status(),
                    e.detail().unwrap_or_default()
                ),
            );
            return Err(run.fail(Step::WaitOnline, false, e));
        }
        thread::sleep(interval.saturating_sub(polled.elapsed()).min(left));
    }
}
