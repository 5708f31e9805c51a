//! `rackcloud lb node …`: tables, JSON documents, the workflows, exit statuses.

use std::time::Duration;

use crate::common::{as_demo, nothing_sent, ok};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

fn emulator() -> Emulator {
    Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(30))
        .start()
        .expect("emulator")
}

#[test]
fn list_and_show_print_a_table_and_facts() {
    let emulator = emulator();
    let run = ok(as_demo(&emulator, &["lb", "node", "list", "1"]));
    assert_eq!(
        run.lines(),
        [
            "ID  ADDRESS      PORT  CONDITION  STATUS  TYPE     WEIGHT",
            " 1  10.180.0.11    80  ENABLED    ONLINE  PRIMARY       -",
            " 2  10.180.0.12    80  ENABLED    ONLINE  PRIMARY       -",
        ]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "node", "show", "1", "2"],
    ));
    assert_eq!(
        run.stdout,
        "{\"id\":2,\"address\":\"10.180.0.12\",\"port\":80,\"condition\":\"ENABLED\",\"status\":\"ONLINE\",\"type\":\"PRIMARY\",\"weight\":null}\n"
    );
    let run = ok(as_demo(&emulator, &["lb", "node", "show", "1", "2"]));
    assert_eq!(run.lines()[3], "condition: ENABLED");
}

#[test]
fn add_update_drain_and_remove() {
    let emulator = emulator();
    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "node",
            "add",
            "1",
            "10.1.0.1:80",
            "[2001:db8::5]:8080",
            "--type",
            "primary",
            "--weight",
            "3",
            "--wait",
            "--wait-interval",
            "0.02",
            "--output",
            "json",
        ],
    ));
    let doc = run.json();
    assert_eq!(doc["loadBalancerId"], 1);
    assert_eq!(doc["nodes"][1]["address"], "2001:db8::5");
    assert_eq!(doc["status"], "ACTIVE");
    let id = doc["nodes"][0]["id"].as_u64().expect("an id").to_string();

    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "node",
            "update",
            "1",
            &id,
            "--condition",
            "disabled",
            "--wait",
            "--wait-interval",
            "0.02",
            "--output",
            "json",
        ],
    ));
    assert_eq!(
        run.json()["nodeIds"][0].as_u64().map(|n| n.to_string()),
        Some(id.clone())
    );

    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "node",
            "drain",
            "1",
            "1",
            "--wait",
            "--wait-interval",
            "0.02",
            "--output",
            "json",
        ],
    ));
    assert_eq!(run.json()["status"], "ACTIVE");
    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "node",
            "drain",
            "1",
            "1",
            "--remove",
            "--grace",
            "0",
            "--wait",
            "--wait-interval",
            "0.02",
            "--output",
            "json",
        ],
    ));
    assert_eq!(run.json()["nodeIds"], serde_json::json!([1]));

    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "node",
            "remove",
            "1",
            "2",
            &id,
            "--wait",
            "--wait-interval",
            "0.02",
            "--output",
            "json",
        ],
    ));
    assert_eq!(run.json()["accepted"], true);
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "node", "list", "1"],
    ));
    assert_eq!(run.json().as_array().map(Vec::len), Some(1));
}

#[test]
fn add_safe_waits_until_online_then_enables() {
    let emulator = emulator();
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "node",
            "add",
            "1",
            "10.1.0.9:80",
            "--safe",
            "--wait",
            "--wait-interval",
            "0.02",
        ],
    ));
    let doc = run.json();
    assert_eq!(doc["nodes"][0]["condition"], "ENABLED");
    assert_eq!(doc["status"], "ACTIVE");
}

#[test]
fn accepted_changes_say_so_in_text() {
    let emulator = emulator();
    let run = ok(as_demo(
        &emulator,
        &["lb", "node", "add", "2", "10.1.0.7:8080"],
    ));
    assert_eq!(
        run.lines(),
        [
            "load balancer 2: addition of node 13 (10.1.0.7:8080) accepted; PENDING_UPDATE until applied"
        ]
    );
    assert!(emulator.set_node_status("DFW", DEMO_TENANT, 2, 13, "OFFLINE"));
    let run = ok(as_demo(&emulator, &["lb", "node", "events", "2"]));
    assert_eq!(run.lines().len(), 3, "a header and two events: {run:?}");
    assert!(run.lines()[2].ends_with("Node '13' status changed to 'OFFLINE'"));
}

#[test]
fn invalid_input_is_a_usage_error_and_sends_nothing() {
    let emulator = emulator();
    for args in [
        &["lb", "node", "add", "1", "10.1.0.1"][..],
        &["lb", "node", "add", "1", "10.1.0.1:0"],
        &["lb", "node", "add", "1", "10.1.0.1:80", "--weight", "101"],
        &[
            "lb",
            "node",
            "add",
            "1",
            "10.1.0.1:80",
            "--condition",
            "paused",
        ],
        &["lb", "node", "update", "1", "2"],
        &["lb", "node", "remove", "1"],
        &["lb", "node", "drain", "1", "2", "--grace", "5"],
        &["lb", "node", "show", "1", "0"],
    ] {
        let run = as_demo(&emulator, args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
    }
    let run = as_demo(&emulator, &["lb", "node", "add", "1", "127.0.0.1:80"]);
    assert_eq!(run.status, 2, "{run:?}");
    assert_eq!(emulator.stats().api_requests.total(), 0);
    let _ = nothing_sent;
}
