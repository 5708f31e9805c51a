//! The exact requests of the SSL termination operations and how their answers are read.

use lb_ssl::{
    CipherProfile, SecurityProtocol, SecurityProtocolName as N, SecurityProtocolStatus as S,
    SetOpts,
};
use serde_json::{Value, json};

use crate::common::{bundle, dfw, emulator, fixture, install, path, self_signed, with_chain};

fn body(r: &rackcloud_emulator::RecordedRequest) -> Value {
    serde_json::from_slice(&r.body).expect("json body")
}

#[test]
fn set_with_a_bundle_sends_privatekey_in_lower_case_and_reads_202_with_a_body() {
    let emulator = emulator();
    let client = dfw(&emulator);
    let t = with_chain("www.example.com");
    emulator.clear_requests();
    let result = lb_ssl::set(
        &client,
        1,
        &SetOpts::new().bundle(bundle(&t)).secure_port(443),
    );
    assert_eq!(result.status(), Some(202));
    let shown = result.extract().expect("accepted").expect("a body");
    assert_eq!(shown.secure_port(), Some(443));
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", path(1, "").as_str())
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        body(r),
        json!({"sslTermination": {"certificate": t.cert, "privatekey": t.key,
            "intermediateCertificate": t.chain, "securePort": 443}})
    );
}

#[test]
fn attribute_only_updates_send_only_the_attributes_and_keep_the_certificate() {
    let emulator = emulator();
    let client = dfw(&emulator);
    let t = self_signed("www.example.com");
    install(&client, 1, &t);
    emulator.clear_requests();
    let opts = SetOpts::new()
        .enabled(false)
        .secure_traffic_only(true)
        .secure_port(8443)
        .cipher_profile(CipherProfile::Policy2019_05)
        .security_protocol(SecurityProtocol::new(N::Tls10, S::Disabled))
        .security_protocol(SecurityProtocol::new(N::Tls11, S::Disabled));
    lb_ssl::set(&client, 1, &opts).extract_err().expect("set");
    let r = &emulator.requests()[0];
    assert_eq!(body(r).to_string(), fixture("set_attributes_request.json"));
    let got = lb_ssl::get(&client, 1)
        .extract()
        .expect("get")
        .expect("some");
    assert_eq!(got.certificate(), Some(t.cert.as_str()));
    assert!(!got.enabled());
    assert!(got.secure_traffic_only());
    assert_eq!(got.cipher_profile(), Some(&CipherProfile::Policy2019_05));
    assert_eq!(got.security_protocols().len(), 2);
}

#[test]
fn get_is_none_on_404_and_reads_the_certificate_facts() {
    let emulator = emulator();
    let client = dfw(&emulator);
    emulator.clear_requests();
    assert_eq!(lb_ssl::get(&client, 1).extract().expect("get"), None);
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", path(1, "").as_str())
    );
    assert!(r.body.is_empty());
    install(&client, 1, &self_signed("www.example.com"));
    let got = lb_ssl::get(&client, 1)
        .extract()
        .expect("get")
        .expect("some");
    let info = got.certificate_info().expect("parses");
    assert_eq!(info.names(), ["www.example.com"]);
    assert_eq!(info.subject(), "CN=www.example.com");
}

#[test]
fn delete_and_ciphers_send_the_exact_requests() {
    let emulator = emulator();
    let client = dfw(&emulator);
    install(&client, 1, &self_signed("www.example.com"));
    emulator.clear_requests();
    let names = lb_ssl::ciphers(&client, 1).extract().expect("ciphers");
    assert!(!names.is_empty());
    let result = lb_ssl::delete(&client, 1);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("deleted");
    let r = emulator.requests();
    assert_eq!(
        (r[0].method.as_str(), r[0].path.as_str()),
        ("GET", path(1, "/ciphers").as_str())
    );
    assert_eq!(
        (r[1].method.as_str(), r[1].path.as_str()),
        ("DELETE", path(1, "").as_str())
    );
    assert!(r[1].body.is_empty());
}

#[test]
fn the_cipher_profiles_are_an_open_set() {
    assert_eq!(
        CipherProfile::KNOWN_NAMES,
        [
            "default",
            "CLBCipherPolicy2017-08",
            "CLBCipherPolicy2019-05"
        ]
    );
    assert_eq!(
        CipherProfile::from("NEW"),
        CipherProfile::Other("NEW".into())
    );
}
