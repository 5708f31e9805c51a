//! `rackcloud lb usage [LB_ID] [--since] [--until] [--current] [--billable]`.

use crate::common::{as_demo, nothing_sent, ok};
use rackcloud_emulator::Emulator;

#[test]
fn usage_of_the_account_of_one_load_balancer_and_current() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "usage"]));
    let lines = run.lines();
    assert!(lines[0].starts_with("LB  START"), "{lines:?}");
    assert_eq!(lines.len(), 4, "{lines:?}");
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "usage", "2", "--current"],
    ));
    let doc = run.json();
    assert_eq!(doc["loadBalancerId"], 2);
    assert_eq!(doc["records"][0]["eventType"], "CREATE_LOADBALANCER");
    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "usage",
            "1",
            "--since",
            "2020-01-01",
            "--until",
            "2020-01-02",
        ],
    ));
    assert_eq!(run.lines(), ["no usage records in the period"]);
}

#[test]
fn billable_load_balancers() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(
        &emulator,
        &["lb", "usage", "--billable", "--until", "2099-01-01"],
    ));
    assert_eq!(run.lines()[0], "ID  NAME    PROTOCOL  PORT  STATUS");
    assert_eq!(run.lines().len(), 4);
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "usage",
            "--billable",
            "--until",
            "2099-01-01",
        ],
    ));
    assert_eq!(run.json()[0]["id"], 1);
}

#[test]
fn bad_periods_send_nothing() {
    let emulator = Emulator::start().expect("emulator");
    for args in [
        &["lb", "usage", "--since", "yesterday"][..],
        &["lb", "usage", "--current"],
        &["lb", "usage", "1", "--billable"],
        &["lb", "usage", "1", "--current", "--since", "2026-01-01"],
    ] {
        let run = as_demo(&emulator, args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
    }
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "usage",
            "--since",
            "2026-11-02",
            "--until",
            "2026-11-01",
        ],
    );
    assert_eq!(run.status, 2, "{run:?}");
    nothing_sent(&emulator);
}
