//! Changing and waiting in one call: the change, then polls until `ACTIVE`, through core's one
//! wait loop.

use std::time::Duration;

use lb_sessions::{CreateOpts, Type};
use rackcloud_core::{ErrorKind, Removal};
use rackcloud_emulator::DEMO_TENANT;

use crate::common::{lb_path, path};

fn methods_and_paths(emulator: &rackcloud_emulator::Emulator) -> Vec<(String, String)> {
    emulator
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect()
}

#[test]
fn and_wait_sends_the_change_then_polls_until_active() {
    let emulator = rackcloud_testing::slow(Duration::from_millis(150), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie))
        .and_wait(&rackcloud_testing::quick())
        .expect("applied");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("ACTIVE")
    );
    let requests = methods_and_paths(&emulator);
    assert_eq!(requests[0], ("PUT".to_owned(), path(1)));
    assert!(
        requests.len() >= 3,
        "a change, then at least two polls: {requests:?}"
    );
    assert!(
        requests[1..]
            .iter()
            .all(|r| *r == ("GET".to_owned(), lb_path("/1"))),
        "{requests:?}"
    );
    // Applied: the next change is accepted at once, without a retry.
    let no_retries = crate::common::dfw_no_retries(&emulator);
    lb_sessions::disable(&no_retries, 1)
        .extract_err()
        .expect("accepted at once");
}

#[test]
fn and_wait_is_strict_and_does_not_wait_when_refused() {
    let emulator = rackcloud_emulator::Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let err = lb_sessions::disable(&client, 3)
        .and_wait(&rackcloud_testing::quick())
        .unwrap_err();
    assert!(err.is_already_disabled(), "{err}");
    assert_eq!(
        methods_and_paths(&emulator),
        [("DELETE".to_owned(), path(3))]
    );
}

#[test]
fn a_wait_for_a_bad_id_sends_nothing() {
    let emulator = rackcloud_emulator::Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let e = lb_sessions::disable(&client, 0)
        .and_wait(&rackcloud_testing::quick())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert_eq!(emulator.stats().api_requests.total(), before);
}

#[test]
fn removal_and_wait_waits_only_when_something_was_removed() {
    let emulator = rackcloud_testing::slow(Duration::from_millis(150), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    let wait = rackcloud_testing::quick();
    // Persistence on load balancer 3 is off: the DELETE's 422 is "nothing to remove", no poll.
    emulator.clear_requests();
    let nothing = lb_sessions::disable(&client, 3).removal_and_wait(&wait);
    assert_eq!(nothing.expect("idempotent"), Removal::NothingToRemove);
    assert_eq!(
        methods_and_paths(&emulator),
        [("DELETE".to_owned(), path(3))]
    );
    // Load balancer 1 has it once enabled: the DELETE, then polls until ACTIVE.
    lb_sessions::enable(&client, 1, &CreateOpts::new(Type::SourceIp))
        .and_wait(&wait)
        .expect("enabled");
    emulator.clear_requests();
    let removed = lb_sessions::disable(&client, 1).removal_and_wait(&wait);
    assert_eq!(removed.expect("removed"), Removal::Removed);
    let requests = methods_and_paths(&emulator);
    assert_eq!(requests[0], ("DELETE".to_owned(), path(1)));
    assert!(requests.len() >= 2, "the removal, then polls: {requests:?}");
    assert!(
        requests[1..]
            .iter()
            .all(|r| *r == ("GET".to_owned(), lb_path("/1"))),
        "{requests:?}"
    );
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("ACTIVE")
    );
}
