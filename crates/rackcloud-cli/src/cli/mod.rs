//! The command line: clap types for the global options and every command.
//!
//! The names here are an interface: scripts depend on them.

#[cfg(test)]
mod audit;
mod connect;
mod create;
pub(crate) use create::CreateArgs;
mod declarative;
pub(crate) use declarative::{ApplyArgs, ExportArgs, PlanArgs};
mod fleet;
pub(crate) use fleet::FleetArgs;
mod nodes;
mod update;
pub(crate) use update::LbUpdateArgs;
mod values;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub(crate) mod ssl;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
pub(crate) use nodes::{AddArgs, NodeCommand, UpdateArgs};
use rackcloud_lb::sessions::Type;
use values::known;

mod health_monitor;
mod throttle;
pub(crate) use health_monitor::{HealthMonitorCommand, HealthMonitorSetArgs};
pub(crate) use throttle::ThrottleCommand;
mod lb_features;

pub(crate) use lb_features::{
    AccountCommand, ErrorPageCommand, FeatureCommand, ListArgs, SwitchCommand,
};
mod access_list;
mod usage;

pub(crate) use access_list::AccessListCommand;
pub(crate) use usage::UsageArgs;
mod metadata;
mod vips;

pub(crate) use metadata::{MetadataCommand, NodeArg};
pub(crate) use vips::VipCommand;

pub(crate) use connect::{Connection, GlobalArgs, RootConnection};
pub(crate) use values::{parse_interval, parse_lb_id, parse_name, parse_seconds, parse_timeout};

/// The most a page of `lb list --limit` may hold (the API's own limit).
const MAX_PAGE_SIZE: u32 = rackcloud_lb::core::MAX_PAGE_SIZE;

/// `rackcloud [OPTIONS] <COMMAND>`.
#[derive(Debug, Parser)]
#[command(
    name = "rackcloud",
    version,
    about = "Rackspace Cloud Load Balancers from the command line: every resource, declared load balancers (plan, apply, export) and a local emulator.",
    long_about = "Rackspace Cloud Load Balancers from the command line: every resource, declared load balancers (plan, apply, export) and a local emulator.\n\n\
        Credentials come from the environment only: RS_USERNAME (or OS_USERNAME, or --username) and \
        RS_API_KEY, or RS_PASSWORD (or OS_PASSWORD). Try `rackcloud demo` for a tour that needs no \
        account and no network.",
    after_help = "Exit status: 0 success (also when the reader of the output closed it early); 2 usage or invalid input (nothing was sent); 3 a change accepted whose --wait ended before it was applied (it stands: do not send it again); 1 any other failure."
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) connection: RootConnection,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every command accepts, before or after the command name.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct OutputArgs {
    /// Output format: text for people, json for scripts (one document on stdout)
    #[arg(long, global = true, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Text)]
    pub(crate) output: OutputFormat,

    /// Log each request and response status to stderr (secrets redacted)
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Short plain lines, one per fact.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// The commands.
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once a run: its size costs nothing"
)]
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List the services, regions and endpoints of the token
    Catalog(Connection),
    /// Load balancer operations
    Lb {
        #[command(flatten)]
        connection: Connection,
        #[command(subcommand)]
        command: LbCommand,
    },
    /// Run the emulator in the foreground and print its identity URL and demo credentials
    Emulator(EmulatorArgs),
    /// A guided tour against an in-process emulator (no account, no network)
    Demo,
    #[command(flatten)]
    Account(AccountCommand),
    /// Print the shell completion script for bash, zsh, fish or powershell
    Completions {
        /// The shell
        #[arg(value_enum, value_name = "SHELL")]
        shell: Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory
    Man(ManArgs),
}

/// `rackcloud man …`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write rackcloud.1 and a page per subcommand (rackcloud-lb-list.1, …) into this directory
    /// (created if missing) instead of printing rackcloud.1
    #[arg(long, value_name = "DIR", alias = "out-dir")]
    pub(crate) dir: Option<PathBuf>,
}

