//! The server's rules as the SDK sees them: kind and status.

use lb_ssl::{CertificateBundle, CipherProfile, SetOpts};
use rackcloud_core::ErrorKind;

use crate::common::{bundle, dfw_no_retries, emulator, install, self_signed};

fn set_err(
    client: &rackcloud_core::ServiceClient,
    id: u64,
    opts: &SetOpts,
) -> rackcloud_core::Error {
    lb_ssl::set(client, id, opts)
        .extract_err()
        .expect_err("refused")
}

#[test]
fn termination_only_on_plain_protocols_and_with_a_certificate_first() {
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let b = bundle(&self_signed("www.example.com"));
    // Load balancer 3 is HTTPS.
    let err = set_err(&client, 3, &SetOpts::new().bundle(b).secure_port(8443));
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Validation, Some(400))
    );
    // Nothing installed yet: attributes alone are refused.
    let err = set_err(&client, 1, &SetOpts::new().enabled(true));
    assert_eq!(err.status(), Some(400));
    let err = set_err(&client, 999, &SetOpts::new().enabled(true));
    assert_eq!((err.kind(), err.status()), (ErrorKind::NotFound, Some(404)));
}

#[test]
fn secure_port_unique_cipher_profile_known_and_busy_is_immutable() {
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let b = bundle(&self_signed("www.example.com"));
    // Load balancer 1 listens on 80.
    let err = set_err(
        &client,
        1,
        &SetOpts::new().bundle(b.clone()).secure_port(80),
    );
    assert_eq!(err.status(), Some(400));
    let unknown = SetOpts::new()
        .bundle(b.clone())
        .secure_port(443)
        .cipher_profile(CipherProfile::from("NOPE"));
    assert_eq!(set_err(&client, 1, &unknown).status(), Some(400));
    lb_ssl::set(&client, 1, &SetOpts::new().bundle(b).secure_port(443))
        .extract_err()
        .expect("set");
    let err = set_err(&client, 1, &SetOpts::new().enabled(false));
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Immutable, Some(422))
    );
}

#[test]
fn deleting_none_and_deleting_under_redirect_are_400() {
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let err = lb_ssl::delete(&client, 1).extract_err().expect_err("none");
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Validation, Some(400))
    );
    lb_ssl::workflows::enable_https_redirect(
        &client,
        1,
        Some(&bundle(&self_signed("www.example.com"))),
        &crate::common::quick(),
    )
    .expect("redirect on");
    let err = lb_ssl::delete(&client, 1)
        .extract_err()
        .expect_err("redirect on");
    assert_eq!(err.status(), Some(400));
    // With redirect on, the termination must keep port 443 and secure traffic only.
    let err = set_err(&client, 1, &SetOpts::new().secure_traffic_only(false));
    assert_eq!(err.status(), Some(400));
}

#[test]
fn the_protocol_cannot_change_while_termination_exists() {
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    install(&client, 1, &self_signed("www.example.com"));
    let url = client.lb_url(1, &[]);
    let err = client
        .put(
            &url,
            &serde_json::json!({"loadBalancer": {"protocol": "TCP"}}),
        )
        .extract_err()
        .expect_err("refused");
    assert_eq!(err.status(), Some(400));
}

#[test]
fn a_key_that_the_server_cannot_match_is_refused_there_too() {
    // Sent with a builder of our own, past the SDK's checks.
    struct Raw(String, String);
    impl lb_ssl::SetOptsBuilder for Raw {
        fn to_ssl_set_map(
            &self,
        ) -> Result<serde_json::Map<String, serde_json::Value>, rackcloud_core::Error> {
            let v = serde_json::json!({"sslTermination": {"certificate": self.0, "privatekey": self.1, "securePort": 443}});
            Ok(v.as_object().cloned().unwrap_or_default())
        }
    }
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let (a, b) = (self_signed("a.example.com"), self_signed("b.example.com"));
    let err = lb_ssl::set(&client, 1, &Raw(a.cert, b.key))
        .extract_err()
        .expect_err("mismatch");
    assert_eq!(err.status(), Some(400));
    let _ = CertificateBundle::new("", "");
}
