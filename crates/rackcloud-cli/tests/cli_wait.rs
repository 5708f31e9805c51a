//! `--wait` on `lb create`, `lb delete` and `lb session-persistence enable|disable`: the final
//! state on stdout, the plain progress lines on stderr (the tests run without a terminal), a
//! quiet stderr in JSON mode, and the failures: a load balancer that ends in ERROR, a deadline.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::{Run, as_demo, ok};
use rackcloud_emulator::{DEMO_TENANT, Emulator, RecordedRequest};
use serde_json::Value;

/// Polls every 50 ms.
const FAST: [&str; 2] = ["--wait-interval", "0.05"];

/// The default seed; a create stays BUILD and a change PENDING for 300 ms.
fn emulator() -> Emulator {
    Emulator::builder()
        .default_seed()
        .build_time(Duration::from_millis(300))
        .pending_time(Duration::from_millis(300))
        .start()
        .expect("emulator")
}

/// `args`, then `--wait --wait-interval 0.05`.
fn waiting(args: &[&'static str]) -> Vec<&'static str> {
    let mut all = args.to_vec();
    all.push("--wait");
    all.extend(FAST);
    all
}

/// The recorded requests as `METHOD path` under the DFW endpoint, token requests left out.
fn calls(emulator: &Emulator) -> Vec<String> {
    let prefix = format!("/dfw/v1.0/{DEMO_TENANT}");
    emulator
        .requests()
        .iter()
        .filter_map(|r: &RecordedRequest| {
            let path = r.path.strip_prefix(&prefix)?;
            Some(format!("{} {path}", r.method))
        })
        .collect()
}

/// Asserts that stderr is the progress of a wait for load balancer `id`: one line per status,
/// in this order, each with the time waited.
#[track_caller]
fn progress(run: &Run, id: u64, statuses: &[&str]) {
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), statuses.len(), "{run:?}");
    for (line, status) in lines.iter().zip(statuses) {
        let prefix = format!("rackcloud: load balancer {id} is {status} (");
        let time = line
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(" s)"))
            .unwrap_or_else(|| panic!("{line:?} is not {prefix}… s)"));
        assert!(time.parse::<f64>().is_ok(), "{line:?}");
    }
}

/// Sets load balancer `id` to ERROR as soon as it is `PENDING_UPDATE` (the change was accepted).
fn break_when_pending(emulator: &Emulator, id: u64) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        let status = emulator.load_balancer_status("DFW", DEMO_TENANT, id);
        if status.as_deref() == Some("PENDING_UPDATE") {
            emulator.set_load_balancer_status("DFW", DEMO_TENANT, id, "ERROR");
            return;
        }
        thread::sleep(Duration::from_millis(5));
    }
    panic!("load balancer {id} was not PENDING_UPDATE within 10 s");
}

#[test]
fn create_wait_prints_the_active_load_balancer() {
    let emulator = emulator();
    let run = ok(as_demo(
        &emulator,
        &waiting(&[
            "--output",
            "json",
            "lb",
            "create",
            "--name",
            "blog",
            "--protocol",
            "HTTP",
            "--port",
            "80",
        ]),
    ));
    let lb = run.json();
    let id = lb["id"].as_u64().expect("an id");
    assert_eq!(lb["status"], "ACTIVE");
    assert_eq!(lb["name"], "blog");
    let calls = calls(&emulator);
    assert_eq!(calls[0], "POST /loadbalancers");
    assert!(calls.len() >= 3, "polled until ACTIVE: {calls:?}");
    for call in &calls[1..] {
        assert_eq!(call, &format!("GET /loadbalancers/{id}"));
    }

    let run = as_demo(
        &emulator,
        &waiting(&[
            "lb",
            "create",
            "--name",
            "mail",
            "--protocol",
            "smtp",
            "--port",
            "25",
        ]),
    );
    assert_eq!(run.status, 0, "{run:?}");
    let lines = run.lines();
    let id: u64 = lines[0]
        .strip_prefix("id: ")
        .and_then(|id| id.parse().ok())
        .expect("the id first");
    assert!(lines.contains(&"status: ACTIVE"), "{}", run.stdout);
    progress(&run, id, &["BUILD", "ACTIVE"]);
}

