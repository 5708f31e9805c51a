//! The connection options (`--auth-url`, `--username`, `--region`, `--endpoint`,
//! `--allow-plain-http`, `--no-retry`, `--timeout`): only the commands that reach the API
//! (`catalog`, `lb …`) take them, so `demo --help` and `emulator --help` do not list options
//! those commands would ignore.
//!
//! They are accepted in front of the command name (`rackcloud --auth-url URL lb list`) and after
//! it (`rackcloud lb list --auth-url URL`): the same options are declared twice, once on the
//! root command (not global) and once on `catalog` and `lb` (global within them), and
//! [`GlobalArgs::merge`] takes the one given after the command name in front of the other.

use std::time::Duration;

use clap::Args;

use super::{Cli, OutputArgs, OutputFormat, parse_timeout};

/// Declares a struct of the connection options; `global` says whether they reach subcommands.
macro_rules! connection_args {
    ($(#[$meta:meta])* $name:ident, global = $global:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, Args)]
        #[command(next_help_heading = "Connection options")]
        pub(crate) struct $name {
            /// Identity endpoint [default: RS_AUTH_URL, then OS_AUTH_URL, then the global
            /// Rackspace identity]
            #[arg(long, global = $global, value_name = "URL")]
            pub(crate) auth_url: Option<String>,

            /// User name [default: RS_USERNAME, then OS_USERNAME]
            #[arg(long, global = $global, value_name = "NAME")]
            pub(crate) username: Option<String>,

            /// Region [default: RS_REGION, then OS_REGION_NAME, then the user's default region]
            #[arg(long, global = $global, value_name = "REGION")]
            pub(crate) region: Option<String>,

            /// Use this load balancer endpoint instead of the catalog's
            #[arg(long, global = $global, value_name = "URL")]
            pub(crate) endpoint: Option<String>,

            /// Send credentials and tokens over plain http:// to hosts other than loopback
            /// (only for a trusted network, such as a proxy on the same host)
            #[arg(long, global = $global)]
            pub(crate) allow_plain_http: bool,

            /// Do not repeat requests refused as rate limited (413), busy (422) or unavailable
            /// (503)
            #[arg(long, global = $global)]
            pub(crate) no_retry: bool,

            /// Time allowed for the whole command: authentication, every request and retry, and
            /// a --wait [default: 60 for each operation, 600 for a wait]
            #[arg(long, global = $global, value_name = "SECONDS", value_parser = parse_timeout)]
            pub(crate) timeout: Option<Duration>,

            /// Trust only the certificate authorities in this PEM file for https:// (a
            /// TLS-inspecting proxy's CA, the emulator's --ca-out) [default: RS_CA_FILE, else the
            /// bundled roots]
            #[arg(long, global = $global, value_name = "FILE")]
            pub(crate) ca_file: Option<std::path::PathBuf>,
        }

    };
}

connection_args!(
    /// The connection options in front of the command name.
    RootConnection,
    global = false
);

connection_args!(
    /// The connection options of `catalog` and `lb` (and every `lb` subcommand).
    Connection,
    global = true
);

impl RootConnection {
    /// The first option given, by its flag, if any.
    pub(crate) fn first_given(&self) -> Option<&'static str> {
        [
            ("--auth-url", self.auth_url.is_some()),
            ("--username", self.username.is_some()),
            ("--region", self.region.is_some()),
            ("--endpoint", self.endpoint.is_some()),
            ("--allow-plain-http", self.allow_plain_http),
            ("--no-retry", self.no_retry),
            ("--timeout", self.timeout.is_some()),
        ]
        .into_iter()
        .find_map(|(flag, given)| given.then_some(flag))
    }
}

/// Everything a command that reaches the API reads from the command line: the connection
/// options (after the command name in front of those before it) and the output options.
#[derive(Debug, Clone)]
pub(crate) struct GlobalArgs {
    pub(crate) auth_url: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<String>,
    pub(crate) allow_plain_http: bool,
    pub(crate) output: OutputFormat,
    pub(crate) verbose: bool,
    pub(crate) no_retry: bool,
    pub(crate) timeout: Option<Duration>,
    pub(crate) ca_file: Option<std::path::PathBuf>,
}

impl GlobalArgs {
    /// `after` (given after the command name) in front of `before`.
    pub(crate) fn merge(
        output: &OutputArgs,
        before: &RootConnection,
        after: Option<&Connection>,
    ) -> GlobalArgs {
        let empty = Connection::default();
        let after = after.unwrap_or(&empty);
        GlobalArgs {
            auth_url: after.auth_url.clone().or_else(|| before.auth_url.clone()),
            username: after.username.clone().or_else(|| before.username.clone()),
            region: after.region.clone().or_else(|| before.region.clone()),
            endpoint: after.endpoint.clone().or_else(|| before.endpoint.clone()),
            allow_plain_http: after.allow_plain_http || before.allow_plain_http,
            output: output.output,
            verbose: output.verbose,
            no_retry: after.no_retry || before.no_retry,
            timeout: after.timeout.or(before.timeout),
            ca_file: after.ca_file.clone().or_else(|| before.ca_file.clone()),
        }
    }
}

impl Cli {
    /// The connection options (those after the command name first) and the output options.
    pub(crate) fn global(&self) -> GlobalArgs {
        let after = match &self.command {
            super::Command::Catalog(connection) | super::Command::Lb { connection, .. } => {
                Some(connection)
            }
            super::Command::Account(command) => Some(command.connection()),
            super::Command::Emulator(_)
            | super::Command::Demo
            | super::Command::Completions { .. }
            | super::Command::Man(_) => None,
        };
        GlobalArgs::merge(&self.output, &self.connection, after)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use clap::Parser;

    use super::super::Cli;

    fn global(args: &[&str]) -> super::GlobalArgs {
        let mut all = vec!["rackcloud"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).expect("parses").global()
    }

    #[test]
    fn connection_options_go_before_or_after_the_command_name() {
        let before = global(&[
            "--auth-url",
            "http://127.0.0.1:1/",
            "--timeout",
            "5",
            "lb",
            "list",
        ]);
        assert_eq!(before.auth_url.as_deref(), Some("http://127.0.0.1:1/"));
        assert_eq!(before.timeout, Some(Duration::from_secs(5)));
        let after = global(&["lb", "list", "--region", "ORD", "--allow-plain-http"]);
        assert_eq!(after.region.as_deref(), Some("ORD"));
        assert!(after.allow_plain_http);
        let both = global(&["--region", "DFW", "catalog", "--region", "ORD"]);
        assert_eq!(both.region.as_deref(), Some("ORD"));
    }

    #[test]
    fn commands_that_reach_no_api_take_no_connection_options() {
        for args in [
            &["demo", "--auth-url", "http://127.0.0.1:1/"][..],
            &["emulator", "--timeout", "5"],
            &["completions", "bash", "--region", "DFW"],
        ] {
            let mut all = vec!["rackcloud"];
            all.extend_from_slice(args);
            let err = Cli::try_parse_from(all).expect_err("not an option of the command");
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::UnknownArgument,
                "{args:?}"
            );
        }
        let cli = Cli::try_parse_from(["rackcloud", "--no-retry", "demo"]).expect("parses");
        assert_eq!(cli.connection.first_given(), Some("--no-retry"));
    }

    #[test]
    fn marker_zero_is_refused_like_every_id() {
        let err =
            Cli::try_parse_from(["rackcloud", "lb", "list", "--marker", "0"]).expect_err("id 0");
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
        assert!(Cli::try_parse_from(["rackcloud", "lb", "list", "--marker", "1"]).is_ok());
    }
}
