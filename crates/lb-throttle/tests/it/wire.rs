//! The exact requests get, set and delete send, and how their answers are read.

use lb_throttle::ThrottleOpts;
use rackcloud_core::Removal;
use rackcloud_emulator::{DEMO_TENANT, Emulator};

use crate::common::{dfw, fixture, path};

fn sent(emulator: &Emulator) -> (String, String, String) {
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.header("accept"), Some("application/json"));
    let content_type = if r.body.is_empty() {
        None
    } else {
        Some("application/json")
    };
    assert_eq!(r.header("content-type"), content_type);
    (
        r.method.clone(),
        r.path.clone(),
        String::from_utf8_lossy(&r.body).into_owned(),
    )
}

#[test]
fn set_sends_all_four_fields_with_accepted_defaults() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let result = lb_throttle::set(&client, 1, &ThrottleOpts::new(100));
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("a first creation is accepted");
    assert_eq!(
        sent(&emulator),
        ("PUT".to_owned(), path(1), fixture("set_request.json"))
    );

    emulator.clear_requests();
    let all = ThrottleOpts::new(100_000)
        .min_connections(1000)
        .max_connection_rate(100_000)
        .rate_interval(3600);
    lb_throttle::set(&client, 2, &all)
        .extract_err()
        .expect("accepted");
    assert_eq!(
        sent(&emulator),
        ("PUT".to_owned(), path(2), fixture("set_all_request.json"))
    );
}

#[test]
fn get_reads_the_throttle_or_none() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let url = client.lb_url(1, &["connectionthrottle"]);
    let raw = |c: &rackcloud_core::ServiceClient| {
        let body = c.get(&url).into_result().expect("get").body().to_vec();
        serde_json::from_slice::<serde_json::Value>(&body)
            .expect("json")
            .to_string()
    };
    assert_eq!(raw(&client), fixture("get_none_response.json"));
    emulator.clear_requests();
    assert_eq!(lb_throttle::get(&client, 1).extract().expect("get"), None);
    assert_eq!(sent(&emulator), ("GET".to_owned(), path(1), String::new()));
    lb_throttle::set(&client, 1, &ThrottleOpts::new(100))
        .extract_err()
        .expect("set");
    assert_eq!(
        raw(&client),
        fixture("set_request.json"),
        "GET shows what PUT sent"
    );
    let got = lb_throttle::get(&client, 1)
        .extract()
        .expect("get")
        .expect("set");
    assert_eq!(got.max_connections(), 100);
    assert_eq!(
        (
            got.min_connections(),
            got.max_connection_rate(),
            got.rate_interval()
        ),
        (Some(0), Some(0), Some(1))
    );
}

#[test]
fn delete_sends_a_bare_delete_and_is_idempotent_on_request() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    lb_throttle::set(&client, 2, &ThrottleOpts::new(10))
        .extract_err()
        .expect("set");
    emulator.clear_requests();
    let result = lb_throttle::delete(&client, 2);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("deleted");
    assert_eq!(
        sent(&emulator),
        ("DELETE".to_owned(), path(2), String::new())
    );
    let err = lb_throttle::delete(&client, 2).extract_err().unwrap_err();
    assert!(err.is_already_disabled(), "{err}");
    assert_eq!(
        lb_throttle::delete_if_present(&client, 2).expect("idempotent"),
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
    lb_throttle::set(&client, 2, &ThrottleOpts::new(5))
        .and_wait(&wait)
        .expect("set");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 2)
            .as_deref(),
        Some("ACTIVE")
    );
    lb_throttle::set(&client, 2, &ThrottleOpts::new(6))
        .and_wait(&wait)
        .expect("change");
    lb_throttle::delete(&client, 2)
        .and_wait(&wait)
        .expect("delete");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 2)
            .as_deref(),
        Some("ACTIVE")
    );
    // Strict, like delete: nothing to remove is an error, and nothing is awaited.
    let err = lb_throttle::delete(&client, 2).and_wait(&wait).unwrap_err();
    assert!(err.is_already_disabled(), "{err}");
}
