//! `--wait` that fails: a load balancer that ends in ERROR, a deadline passed, a poll that fails
//! on the way, and JSON mode, where stderr holds only the error line.

use std::thread;
use std::time::{Duration, Instant};

use super::{break_when_pending, emulator, waiting};
use crate::common::as_demo;
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::Value;

#[test]
fn a_change_that_ends_in_error_fails_naming_the_status() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(30))
        .start()
        .expect("emulator");
    let run = thread::scope(|s| {
        s.spawn(|| break_when_pending(&emulator, 1));
        as_demo(
            &emulator,
            &waiting(&[
                "lb",
                "session-persistence",
                "enable",
                "1",
                "--type",
                "HTTP_COOKIE",
            ]),
        )
    });
    assert_eq!(run.status, 1, "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let last = lines.last().expect("an error line");
    assert!(
        last.starts_with(
            "rackcloud: enable HTTP_COOKIE session persistence on load balancer 1 failed: \
             load balancer is in a state it cannot leave: load balancer 1 became ERROR while waiting for ACTIVE ("
        ),
        "{run:?}"
    );
    // The progress before it: PENDING_UPDATE (maybe), then ERROR.
    assert_eq!(
        lines[lines.len() - 2].split(" (").next(),
        Some("rackcloud: load balancer 1 is ERROR"),
        "{run:?}"
    );
    assert!(run.stdout.is_empty(), "{run:?}");
}

#[test]
fn json_mode_keeps_stderr_to_the_error_line() {
    let emulator = Emulator::builder()
        .default_seed()
        .build_time(Duration::from_secs(30))
        .start()
        .expect("emulator");
    let run = thread::scope(|s| {
        // The first poll of the new load balancer (which saw BUILD) tells its id.
        s.spawn(|| {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(10) {
                let id = emulator
                    .requests()
                    .iter()
                    .find(|r| r.method == "GET" && r.path.contains("/loadbalancers/"))
                    .and_then(|r| r.path.rsplit('/').next()?.parse::<u64>().ok());
                if let Some(id) = id {
                    emulator.set_load_balancer_status("DFW", DEMO_TENANT, id, "ERROR");
                    return;
                }
                thread::sleep(Duration::from_millis(5));
            }
        });
        as_demo(
            &emulator,
            &waiting(&[
                "--output",
                "json",
                "lb",
                "create",
                "--name",
                "doomed",
                "--protocol",
                "TCP",
                "--port",
                "9000",
            ]),
        )
    });
    assert_eq!(run.status, 1, "{run:?}");
    let line = run.error_line();
    let error: &Value = &run.json()["error"];
    let id = error["loadBalancerId"].as_u64().expect("the new id");
    assert!(
        line.starts_with(&format!(
            "rackcloud: create load balancer {id} failed: load balancer is in a state it cannot leave: load balancer {id} became ERROR while waiting for ACTIVE ("
        )),
        "{line}"
    );
    assert_eq!(error["operation"], "create load balancer");
    assert_eq!(error["kind"], "final_state");
    assert_eq!(error["lbStatus"], "ERROR");
    assert_eq!(error["status"], Value::Null);
}

#[test]
fn a_wait_past_its_deadline_says_the_change_was_accepted_and_exits_3() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(30))
        .start()
        .expect("emulator");
    let started = Instant::now();
    let run = as_demo(
        &emulator,
        &waiting(&[
            "--timeout",
            "0.5",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "SOURCE_IP",
        ]),
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(run.status, 3, "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.first().and_then(|l| l.split(" (").next()),
        Some("rackcloud: load balancer 1 is PENDING_UPDATE"),
        "{run:?}"
    );
    assert_eq!(
        lines.last().copied(),
        Some(
            "rackcloud: enable SOURCE_IP session persistence on load balancer 1: accepted, not \
             confirmed: load balancer 1 was last seen PENDING_UPDATE when the 0.5 s wait for \
             ACTIVE ended; the change stands and is being applied: do not send it again; see \
             `rackcloud lb show 1`"
        ),
        "{run:?}"
    );
    let run = as_demo(
        &emulator,
        &waiting(&["--output", "json", "--timeout", "0.3", "lb", "delete", "2"]),
    );
    assert_eq!(run.status, 3, "{run:?}");
    // A deletion is accepted but stays PENDING_DELETE for 30 s.
    let error = &run.json()["error"];
    assert_eq!(error["kind"], "unconfirmed");
    assert_eq!(error["lbStatus"], "PENDING_DELETE");
    assert_eq!(
        error["message"],
        "accepted, not confirmed: load balancer 2 was last seen PENDING_DELETE when the 0.3 s \
         wait for DELETED ended; the deletion goes on: do not send it again; see `rackcloud lb \
         show 2`"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
}

#[test]
fn a_failed_poll_is_told_and_the_wait_goes_on() {
    let emulator = emulator();
    emulator.inject(
        rackcloud_emulator::InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1", 500)
            .times(6),
    );
    let run = as_demo(
        &emulator,
        &waiting(&[
            "--no-retry",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "SOURCE_IP",
        ]),
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stderr.lines().any(|l| l
            .starts_with("rackcloud: load balancer 1: a poll failed (500 server error: ")
            && l.contains("); still waiting (")),
        "{run:?}"
    );
    assert_eq!(
        run.stderr.lines().last().and_then(|l| l.split(" (").next()),
        Some("rackcloud: load balancer 1 is ACTIVE")
    );
}
