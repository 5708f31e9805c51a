//! The exact requests get, update and delete send, and how their answers are read.

use rackcloud_core::Removal;
use rackcloud_core::model::{ConnectOpts, HttpOpts, MonitorOpts, MonitorType};
use rackcloud_emulator::Emulator;

use crate::common::{dfw, fixture, path};

fn sent_body(emulator: &Emulator) -> (String, String, String) {
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.header("accept"), Some("application/json"));
    if !r.body.is_empty() {
        assert_eq!(r.header("content-type"), Some("application/json"));
    } else {
        assert_eq!(r.header("content-type"), None);
    }
    (
        r.method.clone(),
        r.path.clone(),
        String::from_utf8_lossy(&r.body).into_owned(),
    )
}

#[test]
fn update_sends_the_exact_connect_and_http_bodies() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let result = lb_monitors::update(&client, 2, &ConnectOpts::new(10, 5, 2));
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let want = (
        "PUT".to_owned(),
        path(2),
        fixture("update_connect_request.json"),
    );
    assert_eq!(sent_body(&emulator), want);

    emulator.clear_requests();
    let opts = HttpOpts::http(10, 5, 2, "/health", "^[234][0-9][0-9]$")
        .body_regex("ok")
        .host_header("www.example.com");
    lb_monitors::update(&client, 1, &MonitorOpts::from(opts))
        .extract_err()
        .expect("accepted");
    let want = (
        "PUT".to_owned(),
        path(1),
        fixture("update_http_request.json"),
    );
    assert_eq!(sent_body(&emulator), want);

    emulator.clear_requests();
    lb_monitors::update(&client, 3, &HttpOpts::https(1, 1, 1, "/", "^2"))
        .extract_err()
        .expect("accepted");
    let want = (
        "PUT".to_owned(),
        path(3),
        fixture("update_https_minimal_request.json"),
    );
    assert_eq!(sent_body(&emulator), want);
}

#[test]
fn get_reads_the_monitor_or_none() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let url = client.lb_url(1, &["healthmonitor"]);
    let raw = client.get(&url).into_result().expect("get").body().to_vec();
    let raw: serde_json::Value = serde_json::from_slice(&raw).expect("json");
    assert_eq!(raw.to_string(), fixture("get_none_response.json"));
    emulator.clear_requests();
    assert_eq!(lb_monitors::get(&client, 1).extract().expect("get"), None);
    assert_eq!(
        sent_body(&emulator),
        ("GET".to_owned(), path(1), String::new())
    );

    let opts = HttpOpts::http(10, 5, 2, "/health", "^[234][0-9][0-9]$")
        .body_regex("ok")
        .host_header("www.example.com");
    lb_monitors::update(&client, 1, &opts)
        .extract_err()
        .expect("update");
    let got = lb_monitors::get(&client, 1)
        .extract()
        .expect("get")
        .expect("configured");
    assert_eq!(got.monitor_type(), &MonitorType::Http);
    assert_eq!(
        (
            got.delay(),
            got.timeout(),
            got.attempts_before_deactivation()
        ),
        (10, 5, 2)
    );
    assert_eq!(got.path(), Some("/health"));
    assert_eq!(got.status_regex(), Some("^[234][0-9][0-9]$"));
    assert_eq!(got.body_regex(), Some("ok"));
    assert_eq!(got.host_header(), Some("www.example.com"));
    let raw = client.get(&url).into_result().expect("get").body().to_vec();
    let raw: serde_json::Value = serde_json::from_slice(&raw).expect("json");
    assert_eq!(
        raw.to_string(),
        fixture("update_http_request.json"),
        "GET shows what PUT sent"
    );
}

#[test]
fn delete_sends_a_bare_delete_and_is_idempotent_on_request() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    lb_monitors::update(&client, 2, &ConnectOpts::new(10, 5, 2))
        .extract_err()
        .expect("update");
    emulator.clear_requests();
    let result = lb_monitors::delete(&client, 2);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("deleted");
    assert_eq!(
        sent_body(&emulator),
        ("DELETE".to_owned(), path(2), String::new())
    );
    let err = lb_monitors::delete(&client, 2).extract_err().unwrap_err();
    assert!(err.is_already_disabled(), "{err}");
    assert_eq!(err.status(), Some(422));
    assert_eq!(
        lb_monitors::delete_if_present(&client, 2).expect("idempotent"),
        Removal::NothingToRemove
    );
}

#[test]
fn waiting_variants_wait_until_active() {
    let emulator = crate::common::slow(
        std::time::Duration::from_millis(150),
        std::time::Duration::ZERO,
    )
    .start()
    .expect("emulator");
    let client = dfw(&emulator);
    let wait = crate::common::quick();
    lb_monitors::update(&client, 2, &ConnectOpts::new(10, 5, 2))
        .and_wait(&wait)
        .expect("update");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, 2)
            .as_deref(),
        Some("ACTIVE")
    );
    lb_monitors::delete(&client, 2)
        .and_wait(&wait)
        .expect("delete");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, 2)
            .as_deref(),
        Some("ACTIVE")
    );
    // Strict, like delete: nothing to remove is an error.
    let err = lb_monitors::delete(&client, 2).and_wait(&wait).unwrap_err();
    assert!(err.is_already_disabled(), "{err}");
}
