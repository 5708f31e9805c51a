//! The README's example, exactly: credentials from the environment.
//!
//! Against the emulator: start `cargo run -p rackcloud-cli -- emulator` in one terminal, then
//! `RS_AUTH_URL=http://127.0.0.1:8900/v2.0/ RS_USERNAME=demo RS_API_KEY=demo-api-key cargo run -p lb-sessions --example readme`.

use lb_sessions::{CreateOpts, Type};
use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};

fn main() -> Result<(), rackcloud_core::Error> {
    // RS_USERNAME, RS_API_KEY (or RS_PASSWORD) and optionally RS_AUTH_URL.
    let provider = authenticated_client(AuthOptions::from_env()?)?;
    let lb = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;

    lb_sessions::enable(&lb, 1, &CreateOpts::new(Type::HttpCookie)).extract_err()?;
    match lb_sessions::get(&lb, 1).extract()? {
        Some(p) => println!(
            "load balancer 1 persists sessions by {}",
            p.persistence_type()
        ),
        None => println!("load balancer 1 has no session persistence"),
    }
    // The load balancer is PENDING_UPDATE until the change is applied; the client's retry
    // policy waits that out, so this disable goes through.
    lb_sessions::disable_if_enabled(&lb, 1)?;
    Ok(())
}
