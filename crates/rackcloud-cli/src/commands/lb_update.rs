//! `rackcloud lb update LB_ID --https-redirect true|false [--wait]`.

use rackcloud_lb::lbs::UpdateOpts;

use crate::auth::Connect;
use crate::cli::ssl::UpdateArgs;
use crate::failure::{Failure, Operation};
use crate::output::{Change, Output};
use crate::wait;

/// Changes the attributes given and prints the change.
pub(crate) fn run(args: &UpdateArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let lb_id = args.lb_id;
    Operation::on_lb("update the load balancer", lb_id).report(out, || {
        let mut opts = UpdateOpts::new();
        let mut what = Vec::new();
        if let Some(on) = args.https_redirect {
            opts = opts.https_redirect(on);
            what.push(format!("HTTPS redirect {}", if on { "on" } else { "off" }));
        }
        let client = connect.lb_client()?;
        rackcloud_lb::lbs::update(&client, lb_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, &args.wait, &client, lb_id)?;
        Ok(Change::update(lb_id, what.join(", "), status))
    })
}
