//! The command line's conventions, checked over clap's whole command tree: value names that say
//! what they are, one form for settings that are on or off (`--x true|false`, value name
//! `BOOL`), and the option groups of every `--help` in one order.

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;

/// The switches (flags without a value): each asks the tool to do something, none sets a
/// load balancer's setting on or off (those take `true|false`).
const ACTIONS: &[&str] = &[
    "help",
    "version",
    "verbose",
    "allow_plain_http",
    "allow_outside_files",
    "no_retry",
    "wait",
    "all",
    "yes",
    "force",
    "safe",
    "remove",
    "if_enabled",
    "current",
    "billable",
    "tls",
    "data_plane",
];

/// Every command with its path (`rackcloud lb node add`), the root included.
fn commands() -> Vec<(String, Command)> {
    fn walk(path: String, cmd: &Command, all: &mut Vec<(String, Command)>) {
        for sub in cmd.get_subcommands() {
            walk(format!("{path} {}", sub.get_name()), sub, all);
        }
        all.push((path, cmd.clone()));
    }
    let mut root = Cli::command();
    root.build();
    let mut all = Vec::new();
    walk("rackcloud".to_owned(), &root, &mut all);
    all
}

/// Whether `arg` takes exactly `true` or `false`.
fn is_boolean_value(arg: &Arg) -> bool {
    let mut values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|v| v.get_name().to_owned())
        .collect();
    values.sort();
    values == ["false", "true"]
}

/// Where an option sits in `--help`: its own settings, then the fleet's, then the wait's, then
/// the connection's and the global ones.
fn group(arg: &Arg) -> u8 {
    match (arg.get_help_heading(), arg.get_id().as_str()) {
        (Some("Global options"), _) => 5,
        (Some("Connection options"), _) => 4,
        (_, "wait" | "wait_interval") => 3,
        (_, "all" | "yes" | "parallel") => 2,
        (_, "help" | "version") => 6,
        _ => 1,
    }
}

#[test]
fn no_value_name_is_a_single_letter() {
    for (path, cmd) in commands() {
        for arg in cmd.get_arguments() {
            for name in arg.get_value_names().unwrap_or_default() {
                assert!(
                    name.chars().count() > 1,
                    "{path}: --{} has the value name {name:?}; say what it is",
                    arg.get_id()
                );
            }
        }
    }
}

#[test]
fn every_on_off_option_takes_true_or_false() {
    for (path, cmd) in commands() {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::SetFalse) {
                assert!(
                    ACTIONS.contains(&id),
                    "{path}: --{id} is a switch; a setting that is on or off takes --{id} true|false"
                );
            }
            if is_boolean_value(arg) {
                assert_eq!(
                    arg.get_value_names().unwrap_or_default(),
                    ["BOOL"],
                    "{path}: --{id}"
                );
            }
        }
    }
    let names = |path: &str| {
        let (_, cmd) = commands().into_iter().find(|(p, _)| p == path).expect(path);
        cmd.get_arguments()
            .filter(|a| is_boolean_value(a))
            .map(|a| a.get_id().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names("rackcloud lb ssl set"), ["secure_only", "enabled"]);
    assert_eq!(
        names("rackcloud lb update"),
        ["half_closed", "https_redirect"]
    );
}

#[test]
fn option_groups_come_in_one_order_in_every_help() {
    for (path, cmd) in commands() {
        let groups: Vec<(u8, String)> = cmd
            .get_arguments()
            .filter(|a| !a.is_positional() && !a.is_hide_set())
            .map(|a| (group(a), a.get_id().to_string()))
            .collect();
        for pair in groups.windows(2) {
            assert!(
                pair[0].0 <= pair[1].0,
                "{path}: --{} comes after --{}: the command's own options, then --all/--yes/--parallel, then --wait, then the connection and the global options",
                pair[1].1,
                pair[0].1
            );
        }
    }
}
