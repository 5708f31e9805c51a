//! Accepted, not confirmed (exit 3) beyond one change and one wait: `lb apply`, the node
//! workflows (`drain --remove`, `add --safe`), the waits between the requests of a removal of
//! more than ten ids, and commands over several load balancers.

use std::time::Duration;

use crate::common::{Run, as_demo, ok};
use rackcloud_emulator::Emulator;

/// Changes stay `PENDING_UPDATE` far longer than the `--timeout 1` of each command.
fn slow() -> Emulator {
    Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(60))
        .start()
        .expect("emulator")
}

/// `rackcloud --timeout 1 ARGS` as the demo user: every wait ends after a second.
fn hurried(emulator: &Emulator, args: &[&str]) -> Run {
    let mut all = vec!["--timeout", "1"];
    all.extend_from_slice(args);
    as_demo(emulator, &all)
}

fn count(emulator: &Emulator, method: &str, path: &str) -> usize {
    emulator
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path.split('?').next() == Some(path))
        .count()
}

/// Load balancer 1's document with one node more.
fn doc_adding_a_node(emulator: &Emulator, dir: &tempfile::TempDir) -> String {
    let run = ok(as_demo(emulator, &["lb", "export", "1"]));
    let mut doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let nodes = doc["load_balancers"][0]["nodes"]
        .as_array_mut()
        .expect("nodes");
    let mut node = nodes[0].clone();
    node["address"] = "10.0.0.77".into();
    nodes.push(node);
    let path = dir.path().join("doc.json");
    std::fs::write(&path, doc.to_string()).expect("write");
    path.to_str().expect("utf-8").to_owned()
}

#[test]
fn apply_whose_wait_passes_the_timeout_exits_3_naming_the_change_that_stands() {
    let emulator = slow();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = doc_adding_a_node(&emulator, &dir);
    let run = hurried(
        &emulator,
        &["lb", "apply", &path, "--yes", "--wait-interval", "0.1"],
    );
    assert_eq!(run.status, 3, "{run:?}");
    let report: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        report[0], "web (1): 1 change accepted, not confirmed",
        "{run:?}"
    );
    assert!(
        report[1].starts_with("  accepted, not confirmed: add nodes 10.0.0.77:80")
            && report[1].ends_with("it stands: do not send it again"),
        "{run:?}"
    );
    assert!(!run.stdout.contains("0 changes applied"), "{run:?}");
    assert_eq!(
        run.stderr.lines().last().expect("a line"),
        "rackcloud: apply the document: accepted, not confirmed: web (1): add nodes 10.0.0.77:80 \
         ENABLED PRIMARY: each stands and is being applied: do not send it again; plan again once \
         `rackcloud lb show` says ACTIVE",
        "{run:?}"
    );
    assert!(!run.stderr.contains("run apply again"), "{run:?}");
    assert_eq!(
        count(&emulator, "POST", "/dfw/v1.0/123456/loadbalancers/1/nodes"),
        1
    );
}

#[test]
fn apply_in_json_counts_the_unconfirmed_change() {
    let emulator = slow();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = doc_adding_a_node(&emulator, &dir);
    let args = [
        "--output",
        "json",
        "--timeout",
        "1",
        "lb",
        "apply",
        &path,
        "--yes",
        "--wait-interval",
        "0.1",
    ];
    let run = as_demo(&emulator, &args);
    assert_eq!(run.status, 3, "{run:?}");
    let doc = run.json();
    assert_eq!(
        (&doc["complete"], &doc["applied"], &doc["unconfirmed"]),
        (&false.into(), &0.into(), &1.into()),
        "{run:?}"
    );
    let lb = &doc["load_balancers"][0];
    assert_eq!(lb["failed"], serde_json::Value::Null, "{run:?}");
    assert_eq!(
        lb["unconfirmed"]["change"],
        "add nodes 10.0.0.77:80 ENABLED PRIMARY"
    );
}

#[test]
fn drain_and_remove_past_the_timeout_exits_3_and_the_node_is_draining() {
    let emulator = slow();
    let run = hurried(
        &emulator,
        &["lb", "node", "drain", "1", "2", "--remove", "--grace", "0"],
    );
    assert_eq!(run.status, 3, "{run:?}");
    assert_eq!(
        run.stderr.lines().last().expect("a line"),
        "rackcloud: drain node 2 on load balancer 1: accepted, not confirmed: load balancer 1 was \
         last seen PENDING_UPDATE when the 1.0 s wait for ACTIVE ended; drain and remove: step \
         'set draining' failed after the server accepted it (its change stands); the change \
         stands and is being applied: do not send it again; see `rackcloud lb show 1`",
        "{run:?}"
    );
    assert!(!run.stderr.contains("nothing was applied"), "{run:?}");
    let node = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "node", "show", "1", "2"],
    ));
    assert_eq!(node.json()["condition"], "DRAINING", "{node:?}");
    assert_eq!(
        count(
            &emulator,
            "DELETE",
            "/dfw/v1.0/123456/loadbalancers/1/nodes/2"
        ),
        0
    );
}

