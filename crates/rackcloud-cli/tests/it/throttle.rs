//! `rackcloud lb throttle show|set|delete` end to end, in text and JSON, with the exit statuses.

use crate::common::{as_demo, fails_as, nothing_sent, ok};
use crate::wait::{emulator, waiting};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

#[test]
fn set_show_and_delete_in_text_and_json() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "throttle", "show", "1"]));
    assert_eq!(run.lines(), ["load balancer 1: no connection throttle"]);
    let run = ok(as_demo(
        &emulator,
        &["lb", "throttle", "set", "1", "--max-connections", "100"],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: connection throttle of 100 accepted; PENDING_UPDATE until applied"]
    );
    let run = ok(as_demo(&emulator, &["lb", "throttle", "show", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: at most 100 connections per client address"]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "throttle", "show", "1"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"maxConnections\":100}\n"
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ACTIVE");
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "throttle",
            "set",
            "1",
            "--max-connections",
            "100000",
        ],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"maxConnections\":100000,\"accepted\":true}\n"
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ACTIVE");
    let run = ok(as_demo(&emulator, &["lb", "throttle", "delete", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: connection throttle deletion accepted; PENDING_UPDATE until applied"]
    );
    let run = ok(as_demo(&emulator, &["lb", "throttle", "delete", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: no connection throttle; nothing changed"]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "throttle", "delete", "1"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"outcome\":\"not_set\"}\n"
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "throttle", "show", "1"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"maxConnections\":null}\n"
    );
}

#[test]
fn wait_reports_the_applied_change() {
    let emulator = emulator();
    let run = as_demo(
        &emulator,
        &waiting(&["lb", "throttle", "set", "2", "--max-connections", "7"]),
    );
    assert_eq!(
        (run.status, run.lines()),
        (
            0,
            vec!["load balancer 2: connection throttle of 7 applied; ACTIVE"]
        )
    );
    let run = as_demo(&emulator, &waiting(&["lb", "throttle", "delete", "2"]));
    assert_eq!(
        (run.status, run.lines()),
        (
            0,
            vec!["load balancer 2: connection throttle deletion applied; ACTIVE"]
        )
    );
}

#[test]
fn zero_and_too_many_exit_2_and_send_nothing() {
    for (n, words) in [
        ("0", "delete the throttle"),
        (
            "100001",
            "the max connections must be 1 to 100000, not 100001",
        ),
        ("-1", "-1"),
    ] {
        let emulator = Emulator::start().expect("emulator");
        let run = as_demo(
            &emulator,
            &["lb", "throttle", "set", "1", "--max-connections", n],
        );
        assert_eq!(run.status, 2, "{n}: {run:?}");
        assert!(run.stderr.contains(words), "{n}: {run:?}");
        nothing_sent(&emulator);
    }
}

#[test]
fn the_servers_refusals_exit_1() {
    let emulator = Emulator::start().expect("emulator");
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    let run = as_demo(
        &emulator,
        &[
            "--no-retry",
            "lb",
            "throttle",
            "set",
            "1",
            "--max-connections",
            "5",
        ],
    );
    fails_as(
        run,
        "rackcloud: set the connection throttle on load balancer 1 failed: 422 load balancer is immutable (ERROR)",
    );
}
