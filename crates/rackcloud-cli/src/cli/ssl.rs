//! `rackcloud lb ssl …` and `rackcloud lb cert-mapping …`: clap types.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{WaitArgs, parse_lb_id};

/// A certificate mapping id: a whole number from 1.
fn parse_mapping_id(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("certificate mapping ids start at 1".to_owned()),
        Ok(id) => Ok(id),
        Err(_) => Err(format!(
            "{text:?} is not a certificate mapping id (a whole number from 1)"
        )),
    }
}

/// `rackcloud lb ssl <COMMAND>`.
#[derive(Debug, Args)]
pub(crate) struct SslGroup {
    #[command(subcommand)]
    pub(crate) command: SslCommand,
}

/// `rackcloud lb cert-mapping <COMMAND>`.
#[derive(Debug, Args)]
pub(crate) struct CertMappingGroup {
    #[command(subcommand)]
    pub(crate) command: CertMappingCommand,
}

/// `--cert FILE --key FILE [--chain FILE]`: PEM files, the key never printed.
#[derive(Debug, Clone, Args)]
pub(crate) struct BundleArgs {
    /// The certificate (PEM file)
    #[arg(long, value_name = "FILE", requires = "key")]
    pub(crate) cert: Option<PathBuf>,
    /// Its private key (PEM file; never printed)
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub(crate) key: Option<PathBuf>,
    /// The intermediate certificates (PEM file), the certificate's issuer first
    #[arg(long, value_name = "FILE")]
    pub(crate) chain: Option<PathBuf>,
}

/// `--cert FILE --key FILE [--chain FILE]`, all but the chain required.
#[derive(Debug, Clone, Args)]
pub(crate) struct RequiredBundleArgs {
    /// The certificate (PEM file)
    #[arg(long, value_name = "FILE")]
    pub(crate) cert: PathBuf,
    /// Its private key (PEM file; never printed)
    #[arg(long, value_name = "FILE")]
    pub(crate) key: PathBuf,
    /// The intermediate certificates (PEM file), the certificate's issuer first
    #[arg(long, value_name = "FILE")]
    pub(crate) chain: Option<PathBuf>,
}

/// `rackcloud lb ssl …`.
#[derive(Debug, Subcommand)]
pub(crate) enum SslCommand {
    /// Show SSL termination: port, switches, cipher profile, and the certificate's subject,
    /// issuer, names and expiry (never the key)
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Create or change SSL termination; without --cert/--key only the attributes given change
    /// and the installed certificate stays
    Set(SslSetArgs),
    /// Remove SSL termination (turn HTTPS redirect off first)
    Delete {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// List the ciphers the load balancer offers, and the cipher profiles to choose from
    Ciphers {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Install a new certificate, wait until applied, and confirm it is the one served
    Rotate {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        #[command(flatten)]
        bundle: RequiredBundleArgs,
    },
}

/// `rackcloud lb ssl set`.
#[derive(Debug, Args)]
pub(crate) struct SslSetArgs {
    /// The load balancer id
    #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
    pub(crate) lb_id: u64,
    #[command(flatten)]
    pub(crate) bundle: BundleArgs,
    /// The port TLS is served on [default with --cert: the installed one, else 443]
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) secure_port: Option<u16>,
    /// Serve only the secure port (true), or the plain port too (false)
    #[arg(long, value_name = "BOOL")]
    pub(crate) secure_only: Option<bool>,
    /// Turn termination on or off
    #[arg(long, value_name = "BOOL")]
    pub(crate) enabled: Option<bool>,
    /// The cipher profile: default, CLBCipherPolicy2017-08, CLBCipherPolicy2019-05, or a newer name
    #[arg(long, value_name = "NAME")]
    pub(crate) cipher_profile: Option<String>,
    #[command(flatten)]
    pub(crate) wait: WaitArgs,
}

/// `rackcloud lb cert-mapping …`.
#[derive(Debug, Subcommand)]
pub(crate) enum CertMappingCommand {
    /// List the certificate mappings (id and host name)
    List {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
    },
    /// Map a host name to a certificate (SNI); needs SSL termination
    Add {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The host name (`*` wildcards allowed)
        #[arg(long = "host", value_name = "NAME")]
        host: String,
        #[command(flatten)]
        bundle: RequiredBundleArgs,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Show one mapping: host name and the certificate's subject, issuer, names and expiry
    Show {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The mapping id
        #[arg(value_name = "MAPPING_ID", value_parser = parse_mapping_id)]
        mapping_id: u64,
    },
    /// Change a mapping's host name, certificate and key, or chain
    Update {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The mapping id
        #[arg(value_name = "MAPPING_ID", value_parser = parse_mapping_id)]
        mapping_id: u64,
        /// A new host name
        #[arg(long = "host", value_name = "NAME")]
        host: Option<String>,
        #[command(flatten)]
        bundle: BundleArgs,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Remove a mapping
    Remove {
        /// The load balancer id
        #[arg(value_name = "LB_ID", value_parser = parse_lb_id)]
        lb_id: u64,
        /// The mapping id
        #[arg(value_name = "MAPPING_ID", value_parser = parse_mapping_id)]
        mapping_id: u64,
        #[command(flatten)]
        wait: WaitArgs,
    },
}
