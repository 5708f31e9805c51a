//! Waiting for a status: success through BUILD and PENDING_UPDATE, into a final status, past the
//! deadline, through transient failures, and the one-call change-and-wait.

use rackcloud_emulator::DEMO_TENANT;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use lb_lbs::{CreateOpts, Protocol, Status, UpdateOpts, VipOpts};
use rackcloud_core::ErrorKind;
use rackcloud_core::{Progress, WaitOpts};
use rackcloud_emulator::{Emulator, InjectedBody, InjectedFault};

/// What the progress callback saw: (poll, elapsed, status, error kind).
type Seen = Arc<Mutex<Vec<(u32, Duration, Option<Status>, Option<ErrorKind>)>>>;

/// `opts` with a callback recording every poll.
pub(crate) fn recording(opts: WaitOpts) -> (WaitOpts, Seen) {
    let seen: Seen = Arc::default();
    let log = Arc::clone(&seen);
    let opts = opts.on_progress(move |p: &Progress<'_>| {
        assert_eq!((p.id, p.target), (1, &Status::Active));
        log.lock().expect("lock").push((
            p.poll,
            p.elapsed,
            p.status.cloned(),
            p.error.map(|e| e.kind()),
        ));
    });
    (opts, seen)
}

pub(crate) fn statuses(seen: &Seen) -> Vec<Option<Status>> {
    seen.lock()
        .expect("lock")
        .iter()
        .map(|(_, _, s, _)| s.clone())
        .collect()
}

/// Every request since the last clear was `GET /loadbalancers/{id}`.
pub(crate) fn assert_only_polls(emulator: &Emulator, id: u64) -> usize {
    let requests = emulator.requests();
    for r in &requests {
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("GET", crate::common::path(&format!("/{id}")).as_str())
        );
    }
    requests.len()
}

#[test]
pub(crate) fn waiting_through_pending_update_returns_the_changed_load_balancer() {
    let emulator = crate::common::slow(Duration::from_millis(300), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_lbs::update(&client, 1, &UpdateOpts::new().name("renamed"))
        .extract_err()
        .expect("update");
    emulator.clear_requests();
    let (opts, seen) = recording(crate::common::quick());
    let started = Instant::now();
    let lb = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &opts).expect("active");
    let took = started.elapsed();

    assert_eq!(lb.status(), &Status::Active);
    assert_eq!(lb.name(), "renamed");
    assert!(took >= Duration::from_millis(250), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");

    let seen_statuses = statuses(&seen);
    assert_eq!(seen_statuses.first(), Some(&Some(Status::PendingUpdate)));
    assert_eq!(seen_statuses.last(), Some(&Some(Status::Active)));
    assert!(seen_statuses.len() >= 3, "{seen_statuses:?}");
    let seen = seen.lock().expect("lock");
    for (i, (poll, _, _, error)) in seen.iter().enumerate() {
        assert_eq!(*poll as usize, i + 1);
        assert_eq!(*error, None);
    }
    assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1), "elapsed grows");
    assert_eq!(assert_only_polls(&emulator, 1), seen.len());
}

#[test]
pub(crate) fn waiting_for_a_new_load_balancer_goes_through_build() {
    let emulator = crate::common::slow(Duration::ZERO, Duration::from_millis(200))
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    let created = lb_lbs::create(
        &client,
        &CreateOpts::new("new", Protocol::Http).virtual_ip(VipOpts::public()),
    )
    .extract()
    .expect("create");
    assert_eq!(created.status(), &Status::Build);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let opts = crate::common::quick()
        .on_progress(move |p| log.lock().expect("lock").extend(p.status.cloned()));
    let lb = lb_lbs::wait_for_status(&client, created.id(), lb_lbs::Status::Active, &opts)
        .expect("built");
    assert_eq!(lb.id(), created.id());
    let seen = seen.lock().expect("lock");
    assert_eq!(seen.first(), Some(&Status::Build));
    assert_eq!(seen.last(), Some(&Status::Active));
}

#[test]
pub(crate) fn an_active_load_balancer_needs_one_poll() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    // The default interval is 5 s: the test would take that long if it slept.
    let started = Instant::now();
    let lb = lb_lbs::wait_for_status(&client, 3, lb_lbs::Status::Active, &WaitOpts::new())
        .expect("active");
    assert_eq!(lb.name(), "secure");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(assert_only_polls(&emulator, 3), 1);
}

#[test]
pub(crate) fn waiting_into_error_fails_at_once_with_the_status() {
    let emulator = crate::common::slow(Duration::from_secs(60), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_lbs::update(&client, 1, &UpdateOpts::new().port(8081))
        .extract_err()
        .expect("update");
    let emulator = Arc::new(emulator);
    let forcer = {
        let emulator = Arc::clone(&emulator);
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(150));
            emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
        })
    };
    let (opts, seen) = recording(crate::common::quick().deadline(Duration::from_secs(20)));
    let started = Instant::now();
    let err = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &opts).unwrap_err();
    forcer.join().expect("forcer");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "no waiting for the deadline"
    );
    assert_eq!(err.kind(), ErrorKind::FinalState);
    assert_eq!(err.lb_status(), Some("ERROR"));
    assert_eq!(err.status(), None);
    let message = err.to_string();
    assert!(
        message.starts_with(
            "load balancer is in a state it cannot leave: load balancer 1 became ERROR while waiting for ACTIVE ("
        ),
        "{message}"
    );
    let seen = statuses(&seen);
    assert_eq!(seen.first(), Some(&Some(Status::PendingUpdate)));
    assert_eq!(seen.last(), Some(&Some(Status::Error)));
}

