//! The README's example, run against an in-process emulator so it needs no account.
//!
//! `cargo run -p lb-sessions --example readme`

use lb_sessions::{CreateOpts, Type};
use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};

fn main() -> anyhow::Result<()> {
    let emulator = rackcloud_emulator::Emulator::start()?;
    let opts =
        AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url());

    let provider = authenticated_client(opts)?;
    let lb = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;

    lb_sessions::enable(&lb, 1, &CreateOpts::new(Type::HttpCookie)).extract_err()?;
    match lb_sessions::get(&lb, 1).extract()? {
        Some(p) => println!(
            "load balancer 1 persists sessions by {}",
            p.persistence_type()
        ),
        None => println!("load balancer 1 has no session persistence"),
    }
    lb_sessions::disable_if_enabled(&lb, 1)?;
    println!("disabled again");
    Ok(())
}
