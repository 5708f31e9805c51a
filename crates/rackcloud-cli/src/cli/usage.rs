//! `rackcloud lb usage [LB_ID] [--since DATE] [--until DATE] [--current] [--billable]`.

use clap::Args;
use jiff::Timestamp;

use super::parse_lb_id;

/// `rackcloud lb usage …`: the account's usage, one load balancer's, or with `--billable` the
/// load balancers billable in the period.
#[derive(Debug, Args)]
pub(crate) struct UsageArgs {
    /// One load balancer's usage instead of the account's
    #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
    pub(crate) lb_id: Option<u64>,

    /// Start of the period: a day (2026-11-24) or a time (2026-11-24T06:00:00Z; UTC without an
    /// offset) [default: 24 hours before --until]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) since: Option<Timestamp>,

    /// End of the period [default: now]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) until: Option<Timestamp>,

    /// The load balancer's usage of the last 24 hours (needs LB_ID; no period)
    #[arg(long, requires = "lb_id", conflicts_with_all = ["since", "until", "billable"])]
    pub(crate) current: bool,

    /// List the load balancers billable in the period instead (every page; no LB_ID)
    #[arg(long, conflicts_with = "lb_id")]
    pub(crate) billable: bool,
}

/// A date or time as `rackcloud_lb::usage::parse_time` reads it.
fn parse_date(text: &str) -> Result<Timestamp, String> {
    rackcloud_lb::usage::parse_time(text).map_err(|e| e.to_string())
}