/// `rackcloud lb …`.
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once a run: its size costs nothing"
)]
#[derive(Debug, Subcommand)]
pub(crate) enum LbCommand {
    /// List the load balancers of the region (every page), one line each
    List(ListArgs),
    /// Show one load balancer, one fact per line
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Create a load balancer with its nodes, virtual IPs and configuration, in one request
    Create(CreateArgs),
    /// Delete load balancers (ten a request when several are given)
    Delete {
        /// The load balancer ids
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id, required = true, num_args = 1..)]
        lb_ids: Vec<u64>,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Change a load balancer's name, protocol, port, algorithm, idle timeout, half-closed
    /// connections or HTTPS redirect (at least one)
    Update(LbUpdateArgs),
    /// SSL termination: show, set, delete, ciphers, rotate
    Ssl(ssl::SslGroup),
    /// Certificate mappings (SNI): list, add, show, update, remove
    CertMapping(ssl::CertMappingGroup),
    /// List, show, add, update, drain and remove nodes; node events
    Node {
        #[command(subcommand)]
        command: NodeCommand,
    },
    /// Show, enable or disable session persistence
    SessionPersistence {
        #[command(subcommand)]
        command: SessionPersistenceCommand,
    },
    /// Show, set or delete the health monitor
    HealthMonitor {
        #[command(subcommand)]
        command: HealthMonitorCommand,
    },
    /// Show, set or delete the connection throttle
    Throttle {
        #[command(subcommand)]
        command: ThrottleCommand,
    },
    #[command(flatten)]
    Features(FeatureCommand),
    /// Show the access list, allow or deny addresses, remove items, clear it
    AccessList {
        #[command(subcommand)]
        command: AccessListCommand,
    },
    /// Usage of the account or of one load balancer, or the billable load balancers
    Usage(UsageArgs),
    /// List, add or remove virtual IPs
    Vip {
        #[command(subcommand)]
        command: VipCommand,
    },
    /// List, set or remove metadata of a load balancer or of one of its nodes
    Metadata {
        #[command(subcommand)]
        command: MetadataCommand,
    },
    /// Show the changes that would bring the account to a document; nothing is sent
    Plan(PlanArgs),
    /// Bring the account to a document: plan, confirm, send the changes
    Apply(ApplyArgs),
    /// Write the document describing existing load balancers
    Export(ExportArgs),
}

/// `--wait` and `--wait-interval`, on every command that changes a load balancer.
#[derive(Debug, Clone, Copy, Args)]
pub(crate) struct WaitArgs {
    /// Wait until the change is applied (ACTIVE again, or deleted), polling the load balancer;
    /// the deadline is --timeout, or 10 minutes
    #[arg(long)]
    pub(crate) wait: bool,

    /// The longest time between two polls while waiting, in seconds; the first look comes after
    /// a fifth of it (fractions allowed) [default: 5]
    #[arg(long, value_name = "SECONDS", requires = "wait", value_parser = parse_interval)]
    pub(crate) wait_interval: Option<Duration>,
}

/// `rackcloud lb session-persistence …`.
#[derive(Debug, Subcommand)]
pub(crate) enum SessionPersistenceCommand {
    /// Print the session persistence type, or that persistence is disabled
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Enable session persistence, or change its type, on one or more load balancers
    Enable {
        /// The load balancer ids (or --all)
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id, num_args = 0..)]
        lb_ids: Vec<u64>,
        /// The persistence type (any case): HTTP_COOKIE needs an HTTP load balancer, SSL_ID an
        /// HTTPS one, SOURCE_IP works with any protocol
        #[arg(
            long = "type",
            value_name = "TYPE",
            ignore_case = true,
            value_parser = known!(Type)
        )]
        persistence_type: Type,
        #[command(flatten)]
        fleet: FleetArgs,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Disable session persistence on one or more load balancers
    Disable {
        /// The load balancer ids (or --all)
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id, num_args = 0..)]
        lb_ids: Vec<u64>,
        /// Succeed when persistence is already disabled (otherwise that is a failure)
        #[arg(long)]
        if_enabled: bool,
        #[command(flatten)]
        fleet: FleetArgs,
        #[command(flatten)]
        wait: WaitArgs,
    },
}