#[test]
pub(crate) fn every_status_a_load_balancer_cannot_leave_ends_the_wait() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    for status in ["ERROR", "SUSPENDED", "PENDING_DELETE", "DELETED"] {
        emulator.set_load_balancer_status("DFW", DEMO_TENANT, 2, status);
        emulator.clear_requests();
        let err =
            lb_lbs::wait_for_status(&client, 2, lb_lbs::Status::Active, &crate::common::quick())
                .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::FinalState, "{status}");
        assert_eq!(err.lb_status(), Some(status));
        assert_eq!(assert_only_polls(&emulator, 2), 1, "{status}");
    }
}

#[test]
pub(crate) fn pending_delete_is_worth_waiting_for_when_waiting_for_deleted() {
    let emulator = crate::common::slow(Duration::from_millis(200), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_lbs::delete(&client, 2).extract_err().expect("delete");
    let lb = lb_lbs::wait_for_status(&client, 2, Status::Deleted, &crate::common::quick())
        .expect("deleted");
    assert_eq!(lb.status(), &Status::Deleted);

    lb_lbs::delete(&client, 3).extract_err().expect("delete");
    lb_lbs::wait_for_deletion(&client, 3, &crate::common::quick()).expect("deleted");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 3)
            .as_deref(),
        Some("DELETED")
    );
    // A load balancer that is not there at all is deleted as far as waiting is concerned.
    lb_lbs::wait_for_deletion(&client, 999, &crate::common::quick()).expect("gone");
}

#[test]
pub(crate) fn a_vanished_load_balancer_passes_the_poll_error_through() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let err = lb_lbs::wait_for_status(
        &client,
        999,
        lb_lbs::Status::Active,
        &crate::common::quick(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));

    emulator.inject(InjectedFault::new(
        Some("GET"),
        "/dfw/v1.0/*/loadbalancers/1",
        410,
    ));
    let err = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &crate::common::quick())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Gone);
}

#[test]
pub(crate) fn the_deadline_ends_a_wait_that_never_succeeds() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    // A forced status stays until the next accepted change: PENDING_UPDATE forever.
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "PENDING_UPDATE");
    emulator.clear_requests();
    let opts = WaitOpts::new()
        .interval(Duration::from_millis(50))
        .deadline(Duration::from_millis(300));
    let (opts, seen) = recording(opts);
    let started = Instant::now();
    let err = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &opts).unwrap_err();
    let took = started.elapsed();

    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.is_timeout());
    assert_eq!(err.lb_status(), Some("PENDING_UPDATE"));
    let message = err.to_string();
    assert!(
        message.starts_with(
            "timed out: load balancer 1 did not become ACTIVE within the 0.3s deadline (last status seen PENDING_UPDATE, "
        ),
        "{message}"
    );
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(took < Duration::from_millis(2000), "{took:?}");
    // A poll at the start, then after 10, 15, 22.5 and 33.75 ms, every 50 ms, and one at the
    // deadline: at most 10.
    let polls = assert_only_polls(&emulator, 1);
    assert!((3..=10).contains(&polls), "{polls} polls");
    assert_eq!(seen.lock().expect("lock").len(), polls);
    assert!(message.contains(&format!("{polls} polls in ")), "{message}");
}

#[test]
pub(crate) fn transient_poll_failures_are_reported_and_waited_out() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.inject(InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1", 500).times(2));
    emulator.inject(
        InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1", 502)
            .body(InjectedBody::Html)
            .times(1),
    );
    let (opts, seen) = recording(crate::common::quick());
    let lb = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &opts)
        .expect("active in the end");
    assert_eq!(lb.id(), 1);
    let seen: Vec<(Option<Status>, Option<ErrorKind>)> = seen
        .lock()
        .expect("lock")
        .iter()
        .map(|(_, _, s, e)| (s.clone(), *e))
        .collect();
    assert_eq!(
        seen,
        [
            (None, Some(ErrorKind::Server)),
            (None, Some(ErrorKind::Server)),
            (None, Some(ErrorKind::Server)),
            (Some(Status::Active), None),
        ]
    );
}

#[test]
pub(crate) fn a_deadline_reached_while_failing_names_the_last_failure() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator
        .inject(InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1", 500).times(1000));
    let opts = WaitOpts::new()
        .interval(Duration::from_millis(30))
        .deadline(Duration::from_millis(150));
    let err = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &opts).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.lb_status(), None);
    let message = err.to_string();
    assert!(message.contains("(no status seen, "), "{message}");
    assert!(
        message.contains("; the last poll failed: GET http://"),
        "{message}"
    );
    assert!(
        message.ends_with("500 server error: Internal Server Error"),
        "{message}"
    );
}

#[test]
pub(crate) fn a_final_answer_while_polling_ends_the_wait() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.inject(InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1", 403).times(10));
    emulator.clear_requests();
    let err = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &crate::common::quick())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(assert_only_polls(&emulator, 1), 1);
}

#[test]
pub(crate) fn invalid_waits_send_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let mut changed = false;
    let errors = [
        lb_lbs::wait_for_status(&client, 0, lb_lbs::Status::Active, &crate::common::quick())
            .unwrap_err(),
        lb_lbs::wait_for_status(
            &client,
            1,
            Status::Other(" ".into()),
            &crate::common::quick(),
        )
        .unwrap_err(),
        lb_lbs::wait_for_deletion(&client, 0, &crate::common::quick()).unwrap_err(),
        rackcloud_core::change_and_wait(&client, 0, &crate::common::quick(), |_, _| {
            changed = true;
            Ok(())
        })
        .unwrap_err(),
    ];
    for err in &errors {
        assert!(err.is_invalid_input(), "{err}");
    }
    assert!(!changed, "the change is not made when the wait cannot be");
    assert_eq!(emulator.stats().api_requests.total(), before);
}
