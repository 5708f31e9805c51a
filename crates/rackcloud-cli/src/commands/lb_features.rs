//! `rackcloud lb logging|caching|error-page|stats` and `rackcloud limits|protocols|algorithms`.

use rackcloud_lb::core::ServiceClient;
use rackcloud_lb::lbs::SettingResult;

use crate::auth::Connect;
use crate::cli::{AccountCommand, ErrorPageCommand, FeatureCommand, SwitchCommand, WaitArgs};
use crate::failure::{Failure, Operation};
use crate::output::{
    AlgorithmsShown, Change, DomainsShown, ErrorPageShown, LimitsShown, Output, ProtocolsShown,
    Render, SourcesShown, StatsShown, SwitchShown,
};
use crate::wait;

/// Runs one load balancer feature command.
pub(crate) fn run(
    command: &FeatureCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        FeatureCommand::Logging { command } => switch(command, &LOGGING, connect, out),
        FeatureCommand::Caching { command } => switch(command, &CACHING, connect, out),
        FeatureCommand::ErrorPage { command } => error_page(command, connect, out),
        FeatureCommand::SourceAddresses { lb_id } => read_and_report(
            Operation::on_lb("show source addresses", *lb_id),
            connect,
            out,
            |c| rackcloud_lb::lbs::cluster_source_addresses(c, *lb_id).extract(),
            SourcesShown,
        ),
        FeatureCommand::Stats { lb_id } => read_and_report(
            Operation::on_lb("show statistics", *lb_id),
            connect,
            out,
            |c| rackcloud_lb::lbs::get_stats(c, *lb_id).extract(),
            |stats| StatsShown {
                lb_id: *lb_id,
                stats,
            },
        ),
    }
}

/// Runs one account-wide command.
pub(crate) fn account(
    command: &AccountCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        AccountCommand::Limits(_) => read_and_report(
            Operation::new("show limits"),
            connect,
            out,
            |c| {
                Ok((
                    rackcloud_lb::lbs::rate_limits(c).extract()?,
                    rackcloud_lb::lbs::absolute_limits(c).extract()?,
                ))
            },
            |(rate, absolute)| LimitsShown { rate, absolute },
        ),
        AccountCommand::Protocols(_) => read_and_report(
            Operation::new("list protocols"),
            connect,
            out,
            |c| rackcloud_lb::lbs::list_protocols(c).extract(),
            ProtocolsShown,
        ),
        AccountCommand::AllowedDomains(_) => read_and_report(
            Operation::new("list allowed domains"),
            connect,
            out,
            |c| rackcloud_lb::lbs::list_allowed_domains(c).extract(),
            DomainsShown,
        ),
        AccountCommand::RegionalSourceAddresses(_) => read_and_report(
            Operation::new("show regional source addresses"),
            connect,
            out,
            |c| rackcloud_lb::lbs::regional_source_addresses(c).extract(),
            SourcesShown,
        ),
        AccountCommand::Algorithms(_) => read_and_report(
            Operation::new("list algorithms"),
            connect,
            out,
            |c| rackcloud_lb::lbs::list_algorithms(c).extract(),
            AlgorithmsShown,
        ),
    }
}

/// A read-only command: connect, read, print what was read as `report` makes it.
fn read_and_report<T, R: Render>(
    op: Operation,
    connect: Connect<'_>,
    out: Output,
    read: impl FnOnce(&ServiceClient) -> Result<T, rackcloud_lb::core::Error>,
    report: impl FnOnce(T) -> R,
) -> Result<(), Failure> {
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let read = read(&client).map_err(|e| op.failed(e))?;
    out.report(&report(read)).map_err(|e| op.failed_other(e))
}

/// A setting that is on or off: its name and its three operations.
struct Switch {
    what: &'static str,
    show: fn(&ServiceClient, u64) -> rackcloud_lb::lbs::SwitchResult,
    enable: fn(&ServiceClient, u64) -> SettingResult,
    disable: fn(&ServiceClient, u64) -> SettingResult,
}

const LOGGING: Switch = Switch {
    what: "connection logging",
    show: rackcloud_lb::lbs::is_logging_enabled,
    enable: rackcloud_lb::lbs::enable_logging,
    disable: rackcloud_lb::lbs::disable_logging,
};

const CACHING: Switch = Switch {
    what: "content caching",
    show: rackcloud_lb::lbs::is_content_cached,
    enable: rackcloud_lb::lbs::enable_caching,
    disable: rackcloud_lb::lbs::disable_caching,
};

fn switch(
    command: &SwitchCommand,
    s: &Switch,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let (lb_id, change, wait) = match command {
        SwitchCommand::Show { lb_id } => {
            let op = Operation::on_lb(format!("show {}", s.what), *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let enabled = (s.show)(&client, *lb_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            let report = SwitchShown {
                lb_id: *lb_id,
                what: s.what,
                enabled,
            };
            return out.report(&report).map_err(|e| op.failed_other(e));
        }
        SwitchCommand::Enable { lb_id, wait } => (*lb_id, ("enable", s.enable), wait),
        SwitchCommand::Disable { lb_id, wait } => (*lb_id, ("disable", s.disable), wait),
    };
    let (verb, send) = change;
    let op = Operation::on_lb(format!("{verb} {}", s.what), lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    send(&client, lb_id)
        .extract_err()
        .map_err(|e| op.failed(e))?;
    applied(
        &connect,
        wait,
        &client,
        lb_id,
        &format!("{} {verb}d", s.what),
        &op,
        out,
    )
}

fn error_page(
    command: &ErrorPageCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        ErrorPageCommand::Show { lb_id } => {
            let op = Operation::on_lb("show the error page", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let content = rackcloud_lb::lbs::get_error_page(&client, *lb_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            out.report(&ErrorPageShown {
                lb_id: *lb_id,
                content,
            })
            .map_err(|e| op.failed_other(e))
        }
        ErrorPageCommand::Set { lb_id, file, wait } => {
            let op = Operation::on_lb("set the error page", *lb_id);
            let html = std::fs::read_to_string(file)
                .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?;
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            rackcloud_lb::lbs::set_error_page(&client, *lb_id, &html)
                .extract_err()
                .map_err(|e| op.failed(e))?;
            applied(
                &connect,
                wait,
                &client,
                *lb_id,
                "custom error page",
                &op,
                out,
            )
        }
        ErrorPageCommand::Delete { lb_id, wait } => {
            let op = Operation::on_lb("delete the error page", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            rackcloud_lb::lbs::delete_error_page(&client, *lb_id)
                .extract_err()
                .map_err(|e| op.failed(e))?;
            applied(
                &connect,
                wait,
                &client,
                *lb_id,
                "default error page",
                &op,
                out,
            )
        }
    }
}

/// With `--wait`, waits until the change is applied; then reports it.
fn applied(
    connect: &Connect<'_>,
    wait: &WaitArgs,
    client: &ServiceClient,
    lb_id: u64,
    what: &str,
    op: &Operation,
    out: Output,
) -> Result<(), Failure> {
    let status = wait::until_applied(connect, wait, client, lb_id).map_err(|e| op.failed(e))?;
    out.report(&Change::update(lb_id, what, status))
        .map_err(|e| op.failed_other(e))
}
