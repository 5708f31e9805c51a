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
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(u16).range(1..=100))]
    pub(crate) parallel: Option<u16>,
}

/// Load balancer ids separated by commas (`1,2,3`), where a positional list would be ambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LbIdList(pub(crate) Vec<u64>);

/// Parses `1,2,3`: each part a load balancer id.
pub(crate) fn parse_lb_id_list(s: &str) -> Result<LbIdList, String> {
    s.split(',')
        .map(|part| super::parse_lb_id(part.trim()))
        .collect::<Result<Vec<_>, _>>()
        .map(LbIdList)
}
