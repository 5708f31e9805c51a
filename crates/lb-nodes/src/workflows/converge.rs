//! [`plan`] and [`converge`]: from the nodes a load balancer has to the nodes it should have.

use rackcloud_core::{Error, MAX_PAGE_SIZE, ServiceClient};

use super::add::add_step;
use super::error::{Step, Workflow};
use super::run::{Run, WorkflowOpts};
use crate::create_opts::CreateOpts;
use crate::list_opts::ListOpts;
use crate::requests::{bulk_delete, bulk_update, list_all};
use crate::update_opts::{BulkUpdateOpts, UpdateOpts};
use crate::{Condition, Type};
use rackcloud_core::model::Node;
use rackcloud_core::model::NodeOpts;
use rackcloud_core::model::{NODE_LIMIT, check_unique_nodes, node_address_key};

/// The changes that take a load balancer from its nodes to the desired ones, made by [`plan`]:
/// nodes to add, changes to nodes it keeps, and ids of nodes to delete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodePlan {
    add: Vec<NodeOpts>,
    update: BulkUpdateOpts,
    remove: Vec<u64>,
}

impl NodePlan {
    /// The nodes to add (sent in one request).
    pub fn add(&self) -> &[NodeOpts] {
        &self.add
    }

    /// The changes to kept nodes (sent as bulk updates).
    pub fn update(&self) -> &BulkUpdateOpts {
        &self.update
    }

    /// The ids of the nodes to delete (sent as bulk deletes).
    pub fn remove(&self) -> &[u64] {
        &self.remove
    }

    /// Whether the load balancer already has the desired nodes.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.update.is_empty() && self.remove.is_empty()
    }
}

/// Computes the changes from `current` to `desired` without sending anything.
///
/// Nodes are matched by address and port (IP addresses in canonical form, host names ignoring
/// case). A matched node is updated when its condition or type differs, or when the desired
/// node sets a weight and the service shows a different one (it shows weights only for
/// weighted algorithms; otherwise the weight is left alone). Unmatched current nodes are
/// removed, unmatched desired nodes added.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when `desired` has an invalid
/// node, an address and port twice, more than [`NODE_LIMIT`] nodes, or no `ENABLED` `PRIMARY`
/// node (the load balancer would be left without one).
///
/// # Examples
///
/// ```
/// use lb_nodes::Condition;
/// use rackcloud_core::model::NodeOpts;
/// use lb_nodes::workflows::plan;
///
/// let desired = [NodeOpts::new("10.0.0.1", 80), NodeOpts::new("10.0.0.3", 80)];
/// let empty = plan(&[], &desired)?;
/// assert_eq!(empty.add().len(), 2);
/// assert!(plan(&[], &[NodeOpts::new("10.0.0.1", 80).condition(Condition::Disabled)]).is_err());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
pub fn plan(current: &[Node], desired: &[NodeOpts]) -> Result<NodePlan, Error> {
    if desired.len() > NODE_LIMIT {
        return Err(Error::invalid_input(format!(
            "{} nodes are desired; a load balancer has at most {NODE_LIMIT} (NODE_LIMIT)",
            desired.len()
        )));
    }
    check_unique_nodes(desired.iter().map(|n| (n.address.as_str(), n.port)))?;
    for node in desired {
        node.to_map()?;
    }
    let enabled_primary = desired.iter().any(|n| {
        n.condition == Condition::Enabled
            && n.node_type.as_ref().is_none_or(|t| *t == Type::Primary)
    });
    if !enabled_primary {
        return Err(Error::invalid_input(
            "the desired nodes include no ENABLED PRIMARY node; the load balancer would be left \
             without one",
        ));
    }
    let key = |address: &str, port: u16| (node_address_key(address), port);
    let mut result = NodePlan::default();
    for want in desired {
        let found = current
            .iter()
            .find(|n| key(n.address(), n.port()) == key(&want.address, want.port));
        let Some(node) = found else {
            result.add.push(want.clone());
            continue;
        };
        let mut change = UpdateOpts::new();
        if node.condition() != &want.condition {
            change = change.condition(want.condition.clone());
        }
        let want_type = want.node_type.clone().unwrap_or(Type::Primary);
        if *node.node_type() != want_type {
            change = change.node_type(want_type);
        }
        if let (Some(want_weight), Some(weight)) = (want.weight, node.weight())
            && want_weight != weight
        {
            change = change.weight(want_weight);
        }
        if !change.is_empty() {
            result.update = result.update.node(node.id(), change);
        }
    }
    result.remove = current
        .iter()
        .filter(|n| {
            !desired
                .iter()
                .any(|want| key(&want.address, want.port) == key(n.address(), n.port()))
        })
        .map(Node::id)
        .collect();
    Ok(result)
}

