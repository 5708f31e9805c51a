//! `rackcloud completions SHELL` and `rackcloud man`: generated from the same clap definitions
//! as the parser, so they list exactly the commands and options it accepts.

use anyhow::Context as _;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, ManArgs};
use crate::failure::{Failure, Operation};
use crate::output::Output;

/// Refuses connection options given in front of a command that does not reach the API (they
/// would be ignored): `rackcloud --auth-url URL demo` is a usage error.
pub(crate) fn offline(cli: &Cli, command: &str) -> Result<(), Failure> {
    match cli.connection.first_given() {
        Some(flag) => Err(Failure::usage(format!(
            "{flag} applies only to `catalog` and `lb` commands, not to `{command}`"
        ))),
        None => Ok(()),
    }
}

/// Prints the completion script of `shell`.
pub(crate) fn completions(shell: Shell, out: Output) -> Result<(), Failure> {
    Operation::new(format!("generate {shell} completions")).run(|| {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "rackcloud", &mut script);
        Ok(out.verbatim(&script)?)
    })
}

/// Prints rackcloud(1), or writes it and one page per subcommand into `--out-dir`.
pub(crate) fn man(args: &ManArgs, out: Output) -> Result<(), Failure> {
    Operation::new("generate the manual page").run(|| {
        let command = Cli::command();
        match &args.out_dir {
            Some(dir) => Ok(std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(command, dir))
                .with_context(|| dir.display().to_string())?),
            None => {
                let mut page = Vec::new();
                clap_mangen::Man::new(command).render(&mut page)?;
                Ok(out.verbatim(&page)?)
            }
        }
    })
}
