//! `rackcloud lb health-monitor show|set|delete` end to end, in text and JSON, with the exit
//! statuses: 2 and nothing sent for invalid input, 1 for the server's refusals.

use crate::common::{as_demo, fails_as, nothing_sent, ok};
use crate::wait::{emulator, waiting};
use rackcloud_emulator::Emulator;

const HTTP_SET: [&str; 15] = [
    "lb",
    "health-monitor",
    "set",
    "1",
    "--type",
    "http",
    "--delay",
    "10",
    "--check-timeout",
    "5",
    "--attempts",
    "3",
    "--path",
    "/health",
    "--status-regex",
];

fn http_set(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = HTTP_SET.to_vec();
    args.push("^[23]");
    args.extend(extra);
    args
}

#[test]
fn set_show_and_delete_in_text() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "health-monitor", "show", "1"]));
    assert_eq!(run.lines(), ["load balancer 1: no health monitor"]);
    let run = ok(as_demo(
        &emulator,
        &http_set(&["--body-regex", "ok", "--host-header", "www.example.com"]),
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: HTTP health monitor accepted; PENDING_UPDATE until applied"]
    );
    let run = ok(as_demo(&emulator, &["lb", "health-monitor", "show", "1"]));
    assert_eq!(
        run.lines(),
        [
            "load balancer 1: HTTP health monitor every 10 s, timeout 5 s, 3 attempts, path /health, status ^[23], body ok, host www.example.com"
        ]
    );
    emulator.set_load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, 1, "ACTIVE");
    let run = ok(as_demo(&emulator, &["lb", "health-monitor", "delete", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: health monitor deletion accepted; PENDING_UPDATE until applied"]
    );
    let run = ok(as_demo(&emulator, &["lb", "health-monitor", "delete", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: no health monitor; nothing changed"]
    );
}

#[test]
fn json_documents() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "health-monitor", "show", "2"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":2,\"healthMonitor\":null}\n"
    );
    let args = [
        "--output",
        "json",
        "lb",
        "health-monitor",
        "set",
        "2",
        "--type",
        "CONNECT",
        "--delay",
        "1",
        "--check-timeout",
        "300",
        "--attempts",
        "10",
    ];
    let run = ok(as_demo(&emulator, &args));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":2,\"type\":\"CONNECT\",\"accepted\":true}\n"
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "health-monitor", "show", "2"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":2,\"healthMonitor\":{\"type\":\"CONNECT\",\"delay\":1,\"timeout\":300,\"attemptsBeforeDeactivation\":10}}\n"
    );
    emulator.set_load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, 2, "ACTIVE");
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "health-monitor", "delete", "2"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":2,\"outcome\":\"deleted\"}\n"
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "health-monitor", "delete", "2"],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":2,\"outcome\":\"not_configured\"}\n"
    );
}

#[test]
fn wait_reports_the_applied_change() {
    let emulator = emulator();
    let run = ok_waiting(&emulator, &http_set(&[]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: HTTP health monitor applied; ACTIVE"]
    );
    let run = ok_waiting(&emulator, &["lb", "health-monitor", "delete", "1"]);
    assert_eq!(
        run.lines(),
        ["load balancer 1: health monitor deletion applied; ACTIVE"]
    );
}

fn ok_waiting(emulator: &Emulator, args: &[&'static str]) -> crate::common::Run {
    let run = as_demo(emulator, &waiting(args));
    assert_eq!(run.status, 0, "{run:?}");
    run
}

#[test]
fn invalid_input_exits_2_and_sends_nothing() {
    let connect_with_path = [
        "lb",
        "health-monitor",
        "set",
        "2",
        "--type",
        "CONNECT",
        "--delay",
        "1",
        "--check-timeout",
        "1",
        "--attempts",
        "1",
        "--path",
        "/",
    ];
    let http_without_status = [
        "lb",
        "health-monitor",
        "set",
        "1",
        "--type",
        "HTTP",
        "--delay",
        "1",
        "--check-timeout",
        "1",
        "--attempts",
        "1",
        "--path",
        "/",
    ];
    let cases: [(&[&str], &str); 6] = [
        (&connect_with_path, "a CONNECT monitor takes no --path"),
        (
            &http_without_status,
            "an HTTP monitor needs --path and --status-regex",
        ),
        (
            &[
                "lb",
                "health-monitor",
                "set",
                "2",
                "--type",
                "CONNECT",
                "--delay",
                "3601",
                "--check-timeout",
                "1",
                "--attempts",
                "1",
            ],
            "the delay must be 1 to 3600 seconds, not 3601",
        ),
        (
            &[
                "lb",
                "health-monitor",
                "set",
                "2",
                "--type",
                "CONNECT",
                "--delay",
                "1",
                "--check-timeout",
                "0",
                "--attempts",
                "1",
            ],
            "the timeout must be 1 to 300 seconds, not 0",
        ),
        (
            &[
                "lb",
                "health-monitor",
                "set",
                "2",
                "--type",
                "CONNECT",
                "--delay",
                "1",
                "--check-timeout",
                "1",
                "--attempts",
                "11",
            ],
            "the attempts before deactivation must be 1 to 10, not 11",
        ),
        (
            &[
                "lb",
                "health-monitor",
                "set",
                "2",
                "--type",
                "PING",
                "--delay",
                "1",
                "--check-timeout",
                "1",
                "--attempts",
                "1",
            ],
            "PING",
        ),
    ];
    for (args, words) in cases {
        let emulator = Emulator::start().expect("emulator");
        let run = as_demo(&emulator, args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
        assert!(run.stderr.contains(words), "{args:?}: {run:?}");
        nothing_sent(&emulator);
    }
}

#[test]
fn the_servers_refusals_exit_1() {
    let emulator = Emulator::start().expect("emulator");
    // Load balancer 2 is TCP: no HTTP monitor.
    let args = [
        "lb",
        "health-monitor",
        "set",
        "2",
        "--type",
        "HTTP",
        "--delay",
        "1",
        "--check-timeout",
        "1",
        "--attempts",
        "1",
        "--path",
        "/",
        "--status-regex",
        "^2",
    ];
    let (_, words) = fails_as(
        as_demo(&emulator, &args),
        "rackcloud: set the health monitor on load balancer 2 failed: 400 rejected as invalid",
    );
    assert!(words.contains("HTTP"), "{words}");
    fails_as(
        as_demo(&emulator, &["lb", "health-monitor", "show", "999"]),
        "rackcloud: show the health monitor on load balancer 999 failed: 404 not found",
    );
}
