//! The one-call workflows: rotation, and HTTPS redirect on and off in the server's order.

use lb_ssl::workflows::AfterRedirect;
use serde_json::Value;

use crate::common::{
    bundle, dfw, emulator, fixture, install, lb_path, quick, self_signed, with_chain,
};

#[test]
fn rotation_installs_waits_and_confirms_the_new_certificate() {
    let emulator = emulator();
    let client = dfw(&emulator);
    let old = self_signed("www.example.com");
    install(&client, 1, &old);
    let new = with_chain("www.example.com");
    let rotation =
        lb_ssl::workflows::rotate_certificate(&client, 1, &bundle(&new), &quick()).expect("rotate");
    assert_eq!(
        rotation.termination().certificate(),
        Some(new.cert.as_str())
    );
    assert_eq!(rotation.termination().secure_port(), Some(443));
    assert_eq!(rotation.warnings(), []);
    assert!(emulator.requests().iter().any(|r| r.method == "PUT"));
}

#[test]
fn rotation_without_termination_is_not_found_and_sends_no_change() {
    let emulator = emulator();
    let client = dfw(&emulator);
    let err = lb_ssl::workflows::rotate_certificate(
        &client,
        1,
        &bundle(&self_signed("a.example.com")),
        &quick(),
    )
    .expect_err("none");
    assert!(err.is_not_found());
    assert!(
        emulator
            .requests()
            .iter()
            .all(|r| r.method == "GET" || r.method == "POST")
    );
}

#[test]
fn redirect_on_sets_termination_first_then_the_attribute_and_off_reverses_it() {
    let emulator = emulator();
    let client = dfw(&emulator);
    emulator.clear_requests();
    lb_ssl::workflows::enable_https_redirect(
        &client,
        1,
        Some(&bundle(&self_signed("www.example.com"))),
        &quick(),
    )
    .expect("on");
    let puts: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert_eq!(puts.len(), 2);
    let ssl: Value = serde_json::from_slice(&puts[0].body).expect("json");
    assert_eq!(ssl["sslTermination"]["securePort"], 443);
    assert_eq!(ssl["sslTermination"]["secureTrafficOnly"], true);
    assert_eq!(puts[1].path, lb_path("/1"));
    assert_eq!(
        String::from_utf8_lossy(&puts[1].body),
        fixture("redirect_on_request.json")
    );
    let lb = client
        .get(&client.lb_url(1, &[]))
        .into_result()
        .expect("get");
    let shown: Value = lb.json().expect("json");
    assert_eq!(shown["loadBalancer"]["httpsRedirect"], true);

    lb_ssl::workflows::disable_https_redirect(
        &client,
        1,
        AfterRedirect::RemoveTermination,
        &quick(),
    )
    .expect("off");
    assert_eq!(lb_ssl::get(&client, 1).extract().expect("get"), None);
}

#[test]
fn redirect_on_keeps_an_installed_certificate() {
    let emulator = emulator();
    let client = dfw(&emulator);
    let t = self_signed("www.example.com");
    install(&client, 1, &t);
    lb_ssl::workflows::enable_https_redirect(&client, 1, None, &quick()).expect("on");
    let got = lb_ssl::get(&client, 1)
        .extract()
        .expect("get")
        .expect("some");
    assert_eq!(got.certificate(), Some(t.cert.as_str()));
    lb_ssl::workflows::disable_https_redirect(&client, 1, AfterRedirect::KeepTermination, &quick())
        .expect("off");
    assert!(lb_ssl::get(&client, 1).extract().expect("get").is_some());
}
