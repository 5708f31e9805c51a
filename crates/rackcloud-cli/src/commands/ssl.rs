//! `rackcloud lb ssl …` and `rackcloud lb cert-mapping …`: SSL termination and certificate
//! mappings through lb-ssl. Key files are read into a `Secret` and never printed.

use std::path::Path;

use rackcloud_lb::core::{Error, Secret};
use rackcloud_lb::ssl::{
    CertificateBundle, CertificateWarning, CipherProfile, CreateMappingOpts, SetOpts,
    UpdateMappingOpts,
};
use serde::Serialize;

use crate::auth::Connect;
use crate::cli::WaitArgs;
use crate::cli::ssl::{BundleArgs, CertMappingCommand, RequiredBundleArgs, SslCommand, SslSetArgs};
use crate::failure::{Failure, Operation};
use crate::output::{
    CertFacts, Change, Ciphers, MappingShown, Mappings, Output, Rotated, SslShown,
};
use crate::stderr::Stderr;
use crate::wait::{self, Waiting};

/// Runs one `lb ssl` command.
pub(crate) fn run(command: &SslCommand, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    match command {
        SslCommand::Show { lb_id } => {
            let op = Operation::on_lb("show SSL termination", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let termination = rackcloud_lb::ssl::get(&client, *lb_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            out.report(&SslShown {
                lb_id: *lb_id,
                termination,
            })
            .map_err(|e| op.failed_other(e))
        }
        SslCommand::Set(args) => set(args, connect, out),
        SslCommand::Delete { lb_id, wait } => {
            let op = Operation::on_lb("delete SSL termination", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            rackcloud_lb::ssl::delete(&client, *lb_id)
                .extract_err()
                .map_err(|e| op.failed(e))?;
            let status =
                wait::until_applied(&connect, wait, &client, *lb_id).map_err(|e| op.failed(e))?;
            out.report(&Change::update(*lb_id, "SSL termination removal", status))
                .map_err(|e| op.failed_other(e))
        }
        SslCommand::Ciphers { lb_id } => {
            let op = Operation::on_lb("list ciphers", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let names = rackcloud_lb::ssl::ciphers(&client, *lb_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            out.report(&Ciphers {
                lb_id: *lb_id,
                names,
            })
            .map_err(|e| op.failed_other(e))
        }
        SslCommand::Rotate { lb_id, bundle } => {
            let op = Operation::on_lb("rotate the certificate", *lb_id);
            let bundle = required_bundle(bundle).map_err(|e| op.failed(e))?;
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let args = WaitArgs {
                wait: true,
                wait_interval: None,
            };
            let waiting =
                Waiting::begin(&connect, &args, *lb_id, &rackcloud_lb::lbs::Status::Active);
            let rotation =
                rackcloud_lb::ssl::rotate_certificate(&client, *lb_id, &bundle, waiting.opts())
                    .map_err(|e| op.failed(e))?;
            let report = Rotated {
                lb_id: *lb_id,
                certificate: CertFacts::of(rotation.termination().certificate()),
                warnings: rotation.warnings().to_vec(),
            };
            out.report(&report).map_err(|e| op.failed_other(e))
        }
    }
}

fn set(args: &SslSetArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let lb_id = args.lb_id;
    let op = Operation::on_lb("set SSL termination", lb_id);
    let bundle = optional_bundle(&args.bundle).map_err(|e| op.failed(e))?;
    // Checked before connecting: a refused bundle sends nothing, not even the credentials.
    let warnings = match &bundle {
        Some(bundle) => bundle.check().map_err(|e| op.failed(e))?,
        None => Vec::new(),
    };
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let mut opts = SetOpts::new();
    let mut port = args.secure_port;
    if let Some(bundle) = bundle {
        if port.is_none() {
            let current = rackcloud_lb::ssl::get(&client, lb_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            port = Some(current.and_then(|t| t.secure_port()).unwrap_or(443));
        }
        opts = opts.bundle(bundle);
    }
    if let Some(p) = port {
        opts = opts.secure_port(p);
    }
    if args.secure_only {
        opts = opts.secure_traffic_only(true);
    }
    if let Some(on) = args.enabled {
        opts = opts.enabled(on);
    }
    if let Some(name) = &args.cipher_profile {
        opts = opts.cipher_profile(name.parse::<CipherProfile>().map_err(|e| op.failed(e))?);
    }
    warn(&warnings, out);
    rackcloud_lb::ssl::set(&client, lb_id, &opts)
        .extract_err()
        .map_err(|e| op.failed(e))?;
    let status =
        wait::until_applied(&connect, &args.wait, &client, lb_id).map_err(|e| op.failed(e))?;
    let change =
        Change::update(lb_id, "SSL termination", status).with_fields(Warnings::of(&warnings));
    out.report(&change).map_err(|e| op.failed_other(e))
}

/// Runs one `lb cert-mapping` command.
pub(crate) fn run_mapping(
    command: &CertMappingCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        CertMappingCommand::List { lb_id } => {
            let op = Operation::on_lb("list certificate mappings", *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let mappings = rackcloud_lb::ssl::list_mappings(&client, *lb_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            out.report(&Mappings {
                lb_id: *lb_id,
                mappings,
            })
            .map_err(|e| op.failed_other(e))
        }
        CertMappingCommand::Add {
            lb_id,
            host,
            bundle,
            wait,
        } => {
            let op = Operation::on_lb(format!("add a certificate mapping for {host}"), *lb_id);
            let bundle = required_bundle(bundle).map_err(|e| op.failed(e))?;
            let warnings = bundle.check().map_err(|e| op.failed(e))?;
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            warn(&warnings, out);
            let opts = CreateMappingOpts::new(host.clone(), bundle);
            let mapping = rackcloud_lb::ssl::create_mapping(&client, *lb_id, &opts)
                .extract()
                .map_err(|e| op.failed(e))?;
            let status =
                wait::until_applied(&connect, wait, &client, *lb_id).map_err(|e| op.failed(e))?;
            let fields = MappingFields {
                mapping_id: mapping.id(),
                host_name: mapping.host_name().to_owned(),
                warnings: Warnings::of(&warnings).warnings,
            };
            let what = format!(
                "certificate mapping {} for {}",
                mapping.id(),
                mapping.host_name()
            );
            out.report(&Change::update(*lb_id, what, status).with_fields(fields))
                .map_err(|e| op.failed_other(e))
        }
        CertMappingCommand::Show { lb_id, mapping_id } => {
            let op = Operation::on_lb(format!("show certificate mapping {mapping_id}"), *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            let mapping = rackcloud_lb::ssl::get_mapping(&client, *lb_id, *mapping_id)
                .extract()
                .map_err(|e| op.failed(e))?;
            out.report(&MappingShown {
                lb_id: *lb_id,
                mapping,
            })
            .map_err(|e| op.failed_other(e))
        }
        CertMappingCommand::Update {
            lb_id,
            mapping_id,
            host,
            bundle,
            wait,
        } => {
            let op = Operation::on_lb(format!("update certificate mapping {mapping_id}"), *lb_id);
            let mut opts = UpdateMappingOpts::new();
            if let Some(host) = host {
                opts = opts.host_name(host.clone());
            }
            match optional_bundle(bundle).map_err(|e| op.failed(e))? {
                Some(b) => opts = opts.bundle(b),
                None => {
                    if let Some(chain) = &bundle.chain {
                        opts = opts.chain(read(chain, "chain").map_err(|e| op.failed(e))?);
                    }
                }
            }
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            rackcloud_lb::ssl::update_mapping(&client, *lb_id, *mapping_id, &opts)
                .extract_err()
                .map_err(|e| op.failed(e))?;
            let status =
                wait::until_applied(&connect, wait, &client, *lb_id).map_err(|e| op.failed(e))?;
            out.report(&Change::update(
                *lb_id,
                format!("certificate mapping {mapping_id}"),
                status,
            ))
            .map_err(|e| op.failed_other(e))
        }
        CertMappingCommand::Remove {
            lb_id,
            mapping_id,
            wait,
        } => {
            let op = Operation::on_lb(format!("remove certificate mapping {mapping_id}"), *lb_id);
            let client = connect.lb_client().map_err(|e| op.failed(e))?;
            rackcloud_lb::ssl::delete_mapping(&client, *lb_id, *mapping_id)
                .extract_err()
                .map_err(|e| op.failed(e))?;
            let status =
                wait::until_applied(&connect, wait, &client, *lb_id).map_err(|e| op.failed(e))?;
            out.report(&Change::update(
                *lb_id,
                format!("removal of certificate mapping {mapping_id}"),
                status,
            ))
            .map_err(|e| op.failed_other(e))
        }
    }
}

/// The bundle of `--cert`, `--key`, `--chain`, when `--cert` was given.
fn optional_bundle(args: &BundleArgs) -> Result<Option<CertificateBundle>, Error> {
    let (Some(cert), Some(key)) = (&args.cert, &args.key) else {
        if args.chain.is_some() && args.cert.is_none() {
            return Ok(None);
        }
        return Ok(None);
    };
    bundle(cert, key, args.chain.as_deref()).map(Some)
}

fn required_bundle(args: &RequiredBundleArgs) -> Result<CertificateBundle, Error> {
    bundle(&args.cert, &args.key, args.chain.as_deref())
}

fn bundle(cert: &Path, key: &Path, chain: Option<&Path>) -> Result<CertificateBundle, Error> {
    let key = Secret::new(read(key, "key")?);
    let b = CertificateBundle::new(read(cert, "certificate")?, key);
    Ok(match chain {
        Some(chain) => b.chain(read(chain, "chain")?),
        None => b,
    })
}

/// A file's text; the message names the file, never its content.
fn read(path: &Path, what: &str) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::invalid_input(format!(
            "cannot read the {what} file {}: {e}",
            path.display()
        ))
    })
}

/// Text mode: one `warning:` line on stderr each; JSON carries them in the document.
fn warn(warnings: &[CertificateWarning], out: Output) {
    if out.is_json() {
        return;
    }
    let stderr = Stderr::new();
    for w in warnings {
        stderr.line(&format!("warning: {w}"));
    }
}

/// The JSON field of a change that checked a bundle.
#[derive(Debug, Serialize)]
struct Warnings {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl Warnings {
    fn of(w: &[CertificateWarning]) -> Warnings {
        Warnings {
            warnings: w.iter().map(ToString::to_string).collect(),
        }
    }
}

/// The JSON fields of `cert-mapping add`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MappingFields {
    mapping_id: u64,
    host_name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}
