//! Enable session persistence on a load balancer and wait until it is applied, against an
//! in-process emulator so it needs no account.
//!
//! `cargo run -p lb-lbs --example enable_and_wait`

use std::time::Duration;

use lb_sessions::{CreateOpts, Type};
use rackcloud_core::WaitOpts;
use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};

fn main() -> anyhow::Result<()> {
    // Changes take two seconds to apply here, as they take a while on the real service.
    let emulator = rackcloud_emulator::Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(2))
        .start()?;
    let opts =
        AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url());
    let provider = authenticated_client(opts)?;
    let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;

    // Poll every 500 ms here; keep the default (5 s) against the real API.
    let wait = WaitOpts::new()
        .interval(Duration::from_millis(500))
        .on_progress(|p| {
            if let Some(status) = p.status {
                println!(
                    "{:>5.1}s  load balancer {} is {status}",
                    p.elapsed.as_secs_f64(),
                    p.id
                );
            }
        });
    lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie)).and_wait(&wait)?;
    let lb = lb_lbs::get(&client, 1).extract()?;
    println!(
        "load balancer {} ({}) is {} with session persistence {}",
        lb.id(),
        lb.name(),
        lb.status(),
        lb.session_persistence().map_or("off", |t| t.as_str())
    );
    Ok(())
}
