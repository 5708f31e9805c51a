//! `rackcloud lb health-monitor show|set|delete`, `--wait` on the changes.

use rackcloud_lb::core::Removal;
use std::sync::Arc;

use rackcloud_lb::core::Error;
use rackcloud_lb::core::model::{ConnectOpts, HttpOpts, MonitorOpts, MonitorType};

use crate::auth::Connect;
use crate::cli::{HealthMonitorCommand, HealthMonitorSetArgs, WaitArgs};
use crate::commands::fleet;
use crate::failure::{Failure, Operation};
use crate::output::{MonitorShown, Output, monitor_deleted, monitor_set};
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
    Operation::on_lb("show the health monitor", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let monitor = rackcloud_lb::monitors::get(&client, lb_id).extract()?;
        Ok(MonitorShown { lb_id, monitor })
    })
}

fn set(args: &HealthMonitorSetArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let Some(lb_id) = fleet::is_single(&args.lb_ids, &args.fleet) else {
        let what = "set the health monitor";
        // Checked before connecting: invalid options send nothing.
        let opts = Operation::new(what).run(|| Ok(options(args)?))?;
        let step: fleet::Step = Arc::new(move |c, id, w| {
            rackcloud_lb::monitors::update(c, id, &opts).extract_err()?;
            w.map_or(Ok(()), |w| wait::fleet_step(c, id, w))
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
    Operation::on_lb("set the health monitor", lb_id).report(out, || {
        // Checked before connecting: invalid options send nothing, not even a token request.
        let opts = options(args)?;
        let client = connect.lb_client()?;
        rackcloud_lb::monitors::update(&client, lb_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, &args.wait, &client, lb_id)?;
        Ok(monitor_set(lb_id, &args.monitor_type, status))
    })
}

/// The SDK's options from `lb health-monitor set`'s flags.
fn options(args: &HealthMonitorSetArgs) -> Result<MonitorOpts, Error> {
    let flags = MonitorFlags {
        prefix: "",
        kind: &args.monitor_type,
        timing: (args.delay, args.check_timeout, args.attempts),
        path: args.path.as_deref(),
        status_regex: args.status_regex.as_deref(),
        body_regex: args.body_regex.as_deref(),
        host_header: args.host_header.as_deref(),
    };
    flags.options()
}

/// A monitor as flags give it, for `lb health-monitor set` and `lb create --monitor`; `prefix`
/// is what the flags' names start with (`monitor-` on `lb create`), for the messages.
pub(crate) struct MonitorFlags<'a> {
    pub(crate) prefix: &'a str,
    pub(crate) kind: &'a MonitorType,
    /// Delay, timeout and attempts.
    pub(crate) timing: (u32, u32, u32),
    pub(crate) path: Option<&'a str>,
    pub(crate) status_regex: Option<&'a str>,
    pub(crate) body_regex: Option<&'a str>,
    pub(crate) host_header: Option<&'a str>,
}

impl MonitorFlags<'_> {
    /// The SDK's options: CONNECT takes no HTTP flag, HTTP/HTTPS need a path and a status
    /// regex; then the SDK's own checks (ranges, lengths), before connecting.
    pub(crate) fn options(&self) -> Result<MonitorOpts, Error> {
        let (delay, timeout, attempts) = self.timing;
        let p = self.prefix;
        let opts: MonitorOpts = match self.kind {
            MonitorType::Connect => {
                let http_flags = [
                    self.path,
                    self.status_regex,
                    self.body_regex,
                    self.host_header,
                ];
                if http_flags.iter().any(Option::is_some) {
                    return Err(Error::invalid_input(format!(
                        "a CONNECT monitor takes no --{p}path, --{p}status-regex, --{p}body-regex \
                         or --{p}host-header; use HTTP or HTTPS for those"
                    )));
                }
                ConnectOpts::new(delay, timeout, attempts).into()
            }
            kind @ (MonitorType::Http | MonitorType::Https) => {
                let (Some(path), Some(status_regex)) = (self.path, self.status_regex) else {
                    return Err(Error::invalid_input(format!(
                        "an {kind} monitor needs --{p}path and --{p}status-regex"
                    )));
                };
                let mut opts = if *kind == MonitorType::Http {
                    HttpOpts::http(delay, timeout, attempts, path, status_regex)
                } else {
                    HttpOpts::https(delay, timeout, attempts, path, status_regex)
                };
                if let Some(regex) = self.body_regex {
                    opts = opts.body_regex(regex);
                }
                if let Some(host) = self.host_header {
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
        opts.to_map()?;
        Ok(opts)
    }
}

fn delete(lb_id: u64, wait: &WaitArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("delete the health monitor", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let outcome = rackcloud_lb::monitors::delete_if_present(&client, lb_id)?;
        let status = match outcome {
            Removal::NothingToRemove => None,
            Removal::Removed => wait::until_applied(&connect, wait, &client, lb_id)?,
        };
        Ok(monitor_deleted(lb_id, outcome, status))
    })
}