/// Makes load balancer `lb_id` have exactly the `desired` nodes, in as few requests as the API
/// allows and in an order that never leaves it without an `ENABLED` `PRIMARY` node: reads its
/// nodes, then one POST for every addition, then bulk updates, then bulk deletes, waiting until
/// each change is applied before the next. Returns the plan it applied (empty when nothing
/// needed to change).
///
/// Trap: additions come before deletions, so the current nodes plus the additions must fit in
/// the node limit (25 by default); otherwise the add step fails with
/// [`OverLimit`](rackcloud_core::ErrorKind::OverLimit) and nothing changes.
///
/// # Errors
///
/// As [`plan`] (nothing sent); otherwise an error whose [`WorkflowError`](crate::workflows::WorkflowError)
/// names the failed step ([`Read`](Step::Read), [`Add`](Step::Add), [`Update`](Step::Update) or
/// [`Remove`](Step::Remove)) and the nodes added, updated and removed so far.
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
/// // Load balancer 1 has 10.180.0.11 and 10.180.0.12 on port 80.
/// let desired = [
///     NodeOpts::new("10.180.0.11", 80).condition(Condition::Draining),
///     NodeOpts::new("10.180.0.13", 80),
/// ];
/// let applied = lb_nodes::workflows::converge(&client, 1, &desired, &opts)?;
/// assert_eq!((applied.add().len(), applied.update().ids().len(), applied.remove().len()), (1, 1, 1));
/// assert!(lb_nodes::workflows::converge(&client, 1, &desired, &opts)?.is_empty());
/// # Ok(())
/// # }
/// ```
pub fn converge(
    client: &ServiceClient,
    lb_id: u64,
    desired: &[NodeOpts],
    opts: &WorkflowOpts,
) -> Result<NodePlan, Error> {
    plan(&[], desired)?;
    let mut run = Run::start(Workflow::Converge, lb_id, opts)?;

    run.begin(Step::Read)?;
    let current = match list_all(client, lb_id, ListOpts::new().limit(MAX_PAGE_SIZE)) {
        Ok(current) => current,
        Err(e) => return Err(run.fail(Step::Read, false, e)),
    };
    let planned = plan(&current, desired)?;
    run.done(Step::Read);

    if !planned.add.is_empty() {
        add_step(
            &mut run,
            client,
            lb_id,
            &CreateOpts::new(planned.add.iter().cloned()),
        )?;
    }
    if !planned.update.is_empty() {
        run.begin(Step::Update)?;
        let outcome = bulk_update(client, lb_id, &planned.update, &run.wait_opts());
        run.updated.extend_from_slice(outcome.done());
        let partly = !outcome.done().is_empty();
        if let Err(e) = outcome.extract_err() {
            return Err(run.fail(Step::Update, partly, e));
        }
        run.wait_applied(Step::Update, client, lb_id)?;
        run.done(Step::Update);
    }
    if !planned.remove.is_empty() {
        run.begin(Step::Remove)?;
        let outcome = bulk_delete(client, lb_id, &planned.remove, &run.wait_opts());
        run.removed.extend_from_slice(outcome.done());
        let partly = !outcome.done().is_empty();
        if let Err(e) = outcome.extract_err() {
            return Err(run.fail(Step::Remove, partly, e));
        }
        run.wait_applied(Step::Remove, client, lb_id)?;
        run.done(Step::Remove);
    }
    Ok(planned)
}
