//! `rackcloud lb health-monitor …`: the clap types.

use super::values::known;
use clap::{Args, Subcommand};
use rackcloud_lb::core::model::MonitorType;

use super::{FleetArgs, WaitArgs, parse_lb_id};

/// `rackcloud lb health-monitor …`.
#[derive(Debug, Subcommand)]
pub(crate) enum HealthMonitorCommand {
    /// Print the health monitor, or that there is none
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Configure the health monitor, replacing the one there is
    Set(HealthMonitorSetArgs),
    /// Remove the health monitor (every node then reads ONLINE); nothing to do when there is none
    Delete {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
}

/// `rackcloud lb health-monitor set …`.
#[derive(Debug, Args)]
pub(crate) struct HealthMonitorSetArgs {
    /// The load balancer ids (or --all)
    #[arg(value_name = "LB_ID", value_parser = parse_lb_id, num_args = 0..)]
    pub(crate) lb_ids: Vec<u64>,

    /// CONNECT (a TCP connection), HTTP (HTTP load balancers only) or HTTPS (HTTPS only)
    #[arg(
        long = "type",
        value_name = "TYPE",
        ignore_case = true,
        value_parser = known!(MonitorType)
    )]
    pub(crate) monitor_type: MonitorType,

    /// Seconds between two checks, 1 to 3600
    #[arg(long, value_name = "SECONDS")]
    pub(crate) delay: u32,

    /// Seconds a check waits for an answer, 1 to 300 (the monitor's `timeout`; the global
    /// --timeout bounds the whole command)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) check_timeout: u32,

    /// Failed checks in a row before a node is taken out, 1 to 10
    #[arg(long, value_name = "COUNT")]
    pub(crate) attempts: u32,

    /// HTTP/HTTPS: the path to request, starting with / (at most 128 characters)
    #[arg(long, value_name = "PATH")]
    pub(crate) path: Option<String>,

    /// HTTP/HTTPS: the regular expression the status code must match (at most 128 characters)
    #[arg(long, value_name = "REGEX")]
    pub(crate) status_regex: Option<String>,

    /// HTTP/HTTPS: a regular expression the body must match (optional)
    #[arg(long, value_name = "REGEX")]
    pub(crate) body_regex: Option<String>,

    /// HTTP/HTTPS: the Host header to send with each check (optional, at most 256 characters)
    #[arg(long, value_name = "HOST")]
    pub(crate) host_header: Option<String>,

    #[command(flatten)]
    pub(crate) fleet: FleetArgs,

    #[command(flatten)]
    pub(crate) wait: WaitArgs,
}
