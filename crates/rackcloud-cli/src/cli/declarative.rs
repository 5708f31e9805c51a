//! `rackcloud lb plan|apply|export`: the clap types of the declarative commands.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{parse_interval, parse_lb_id};

/// `rackcloud lb plan FILE`.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// The document (JSON, see docs/declarative.md)
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Read files the document names outside its folder (absolute paths, `..`, links out)
    #[arg(long)]
    pub(crate) allow_outside_files: bool,
}

/// `rackcloud lb apply FILE [--yes] [--parallel COUNT]`.
#[derive(Debug, Args)]
pub(crate) struct ApplyArgs {
    /// The document (JSON, see docs/declarative.md)
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Read files the document names outside its folder (absolute paths, `..`, links out)
    #[arg(long)]
    pub(crate) allow_outside_files: bool,
    /// Apply without asking (required when stdin is not a terminal)
    #[arg(long)]
    pub(crate) yes: bool,
    /// How many load balancers are changed at once [default: 10]
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(u16).range(1..=100))]
    pub(crate) parallel: Option<u16>,
    /// The longest time between two polls while waiting between changes, in seconds; the first
    /// look comes after a fifth of it (fractions allowed) [default: 5]
    #[arg(long, value_name = "SECONDS", value_parser = parse_interval)]
    pub(crate) wait_interval: Option<Duration>,
}

/// `rackcloud lb export LB_ID... [--to FILE [--force]]`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The load balancer ids
    #[arg(value_name = "LB_ID", value_parser = parse_lb_id, required = true, num_args = 1..)]
    pub(crate) lb_ids: Vec<u64>,
    /// Write the document to FILE instead of stdout (`--output` is the global output format),
    /// and the certificate and error page files it names next to it
    #[arg(long, value_name = "FILE")]
    pub(crate) to: Option<PathBuf>,
    /// Replace FILE and the files next to it when they exist with other content
    #[arg(long, requires = "to")]
    pub(crate) force: bool,
}
