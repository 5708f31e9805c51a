//! The checks made before sending: every bundle rule on both sides, nothing sent when refused.

use jiff::{SignedDuration, Timestamp};
use lb_ssl::{CertificateBundle, CertificateWarning, SecurityProtocol, SetOpts};
use lb_ssl::{SecurityProtocolName as N, SecurityProtocolStatus as S};

use crate::common::{bundle, dfw, self_signed, valid_for, with_chain};

#[test]
fn a_good_bundle_passes_with_or_without_a_chain() {
    assert_eq!(
        bundle(&self_signed("a.example.com")).check().expect("ok"),
        []
    );
    assert_eq!(
        bundle(&with_chain("a.example.com")).check().expect("ok"),
        []
    );
    let t = with_chain("a.example.com");
    let only_mid = CertificateBundle::new(t.cert, t.key).chain(t.intermediate);
    assert_eq!(only_mid.check().expect("ok"), []);
}

#[test]
fn a_chain_out_of_order_or_not_the_issuer_is_refused() {
    let t = with_chain("a.example.com");
    let reversed = CertificateBundle::new(t.cert.clone(), t.key.clone())
        .chain(format!("{}{}", t.root, t.intermediate));
    let err = reversed.check().expect_err("out of order");
    assert!(err.is_invalid_input());
    assert!(err.to_string().contains("not in order"), "{err}");
    let stranger = with_chain("b.example.com");
    let wrong = CertificateBundle::new(t.cert, t.key).chain(stranger.chain);
    assert!(wrong.check().expect_err("other issuer").is_invalid_input());
}

#[test]
fn the_key_must_belong_to_the_certificate() {
    let (a, b) = (self_signed("a.example.com"), self_signed("b.example.com"));
    let err = CertificateBundle::new(a.cert.clone(), b.key)
        .check()
        .expect_err("mismatch");
    assert!(err.to_string().contains("does not belong"), "{err}");
    let err = CertificateBundle::new(a.cert.clone(), "garbage")
        .check()
        .expect_err("not a key");
    assert!(err.is_invalid_input());
    let err = CertificateBundle::new("garbage", a.key)
        .check()
        .expect_err("not a cert");
    assert!(err.to_string().contains("no PEM certificate"), "{err}");
}

#[test]
fn a_key_inside_the_certificate_or_the_chain_is_refused_without_quoting_it() {
    let t = with_chain("a.example.com");
    let key_body = t.key.lines().nth(1).expect("a key line").to_owned();
    let cases = [
        (
            CertificateBundle::new(format!("{}{}", t.cert, t.key), t.key.clone()),
            "the certificate holds a private key",
        ),
        (
            CertificateBundle::new(t.cert.clone(), t.key.clone())
                .chain(format!("{}{}", t.chain, t.key)),
            "the intermediate chain holds a private key",
        ),
    ];
    for (bundle, expected) in cases {
        let err = bundle.check().expect_err("refused");
        assert!(err.is_invalid_input());
        assert!(err.to_string().contains(expected), "{err}");
        assert!(!err.to_string().contains(&key_body), "{err}");
    }
}

#[test]
fn expiry_is_refused_when_past_and_reported_when_near() {
    let expired = bundle(&valid_for("a.example.com", -1));
    assert!(
        expired
            .check()
            .expect_err("expired")
            .to_string()
            .contains("expired")
    );
    let soon = bundle(&valid_for("a.example.com", 10));
    let warnings = soon.check().expect("allowed");
    assert!(matches!(
        warnings.as_slice(),
        [CertificateWarning::ExpiresSoon { .. }]
    ));
    assert!(warnings[0].to_string().contains("expires soon"));
    let later = bundle(&valid_for("a.example.com", 40));
    assert_eq!(later.check().expect("ok"), []);
    // Both sides of the warning boundary, at a fixed instant.
    let not_after = later.info().expect("info").not_after();
    let edge = not_after.checked_sub(lb_ssl::EXPIRY_WARNING).expect("edge");
    assert_eq!(later.check_at(edge).expect("at the edge").len(), 1);
    let before = edge
        .checked_sub(SignedDuration::from_secs(1))
        .expect("before");
    assert_eq!(later.check_at(before).expect("before the edge"), []);
    assert!(later.check_at(not_after).is_err());
    assert!(
        later
            .check_at(Timestamp::UNIX_EPOCH)
            .expect("early")
            .iter()
            .any(|w| matches!(w, CertificateWarning::NotYetValid { .. }))
    );
}

#[test]
fn invalid_set_options_send_nothing() {
    let emulator = rackcloud_emulator::Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let b = bundle(&self_signed("a.example.com"));
    let refused = [
        SetOpts::new(),
        SetOpts::new().bundle(b.clone()),
        SetOpts::new().secure_port(0),
        SetOpts::new()
            .bundle(bundle(&valid_for("a.example.com", -1)))
            .secure_port(443),
        SetOpts::new()
            .security_protocol(SecurityProtocol::new(N::Tls10, S::Disabled))
            .security_protocol(SecurityProtocol::new(N::Tls10, S::Enabled)),
    ];
    for opts in &refused {
        let err = lb_ssl::set(&client, 1, opts)
            .extract_err()
            .expect_err("refused");
        assert!(err.is_invalid_input(), "{err}");
    }
    assert!(
        lb_ssl::set(&client, 0, &SetOpts::new().enabled(true))
            .extract_err()
            .expect_err("id")
            .is_invalid_input()
    );
    assert!(
        lb_ssl::get(&client, 0)
            .extract()
            .expect_err("id")
            .is_invalid_input()
    );
    assert_eq!(emulator.stats().api_requests.total(), before);
    // The boundaries that pass: port 1 and 65535, one protocol each.
    let ok = SetOpts::new().secure_port(1);
    assert!(lb_ssl::SetOptsBuilder::to_ssl_set_map(&ok).is_ok());
    assert!(lb_ssl::SetOptsBuilder::to_ssl_set_map(&SetOpts::new().secure_port(65535)).is_ok());
}
