//! The commands: each takes the parsed arguments, does its work through the SDK and prints its
//! result.

mod access_list;
mod catalog;
mod declarative;
mod demo;
mod emulator;
mod fleet;
mod generate;
mod health_monitor;
mod lb_create;
mod lb_features;
mod lb_update;
mod load_balancers;
mod metadata;
mod nodes;
mod session_persistence;
mod ssl;
mod throttle;
mod usage;
mod vips;

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
            LbCommand::Delete { lb_ids, wait } => {
                load_balancers::delete(lb_ids, wait, connect, out)
            }
            LbCommand::Features(command) => lb_features::run(command, connect, out),
            LbCommand::Update(args) => lb_update::run(args, connect, out),
            LbCommand::Plan(args) => declarative::plan(args, connect, out),
            LbCommand::Apply(args) => declarative::apply(args, connect, out),
            LbCommand::Export(args) => declarative::export(args, connect, out),
            LbCommand::Ssl(group) => ssl::run(&group.command, connect, out),
            LbCommand::CertMapping(group) => ssl::run_mapping(&group.command, connect, out),
            LbCommand::Node { command } => nodes::run(command, connect, out),
            LbCommand::SessionPersistence { command } => {
                session_persistence::run(command, connect, out)
            }
            LbCommand::HealthMonitor { command } => health_monitor::run(command, connect, out),
            LbCommand::Throttle { command } => throttle::run(command, connect, out),
            LbCommand::AccessList { command } => access_list::run(command, connect, out),
            LbCommand::Usage(args) => usage::run(args, connect, out),
            LbCommand::Vip { command } => vips::run(command, connect, out),
            LbCommand::Metadata { command } => metadata::run(command, connect, out),
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
        Command::Account(command) => lb_features::account(command, connect, out),
    }
}
