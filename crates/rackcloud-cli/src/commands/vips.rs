//! `rackcloud lb vip list|add|remove`, `--wait` on the changes.

use rackcloud_lb::core::WaitOpts;
use rackcloud_lb::core::kit::MAX_IDS_PER_REQUEST;
use rackcloud_lb::lbs::Status;
use rackcloud_lb::vips::AddOpts;

use crate::auth::Connect;
use crate::cli::{VipCommand, WaitArgs};
use crate::failure::{Cause, Failure, Operation, Unconfirmed};
use crate::output::{Output, VirtualIps, vip_added, vips_removed};
use crate::wait::{self, Waiting};

/// Runs one virtual IP operation and prints its result.
pub(crate) fn run(command: &VipCommand, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    match command {
        VipCommand::List { lb_id } => list(*lb_id, connect, out),
        VipCommand::Add { lb_id, wait } => add(*lb_id, wait, connect, out),
        VipCommand::Remove {
            lb_id,
            vip_ids,
            wait,
        } => remove(*lb_id, vip_ids, wait, connect, out),
    }
}

fn list(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("list virtual ips", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let vips = rackcloud_lb::vips::list(&client, lb_id).extract()?;
        Ok(VirtualIps { lb_id, vips })
    })
}

fn add(lb_id: u64, wait: &WaitArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("add a virtual ip", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let vip = rackcloud_lb::vips::add(&client, lb_id, &AddOpts::new()).extract()?;
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        Ok(vip_added(lb_id, &vip, status))
    })
}

fn remove(
    lb_id: u64,
    vip_ids: &[u64],
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    Operation::on_lb("remove virtual ips", lb_id).report(out, || {
        let client = connect.lb_client()?;
        // More than one request: each waits for the one before to be applied, shown like --wait.
        // A wait between requests that passes its deadline leaves the requests before it
        // accepted, not confirmed.
        if vip_ids.len() > MAX_IDS_PER_REQUEST {
            let waiting = Waiting::begin(&connect, wait, lb_id, &Status::Active);
            let outcome = rackcloud_lb::vips::bulk_delete(&client, lb_id, vip_ids, waiting.opts());
            let removal = "removal of virtual ips";
            if let Some(u) = Unconfirmed::of_chunks(lb_id, removal, waiting.opts(), &outcome) {
                return Err(Cause::Unconfirmed(Box::new(u)));
            }
            outcome.extract_err()?;
        } else {
            rackcloud_lb::vips::bulk_delete(&client, lb_id, vip_ids, &WaitOpts::new())
                .extract_err()?;
        }
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        Ok(vips_removed(lb_id, vip_ids, status))
    })
}
