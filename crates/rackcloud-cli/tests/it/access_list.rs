//! `rackcloud lb access-list show|allow|deny|remove|clear` in text and JSON, usage errors that
//! send nothing, and the server's refusals.

use std::time::Duration;

use crate::common::{Run, as_demo, fails_as, nothing_sent, ok};

/// A change with `--wait` succeeded; its progress lines went to stderr.
fn waited(run: Run) -> Run {
    assert_eq!(run.status, 0, "{run:?}");
    run
}
use rackcloud_emulator::Emulator;

fn emulator() -> Emulator {
    Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(30))
        .start()
        .expect("emulator")
}

const WAIT: [&str; 3] = ["--wait", "--wait-interval", "0.02"];

#[test]
fn allow_deny_show_remove_clear() {
    let emulator = emulator();
    let run = ok(as_demo(&emulator, &["lb", "access-list", "show", "1"]));
    assert_eq!(run.lines(), ["load balancer 1: the access list is empty"]);
    let mut args = vec!["lb", "access-list", "deny", "1", "0.0.0.0/0", "::/0"];
    args.extend(WAIT);
    let run = waited(as_demo(&emulator, &args));
    assert_eq!(
        run.lines(),
        ["load balancer 1: DENY 0.0.0.0/0, ::/0 applied; ACTIVE"]
    );
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "access-list",
            "allow",
            "1",
            "192.0.2.0/24",
        ],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"type\":\"ALLOW\",\"addresses\":[\"192.0.2.0/24\"],\"accepted\":true}\n"
    );
    let run = ok(as_demo(&emulator, &["lb", "access-list", "show", "1"]));
    assert_eq!(
        run.lines(),
        [
            "    ID  TYPE   ADDRESS",
            "100001  DENY   0.0.0.0/0",
            "100002  DENY   ::/0",
            "100003  ALLOW  192.0.2.0/24",
        ]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "access-list", "show", "1"],
    ));
    assert_eq!(run.json()["accessList"][2]["address"], "192.0.2.0/24");
    let mut args = vec!["lb", "access-list", "remove", "1", "100001", "100003"];
    args.extend(WAIT);
    let run = waited(as_demo(&emulator, &args));
    assert_eq!(
        run.lines(),
        ["load balancer 1: removal of access list items 100001, 100003 applied; ACTIVE"]
    );
    let mut args = vec!["lb", "access-list", "clear", "1"];
    args.extend(WAIT);
    let run = waited(as_demo(&emulator, &args));
    assert_eq!(
        run.lines(),
        ["load balancer 1: removal of every access list item applied; ACTIVE"]
    );
}

#[test]
fn bad_addresses_are_usage_errors_and_send_nothing() {
    let emulator = emulator();
    for bad in ["192.0.2.0/33", "example.com", "2001:db8::/129"] {
        let run = as_demo(&emulator, &["lb", "access-list", "allow", "1", bad]);
        assert_eq!(run.status, 2, "{bad}: {run:?}");
    }
    let run = as_demo(&emulator, &["lb", "access-list", "deny", "1"]);
    assert_eq!(run.status, 2);
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "access-list",
            "deny",
            "1",
            "192.0.2.1",
            "192.0.2.1/32",
        ],
    );
    assert_eq!(run.status, 2, "{run:?}");
    let run = as_demo(&emulator, &["lb", "access-list", "remove", "1", "0"]);
    assert_eq!(run.status, 2);
    nothing_sent(&emulator);
}

#[test]
fn the_server_s_refusals_exit_1() {
    let emulator = emulator();
    let (_, words) = fails_as(
        as_demo(&emulator, &["lb", "access-list", "clear", "1"]),
        "rackcloud: clear the access list on load balancer 1 failed: 422 conflict",
    );
    assert_eq!(words, "No access list found to delete");
}