#[test]
fn delete_wait_waits_until_deleted() {
    let emulator = emulator();
    let run = as_demo(&emulator, &waiting(&["lb", "delete", "2"]));
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(run.stdout, "load balancer 2: deletion applied; DELETED\n");
    progress(&run, 2, &["PENDING_DELETE", "DELETED"]);
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 2)
            .as_deref(),
        Some("DELETED")
    );

    let run = ok(as_demo(
        &emulator,
        &waiting(&["--output", "json", "lb", "delete", "3"]),
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":3,\"accepted\":true,\"status\":\"DELETED\"}\n"
    );
    let calls = calls(&emulator);
    let last = calls
        .iter()
        .rposition(|c| c == "DELETE /loadbalancers/3")
        .expect("the DELETE");
    assert!(calls.len() - last >= 2, "{calls:?}");
    assert!(
        calls[last + 1..]
            .iter()
            .all(|c| c == "GET /loadbalancers/3")
    );
}

#[test]
fn enable_wait_returns_once_the_change_is_applied() {
    let emulator = emulator();
    let run = ok(as_demo(
        &emulator,
        &waiting(&[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "HTTP_COOKIE",
        ]),
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"persistenceType\":\"HTTP_COOKIE\",\"accepted\":true,\"status\":\"ACTIVE\"}\n"
    );
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("ACTIVE")
    );
    let calls = calls(&emulator);
    assert_eq!(calls[0], "PUT /loadbalancers/1/sessionpersistence");
    assert!(calls.len() >= 3, "polled while PENDING_UPDATE: {calls:?}");
    assert!(
        calls[1..].iter().all(|c| c == "GET /loadbalancers/1"),
        "{calls:?}"
    );

    // Text: the applied change on stdout, its progress on stderr.
    let run = as_demo(
        &emulator,
        &waiting(&[
            "lb",
            "session-persistence",
            "enable",
            "2",
            "--type",
            "source_ip",
        ]),
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "load balancer 2: SOURCE_IP session persistence applied; ACTIVE\n"
    );
    progress(&run, 2, &["PENDING_UPDATE", "ACTIVE"]);
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 2),
        Some(Some("SOURCE_IP".to_owned()))
    );
}

#[test]
fn disable_wait_and_nothing_to_wait_for_when_already_disabled() {
    let emulator = emulator();
    ok(as_demo(
        &emulator,
        &waiting(&[
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "HTTP_COOKIE",
            "--output",
            "json",
        ]),
    ));
    let run = as_demo(
        &emulator,
        &waiting(&["lb", "session-persistence", "disable", "1"]),
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "load balancer 1: session persistence disable applied; ACTIVE\n"
    );
    progress(&run, 1, &["PENDING_UPDATE", "ACTIVE"]);

    emulator.clear_requests();
    let run = ok(as_demo(
        &emulator,
        &waiting(&[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "disable",
            "1",
            "--if-enabled",
        ]),
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"outcome\":\"already_disabled\"}\n"
    );
    assert_eq!(
        calls(&emulator),
        ["DELETE /loadbalancers/1/sessionpersistence"]
    );
}

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
fn a_wait_past_its_deadline_fails() {
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
    assert_eq!(run.status, 1, "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.first().and_then(|l| l.split(" (").next()),
        Some("rackcloud: load balancer 1 is PENDING_UPDATE"),
        "{run:?}"
    );
    let last = lines.last().expect("an error line");
    assert!(
        last.starts_with(
            "rackcloud: enable SOURCE_IP session persistence on load balancer 1 failed: \
             timed out: load balancer 1 did not become ACTIVE within the 0.5s deadline (last status seen PENDING_UPDATE, "
        ),
        "{run:?}"
    );
    let run = as_demo(
        &emulator,
        &waiting(&["--output", "json", "--timeout", "0.3", "lb", "delete", "2"]),
    );
    assert_eq!(run.status, 1, "{run:?}");
    // A deletion is accepted but stays PENDING_DELETE for 30 s.
    let error = &run.json()["error"];
    assert_eq!(error["kind"], "timeout");
    assert_eq!(error["lbStatus"], "PENDING_DELETE");
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
