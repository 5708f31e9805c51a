//! `rackcloud lb ssl …` and `rackcloud lb cert-mapping …`: SSL termination and certificate
//! mappings through lb-ssl. Key files are read into a `Secret` and never printed.

use std::path::Path;

use rackcloud_lb::core::{Error, Secret};
use rackcloud_lb::files::{Cap, read_text};
use rackcloud_lb::lbs::Status;
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
            let lb_id = *lb_id;
            Operation::on_lb("show SSL termination", lb_id).report(out, || {
                let client = connect.lb_client()?;
                let termination = rackcloud_lb::ssl::get(&client, lb_id).extract()?;
                Ok(SslShown { lb_id, termination })
            })
        }
        SslCommand::Set(args) => set(args, connect, out),
        SslCommand::Delete { lb_id, wait } => {
            let lb_id = *lb_id;
            Operation::on_lb("delete SSL termination", lb_id).report(out, || {
                let client = connect.lb_client()?;
                rackcloud_lb::ssl::delete(&client, lb_id).extract_err()?;
                let status = wait::until_applied(&connect, wait, &client, lb_id)?;
                Ok(Change::update(lb_id, "SSL termination removal", status))
            })
        }
        SslCommand::Ciphers { lb_id } => {
            let lb_id = *lb_id;
            Operation::on_lb("list ciphers", lb_id).report(out, || {
                let client = connect.lb_client()?;
                let names = rackcloud_lb::ssl::ciphers(&client, lb_id).extract()?;
                Ok(Ciphers { lb_id, names })
            })
        }
        SslCommand::Rotate { lb_id, bundle } => {
            let lb_id = *lb_id;
            Operation::on_lb("rotate the certificate", lb_id).report(out, || {
                let bundle = required_bundle(bundle)?;
                let client = connect.lb_client()?;
                let args = WaitArgs {
                    wait: true,
                    wait_interval: None,
                };
                let waiting = Waiting::begin(&connect, &args, lb_id, &Status::Active);
                let rotation = rackcloud_lb::ssl::workflows::rotate_certificate(
                    &client,
                    lb_id,
                    &bundle,
                    waiting.opts(),
                )?;
                Ok(Rotated {
                    lb_id,
                    certificate: CertFacts::of(rotation.termination().certificate()),
                    warnings: rotation.warnings().to_vec(),
                })
            })
        }
    }
}

fn set(args: &SslSetArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let lb_id = args.lb_id;
    Operation::on_lb("set SSL termination", lb_id).report(out, || {
        let bundle = optional_bundle(&args.bundle)?;
        // Checked before connecting: a refused bundle sends nothing, not even the credentials.
        let warnings = match &bundle {
            Some(bundle) => bundle.check()?,
            None => Vec::new(),
        };
        let client = connect.lb_client()?;
        let mut opts = SetOpts::new();
        let mut port = args.secure_port;
        if let Some(bundle) = bundle {
            if port.is_none() {
                let current = rackcloud_lb::ssl::get(&client, lb_id).extract()?;
                port = Some(current.and_then(|t| t.secure_port()).unwrap_or(443));
            }
            opts = opts.bundle(bundle);
        }
        if let Some(p) = port {
            opts = opts.secure_port(p);
        }
        if let Some(only) = args.secure_only {
            opts = opts.secure_traffic_only(only);
        }
        if let Some(on) = args.enabled {
            opts = opts.enabled(on);
        }
        if let Some(name) = &args.cipher_profile {
            opts = opts.cipher_profile(name.parse::<CipherProfile>()?);
        }
        warn(&warnings, out);
        rackcloud_lb::ssl::set(&client, lb_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, &args.wait, &client, lb_id)?;
        Ok(Change::update(lb_id, "SSL termination", status).with_fields(Warnings::of(&warnings)))
    })
}

/// Runs one `lb cert-mapping` command.
pub(crate) fn run_mapping(
    command: &CertMappingCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        CertMappingCommand::List { lb_id } => {
            let lb_id = *lb_id;
            Operation::on_lb("list certificate mappings", lb_id).report(out, || {
                let client = connect.lb_client()?;
                let mappings = rackcloud_lb::ssl::list_mappings(&client, lb_id).extract()?;
                Ok(Mappings { lb_id, mappings })
            })
        }
        CertMappingCommand::Add {
            lb_id,
            host,
            bundle,
            wait,
        } => add_mapping(*lb_id, host, bundle, wait, connect, out),
        CertMappingCommand::Show { lb_id, mapping_id } => {
            let (lb_id, mapping_id) = (*lb_id, *mapping_id);
            let op = Operation::on_lb(format!("show certificate mapping {mapping_id}"), lb_id);
            op.report(out, || {
                let client = connect.lb_client()?;
                let mapping =
                    rackcloud_lb::ssl::get_mapping(&client, lb_id, mapping_id).extract()?;
                Ok(MappingShown { lb_id, mapping })
            })
        }
        CertMappingCommand::Update {
            lb_id,
            mapping_id,
            host,
            bundle,
            wait,
        } => {
            let (lb_id, mapping_id) = (*lb_id, *mapping_id);
            let op = Operation::on_lb(format!("update certificate mapping {mapping_id}"), lb_id);
            op.report(out, || {
                let mut opts = UpdateMappingOpts::new();
                if let Some(host) = host {
                    opts = opts.host_name(host.clone());
                }
                match optional_bundle(bundle)? {
                    Some(b) => opts = opts.bundle(b),
                    None => {
                        if let Some(chain) = &bundle.chain {
                            opts = opts.chain(read(chain, "chain")?);
                        }
                    }
                }
                let client = connect.lb_client()?;
                rackcloud_lb::ssl::update_mapping(&client, lb_id, mapping_id, &opts)
                    .extract_err()?;
                let status = wait::until_applied(&connect, wait, &client, lb_id)?;
                let what = format!("certificate mapping {mapping_id}");
                Ok(Change::update(lb_id, what, status))
            })
        }
        CertMappingCommand::Remove {
            lb_id,
            mapping_id,
            wait,
        } => {
            let (lb_id, mapping_id) = (*lb_id, *mapping_id);
            let op = Operation::on_lb(format!("remove certificate mapping {mapping_id}"), lb_id);
            op.report(out, || {
                let client = connect.lb_client()?;
                rackcloud_lb::ssl::delete_mapping(&client, lb_id, mapping_id).extract_err()?;
                let status = wait::until_applied(&connect, wait, &client, lb_id)?;
                let what = format!("removal of certificate mapping {mapping_id}");
                Ok(Change::update(lb_id, what, status))
            })
        }
    }
}

/// `lb cert-mapping add`: the bundle checked before connecting, then the mapping created.
fn add_mapping(
    lb_id: u64,
    host: &str,
    bundle: &RequiredBundleArgs,
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let op = Operation::on_lb(format!("add a certificate mapping for {host}"), lb_id);
    op.report(out, || {
        let bundle = required_bundle(bundle)?;
        let warnings = bundle.check()?;
        let client = connect.lb_client()?;
        warn(&warnings, out);
        let opts = CreateMappingOpts::new(host.to_owned(), bundle);
        let mapping = rackcloud_lb::ssl::create_mapping(&client, lb_id, &opts).extract()?;
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
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
        Ok(Change::update(lb_id, what, status).with_fields(fields))
    })
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

/// A file's text, at most [`Cap::CERTIFICATE`]; the message names the file, never its content.
fn read(path: &Path, what: &str) -> Result<String, Error> {
    read_text(path, Cap::CERTIFICATE).map_err(|e| {
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
