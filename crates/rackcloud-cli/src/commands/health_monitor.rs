//! `rackcloud lb health-monitor show|set|delete`, `--wait` on the changes.

use std::sync::Arc;

use lb_monitors::{ConnectOpts, DeleteOutcome, HttpOpts, MonitorOpts, MonitorType};
use rackcloud_core::{Error, change_and_wait};

use crate::auth::Connect;
use crate::cli::{HealthMonitorCommand, HealthMonitorSetArgs, WaitArgs};
use crate::commands::fleet;
use crate::failure::{Failure, Operation};
use crate::output::{MonitorDeleted, MonitorShown, Output, monitor_set};
use crate::wait;

/// Runs one health monitor operation and prints its result.
pub(crate) fn run(
    command: &HealthMonitorCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        HealthMonitorCommand::Show { lb_id } => show(*lb_id, connect, out),
        HealthMonitorCommand::Set(args) => set(args, connect, out),
        HealthMonitorCommand::Delete { lb_id, wait } => delete(*lb_id, wait, connect, out),
    }
}

fn show(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::on_lb("show the health monitor", lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let monitor = lb_monitors::get(&client, lb_id)
        .extract()
        .map_err(|e| op.failed(e))?;
    out.report(&MonitorShown { lb_id, monitor })
        .map_err(|e| op.failed_other(e))
}

fn set(args: &HealthMonitorSetArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let Some(lb_id) = fleet::is_single(&args.lb_ids, &args.fleet) else {
        let what = "set the health monitor";
        // Checked before connecting: invalid options send nothing.
        let opts = options(args).map_err(|e| Operation::new(what).failed(e))?;
        let step: fleet::Step = Arc::new(move |c, id, w| match w {
            Some(w) => change_and_wait(c, id, w, |c, id| {
                lb_monitors::update(c, id, &opts).extract_err()
            }),
            None => lb_monitors::update(c, id, &opts).extract_err(),
        });
        return fleet::run_many(
            what,
            &args.lb_ids,
            &args.fleet,
            &args.wait,
            step,
            connect,
            out,
        );
    };
    let op = Operation::on_lb("set the health monitor", lb_id);
    // Checked before connecting: invalid options send nothing, not even a token request.
    let opts = options(args).map_err(|e| op.failed(e))?;
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    lb_monitors::update(&client, lb_id, &opts)
        .extract_err()
        .map_err(|e| op.failed(e))?;
    let status =
        wait::until_applied(&connect, &args.wait, &client, lb_id).map_err(|e| op.failed(e))?;
    out.report(&monitor_set(lb_id, &args.monitor_type, status))
        .map_err(|e| op.failed_other(e))
}

/// The SDK's options from the flags: CONNECT takes no HTTP flag, HTTP/HTTPS need two.
fn options(args: &HealthMonitorSetArgs) -> Result<MonitorOpts, Error> {
    let (delay, timeout, attempts) = (args.delay, args.check_timeout, args.attempts);
    let opts: MonitorOpts = match &args.monitor_type {
        MonitorType::Connect => {
            let http_flags = [
                args.path.is_some(),
                args.status_regex.is_some(),
                args.body_regex.is_some(),
                args.host_header.is_some(),
            ];
            if http_flags.contains(&true) {
                return Err(Error::invalid_input(
                    "a CONNECT monitor takes no --path, --status-regex, --body-regex or \
                     --host-header; use --type HTTP or HTTPS for those",
                ));
            }
            ConnectOpts::new(delay, timeout, attempts).into()
        }
        kind @ (MonitorType::Http | MonitorType::Https) => {
            let (Some(path), Some(status_regex)) = (&args.path, &args.status_regex) else {
                return Err(Error::invalid_input(format!(
                    "an {kind} monitor needs --path and --status-regex"
                )));
            };
            let mut opts = if *kind == MonitorType::Http {
                HttpOpts::http(delay, timeout, attempts, path, status_regex)
            } else {
                HttpOpts::https(delay, timeout, attempts, path, status_regex)
            };
            if let Some(regex) = &args.body_regex {
                opts = opts.body_regex(regex);
            }
            if let Some(host) = &args.host_header {
                opts = opts.host_header(host);
            }
            opts.into()
        }
        other => {
            return Err(Error::invalid_input(format!(
                "unknown monitor type {other}; use CONNECT, HTTP or HTTPS"
            )));
        }
    };
    // The SDK's own checks (ranges, lengths), before connecting.
    lb_monitors::UpdateOptsBuilder::to_monitor_update_map(&opts)?;
    Ok(opts)
}

fn delete(lb_id: u64, wait: &WaitArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::on_lb("delete the health monitor", lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let outcome = lb_monitors::delete_if_present(&client, lb_id).map_err(|e| op.failed(e))?;
    let status = match outcome {
        DeleteOutcome::NotConfigured => None,
        _ => wait::until_applied(&connect, wait, &client, lb_id).map_err(|e| op.failed(e))?,
    };
    let report = MonitorDeleted {
        lb_id,
        outcome,
        status,
    };
    out.report(&report).map_err(|e| op.failed_other(e))
}
