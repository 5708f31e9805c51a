//! `rackcloud lb update`: the clap types. Every attribute `PUT /loadbalancers/{id}` takes, at
//! least one of them.

use clap::Args;
use rackcloud_lb::lbs::{Algorithm, Protocol};

use super::values::known;
use super::values::parse_name;
use super::{WaitArgs, parse_lb_id};

/// `rackcloud lb update LB_ID [--name NAME] [--protocol PROTOCOL] [--port PORT] [--algorithm
/// ALGORITHM] [--idle-timeout SECONDS] [--half-closed BOOL] [--https-redirect BOOL]`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("setting").required(true).multiple(true).args([
    "name", "protocol", "port", "algorithm", "idle_timeout", "half_closed", "https_redirect",
]))]
pub(crate) struct LbUpdateArgs {
    /// The load balancer id
    #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
    pub(crate) lb_id: u64,

    /// A new name (the server allows up to 128 characters)
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub(crate) name: Option<String>,

    /// A new protocol (any case), as `lb create --protocol` takes; session persistence and
    /// content caching that do not fit it are turned off by the service
    #[arg(
        long,
        value_name = "PROTOCOL",
        ignore_case = true,
        hide_possible_values = true,
        value_parser = known!(Protocol)
    )]
    pub(crate) protocol: Option<Protocol>,

    /// A new port to listen on, 1 to 65535
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) port: Option<u16>,

    /// A new balancing algorithm (any case): LEAST_CONNECTIONS, RANDOM, ROUND_ROBIN,
    /// WEIGHTED_LEAST_CONNECTIONS, WEIGHTED_ROUND_ROBIN
    #[arg(
        long,
        value_name = "ALGORITHM",
        ignore_case = true,
        hide_possible_values = true,
        value_parser = known!(Algorithm)
    )]
    pub(crate) algorithm: Option<Algorithm>,

    /// Seconds an idle connection stays open, 30 to 120 (`timeout` in the API)
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(30..=120))]
    pub(crate) idle_timeout: Option<u32>,

    /// Let one side of a TCP connection close while the other still sends (TCP and
    /// TCP_CLIENT_FIRST only)
    #[arg(long, value_name = "BOOL")]
    pub(crate) half_closed: Option<bool>,

    /// Redirect plain HTTP to HTTPS (needs an HTTPS load balancer on 443, or SSL termination on
    /// 443 with secure traffic only)
    #[arg(long, value_name = "BOOL")]
    pub(crate) https_redirect: Option<bool>,

    #[command(flatten)]
    pub(crate) wait: WaitArgs,
}
