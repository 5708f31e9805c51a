//! `--no-retry`, `--timeout` and the retry lines on stderr.

use std::time::{Duration, Instant};

use crate::common::{as_demo, fails_as};
use rackcloud_emulator::{DEMO_TENANT, Emulator, InjectedBody, InjectedFault};

const SP: &str = "/dfw/v1.0/*/loadbalancers/*/sessionpersistence";

#[test]
fn a_rate_limit_is_waited_out_and_told_on_stderr() {
    let emulator = Emulator::start().expect("emulator");
    emulator.inject(
        InjectedFault::new(Some("GET"), SP, 413)
            .body(InjectedBody::OverLimit)
            .retry_after("1"),
    );
    let run = as_demo(&emulator, &["lb", "session-persistence", "show", "1"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "load balancer 1: session persistence disabled\n"
    );
    let endpoint = emulator.lb_endpoint("DFW", DEMO_TENANT);
    assert_eq!(
        run.stderr,
        format!(
            "rackcloud: GET {endpoint}/loadbalancers/1/sessionpersistence: rate limited (413); retrying in 1.0 s (attempt 2 of 6)\n"
        )
    );
    assert_eq!(emulator.stats().api_requests.get, 2);
}

#[test]
fn json_mode_keeps_stderr_quiet_while_retrying() {
    let emulator = Emulator::start().expect("emulator");
    emulator.inject(InjectedFault::new(Some("GET"), SP, 503).retry_after("0"));
    let run = as_demo(
        &emulator,
        &["--output", "json", "lb", "session-persistence", "show", "1"],
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(run.json()["persistenceType"], serde_json::Value::Null);
    assert_eq!(run.stderr, "");
    assert_eq!(emulator.stats().api_requests.get, 2);
}

#[test]
fn no_retry_reports_the_first_refusal() {
    let emulator = Emulator::start().expect("emulator");
    emulator.inject(InjectedFault::new(Some("GET"), SP, 503).retry_after("1"));
    let run = as_demo(
        &emulator,
        &["--no-retry", "lb", "session-persistence", "show", "1"],
    );
    fails_as(
        run,
        "rackcloud: show session persistence on load balancer 1 failed: 503 service unavailable",
    );
    assert_eq!(emulator.stats().api_requests.get, 1);
}

#[test]
fn the_timeout_bounds_the_whole_operation_retries_included() {
    let emulator = Emulator::start().expect("emulator");
    // Load balancer 1 stays PENDING_UPDATE: every change is refused with 422.
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "PENDING_UPDATE");
    let started = Instant::now();
    let run = as_demo(
        &emulator,
        &[
            "--timeout",
            "2.5",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "source_ip",
        ],
    );
    let took = started.elapsed();
    assert_eq!(run.status, 1, "{run:?}");
    assert!(took < Duration::from_secs(6), "took {took:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines.len() >= 2, "{run:?}");
    for retry in &lines[..lines.len() - 1] {
        assert!(
            retry.contains("load balancer is PENDING_UPDATE (422); retrying in "),
            "{retry}"
        );
    }
    let last = lines[lines.len() - 1];
    assert!(
        last.starts_with("rackcloud: enable SOURCE_IP session persistence on load balancer 1 failed: 422 load balancer is immutable (PENDING_UPDATE): "),
        "{last}"
    );
    assert!(
        last.contains("would pass the deadline") || last.contains("gave up after"),
        "{last}"
    );
    assert!(emulator.stats().api_requests.put >= 2);
}

#[test]
fn a_timeout_must_be_a_positive_number() {
    let emulator = Emulator::start().expect("emulator");
    for bad in ["0", "-1", "soon", "NaN"] {
        let run = as_demo(
            &emulator,
            &["--timeout", bad, "lb", "session-persistence", "show", "1"],
        );
        assert_eq!(run.status, 2, "{bad}: {run:?}");
    }
    assert_eq!(emulator.stats().token_requests, 0);
}
