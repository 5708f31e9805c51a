//! Changing and waiting in one call: core's change_and_wait with a sibling crate's change,
//! and the `and_wait` of lb-lbs's own changes' results.

use crate::wait::{recording, statuses};
use lb_lbs::{Status, UpdateOpts};
use rackcloud_core::ErrorKind;
use rackcloud_core::model::PersistenceType;
use rackcloud_emulator::Emulator;
use std::time::Duration;

#[test]
fn enable_session_persistence_and_wait_for_it_in_one_call() {
    let emulator = crate::common::slow(Duration::from_millis(200), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let (opts, seen) = recording(crate::common::quick());
    rackcloud_core::change_and_wait(&client, 1, &opts, |client, id| {
        lb_sessions::enable(
            client,
            id,
            &lb_sessions::CreateOpts::new(lb_sessions::Type::HttpCookie),
        )
        .extract_err()
    })
    .expect("enabled and applied");
    let lb = lb_lbs::get(&client, 1).extract().expect("read");
    assert_eq!(lb.status(), &Status::Active);
    assert_eq!(lb.session_persistence(), Some(&PersistenceType::HttpCookie));
    let seen = statuses(&seen);
    assert_eq!(seen.first(), Some(&Some(Status::PendingUpdate)));
    let requests = emulator.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("PUT", crate::common::path("/1/sessionpersistence").as_str())
    );
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.method == "GET" && r.path == crate::common::path("/1"))
    );

    // The next change is accepted at once: the load balancer is ACTIVE.
    lb_sessions::disable(&client, 1)
        .extract_err()
        .expect("no 422 after waiting");
}

#[test]
fn a_refused_change_is_not_waited_for() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    // HTTP_COOKIE needs HTTP; load balancer 2 is TCP.
    let err = rackcloud_core::change_and_wait(&client, 2, &crate::common::quick(), |client, id| {
        lb_sessions::enable(
            client,
            id,
            &lb_sessions::CreateOpts::new(lb_sessions::Type::HttpCookie),
        )
        .extract_err()
    })
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "PUT");
}

#[test]
fn create_update_and_delete_each_wait_with_their_result() {
    let emulator = crate::common::slow(Duration::from_millis(100), Duration::from_millis(100))
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    let wait = crate::common::quick();
    let opts = lb_lbs::CreateOpts::new("twin", lb_lbs::Protocol::Http)
        .virtual_ip(lb_lbs::VipOpts::public());
    let lb = lb_lbs::create(&client, &opts)
        .and_wait(&wait)
        .expect("created");
    assert_eq!(lb.status(), &Status::Active);
    lb_lbs::update(&client, lb.id(), &UpdateOpts::new().name("twin-2"))
        .and_wait(&wait)
        .expect("updated");
    let read = lb_lbs::get(&client, lb.id()).extract().expect("read");
    assert_eq!((read.name(), read.status()), ("twin-2", &Status::Active));
    lb_lbs::delete(&client, lb.id())
        .and_wait(&wait)
        .expect("deleted");
    // Gone at once: DELETED, or no longer found (404, 410); any other answer is a failure.
    match lb_lbs::get(&client, lb.id()).extract() {
        Ok(read) => assert_eq!(read.status(), &Status::Deleted),
        Err(e) => assert!(
            e.is_not_found() || e.kind() == rackcloud_core::ErrorKind::Gone,
            "{e}"
        ),
    }
}

#[test]
fn a_change_made_while_busy_is_retried_by_the_client_then_awaited() {
    let emulator = crate::common::slow(Duration::from_millis(300), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_lbs::update(&client, 1, &UpdateOpts::new().name("first"))
        .extract_err()
        .expect("first change");
    // The second change meets PENDING_UPDATE; the client's retry policy repeats it (422 while
    // PENDING_UPDATE is worth repeating), then the wait sees it applied.
    rackcloud_core::change_and_wait(&client, 1, &crate::common::quick(), |client, id| {
        lb_lbs::update(client, id, &UpdateOpts::new().name("second")).extract_err()
    })
    .expect("second change applied");
    let lb = lb_lbs::get(&client, 1).extract().expect("read");
    assert_eq!(lb.name(), "second");
}
