//! `rackcloud`: Rackspace Cloud Load Balancers from the command line: every resource of the API,
//! load balancers declared in a document (plan, apply, export), and a local emulator.
//!
//! A synchronous tool built on the SDK's facade crate, `rackcloud-lb`, alone, the way users' tools
//! are, with the emulator built in (`rackcloud emulator`, `rackcloud demo`). `docs/cli.md`
//! describes every command, option, environment variable, exit status and JSON document.
//!
//! - [`cli`]: the clap types (names scripts depend on).
//! - [`auth`]: flags and environment to a provider and a load balancer client.
//! - [`commands`]: one module per command.
//! - [`output`]: text lines and JSON documents on stdout.
//! - [`failure`]: a failure to its exit status, its line on stderr and its JSON document.
//! - [`wait`]: `--wait`: the poll interval and deadline, and the progress shown meanwhile.
//! - [`stderr`]: retry and progress lines on stderr, above the spinner when one is shown.
//! - [`log`]: the `-v` logger.
//! - [`redact`]: the credentials and tokens the tool holds, kept out of everything it prints.
//! - [`sanitize`]: control characters in server text shown as escapes in text output.
//! - [`sent`]: whether anything was sent yet, for the exactness of exit status 2.

mod auth;
mod cli;
mod commands;
mod env;
mod failure;
mod log;
mod output;
mod prompt;
mod redact;
mod sanitize;
mod sent;
mod stderr;
mod wait;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, OutputFormat};
use crate::failure::Failure;
use crate::output::Output;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, wants_json(&args)),
    };
    if cli.output.verbose {
        log::init_verbose();
    }
    let out = Output::new(cli.output.output);
    let env = |name: &str| std::env::var(name).ok();
    match commands::run(&cli, &env, out) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output went away (`rackcloud lb list | head -1`): end quietly.
        Err(failure) if failure.is_broken_pipe() => ExitCode::SUCCESS,
        Err(failure) => fail(&failure, out, cli.output.verbose),
    }
}

/// Prints the failure's line on stderr (and its document on stdout in JSON mode).
fn fail(failure: &Failure, out: Output, verbose: bool) -> ExitCode {
    if out.is_json() && !failure.is_summarised() {
        // Scripts read stdout; if it is gone, the line on stderr still says what failed.
        let _ = out.json(&failure.json());
    }
    let line = redact::for_terminal(&failure.line(verbose));
    let _ = writeln!(io::stderr().lock(), "{line}");
    failure.exit_code()
}

/// `--help` and `--version` go to stdout with status 0; usage errors to stderr with status 2,
/// plus the JSON error document on stdout when `--output json` was asked for.
fn usage_error(e: &clap::Error, json: bool) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if json {
        let rendered = e.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        let message = first.strip_prefix("error: ").unwrap_or(first);
        let _ = Output::new(OutputFormat::Json).json(&Failure::usage(message).json());
    }
    let _ = e.print();
    ExitCode::from(failure::EXIT_USAGE)
}

/// Whether the arguments ask for JSON output, read without the parser (which just failed).
fn wants_json(args: &[OsString]) -> bool {
    let args: Vec<&str> = args
        .iter()
        .take_while(|a| *a != "--")
        .filter_map(|a| a.to_str())
        .collect();
    args.contains(&"--output=json")
        || args
            .windows(2)
            .any(|pair| pair[0] == "--output" && pair[1] == "json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn json_is_recognised_in_both_spellings() {
        assert!(wants_json(&os(&["rackcloud", "--output", "json", "lb"])));
        assert!(wants_json(&os(&["rackcloud", "lb", "--output=json"])));
        assert!(!wants_json(&os(&["rackcloud", "--output", "text"])));
        assert!(!wants_json(&os(&["rackcloud", "--", "--output=json"])));
    }
}