#[test]
fn a_safe_addition_past_the_timeout_exits_3_naming_the_node_added() {
    let emulator = slow();
    let run = hurried(
        &emulator,
        &["lb", "node", "add", "1", "10.0.0.9:80", "--safe"],
    );
    assert_eq!(run.status, 3, "{run:?}");
    let last = run.stderr.lines().last().expect("a line");
    assert!(
        last.starts_with(
            "rackcloud: add nodes on load balancer 1: accepted, not confirmed: load balancer 1 \
             was last seen PENDING_UPDATE when the 1.0 s wait for ACTIVE ended; add safely: step \
             'add' failed after the server accepted it (its change stands); applied: nodes added ["
        ) && last.ends_with("do not send it again; see `rackcloud lb show 1`"),
        "{run:?}"
    );
    assert_eq!(
        count(&emulator, "POST", "/dfw/v1.0/123456/loadbalancers/1/nodes"),
        1
    );
}

#[test]
fn a_removal_of_twelve_items_whose_second_request_waits_past_the_timeout_exits_3() {
    let emulator = slow();
    let addresses: Vec<String> = (1..=12).map(|i| format!("192.0.2.{i}")).collect();
    let mut args = vec!["lb", "access-list", "deny", "1"];
    args.extend(addresses.iter().map(String::as_str));
    ok(as_demo(&emulator, &args));
    emulator.set_load_balancer_status("DFW", "123456", 1, "ACTIVE");
    let ids: Vec<String> = (100_001..=100_012).map(|id: u64| id.to_string()).collect();
    let mut args = vec!["--timeout", "1", "lb", "access-list", "remove", "1"];
    args.extend(ids.iter().map(String::as_str));
    let run = as_demo(&emulator, &args);
    assert_eq!(run.status, 3, "{run:?}");
    let first: Vec<&str> = ids[..10].iter().map(String::as_str).collect();
    assert_eq!(
        run.stderr.lines().last().expect("a line"),
        format!(
            "rackcloud: remove access list items on load balancer 1: accepted, not confirmed: \
             load balancer 1 was last seen PENDING_UPDATE when the 1.0 s wait for ACTIVE ended; \
             removal of access list items accepted: {}; not sent: 100011, 100012; the change \
             stands and is being applied: do not send it again; see `rackcloud lb show 1`",
            first.join(", ")
        ),
        "{run:?}"
    );
    assert_eq!(
        count(
            &emulator,
            "DELETE",
            "/dfw/v1.0/123456/loadbalancers/1/accesslist"
        ),
        1,
        "{:?}",
        emulator.requests()
    );
}

#[test]
fn several_load_balancers_accepted_not_confirmed_are_counted_apart_and_exit_3() {
    let emulator = slow();
    let run = hurried(
        &emulator,
        &["lb", "node", "add", "1,2", "10.0.0.19:80", "--wait"],
    );
    assert_eq!(run.status, 3, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "load balancer 1: accepted, not confirmed: load balancer 1 was last seen \
             PENDING_UPDATE when the 1.0 s wait for ACTIVE ended; the change stands and is being \
             applied: do not send it again; see `rackcloud lb show 1`",
            "load balancer 2: accepted, not confirmed: load balancer 2 was last seen \
             PENDING_UPDATE when the 1.0 s wait for ACTIVE ended; the change stands and is being \
             applied: do not send it again; see `rackcloud lb show 2`",
            "add nodes: 0 done, 0 failed, 2 accepted, not confirmed, 0 not started",
        ],
        "{run:?}"
    );
    assert_eq!(
        run.stderr.lines().last().expect("a line"),
        "rackcloud: add nodes: accepted, not confirmed on 2 of 2 load balancers: their changes \
         stand and are being applied (see above): do not send them again"
    );
}

#[test]
fn an_other_failure_beside_an_unconfirmed_change_exits_1_and_json_counts_both() {
    let emulator = slow();
    let args = [
        "--output",
        "json",
        "--timeout",
        "1",
        "lb",
        "node",
        "add",
        "1,404",
        "10.0.0.19:80",
        "--wait",
    ];
    let run = as_demo(&emulator, &args);
    assert_eq!(run.status, 1, "{run:?}");
    let doc = run.json();
    assert_eq!(
        (
            &doc["done"],
            &doc["failed"],
            &doc["unconfirmed"],
            &doc["notStarted"]
        ),
        (&0.into(), &1.into(), &1.into(), &0.into()),
        "{run:?}"
    );
    assert_eq!(doc["results"][0]["outcome"], "unconfirmed");
    assert_eq!(doc["results"][1]["outcome"], "failed");
}
