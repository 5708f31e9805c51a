//! `rackcloud lb logging|caching|error-page|stats`, `lb list`'s filters, and the account-wide
//! `rackcloud limits|protocols|algorithms`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use rackcloud_lb::lbs::Status;

use super::connect::Connection;
use super::{MAX_PAGE_SIZE, WaitArgs, parse_lb_id};

/// The load balancer commands of this file, flattened into `rackcloud lb …`.
#[derive(Debug, Subcommand)]
pub(crate) enum FeatureCommand {
    /// Show, enable or disable connection logging (not on UDP, UDP_STREAM, DNS_UDP)
    Logging {
        #[command(subcommand)]
        command: SwitchCommand,
    },
    /// Show, enable or disable content caching (enabling needs an HTTP load balancer)
    Caching {
        #[command(subcommand)]
        command: SwitchCommand,
    },
    /// Show, set or delete the custom error page (HTTP load balancers)
    ErrorPage {
        #[command(subcommand)]
        command: ErrorPageCommand,
    },
    /// List the addresses a load balancer connects to its nodes from
    SourceAddresses {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Show the connection counters of a load balancer
    Stats {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
}

/// `show|enable|disable LB_ID` of a setting that is on or off.
#[derive(Debug, Subcommand)]
pub(crate) enum SwitchCommand {
    /// Print whether it is on
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Turn it on
    Enable {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Turn it off
    Disable {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
}

/// `rackcloud lb error-page …`.
#[derive(Debug, Subcommand)]
pub(crate) enum ErrorPageCommand {
    /// Print the error page (the service's default page when none is set)
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Set the error page from an HTML file
    Set {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The HTML file to show
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Restore the default error page
    Delete {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
}

/// The account-wide commands, flattened into `rackcloud …`.
#[derive(Debug, Subcommand)]
pub(crate) enum AccountCommand {
    /// Show the account's rate limits and absolute limits
    Limits(Connection),
    /// List the protocols and their default ports (0: a port must be given)
    Protocols(Connection),
    /// List the balancing algorithms
    Algorithms(Connection),
    /// List the domain names nodes may be given by (instead of an address)
    AllowedDomains(Connection),
    /// List the addresses the region's load balancers connect to nodes from
    RegionalSourceAddresses(Connection),
}

impl AccountCommand {
    /// The connection options given after the command name.
    pub(crate) fn connection(&self) -> &Connection {
        match self {
            AccountCommand::Limits(c)
            | AccountCommand::Protocols(c)
            | AccountCommand::Algorithms(c)
            | AccountCommand::AllowedDomains(c)
            | AccountCommand::RegionalSourceAddresses(c) => c,
        }
    }
}

/// `rackcloud lb list …`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Print only one page of at most COUNT load balancers (1 to 100) instead of every page
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_PAGE_SIZE)))]
    pub(crate) limit: Option<u32>,

    /// Print only one page, starting after the load balancer with this id
    #[arg(long, value_name = "LB_ID", value_parser = parse_lb_id)]
    pub(crate) marker: Option<u64>,

    /// Only load balancers with exactly this name
    #[arg(long, value_name = "NAME", value_parser = super::parse_name)]
    pub(crate) name: Option<String>,

    /// Only load balancers in this status (any case), e.g. ACTIVE, ERROR or DELETED (deleted
    /// ones are left out otherwise)
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub(crate) status: Option<Status>,

    /// Only load balancers changed since DATE: 2026-11-25 (midnight UTC) or 2026-11-25T03:21:04Z
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub(crate) changed_since: Option<Timestamp>,

    /// Only load balancers with a node at this address (the server then ignores --name)
    #[arg(long, value_name = "ADDRESS", value_parser = super::parse_name)]
    pub(crate) node_address: Option<String>,
}

/// A status: any known one in any case, or another word the server may know.
fn parse_status(text: &str) -> Result<Status, String> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
        return Err(format!(
            "{text:?} is not a status (such as ACTIVE or DELETED)"
        ));
    }
    Ok(text
        .parse::<Status>()
        .unwrap_or_else(|_| Status::from(text.to_ascii_uppercase().as_str())))
}

/// An instant (`2026-11-25T03:21:04Z`, any offset) or a date (midnight UTC).
fn parse_date(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(t) = text.parse::<Timestamp>() {
        return Ok(t);
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            jiff::tz::TimeZone::UTC
                .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                .ok()
        })
        .ok_or_else(|| format!("{text:?} is not a date: use 2026-11-25 or 2026-11-25T03:21:04Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_statuses() {
        assert_eq!(
            parse_date("2026-11-25").map(|t| t.to_string()),
            Ok("2026-11-25T00:00:00Z".to_owned())
        );
        assert!(parse_date("2026-11-25T03:21:04+01:00").is_ok());
        assert!(parse_date("yesterday").is_err());
        assert_eq!(parse_status("deleted"), Ok(Status::Deleted));
        assert!(parse_status("").is_err());
        assert!(parse_status("a b").is_err());
    }
}
