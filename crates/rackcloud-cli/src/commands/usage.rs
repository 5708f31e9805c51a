//! `rackcloud lb usage [LB_ID] [--since DATE] [--until DATE] [--current] [--billable]`.

use jiff::{SignedDuration, Timestamp};
use rackcloud_lb::usage::{BillableOpts, MAX_BILLABLE_PAGE, UsageOpts};

use crate::auth::Connect;
use crate::cli::UsageArgs;
use crate::failure::{Failure, Operation};
use crate::output::{BillableReport, Output, UsageReport};

/// Runs the usage command and prints its records.
pub(crate) fn run(args: &UsageArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let mut opts = UsageOpts::new();
    if let Some(since) = args.since {
        opts = opts.since(since);
    }
    if let Some(until) = args.until {
        opts = opts.until(until);
    }
    // Checked before connecting, so that a backwards period sends nothing.
    Operation::new("show usage").run(|| Ok(opts.to_query_pairs()?))?;
    if args.billable {
        return Operation::new("list billable load balancers").report(out, || {
            let until = args.until.unwrap_or_else(Timestamp::now);
            let since = args.since.unwrap_or_else(|| {
                until
                    .checked_sub(SignedDuration::from_hours(24))
                    .unwrap_or(until)
            });
            let client = connect.lb_client()?;
            let billable = BillableOpts::new(since, until).limit(MAX_BILLABLE_PAGE);
            Ok(BillableReport(rackcloud_lb::usage::billable_all(
                &client, &billable,
            )?))
        });
    }
    let Some(lb_id) = args.lb_id else {
        return Operation::new("show the account's usage").report(out, || {
            let client = connect.lb_client()?;
            let usage = rackcloud_lb::usage::account_usage(&client, &opts).extract()?;
            Ok(UsageReport::account(&usage))
        });
    };
    Operation::on_lb("show usage", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let records = if args.current {
            rackcloud_lb::usage::current_usage(&client, lb_id).extract()?
        } else {
            rackcloud_lb::usage::load_balancer_usage(&client, lb_id, &opts).extract()?
        };
        Ok(UsageReport::load_balancer(lb_id, records))
    })
}
