//! Shared set-up: the helpers of every crate's tests, and this crate's paths and fixtures.

use std::time::Duration;

use rackcloud_emulator::{Emulator, EmulatorBuilder};
pub use rackcloud_testing::{dfw, dfw_no_retries, lb_path, quick, slow};

/// The path of the nodes of load balancer `id`, followed by `rest`.
pub fn nodes_path(id: u64, rest: &str) -> String {
    lb_path(&format!("/{id}/nodes{rest}"))
}

/// The fixture file's JSON, whitespace removed.
pub fn fixture(name: &str) -> String {
    rackcloud_testing::fixture(env!("CARGO_MANIFEST_DIR"), name)
}

/// The default seed with changes pending for 30 ms.
pub fn pending() -> EmulatorBuilder {
    slow(Duration::from_millis(30), Duration::from_millis(30))
}

/// An emulator with the default seed whose changes apply at once.
pub fn instant() -> Emulator {
    Emulator::builder()
        .default_seed()
        .pending_time(Duration::ZERO)
        .start()
        .expect("emulator")
}
