//! `rackcloud lb throttle show|set|delete`, `--wait` on the changes.

use rackcloud_lb::core::Removal;
use std::sync::Arc;

use rackcloud_lb::throttle::{SetOptsBuilder, ThrottleOpts};

use crate::auth::Connect;
use crate::cli::{ThrottleCommand, WaitArgs};
use crate::commands::fleet;
use crate::failure::{Failure, Operation};
use crate::output::{Output, ThrottleShown, throttle_deleted, throttle_set};
use crate::wait;

/// Runs one connection throttle operation and prints its result.
pub(crate) fn run(
    command: &ThrottleCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        ThrottleCommand::Show { lb_id } => show(*lb_id, connect, out),
        ThrottleCommand::Set {
            lb_ids,
            fleet,
            max_connections,
            wait,
        } => match fleet::is_single(lb_ids, fleet) {
            Some(lb_id) => set(lb_id, *max_connections, wait, connect, out),
            None => {
                let what = "set the connection throttle";
                let opts = ThrottleOpts::new(*max_connections);
                // Checked before connecting: invalid options send nothing.
                Operation::new(what).run(|| Ok(opts.to_throttle_set_map()?))?;
                let step: fleet::Step = Arc::new(move |c, id, w| {
                    rackcloud_lb::throttle::set(c, id, &opts).extract_err()?;
                    w.map_or(Ok(()), |w| wait::fleet_step(c, id, w))
                });
                fleet::run_many(what, lb_ids, fleet, wait, step, connect, out)
            }
        },
        ThrottleCommand::Delete { lb_id, wait } => delete(*lb_id, wait, connect, out),
    }
}

fn show(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("show the connection throttle", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let throttle = rackcloud_lb::throttle::get(&client, lb_id).extract()?;
        Ok(ThrottleShown { lb_id, throttle })
    })
}

fn set(
    lb_id: u64,
    max_connections: u32,
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    Operation::on_lb("set the connection throttle", lb_id).report(out, || {
        let opts = ThrottleOpts::new(max_connections);
        // Checked before connecting: invalid options send nothing, not even a token request.
        opts.to_throttle_set_map()?;
        let client = connect.lb_client()?;
        rackcloud_lb::throttle::set(&client, lb_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        Ok(throttle_set(lb_id, max_connections, status))
    })
}

fn delete(lb_id: u64, wait: &WaitArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("delete the connection throttle", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let outcome = rackcloud_lb::throttle::delete_if_present(&client, lb_id)?;
        let status = match outcome {
            Removal::NothingToRemove => None,
            Removal::Removed => wait::until_applied(&connect, wait, &client, lb_id)?,
        };
        Ok(throttle_deleted(lb_id, outcome, status))
    })
}
