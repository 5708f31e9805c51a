//! What the tests of every rackcloud crate share, so that a new service crate's tests start
//! from one line: clients of the emulator's demo account, a quick [`WaitOpts`], the paths the
//! emulator records, JSON fixtures, and traffic through its data plane ([`traffic`]).
//!
//! It is a dev-dependency only (`publish = false`): service crates never depend on it.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use rackcloud_emulator::Emulator;
//!
//! let emulator = Emulator::start()?;
//! let client = rackcloud_testing::dfw(&emulator);
//! emulator.clear_requests();
//! client.get(&client.lb_url(1, &[])).extract_err()?;
//! assert_eq!(emulator.requests()[0].path, rackcloud_testing::lb_path("/1"));
//! # Ok(())
//! # }
//! ```

pub mod tls;
pub mod traffic;

use std::path::Path;
use std::time::Duration;

use rackcloud_core::{
    AuthOptions, EndpointOpts, Pacing, ProviderClient, RetryPolicy, ServiceClient, WaitOpts,
    new_lb_v1,
};
pub use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME};
use rackcloud_emulator::{Emulator, EmulatorBuilder};

/// The demo user's credentials against `emulator`.
pub fn demo_auth(emulator: &Emulator) -> AuthOptions {
    AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY).identity_endpoint(emulator.identity_url())
}

/// The DFW load balancer client of the emulator's demo user, with the default retry policy and
/// pacing off (the tests of pacing turn it on themselves).
///
/// # Panics
///
/// When the emulator refuses the demo user (a broken test set-up).
pub fn dfw(emulator: &Emulator) -> ServiceClient {
    let provider = ProviderClient::builder()
        .pacing(Pacing::off())
        .authenticate(demo_auth(emulator))
        .expect("authenticate");
    new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint")
}

/// The same client with retries (and pacing) off, to see the first answer of each request.
///
/// # Panics
///
/// When the emulator refuses the demo user (a broken test set-up).
pub fn dfw_no_retries(emulator: &Emulator) -> ServiceClient {
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .pacing(Pacing::off())
        .authenticate(demo_auth(emulator))
        .expect("authenticate");
    new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint")
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

/// The path the emulator records for the demo tenant's DFW load balancers, followed by `rest`:
/// `/dfw/v1.0/123456/loadbalancers{rest}`.
pub fn lb_path(rest: &str) -> String {
    format!("/dfw/v1.0/{DEMO_TENANT}/loadbalancers{rest}")
}

/// The JSON of `{crate_dir}/tests/fixtures/{name}`, whitespace removed; call it with
/// `env!("CARGO_MANIFEST_DIR")`.
///
/// # Panics
///
/// When the fixture is missing or not JSON (a broken test set-up).
pub fn fixture(crate_dir: &str, name: &str) -> String {
    let path = Path::new(crate_dir).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let value: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    value.to_string()
}
