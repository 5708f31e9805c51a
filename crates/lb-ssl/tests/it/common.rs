//! Shared set-up: the helpers of every crate's tests, and this crate's paths and fixtures.

use std::time::Duration;

use lb_ssl::{CertificateBundle, SetOpts};
use rackcloud_core::ServiceClient;
pub use rackcloud_testing::tls::{TestCert, self_signed, valid_for, with_chain};
pub use rackcloud_testing::{dfw, dfw_no_retries, lb_path, quick, slow};

/// The path of the SSL termination of load balancer `id`, followed by `rest`.
pub fn path(id: u64, rest: &str) -> String {
    lb_path(&format!("/{id}/ssltermination{rest}"))
}

/// The fixture file's JSON, whitespace removed.
pub fn fixture(name: &str) -> String {
    rackcloud_testing::fixture(env!("CARGO_MANIFEST_DIR"), name)
}

/// The bundle of a test certificate (with its chain when it has one).
pub fn bundle(t: &TestCert) -> CertificateBundle {
    let b = CertificateBundle::new(t.cert.clone(), t.key.clone());
    if t.chain.is_empty() {
        b
    } else {
        b.chain(t.chain.clone())
    }
}

/// An emulator whose changes apply after 30 ms.
pub fn emulator() -> rackcloud_emulator::Emulator {
    slow(Duration::from_millis(30), Duration::from_millis(30))
        .start()
        .expect("emulator")
}

/// Installs termination of `t` on port 443 of load balancer `id` and waits.
pub fn install(client: &ServiceClient, id: u64, t: &TestCert) {
    let opts = SetOpts::new().bundle(bundle(t)).secure_port(443);
    lb_ssl::set(client, id, &opts)
        .and_wait(&quick())
        .expect("set");
}
