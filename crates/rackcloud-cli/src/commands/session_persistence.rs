//! `rackcloud lb session-persistence show|enable|disable`, `--wait` on the changes.

use rackcloud_lb::core::Removal;
use std::sync::Arc;

use rackcloud_lb::sessions::{CreateOpts, Type};

use crate::auth::Connect;
use crate::cli::{SessionPersistenceCommand, WaitArgs};
use crate::commands::fleet;
use crate::failure::{Failure, Operation};
use crate::output::{Output, PersistenceShown, persistence_disabled, persistence_enabled};
use crate::wait;

/// Runs one session persistence operation and prints its result.
pub(crate) fn run(
    command: &SessionPersistenceCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        SessionPersistenceCommand::Show { lb_id } => show(*lb_id, connect, out),
        SessionPersistenceCommand::Enable {
            lb_ids,
            fleet,
            persistence_type,
            wait,
        } => match fleet::is_single(lb_ids, fleet) {
            Some(lb_id) => enable(lb_id, persistence_type, wait, connect, out),
            None => {
                let opts = CreateOpts::new(persistence_type.clone());
                let step: fleet::Step = Arc::new(move |c, id, w| {
                    rackcloud_lb::sessions::enable(c, id, &opts).extract_err()?;
                    w.map_or(Ok(()), |w| wait::fleet_step(c, id, w))
                });
                let what = format!("enable {persistence_type} session persistence");
                fleet::run_many(&what, lb_ids, fleet, wait, step, connect, out)
            }
        },
        SessionPersistenceCommand::Disable {
            lb_ids,
            fleet,
            if_enabled,
            wait,
        } => match fleet::is_single(lb_ids, fleet) {
            Some(lb_id) => disable(lb_id, *if_enabled, wait, connect, out),
            None => {
                let if_enabled = *if_enabled;
                let step: fleet::Step = Arc::new(move |c, id, w| {
                    let result = rackcloud_lb::sessions::disable(c, id);
                    let outcome = if if_enabled {
                        result.extract_removal()?
                    } else {
                        result.extract_err().map(|()| Removal::Removed)?
                    };
                    match (outcome, w) {
                        (Removal::Removed, Some(w)) => wait::fleet_step(c, id, w),
                        _ => Ok(()),
                    }
                });
                let what = "disable session persistence";
                fleet::run_many(what, lb_ids, fleet, wait, step, connect, out)
            }
        },
    }
}

fn show(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("show session persistence", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let persistence = rackcloud_lb::sessions::get(&client, lb_id).extract()?;
        Ok(PersistenceShown {
            lb_id,
            persistence: persistence.map(|p| p.persistence_type().clone()),
        })
    })
}

fn enable(
    lb_id: u64,
    persistence_type: &Type,
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let what = format!("enable {persistence_type} session persistence");
    Operation::on_lb(what, lb_id).report(out, || {
        let client = connect.lb_client()?;
        let opts = CreateOpts::new(persistence_type.clone());
        rackcloud_lb::sessions::enable(&client, lb_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        Ok(persistence_enabled(lb_id, persistence_type, status))
    })
}

fn disable(
    lb_id: u64,
    if_enabled: bool,
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    Operation::on_lb("disable session persistence", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let result = rackcloud_lb::sessions::disable(&client, lb_id);
        let outcome = if if_enabled {
            result.extract_removal()?
        } else {
            result.extract_err().map(|()| Removal::Removed)?
        };
        // Nothing changed when persistence was already disabled: nothing to wait for.
        let status = match outcome {
            Removal::Removed => wait::until_applied(&connect, wait, &client, lb_id)?,
            Removal::NothingToRemove => None,
        };
        Ok(persistence_disabled(lb_id, outcome, status))
    })
}
