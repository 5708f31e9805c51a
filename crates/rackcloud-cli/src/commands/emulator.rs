//! `rackcloud emulator`: the emulator as a standalone server in the foreground.

use rackcloud_emulator::{DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME, Emulator};

use crate::cli::EmulatorArgs;
use crate::failure::{Failure, Operation};
use crate::output::{EmulatorReport, Output};

/// The regions the emulator serves load balancers in.
const REGIONS: [&str; 2] = ["DFW", "ORD"];

/// Starts the emulator with the default seed, prints how to use it, and serves until killed.
pub(crate) fn run(args: &EmulatorArgs, out: Output) -> Result<(), Failure> {
    let op = Operation::new(format!("start the emulator on {}", args.listen));
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "warning: the emulator listens on {}, beyond this machine: its control API \
             (/_emulator/) has no authentication, and anyone who can reach it can change it",
            args.listen
        );
    }
    let mut builder = Emulator::builder()
        .default_seed()
        .pending_time(args.pending_time)
        .listen(args.listen);
    if args.tls {
        builder = builder.tls();
    }
    for name in &args.allow_host {
        builder = builder.allow_host(name);
    }
    if args.data_plane {
        builder = builder.data_plane(true);
    }
    let emulator = builder.start().map_err(|e| op.failed_other(e))?;
    if let (Some(path), Some(pem)) = (&args.ca_out, emulator.ca_pem()) {
        // Replaced when it exists (each start makes a new CA), never written through a link.
        rackcloud_lb::files::write_file(path, pem.as_bytes(), true).map_err(|e| {
            Operation::new(format!("write the CA certificate to {}", path.display()))
                .failed_other(e)
        })?;
    }
    let report = EmulatorReport {
        identity_url: emulator.identity_url(),
        username: DEMO_USERNAME.to_owned(),
        api_key: DEMO_API_KEY.to_owned(),
        password: DEMO_PASSWORD.to_owned(),
        tenant_id: DEMO_TENANT.to_owned(),
        lb_endpoints: REGIONS
            .iter()
            .map(|r| ((*r).to_owned(), emulator.lb_endpoint(r, DEMO_TENANT)))
            .collect(),
        pending_seconds: args.pending_time.as_secs_f64(),
        ca_file: args.ca_out.as_ref().map(|p| p.display().to_string()),
    };
    out.report(&report).map_err(|e| op.failed_other(e))?;
    if args.data_plane {
        eprintln!(
            "data plane on: GET {}/_emulator/load-balancers/DFW/{DEMO_TENANT}/1/listener says where load balancer 1 listens; map its nodes with POST /_emulator/backends",
            emulator.identity_url().trim_end_matches("/v2.0/")
        );
    }
    emulator.wait();
    Ok(())
}
