//! `rackcloud lb throttle …`: the clap types.

use clap::Subcommand;

use super::{FleetArgs, WaitArgs, parse_lb_id};

/// `rackcloud lb throttle …`.
#[derive(Debug, Subcommand)]
pub(crate) enum ThrottleCommand {
    /// Print the connection throttle, or that there is none
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Limit the connections one client address may hold open, on one or more load balancers
    Set {
        /// The load balancer ids (or --all)
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id, num_args = 0..)]
        lb_ids: Vec<u64>,
        /// At most COUNT open connections per client address, 1 to 100000 (for no limit, delete
        /// the throttle)
        #[arg(long, value_name = "COUNT")]
        max_connections: u32,
        #[command(flatten)]
        fleet: FleetArgs,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Remove the connection throttle (no limit); nothing to do when there is none
    Delete {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
}
