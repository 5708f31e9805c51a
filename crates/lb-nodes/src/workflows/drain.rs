//! [`drain_and_remove`].

use std::thread;
use std::time::Duration;

use rackcloud_core::kit::check_id;
use rackcloud_core::{Error, ServiceClient};

use super::error::{Step, Workflow};
use super::run::{Run, WorkflowOpts};
use crate::Condition;
use crate::requests::{delete, update};
use crate::update_opts::UpdateOpts;

/// Takes a node out of service without cutting its connections: sets it `DRAINING` and waits
/// until applied, waits `grace` for its connections to finish, deletes it and waits.
///
/// # Errors
///
/// An error whose [`WorkflowError`](crate::workflows::WorkflowError) names the failed step
/// ([`SetDraining`](Step::SetDraining), [`Grace`](Step::Grace) — the grace period would pass the
/// deadline; the node stays `DRAINING` — or [`Remove`](Step::Remove)).
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
/// use lb_nodes::workflows::WorkflowOpts;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let opts = WorkflowOpts::new(WaitOpts::new().interval(Duration::from_millis(20)));
/// // Node 2 of load balancer 1; give its connections 30 s in production.
/// lb_nodes::workflows::drain_and_remove(&client, 1, 2, Duration::from_millis(10), &opts)?;
/// assert!(lb_nodes::get(&client, 1, 2).extract().unwrap_err().is_not_found());
/// # Ok(())
/// # }
/// ```
pub fn drain_and_remove(
    client: &ServiceClient,
    lb_id: u64,
    node_id: u64,
    grace: Duration,
    opts: &WorkflowOpts,
) -> Result<(), Error> {
    check_id("node", node_id)?;
    let mut run = Run::start(Workflow::DrainAndRemove, lb_id, opts)?;

    run.begin(Step::SetDraining)?;
    let draining = UpdateOpts::new().condition(Condition::Draining);
    if let Err(e) = update(client, lb_id, node_id, &draining).extract_err() {
        return Err(run.fail(Step::SetDraining, false, e));
    }
    run.wait_applied(Step::SetDraining, client, lb_id)?;
    run.done(Step::SetDraining);

    run.begin(Step::Grace)?;
    if grace > run.remaining() {
        let e = run.deadline_error(Step::Grace);
        return Err(run.fail(Step::Grace, false, e));
    }
    thread::sleep(grace);
    run.done(Step::Grace);

    run.begin(Step::Remove)?;
    if let Err(e) = delete(client, lb_id, node_id).extract_err() {
        return Err(run.fail(Step::Remove, false, e));
    }
    run.removed.push(node_id);
    run.wait_applied(Step::Remove, client, lb_id)?;
    run.done(Step::Remove);
    Ok(())
}
