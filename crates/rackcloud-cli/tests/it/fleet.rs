//! Changes on several load balancers: the ids given (or `--all` with `--yes`), progress per load
//! balancer on stderr, a summary on stdout, exit 1 when any failed.

use crate::common::{as_demo, nothing_sent};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

fn quick_emulator() -> Emulator {
    Emulator::builder()
        .default_seed()
        .pending_time(std::time::Duration::from_millis(20))
        .start()
        .expect("emulator")
}

#[test]
fn session_persistence_on_several_load_balancers_summarises_each() {
    let emulator = quick_emulator();
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "session-persistence",
            "enable",
            "1",
            "2",
            "3",
            "--type",
            "source_ip",
            "--wait",
            "--wait-interval",
            "0.01",
            "--parallel",
            "2",
        ],
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(
        run.lines(),
        [
            "load balancer 1: done",
            "load balancer 2: done",
            "load balancer 3: done",
            "enable SOURCE_IP session persistence: 3 done, 0 failed, 0 accepted, not confirmed, 0 not started",
        ]
    );
    let progress: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(progress.len(), 3, "{run:?}");
    assert!(
        progress.iter().all(|l| l.contains(": done in ")),
        "{progress:?}"
    );
    assert!(
        progress[2].starts_with("[3/3] load balancer "),
        "{progress:?}"
    );
    for id in [1, 2, 3] {
        assert_eq!(
            emulator.session_persistence("DFW", DEMO_TENANT, id),
            Some(Some("SOURCE_IP".to_owned()))
        );
    }
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "disable",
            "1",
            "2",
        ],
    );
    assert_eq!(run.status, 0, "{run:?}");
    let doc = run.json();
    assert_eq!(doc["done"], json!(2));
    assert_eq!(doc["results"][1]["loadBalancerId"], json!(2));
    assert_eq!(doc["results"][1]["outcome"], json!("done"));
    assert_eq!(run.stderr, "", "JSON mode shows no progress lines");
}

#[test]
fn a_failure_on_one_load_balancer_is_exit_1_after_the_others() {
    let emulator = quick_emulator();
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "throttle",
            "set",
            "1",
            "9999",
            "2",
            "--max-connections",
            "50",
        ],
    );
    assert_eq!(run.status, 1, "{run:?}");
    let doc = run.json();
    assert_eq!(
        (doc["done"].clone(), doc["failed"].clone()),
        (json!(2), json!(1))
    );
    let failed = &doc["results"][1];
    assert_eq!(failed["loadBalancerId"], json!(9999));
    assert_eq!(
        (failed["outcome"].clone(), failed["step"].clone()),
        (json!("failed"), json!(1))
    );
    assert!(
        failed["error"].as_str().is_some_and(|e| e.contains("404")),
        "{failed}"
    );
    assert_eq!(
        run.error_line(),
        "rackcloud: set the connection throttle failed: 1 of 3 load balancers failed or were not started"
    );
}

#[test]
fn all_needs_yes_off_a_terminal_and_then_changes_every_load_balancer() {
    let emulator = quick_emulator();
    let args = [
        "lb",
        "health-monitor",
        "set",
        "--all",
        "--type",
        "connect",
        "--delay",
        "10",
        "--check-timeout",
        "5",
        "--attempts",
        "3",
    ];
    let run = as_demo(&emulator, &args);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.error_line().contains("--yes"), "{run:?}");
    nothing_sent(&emulator);
    let mut with_yes = args.to_vec();
    with_yes.push("--yes");
    let run = as_demo(&emulator, &with_yes);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(
        run.lines().last().copied(),
        Some("set the health monitor: 3 done, 0 failed, 0 accepted, not confirmed, 0 not started")
    );
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "throttle",
            "set",
            "1",
            "--all",
            "--yes",
            "--max-connections",
            "5",
        ],
    );
    assert_eq!(run.status, 2, "ids and --all together: {run:?}");
}

#[test]
fn node_add_takes_ids_separated_by_commas() {
    let emulator = quick_emulator();
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "node",
            "add",
            "1,2",
            "10.9.0.1:80",
            "--wait",
            "--wait-interval",
            "0.01",
        ],
    );
    assert_eq!(run.status, 0, "{run:?}");
    let doc = run.json();
    assert_eq!(doc["operation"], json!("add nodes"));
    assert_eq!(doc["done"], json!(2));
    let one = as_demo(&emulator, &["--output", "json", "lb", "node", "list", "2"]);
    assert!(one.stdout.contains("10.9.0.1"), "{one:?}");
}
