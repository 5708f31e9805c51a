//! `rackcloud lb update LB_ID [--name …] [--protocol …] [--port …] [--algorithm …]
//! [--idle-timeout …] [--half-closed …] [--https-redirect …] [--wait]`.

use rackcloud_lb::lbs::{UpdateOpts, UpdateOptsBuilder};

use crate::auth::Connect;
use crate::cli::LbUpdateArgs;
use crate::failure::{Failure, Operation};
use crate::output::{Change, Output};
use crate::wait;

/// Changes the attributes given (checked before anything is sent) and prints the change.
pub(crate) fn run(args: &LbUpdateArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let lb_id = args.lb_id;
    Operation::of_lb("update", lb_id).report(out, || {
        let (opts, what) = options(args);
        // Checked before connecting: invalid options send nothing, not even a token request.
        opts.to_lb_update_map()?;
        let client = connect.lb_client()?;
        rackcloud_lb::lbs::update(&client, lb_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, &args.wait, &client, lb_id)?;
        Ok(Change::update(lb_id, what.join(", "), status))
    })
}

/// The SDK's options from the flags, and what each changes in words (`port 8080`).
fn options(args: &LbUpdateArgs) -> (UpdateOpts, Vec<String>) {
    let on_off = |on: bool| if on { "on" } else { "off" };
    let mut opts = UpdateOpts::new();
    let mut what = Vec::new();
    if let Some(name) = &args.name {
        opts = opts.name(name.as_str());
        what.push(format!("name {}", crate::sanitize::line(name)));
    }
    if let Some(protocol) = &args.protocol {
        opts = opts.protocol(protocol.clone());
        what.push(format!("protocol {protocol}"));
    }
    if let Some(port) = args.port {
        opts = opts.port(port);
        what.push(format!("port {port}"));
    }
    if let Some(algorithm) = &args.algorithm {
        opts = opts.algorithm(algorithm.clone());
        what.push(format!("algorithm {algorithm}"));
    }
    if let Some(seconds) = args.idle_timeout {
        opts = opts.timeout(seconds);
        what.push(format!("idle timeout {seconds} s"));
    }
    if let Some(on) = args.half_closed {
        opts = opts.half_closed(on);
        what.push(format!("half-closed connections {}", on_off(on)));
    }
    if let Some(on) = args.https_redirect {
        opts = opts.https_redirect(on);
        what.push(format!("HTTPS redirect {}", on_off(on)));
    }
    (opts, what)
}
