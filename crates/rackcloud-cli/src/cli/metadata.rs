//! `rackcloud lb metadata list|set|remove`: clap types.

use clap::{Args, Subcommand};

use super::parse_lb_id;
use super::values::parse_pair;

/// `rackcloud lb metadata …`.
#[derive(Debug, Subcommand)]
pub(crate) enum MetadataCommand {
    /// List the metadata of a load balancer, or of one of its nodes with --node
    List {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        node: NodeArg,
    },
    /// Set keys: add those that are missing, change those whose value differs (applied at once;
    /// metadata changes need no wait)
    Set {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// KEY=VALUE pairs (keys and values 1 to 256 characters, at most 25 pairs)
        #[arg(value_name = "KEY=VALUE", required = true, value_parser = parse_pair)]
        pairs: Vec<(String, String)>,
        #[command(flatten)]
        node: NodeArg,
    },
    /// Remove keys (keys that are not there are reported, not an error)
    Remove {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The keys to remove
        #[arg(value_name = "KEY", required = true)]
        keys: Vec<String>,
        #[command(flatten)]
        node: NodeArg,
    },
}

/// `--node NODE_ID`: the node's metadata instead of the load balancer's.
#[derive(Debug, Clone, Copy, Args)]
pub(crate) struct NodeArg {
    /// Work on this node's metadata instead of the load balancer's
    #[arg(long = "node", value_name = "NODE_ID", value_parser = parse_node_id)]
    pub(crate) node_id: Option<u64>,
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
    fn pairs_split_at_the_first_equals_sign() {
        assert_eq!(parse_pair("a=b=c"), Ok(("a".into(), "b=c".into())));
        assert_eq!(parse_pair("a="), Ok(("a".into(), String::new())));
        assert!(parse_pair("=b").is_err());
        assert!(parse_pair("ab").is_err());
        assert!(parse_node_id("0").is_err());
    }
}
