//! `rackcloud lb logging|caching|error-page|stats`, `lb list` filters, `lb delete` of several
//! ids, and `rackcloud limits|protocols|algorithms`.

use crate::common::{Run, as_demo, nothing_sent, ok};
use rackcloud_emulator::Emulator;

/// Success; with `--wait` the progress lines go to stderr.
#[track_caller]
fn waited(run: Run) -> Run {
    assert_eq!(run.status, 0, "expected success: {run:?}");
    run
}

#[test]
fn logging_and_caching_show_enable_disable() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "logging", "show", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: connection logging disabled"]
    );
    let run = waited(as_demo(
        &emulator,
        &[
            "lb",
            "logging",
            "enable",
            "1",
            "--wait",
            "--wait-interval",
            "0.02",
        ],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: connection logging enabled applied; ACTIVE"]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "logging", "show", "1"],
    ));
    assert_eq!(run.stdout, "{\"enabled\":true,\"loadBalancerId\":1}\n");
    let run = waited(as_demo(
        &emulator,
        &[
            "lb",
            "caching",
            "enable",
            "1",
            "--wait",
            "--wait-interval",
            "0.02",
        ],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: content caching enabled applied; ACTIVE"]
    );
    let run = ok(as_demo(&emulator, &["lb", "caching", "disable", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: content caching disabled accepted; PENDING_UPDATE until applied"]
    );
    let refused = as_demo(&emulator, &["lb", "caching", "enable", "2"]);
    assert_eq!(refused.status, 1);
}

#[test]
fn error_page_set_show_delete() {
    let emulator = Emulator::start().expect("emulator");
    let dir = std::env::temp_dir().join(format!("rackcloud-error-page-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("page.html");
    std::fs::write(&file, "<p>Back soon.</p>\n").expect("write");
    let path = file.to_string_lossy().into_owned();
    let run = waited(as_demo(
        &emulator,
        &[
            "lb",
            "error-page",
            "set",
            "1",
            "--file",
            &path,
            "--wait",
            "--wait-interval",
            "0.02",
        ],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: custom error page applied; ACTIVE"]
    );
    let run = ok(as_demo(&emulator, &["lb", "error-page", "show", "1"]));
    assert_eq!(run.lines(), ["<p>Back soon.</p>"]);
    let run = waited(as_demo(
        &emulator,
        &[
            "lb",
            "error-page",
            "delete",
            "1",
            "--wait",
            "--wait-interval",
            "0.02",
        ],
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 1: default error page applied; ACTIVE"]
    );
    let missing = as_demo(
        &emulator,
        &[
            "lb",
            "error-page",
            "set",
            "1",
            "--file",
            "/nonexistent/page.html",
        ],
    );
    assert_eq!(missing.status, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stats_limits_protocols_algorithms() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "stats", "2"]));
    assert_eq!(run.lines()[0], "connectTimeOut: 0");
    assert_eq!(run.lines().len(), 14);
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "stats", "2"],
    ));
    assert_eq!(run.json()["maxConn"], 2); // the two stats requests
    let run = ok(as_demo(&emulator, &["limits"]));
    assert_eq!(run.lines()[0], "VERB    LIMIT  REMAINING  PER");
    assert!(
        run.lines().contains(&"NODE_LIMIT                    25"),
        "{:?}",
        run.lines()
    );
    let run = ok(as_demo(&emulator, &["--output", "json", "limits"]));
    assert_eq!(run.json()["absolute"]["BATCH_DELETE_LIMIT"], 10);
    let run = ok(as_demo(&emulator, &["protocols"]));
    assert!(
        run.lines().contains(&"TCP                  0"),
        "{:?}",
        run.lines()
    );
    let run = ok(as_demo(&emulator, &["algorithms"]));
    assert_eq!(run.lines()[1], "RANDOM");
}

#[test]
fn list_filters_and_bulk_delete() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "list", "--name", "tcp"],
    ));
    assert_eq!(run.json().as_array().map(Vec::len), Some(1));
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "list",
            "--status",
            "error",
            "--changed-since",
            "2000-01-01",
        ],
    ));
    assert_eq!(run.json().as_array().map(Vec::len), Some(0));
    let fresh = Emulator::start().expect("emulator");
    let bad = as_demo(&fresh, &["lb", "list", "--changed-since", "yesterday"]);
    assert_eq!(bad.status, 2);
    nothing_sent(&fresh);
    let run = waited(as_demo(
        &emulator,
        &[
            "lb",
            "delete",
            "2",
            "3",
            "--wait",
            "--wait-interval",
            "0.02",
        ],
    ));
    assert_eq!(
        run.lines(),
        [
            "load balancer 2: deletion applied; DELETED",
            "load balancer 3: deletion applied; DELETED"
        ]
    );
    let run = ok(as_demo(&emulator, &["lb", "delete", "1"]));
    assert_eq!(
        run.lines(),
        ["load balancer 1: deletion accepted; PENDING_DELETE until deleted"]
    );
}
