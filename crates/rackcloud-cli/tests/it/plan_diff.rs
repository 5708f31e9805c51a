//! `rackcloud lb plan` reads like a diff: `~` for a value changed in place with its old and new
//! values, `+` for an addition, `-` for a removal; in JSON each change with its resource,
//! action, before and after.

use crate::common::{as_demo, ok};
use rackcloud_emulator::Emulator;
use serde_json::{Value, json};

#[test]
fn a_plan_shows_old_and_new_values_and_marks_each_kind_of_change() {
    let emulator = Emulator::start().expect("emulator");
    let exported: Value =
        serde_json::from_str(&ok(as_demo(&emulator, &["lb", "export", "1"])).stdout)
            .expect("a document");
    let mut doc = exported.clone();
    let lb = &mut doc["load_balancers"][0];
    lb["port"] = json!(8080);
    lb["algorithm"] = json!("ROUND_ROBIN");
    lb["connection_logging"] = json!(true);
    lb["metadata"] = json!({"team": "web\u{202e}"});
    let nodes = lb["nodes"].as_array_mut().expect("nodes");
    let gone = nodes.pop().expect("a node");
    nodes.push(json!({"address": "10.9.9.9", "port": 80}));
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("lbs.json");
    std::fs::write(&file, doc.to_string()).expect("written");
    let path = file.to_str().expect("utf-8");

    let run = ok(as_demo(&emulator, &["lb", "plan", path]));
    let gone = format!(
        "{}:{}",
        gone["address"].as_str().expect("address"),
        gone["port"]
    );
    let lines = run.lines();
    for line in [
        "  ~ load balancer: port 80 → 8080, algorithm RANDOM → ROUND_ROBIN (destructive)"
            .to_owned(),
        "  + node 10.9.9.9:80: condition ENABLED, type PRIMARY".to_owned(),
        format!("  - node {gone}: condition ENABLED, type PRIMARY (destructive)"),
        "  ~ connection logging: enabled off → on".to_owned(),
        "  + metadata \"team\": value web\\u{202e}".to_owned(),
    ] {
        assert!(
            lines.contains(&line.as_str()),
            "{line:?} missing: {}",
            run.stdout
        );
    }
    assert!(!run.stdout.contains('\u{202e}'), "{}", run.stdout);

    let doc = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "plan", path],
    ))
    .json();
    let changes = doc["load_balancers"][0]["changes"]
        .as_array()
        .expect("changes");
    let find = |resource: &str| {
        changes
            .iter()
            .find(|c| c["resource"] == resource)
            .unwrap_or_else(|| panic!("{resource} missing: {doc}"))
    };
    assert_eq!(
        find("load balancer"),
        &json!({"resource": "load balancer", "action": "update",
            "before": {"port": 80, "algorithm": "RANDOM"},
            "after": {"port": 8080, "algorithm": "ROUND_ROBIN"}, "destructive": true})
    );
    assert_eq!(
        find("node 10.9.9.9:80"),
        &json!({"resource": "node 10.9.9.9:80", "action": "add", "before": null,
            "after": {"condition": "ENABLED", "type": "PRIMARY"}, "destructive": false})
    );
    // The node in use is drained (changed in place), then removed.
    let gone_changes: Vec<&Value> = changes
        .iter()
        .filter(|c| c["resource"] == format!("node {gone}"))
        .collect();
    assert_eq!(gone_changes.len(), 2, "{doc}");
    assert_eq!(gone_changes[0]["action"], "update");
    assert_eq!(gone_changes[0]["after"], json!({"condition": "DRAINING"}));
    let removed = gone_changes[1];
    assert_eq!(removed["action"], "remove");
    assert_eq!(removed["after"], Value::Null);
    assert_eq!(removed["before"]["condition"], "ENABLED");
    // Nothing was changed: the plan sends nothing.
    assert!(
        emulator
            .requests()
            .iter()
            .all(|r| r.method == "GET" || r.path.ends_with("/tokens"))
    );
}
