//! `rackcloud lb session-persistence show|enable|disable`, `--wait` on the changes.

use lb_lbs::Status;
use lb_sessions::{CreateOpts, DisableOutcome};

use crate::auth::Connect;
use crate::cli::{SessionPersistenceCommand, WaitArgs};
use crate::failure::{Failure, Operation};
use crate::output::{Output, Report};
use crate::wait::Waiting;

/// Runs one session persistence operation and prints its result.
pub(crate) fn run(
    command: &SessionPersistenceCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let (op, report) = match command {
        SessionPersistenceCommand::Show { lb_id } => {
            let op = Operation::on_lb("show session persistence", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let persistence = lb_sessions::get(&client, *lb_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            let report = Report::Shown {
                lb_id: *lb_id,
                persistence: persistence.map(|p| p.persistence_type().clone()),
            };
            (op, report)
        }
        SessionPersistenceCommand::Enable {
            lb_id,
            persistence_type,
            wait,
        } => {
            let op = Operation::on_lb(
                format!("enable {persistence_type} session persistence"),
                *lb_id,
            );
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let opts = CreateOpts::new(persistence_type.clone());
            lb_sessions::enable(&client, *lb_id, &opts)
                .extract_err()
                .map_err(|e| op.failed(e))?;
            let status =
                wait_until_applied(&connect, wait, &client, *lb_id).map_err(|e| op.failed(e))?;
            let report = Report::Enabled {
                lb_id: *lb_id,
                persistence_type: persistence_type.clone(),
                status,
            };
            (op, report)
        }
        SessionPersistenceCommand::Disable {
            lb_id,
            if_enabled,
            wait,
        } => {
            let op = Operation::on_lb("disable session persistence", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let result = lb_sessions::disable(&client, *lb_id);
            let outcome = if *if_enabled {
                result.extract_outcome()
            } else {
                result.extract_err().map(|()| DisableOutcome::Disabled)
            }
            .map_err(|e| op.failed(e))?;
            // Nothing changed when persistence was already disabled: nothing to wait for.
            let status = match outcome {
                DisableOutcome::Disabled => {
                    wait_until_applied(&connect, wait, &client, *lb_id).map_err(|e| op.failed(e))?
                }
                DisableOutcome::AlreadyDisabled => None,
            };
            let report = Report::Disabled {
                lb_id: *lb_id,
                outcome,
                status,
            };
            (op, report)
        }
    };
    out.report(&report).map_err(|e| op.failed_other(e))
}

/// With `--wait`, waits until the accepted change is applied and returns the final status
/// (`ACTIVE`); without, returns `None` at once.
fn wait_until_applied(
    connect: &Connect<'_>,
    wait: &WaitArgs,
    client: &rackcloud_core::ServiceClient,
    lb_id: u64,
) -> Result<Option<Status>, rackcloud_core::Error> {
    if !wait.wait {
        return Ok(None);
    }
    let waiting = Waiting::begin(connect, wait, lb_id, &Status::Active);
    let lb = lb_lbs::wait_until_active(client, lb_id, waiting.opts())?;
    Ok(Some(lb.status().clone()))
}
