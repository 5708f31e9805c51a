//! `--wait` on `lb create`, `lb delete` and `lb session-persistence enable|disable`: the final
//! state on stdout, the plain progress lines on stderr (the tests run without a terminal), a
//! quiet stderr in JSON mode, and the failures: a load balancer that ends in ERROR, a deadline.

use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Run, as_demo, ok};
use rackcloud_emulator::{DEMO_TENANT, Emulator, RecordedRequest};

mod failures;

/// Polls every 50 ms.
const FAST: [&str; 2] = ["--wait-interval", "0.05"];

/// The default seed; a create stays BUILD and a change PENDING for 300 ms.
pub(super) fn emulator() -> Emulator {
    Emulator::builder()
        .default_seed()
        .build_time(Duration::from_millis(300))
        .pending_time(Duration::from_millis(300))
        .start()
        .expect("emulator")
}

/// `args`, then `--wait --wait-interval 0.05`.
pub(super) fn waiting(args: &[&'static str]) -> Vec<&'static str> {
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
pub(super) fn break_when_pending(emulator: &Emulator, id: u64) {
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
