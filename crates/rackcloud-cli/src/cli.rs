//! The command line: clap types for the global options and every command.
//!
//! The names here are an interface: scripts depend on them.

use std::net::SocketAddr;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use lb_sessions::Type;

/// The session persistence types `--type` accepts (in any case).
const PERSISTENCE_TYPES: [&str; 3] = ["HTTP_COOKIE", "SOURCE_IP", "SSL_ID"];

/// `rackcloud [GLOBAL OPTIONS] <COMMAND>`.
#[derive(Debug, Parser)]
#[command(
    name = "rackcloud",
    version,
    about = "Rackspace Cloud Load Balancers session persistence, from the command line.",
    long_about = "Rackspace Cloud Load Balancers session persistence, from the command line.\n\n\
        Credentials come from the environment only: RS_USERNAME (or OS_USERNAME, or --username) and \
        RS_API_KEY, or RS_PASSWORD (or OS_PASSWORD). Try `rackcloud demo` for a tour that needs no \
        account and no network.",
    after_help = "Exit status: 0 success; 2 usage or invalid input (nothing was sent); 1 any other failure."
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every command accepts, before or after the command name.
#[derive(Debug, Clone, Args)]
pub(crate) struct GlobalArgs {
    /// Identity endpoint [default: RS_AUTH_URL, then OS_AUTH_URL, then the global Rackspace identity]
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) auth_url: Option<String>,

    /// User name [default: RS_USERNAME, then OS_USERNAME]
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) username: Option<String>,

    /// Region [default: RS_REGION, then OS_REGION_NAME, then the user's default region]
    #[arg(long, global = true, value_name = "REGION")]
    pub(crate) region: Option<String>,

    /// Use this load balancer endpoint instead of the catalog's
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) endpoint: Option<String>,

    /// Output format: text for people, json for scripts (one document on stdout)
    #[arg(long, global = true, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Text)]
    pub(crate) output: OutputFormat,

    /// Log each request and response status to stderr (secrets redacted)
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,

    /// Do not repeat requests refused as rate limited (413), busy (422) or unavailable (503)
    #[arg(long, global = true)]
    pub(crate) no_retry: bool,

    /// Time allowed for each operation, its retries and waits included [default: 60]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = parse_timeout)]
    pub(crate) timeout: Option<Duration>,
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
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List the services, regions and endpoints of the token
    Catalog,
    /// Load balancer operations
    Lb {
        #[command(subcommand)]
        command: LbCommand,
    },
    /// Run the emulator in the foreground and print its identity URL and demo credentials
    Emulator(EmulatorArgs),
    /// A guided tour against an in-process emulator (no account, no network)
    Demo,
}

/// `rackcloud lb …`.
#[derive(Debug, Subcommand)]
pub(crate) enum LbCommand {
    /// Show, enable or disable session persistence
    SessionPersistence {
        #[command(subcommand)]
        command: SessionPersistenceCommand,
    },
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
    /// Enable session persistence, or change its type
    Enable {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The persistence type (any case): HTTP_COOKIE needs an HTTP load balancer, SSL_ID an
        /// HTTPS one, SOURCE_IP works with any protocol
        #[arg(
            long = "type",
            value_name = "TYPE",
            ignore_case = true,
            value_parser = PossibleValuesParser::new(PERSISTENCE_TYPES).try_map(|s| s.parse::<Type>())
        )]
        persistence_type: Type,
    },
    /// Disable session persistence
    Disable {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// Succeed when persistence is already disabled (otherwise that is a failure)
        #[arg(long)]
        if_enabled: bool,
    },
}

/// `rackcloud emulator …`.
#[derive(Debug, Args)]
pub(crate) struct EmulatorArgs {
    /// Address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8900")]
    pub(crate) listen: SocketAddr,

    /// How long a load balancer stays PENDING_UPDATE after a change, in seconds (fractions allowed)
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_seconds)]
    pub(crate) pending_time: Duration,
}

/// A load balancer id: a whole number from 1.
fn parse_lb_id(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("load balancer ids start at 1".to_owned()),
        Ok(id) => Ok(id),
        Err(_) => Err(format!(
            "{text:?} is not a load balancer id (a whole number from 1)"
        )),
    }
}

/// A duration in seconds, such as `1`, `0.25` or `0`.
fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("{text:?} is not a duration: use zero or more seconds"))
}

/// A positive number of seconds, fractions allowed.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!(
            "{text:?} must be more than 0 and at most 86400 seconds"
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn seconds_accept_fractions_and_refuse_the_rest() {
        assert_eq!(parse_seconds("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_seconds("0"), Ok(Duration::ZERO));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("soon").is_err());
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
        } = cli.command
        else {
            panic!("parsed another command: {:?}", cli.command);
        };
        assert_eq!(persistence_type, Type::SourceIp);
        let err = parse("STICKY").expect_err("an unknown type");
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
    }

    #[test]
    fn load_balancer_ids_start_at_one() {
        let err = Cli::try_parse_from(["rackcloud", "lb", "session-persistence", "show", "0"])
            .expect_err("id 0");
        assert_eq!(err.exit_code(), 2);
    }
}
