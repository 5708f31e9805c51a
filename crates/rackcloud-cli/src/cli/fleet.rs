//! `--all`, `--yes` and `--parallel N`: the options of the change commands that take several
//! load balancer ids.

use clap::Args;

/// Which load balancers a change goes to beyond the ids given, and how many at once.
#[derive(Debug, Clone, Args)]
pub(crate) struct FleetArgs {
    /// Every load balancer of the region that is not being deleted (asks first on a terminal;
    /// elsewhere needs --yes)
    #[arg(long)]
    pub(crate) all: bool,

    /// With --all, do not ask for confirmation
    #[arg(long, requires = "all")]
    pub(crate) yes: bool,

    /// How many load balancers are changed at once when several are given [default: 10]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=100))]
    pub(crate) parallel: Option<u16>,
}