/// `rackcloud emulator …`.
#[derive(Debug, Args)]
pub(crate) struct EmulatorArgs {
    /// Address to listen on (loopback by default: the control API has no authentication; any
    /// other address prints a warning)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8900")]
    pub(crate) listen: SocketAddr,

    /// How long a load balancer stays PENDING_UPDATE after a change, in seconds (fractions allowed)
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_seconds)]
    pub(crate) pending_time: Duration,

    /// Serve HTTPS with a certificate for localhost and 127.0.0.1 made at start
    #[arg(long)]
    pub(crate) tls: bool,

    /// Write the CA certificate (PEM) that clients must trust to this file (with --tls)
    #[arg(long, value_name = "FILE", requires = "tls")]
    pub(crate) ca_out: Option<std::path::PathBuf>,

    /// Make the load balancers carry real traffic on loopback: each gets a listener (see GET
    /// /_emulator/load-balancers/{region}/{tenant}/{id}/listener), and nodes reach the servers
    /// mapped with POST /_emulator/backends
    #[arg(long)]
    pub(crate) data_plane: bool,

    /// Answer requests whose Host header names NAME too (repeatable), for an emulator reached by
    /// a name other than loopback or its listen address (a container's service name); others
    /// get 421, so that a page rebinding its name cannot drive it
    #[arg(long, value_name = "NAME")]
    pub(crate) allow_host: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use rackcloud_lb::lbs::Protocol;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn types_ignore_case_and_unknown_ones_are_usage_errors() {
        let parse = |t: &str| {
            Cli::try_parse_from([
                "rackcloud",
                "lb",
                "session-persistence",
                "enable",
                "1",
                "--type",
                t,
            ])
        };
        let cli = parse("source_ip").expect("a known type");
        let Command::Lb {
            command:
                LbCommand::SessionPersistence {
                    command:
                        SessionPersistenceCommand::Enable {
                            persistence_type, ..
                        },
                },
            ..
        } = cli.command
        else {
            panic!("parsed another command: {:?}", cli.command);
        };
        assert_eq!(persistence_type, Type::SourceIp);
        let err = parse("STICKY").expect_err("an unknown type");
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
    }

    #[test]
    fn every_protocol_offered_is_one_the_sdk_knows() {
        for &name in Protocol::KNOWN_NAMES {
            let protocol = name.parse::<Protocol>().expect("a protocol");
            assert!(!matches!(protocol, Protocol::Other(_)), "{name}");
            assert_eq!(protocol.as_str(), name);
        }
        let cli = Cli::try_parse_from([
            "rackcloud",
            "lb",
            "create",
            "--name",
            "mail",
            "--protocol",
            "imapv4",
            "--port",
            "143",
        ])
        .expect("a known protocol in another case");
        let Command::Lb {
            command: LbCommand::Create(args),
            ..
        } = cli.command
        else {
            panic!("parsed another command: {:?}", cli.command);
        };
        assert_eq!(args.protocol, Protocol::ImapV4);
        assert!(!args.wait.wait);
    }

    #[test]
    fn wait_intervals_are_positive_and_need_wait() {
        assert_eq!(parse_interval("0.05"), Ok(Duration::from_millis(50)));
        for bad in ["0", "-1", "3601", "inf", "NaN", "soon"] {
            assert!(parse_interval(bad).is_err(), "{bad}");
        }
        let parse = |args: &[&str]| {
            let mut all = vec!["rackcloud", "lb", "delete", "2"];
            all.extend_from_slice(args);
            Cli::try_parse_from(all)
        };
        assert!(parse(&["--wait", "--wait-interval", "1"]).is_ok());
        let err = parse(&["--wait-interval", "1"]).expect_err("no --wait");
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    }
}
