//! The server's rules as the SDK reports them: the first creation, statuses, missing and deleted
//! load balancers. Retries are off, so each answer is seen as the server gave it.

use std::time::Duration;

use lb_throttle::ThrottleOpts;
use rackcloud_core::ErrorKind;
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

use crate::common::{Raw, dfw_no_retries};

#[test]
fn a_first_creation_needs_all_four_fields_and_a_change_does_not() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let partial = Raw(json!({"maxConnections": 50}));
    let err = lb_throttle::set(&client, 1, &partial)
        .extract_err()
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Validation, Some(400))
    );
    assert!(
        err.server_message()
            .is_some_and(|m| m.starts_with("Must supply all")),
        "{err}"
    );
    lb_throttle::set(&client, 1, &ThrottleOpts::new(10))
        .extract_err()
        .expect("all four");
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ACTIVE");
    lb_throttle::set(&client, 1, &partial)
        .extract_err()
        .expect("a change may give one");
    let got = lb_throttle::get(&client, 1)
        .extract()
        .expect("get")
        .expect("set");
    assert_eq!((got.max_connections(), got.rate_interval()), (50, Some(1)));
}

#[test]
fn a_change_while_pending_or_in_error_is_immutable() {
    let emulator = crate::common::slow(Duration::from_millis(400), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    lb_throttle::set(&client, 2, &ThrottleOpts::new(10))
        .extract_err()
        .expect("first");
    for err in [
        lb_throttle::set(&client, 2, &ThrottleOpts::new(11))
            .extract_err()
            .unwrap_err(),
        lb_throttle::delete(&client, 2).extract_err().unwrap_err(),
    ] {
        assert_eq!(
            (err.kind(), err.lb_status()),
            (ErrorKind::Immutable, Some("PENDING_UPDATE"))
        );
    }
    assert!(
        lb_throttle::get(&client, 2)
            .extract()
            .expect("reads work")
            .is_some()
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    let err = lb_throttle::set(&client, 1, &ThrottleOpts::new(10))
        .extract_err()
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.lb_status()),
        (ErrorKind::Immutable, Some("ERROR"))
    );
    let err = lb_throttle::delete(&client, 1).extract_err().unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::AlreadyDisabled,
        "none set is checked before the status"
    );
}

#[test]
fn missing_and_deleted_load_balancers() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    for err in [
        lb_throttle::get(&client, 999).extract().unwrap_err(),
        lb_throttle::set(&client, 999, &ThrottleOpts::new(1))
            .extract_err()
            .unwrap_err(),
        lb_throttle::delete(&client, 999).extract_err().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    }
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 2, "DELETED");
    for err in [
        lb_throttle::get(&client, 2).extract().unwrap_err(),
        lb_throttle::set(&client, 2, &ThrottleOpts::new(1))
            .extract_err()
            .unwrap_err(),
        lb_throttle::delete(&client, 2).extract_err().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Gone, "{err}");
    }
}
