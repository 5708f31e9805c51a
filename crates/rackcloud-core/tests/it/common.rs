//! Shared set-up for the integration tests: an emulator and clients for it.

use rackcloud_core::{AuthOptions, EndpointOpts, ProviderClient, ServiceClient, new_lb_v1};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME, Emulator};

/// API key options for the emulator's demo user.
pub fn demo_key(emulator: &Emulator) -> AuthOptions {
    AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY).identity_endpoint(emulator.identity_url())
}

/// An authenticated provider for the demo user.
pub fn provider(emulator: &Emulator) -> ProviderClient {
    rackcloud_core::authenticated_client(demo_key(emulator)).expect("authenticate")
}

/// The DFW load balancer client of the demo user.
pub fn dfw(emulator: &Emulator) -> ServiceClient {
    new_lb_v1(&provider(emulator), EndpointOpts::new().region("DFW")).expect("endpoint")
}
