//! Shared set-up: emulators, the demo user's DFW load balancer client, paths and fixtures.

#![allow(dead_code)]

use std::time::Duration;

use lb_lbs::WaitOpts;
use rackcloud_core::{
    AuthOptions, EndpointOpts, ProviderClient, RetryPolicy, ServiceClient, authenticated_client,
    new_lb_v1,
};
use rackcloud_emulator::{Emulator, EmulatorBuilder};

/// The DFW load balancer client of the emulator's demo user.
pub fn dfw(emulator: &Emulator) -> ServiceClient {
    let provider = authenticated_client(demo(emulator)).expect("authenticate");
    new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint")
}

/// The same client with retries off, to see the first answer of each request.
pub fn dfw_no_retries(emulator: &Emulator) -> ServiceClient {
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .authenticate(demo(emulator))
        .expect("authenticate");
    new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint")
}

fn demo(emulator: &Emulator) -> AuthOptions {
    AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url())
}

/// The default seed with changes pending for `pending` and builds taking `build`.
pub fn slow(pending: Duration, build: Duration) -> EmulatorBuilder {
    Emulator::builder()
        .default_seed()
        .pending_time(pending)
        .build_time(build)
}

/// Waiting as tests do: a poll every 20 ms for at most 5 s.
pub fn quick() -> WaitOpts {
    WaitOpts::new()
        .interval(Duration::from_millis(20))
        .deadline(Duration::from_secs(5))
}

/// `/dfw/v1.0/123456/loadbalancers` followed by `rest`.
pub fn path(rest: &str) -> String {
    format!("/dfw/v1.0/123456/loadbalancers{rest}")
}

/// The fixture file's JSON, whitespace removed.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let value: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    value.to_string()
}
