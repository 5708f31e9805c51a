//! `rackcloud lb node …`: the clap types of the node commands.

use std::time::Duration;

use clap::{Args, Subcommand};
use rackcloud_lb::nodes::{Condition, Type};

use super::values::known;
use super::values::parse_target;
use super::{WaitArgs, parse_lb_id};

/// `rackcloud lb node …`.
#[derive(Debug, Subcommand)]
pub(crate) enum NodeCommand {
    /// List the nodes of a load balancer (every page), one line each
    List {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Show one node, one fact per line
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The node id
        #[arg(value_name = "NODE_ID", value_parser = parse_node_id)]
        node_id: u64,
    },
    /// Add nodes in one request (at most 25)
    Add(AddArgs),
    /// Change a node's condition, type or weight
    Update(UpdateArgs),
    /// Remove nodes (10 per request, waiting between requests)
    Remove {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The node ids
        #[arg(value_name = "NODE_ID", required = true, num_args = 1.., value_parser = parse_node_id)]
        node_ids: Vec<u64>,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Set a node DRAINING (no new connections); with --remove, then delete it
    Drain {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The node id
        #[arg(value_name = "NODE_ID", value_parser = parse_node_id)]
        node_id: u64,
        /// With --remove: seconds for connections to finish before the node is deleted
        /// (fractions allowed) [default: 30]
        #[arg(long, value_name = "SECONDS", requires = "remove", value_parser = super::parse_seconds)]
        grace: Option<Duration>,
        /// Delete the node after the grace period (waits for each step)
        #[arg(long)]
        remove: bool,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// List the node service events of a load balancer (every page)
    Events {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
}

/// `rackcloud lb node add …`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The load balancer id, or several separated by commas (`1,2,3`: the same nodes are added
    /// to each, --parallel at a time)
    #[arg(value_name = "LB_ID[,LB_ID…]", value_parser = super::fleet::parse_lb_id_list)]
    pub(crate) lb_ids: super::fleet::LbIdList,
    /// The nodes: ADDRESS:PORT, an IPv6 address in brackets (`[2001:db8::1]:80`)
    #[arg(value_name = "ADDRESS:PORT", required = true, num_args = 1.., value_parser = parse_target)]
    pub(crate) targets: Vec<(String, u16)>,
    /// The condition (any case): ENABLED, DISABLED or DRAINING [default: ENABLED]
    #[arg(long, value_name = "CONDITION", conflicts_with = "safe", ignore_case = true,
        value_parser = known!(Condition))]
    pub(crate) condition: Option<Condition>,
    #[command(flatten)]
    pub(crate) kind: KindArgs,
    /// Add as DRAINING, wait until every new node is ONLINE, then enable them (waits for each step)
    #[arg(long)]
    pub(crate) safe: bool,
    /// With several load balancers, how many are changed at once [default: 10]
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(u16).range(1..=100))]
    pub(crate) parallel: Option<u16>,
    #[command(flatten)]
    pub(crate) wait: WaitArgs,
}

/// `rackcloud lb node update …`.
#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    /// The load balancer id
    #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
    pub(crate) lb_id: u64,
    /// The node id
    #[arg(value_name = "NODE_ID", value_parser = parse_node_id)]
    pub(crate) node_id: u64,
    /// The condition (any case): ENABLED, DISABLED or DRAINING
    #[arg(long, value_name = "CONDITION", ignore_case = true, required_unless_present_any = ["node_type", "weight"],
        value_parser = known!(Condition))]
    pub(crate) condition: Option<Condition>,
    #[command(flatten)]
    pub(crate) kind: KindArgs,
    #[command(flatten)]
    pub(crate) wait: WaitArgs,
}

/// `--type` and `--weight`.
#[derive(Debug, Clone, Args)]
pub(crate) struct KindArgs {
    /// The type (any case): PRIMARY or SECONDARY
    #[arg(long = "type", value_name = "TYPE", ignore_case = true,
        value_parser = known!(Type))]
    pub(crate) node_type: Option<Type>,
    /// The weight, 1 to 100 (used by weighted algorithms)
    #[arg(long, value_name = "WEIGHT", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub(crate) weight: Option<u32>,
}

/// A node id: a whole number from 1.
fn parse_node_id(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("node ids start at 1".to_owned()),
        Ok(id) => Ok(id),
        Err(_) => Err(format!("{text:?} is not a node id (a whole number from 1)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(parse_target("10.0.0.1:80"), Ok(("10.0.0.1".into(), 80)));
        assert_eq!(
            parse_target("[2001:db8::1]:443"),
            Ok(("2001:db8::1".into(), 443))
        );
        assert_eq!(
            parse_target("web.example.com:65535"),
            Ok(("web.example.com".into(), 65535))
        );
        for bad in [
            "10.0.0.1",
            "10.0.0.1:0",
            "10.0.0.1:65536",
            ":80",
            "2001:db8::1:80",
            "a:b",
        ] {
            assert!(parse_target(bad).is_err(), "{bad}");
        }
        assert!(parse_node_id("0").is_err());
    }
}
