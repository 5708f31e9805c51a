//! A partial change of the monitor there is: the exact body, and the stored monitor merged.

use lb_monitors::UpdateOpts;
use rackcloud_core::model::{ConnectOpts, HttpOpts, MonitorType};
use rackcloud_emulator::Emulator;

use crate::common::{dfw, path, quick};

#[test]
fn a_partial_update_sends_only_its_fields_and_the_rest_is_kept() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let whole = HttpOpts::http(10, 5, 3, "/health", "^2").body_regex("ok");
    lb_monitors::update(&client, 1, &whole)
        .and_wait(&quick())
        .expect("set");
    emulator.clear_requests();
    let result = lb_monitors::update(&client, 1, &UpdateOpts::http("/ready").delay(30));
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("PUT", path(1).as_str())
    );
    assert_eq!(
        String::from_utf8_lossy(&requests[0].body),
        r#"{"healthMonitor":{"delay":30,"path":"/ready","type":"HTTP"}}"#
    );
    let got = lb_monitors::get(&client, 1)
        .extract()
        .expect("read")
        .expect("a monitor");
    assert_eq!(got.monitor_type(), &MonitorType::Http);
    assert_eq!(
        (
            got.delay(),
            got.timeout(),
            got.attempts_before_deactivation()
        ),
        (30, 5, 3)
    );
    assert_eq!(
        (got.path(), got.status_regex(), got.body_regex()),
        (Some("/ready"), Some("^2"), Some("ok"))
    );
}

#[test]
fn a_connect_change_keeps_the_timings_it_does_not_name() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    lb_monitors::update(&client, 2, &ConnectOpts::new(10, 5, 2))
        .and_wait(&quick())
        .expect("set");
    lb_monitors::update(&client, 2, &UpdateOpts::connect().attempts(7))
        .extract_err()
        .expect("accepted");
    let got = lb_monitors::get(&client, 2)
        .extract()
        .expect("read")
        .expect("a monitor");
    assert_eq!(
        (
            got.delay(),
            got.timeout(),
            got.attempts_before_deactivation()
        ),
        (10, 5, 7)
    );
}

#[test]
fn nothing_to_change_is_refused_before_sending() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let e = lb_monitors::update(&client, 2, &UpdateOpts::connect())
        .extract_err()
        .expect_err("refused");
    assert!(e.is_invalid_input(), "{e}");
    assert!(emulator.requests().is_empty());
}
