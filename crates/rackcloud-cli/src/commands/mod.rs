//! The commands: each takes the parsed arguments, does its work through the SDK and prints its
//! result.

mod catalog;
mod demo;
mod emulator;
mod generate;
mod load_balancers;
mod session_persistence;

use crate::auth::{Connect, Env};
use crate::cli::{Cli, Command, LbCommand};
use crate::failure::Failure;
use crate::output::Output;

/// Runs the command of `cli`, reading the environment through `env`.
pub(crate) fn run(cli: &Cli, env: Env<'_>, out: Output) -> Result<(), Failure> {
    let global = cli.global();
    let connect = Connect::new(&global, env);
    match &cli.command {
        Command::Catalog(_) => catalog::run(connect, out),
        Command::Lb { command, .. } => match command {
            LbCommand::List(args) => load_balancers::list(args, connect, out),
            LbCommand::Show { lb_id } => load_balancers::show(*lb_id, connect, out),
            LbCommand::Create(args) => load_balancers::create(args, connect, out),
            LbCommand::Delete { lb_id, wait } => load_balancers::delete(*lb_id, wait, connect, out),
            LbCommand::SessionPersistence { command } => {
                session_persistence::run(command, connect, out)
            }
        },
        Command::Emulator(args) => {
            generate::offline(cli, "emulator")?;
            emulator::run(args, out)
        }
        Command::Demo => {
            generate::offline(cli, "demo")?;
            demo::run(out, global.verbose)
        }
        Command::Completions { shell } => {
            generate::offline(cli, "completions")?;
            generate::completions(*shell, out)
        }
        Command::Man(args) => {
            generate::offline(cli, "man")?;
            generate::man(args, out)
        }
    }
}
