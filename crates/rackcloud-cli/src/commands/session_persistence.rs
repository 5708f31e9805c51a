//! `rackcloud lb session-persistence show|enable|disable`.

use lb_sessions::CreateOpts;

use crate::auth::Connect;
use crate::cli::SessionPersistenceCommand;
use crate::failure::{Failure, Operation};
use crate::output::{Output, Report};

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
            let report = Report::Enabled {
                lb_id: *lb_id,
                persistence_type: persistence_type.clone(),
            };
            (op, report)
        }
        SessionPersistenceCommand::Disable { lb_id, if_enabled } => {
            let op = Operation::on_lb("disable session persistence", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let result = lb_sessions::disable(&client, *lb_id);
            let outcome = if *if_enabled {
                result.extract_outcome()
            } else {
                result
                    .extract_err()
                    .map(|()| lb_sessions::DisableOutcome::Disabled)
            };
            let report = Report::Disabled {
                lb_id: *lb_id,
                outcome: outcome.map_err(|e| op.failed(e))?,
            };
            (op, report)
        }
    };
    out.report(&report).map_err(|e| op.failed_other(e))
}
