//! `rackcloud lb vip list|add|remove`: clap types.

use clap::Subcommand;

use super::{WaitArgs, parse_lb_id};

/// `rackcloud lb vip …`.
#[derive(Debug, Subcommand)]
pub(crate) enum VipCommand {
    /// List the virtual IPs of a load balancer, one line each
    List {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Add a public IPv6 virtual IP (the only kind a load balancer can gain after creation)
    Add {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Remove virtual IPs (at most 10 a request; longer lists wait between requests)
    Remove {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The virtual IP ids (see `lb vip list`)
        #[arg(value_name = "VIP_ID", required = true, value_parser = parse_vip_id)]
        vip_ids: Vec<u64>,
        #[command(flatten)]
        wait: WaitArgs,
    },
}

/// A virtual IP id: a whole number from 1.
fn parse_vip_id(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("virtual ip ids start at 1".to_owned()),
        Ok(id) => Ok(id),
        Err(_) => Err(format!(
            "{text:?} is not a virtual ip id (a whole number from 1)"
        )),
    }
}
