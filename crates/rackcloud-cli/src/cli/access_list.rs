//! `rackcloud lb access-list show|allow|deny|remove|clear`.

use clap::Subcommand;

use super::values::parse_address;
use super::{WaitArgs, parse_lb_id};

/// `rackcloud lb access-list …`.
#[derive(Debug, Subcommand)]
pub(crate) enum AccessListCommand {
    /// Print the access list: one line per item (id, type, address)
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Let these addresses or networks through (ALLOW beats DENY)
    Allow {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// IPv4 or IPv6 addresses or CIDR networks, such as 192.0.2.0/24 (at most 100)
        #[arg(value_name = "ADDRESS_OR_CIDR", required = true, value_parser = parse_address)]
        addresses: Vec<String>,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Refuse these addresses or networks (0.0.0.0/0 and ::/0 plus ALLOWs make an allow-list)
    Deny {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// IPv4 or IPv6 addresses or CIDR networks, such as 0.0.0.0/0 (at most 100)
        #[arg(value_name = "ADDRESS_OR_CIDR", required = true, value_parser = parse_address)]
        addresses: Vec<String>,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Remove items by id (ten a request, waiting for the load balancer between requests)
    Remove {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The ids of the items, as `show` prints them
        #[arg(value_name = "ITEM_ID", required = true, value_parser = clap::value_parser!(u64).range(1..))]
        item_ids: Vec<u64>,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Remove every item
    Clear {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
}
