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
    op.report(out, || Ok(report(read(&connect.lb_client()?)?)))
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
    let (lb_id, (verb, send), wait) = match command {
        SwitchCommand::Show { lb_id } => {
            let lb_id = *lb_id;
            return Operation::on_lb(format!("show {}", s.what), lb_id).report(out, || {
                let client = connect.lb_client()?;
                let enabled = (s.show)(&client, lb_id).extract()?;
                Ok(SwitchShown {
                    lb_id,
                    what: s.what,
                    enabled,
                })
            });
        }
        SwitchCommand::Enable { lb_id, wait } => (*lb_id, ("enable", s.enable), wait),
        SwitchCommand::Disable { lb_id, wait } => (*lb_id, ("disable", s.disable), wait),
    };
    let what = format!("{} {verb}d", s.what);
    let name = format!("{verb} {}", s.what);
    change(&name, lb_id, &what, wait, connect, out, |c| {
        send(c, lb_id).extract_err()
    })
}

fn error_page(
    command: &ErrorPageCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        ErrorPageCommand::Show { lb_id } => {
            let lb_id = *lb_id;
            read_and_report(
                Operation::on_lb("show the error page", lb_id),
                connect,
                out,
                |c| rackcloud_lb::lbs::get_error_page(c, lb_id).extract(),
                |content| ErrorPageShown { lb_id, content },
            )
        }
        ErrorPageCommand::Set { lb_id, file, wait } => {
            let html =
                rackcloud_lb::files::read_text(file, rackcloud_lb::files::Cap::ERROR_PAGE)
                    .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?;
            let what = "custom error page";
            change(
                "set the error page",
                *lb_id,
                what,
                wait,
                connect,
                out,
                |c| rackcloud_lb::lbs::set_error_page(c, *lb_id, &html).extract_err(),
            )
        }
        ErrorPageCommand::Delete { lb_id, wait } => {
            let what = "default error page";
            change(
                "delete the error page",
                *lb_id,
                what,
                wait,
                connect,
                out,
                |c| rackcloud_lb::lbs::delete_error_page(c, *lb_id).extract_err(),
            )
        }
    }
}

/// The change of a setting, the operation `name`: connect, `send`, with `--wait` wait until it
/// is applied, then report the change (called `what`).
fn change(
    name: &str,
    lb_id: u64,
    what: &str,
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
    send: impl FnOnce(&ServiceClient) -> Result<(), rackcloud_lb::core::Error>,
) -> Result<(), Failure> {
    Operation::on_lb(name, lb_id).report(out, || {
        let client = connect.lb_client()?;
        send(&client)?;
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        Ok(Change::update(lb_id, what, status))
    })
}
