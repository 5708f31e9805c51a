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
    opts.to_query_pairs()
        .map_err(|e| Operation::new("show usage").failed(e))?;
    if args.billable {
        let op = Operation::new("list billable load balancers");
        let until = args.until.unwrap_or_else(Timestamp::now);
        let since = args.since.unwrap_or_else(|| {
            until
                .checked_sub(SignedDuration::from_hours(24))
                .unwrap_or(until)
        });
        let client = connect.lb_client().map_err(|e| op.failed(e))?;
        let billable = BillableOpts::new(since, until).limit(MAX_BILLABLE_PAGE);
        let lbs =
            rackcloud_lb::usage::billable_all(&client, &billable).map_err(|e| op.failed(e))?;
        return out
            .report(&BillableReport(lbs))
            .map_err(|e| op.failed_other(e));
    }
    let Some(lb_id) = args.lb_id else {
        let op = Operation::new("show the account's usage");
        let client = connect.lb_client().map_err(|e| op.failed(e))?;
        let usage = rackcloud_lb::usage::account_usage(&client, &opts)
            .extract()
            .map_err(|e| op.failed(e))?;
        let report = UsageReport::account(&usage);
        return out.report(&report).map_err(|e| op.failed_other(e));
    };
    let op = Operation::on_lb("show usage", lb_id);
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let records = if args.current {
        rackcloud_lb::usage::current_usage(&client, lb_id).extract()
    } else {
        rackcloud_lb::usage::load_balancer_usage(&client, lb_id, &opts).extract()
    }
    .map_err(|e| op.failed(e))?;
    out.report(&UsageReport::load_balancer(lb_id, records))
        .map_err(|e| op.failed_other(e))
}
