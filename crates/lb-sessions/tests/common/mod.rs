//! Shared set-up: an emulator and the demo user's DFW load balancer client.

#![allow(dead_code)]

use rackcloud_core::{
    AuthOptions, EndpointOpts, ProviderClient, RetryPolicy, ServiceClient, authenticated_client,
    new_lb_v1,
};
use rackcloud_emulator::Emulator;

/// The DFW load balancer client of the emulator's demo user.
pub fn dfw(emulator: &Emulator) -> ServiceClient {
    let opts =
        AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url());
    let provider = authenticated_client(opts).expect("authenticate");
    new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint")
}

/// The DFW client of the demo user with retries off, to see the server's answers as they are.
pub fn dfw_no_retry(emulator: &Emulator) -> ServiceClient {
    let opts =
        AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url());
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .authenticate(opts)
        .expect("authenticate");
    new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint")
}

/// The path of the session persistence resource of `id` in DFW for tenant 123456.
pub fn path(id: u64) -> String {
    format!("/dfw/v1.0/123456/loadbalancers/{id}/sessionpersistence")
}

/// The fixture file's JSON, whitespace removed.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let value: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    value.to_string()
}
