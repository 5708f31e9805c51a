//! Each workflow against the emulator: what it sends, in which order, and what it reports.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lb_nodes::workflows::{Step, StepEvent, WorkflowOpts, plan};
use lb_nodes::{Condition, CreateOpts, ListOpts, Type};
use rackcloud_core::model::NodeOpts;

use crate::common::{dfw, pending, quick};

/// The step events seen, as `(step, "started"|"polled"|"done")`.
type Seen = Arc<Mutex<Vec<(Step, &'static str)>>>;

/// Workflow options that record every step event as `(step, "started"|"polled"|"done")`.
fn recording() -> (WorkflowOpts, Seen) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let opts = WorkflowOpts::new(quick()).on_step(move |p| {
        let what = match p.event {
            StepEvent::Started => "started",
            StepEvent::NodePolled { .. } => "polled",
            StepEvent::Done => "done",
            _ => "other",
        };
        log.lock().expect("log").push((p.step, what));
    });
    (opts, seen)
}

#[test]
fn add_nodes_sends_one_post_and_reports_its_step() {
    let emulator = pending().start().expect("emulator");
    let client = dfw(&emulator);
    let (opts, seen) = recording();
    emulator.clear_requests();
    let nodes = CreateOpts::new([NodeOpts::new("10.3.0.1", 80), NodeOpts::new("10.3.0.2", 80)]);
    let added = lb_nodes::workflows::add_nodes(&client, 1, &nodes, &opts).expect("added");
    assert_eq!(added.len(), 2);
    let posts = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1);
    assert_eq!(
        *seen.lock().expect("log"),
        [(Step::Add, "started"), (Step::Add, "done")]
    );
    assert_eq!(
        emulator.load_balancer_status("DFW", "123456", 1).as_deref(),
        Some("ACTIVE")
    );
}

#[test]
fn drain_and_remove_drains_waits_then_deletes() {
    let emulator = pending().start().expect("emulator");
    let client = dfw(&emulator);
    let (opts, seen) = recording();
    emulator.clear_requests();
    lb_nodes::workflows::drain_and_remove(&client, 1, 2, Duration::from_millis(5), &opts)
        .expect("removed");
    let changes: Vec<(String, Option<serde_json::Value>)> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| (r.method.clone(), r.body_json()))
        .collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].0, "PUT");
    assert_eq!(
        changes[0].1,
        Some(serde_json::json!({"node": {"condition": "DRAINING"}}))
    );
    assert_eq!(changes[1].0, "DELETE");
    let steps: Vec<Step> = seen
        .lock()
        .expect("log")
        .iter()
        .filter(|(_, w)| *w == "done")
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(steps, [Step::SetDraining, Step::Grace, Step::Remove]);
    assert!(
        lb_nodes::get(&client, 1, 2)
            .extract()
            .unwrap_err()
            .is_not_found()
    );
}

#[test]
fn add_safely_adds_draining_polls_the_node_then_enables_it() {
    let emulator = pending().start().expect("emulator");
    let client = dfw(&emulator);
    let (opts, seen) = recording();
    emulator.clear_requests();
    let node = NodeOpts::new("10.3.0.9", 80)
        .node_type(Type::Primary)
        .weight(4);
    let added = lb_nodes::workflows::add_safely(&client, 1, &[node], &opts).expect("added");
    assert_eq!(added[0].condition(), &Condition::Enabled);
    let requests = emulator.requests();
    let post = requests
        .iter()
        .find(|r| r.method == "POST")
        .expect("a POST");
    assert_eq!(
        post.body_json(),
        Some(
            serde_json::json!({"nodes": [{"address": "10.3.0.9", "port": 80, "condition": "DRAINING", "type": "PRIMARY", "weight": 4}]})
        )
    );
    let put = requests.iter().find(|r| r.method == "PUT").expect("a PUT");
    assert_eq!(
        put.body_json(),
        Some(serde_json::json!({"nodes": [{"id": added[0].id(), "condition": "ENABLED"}]}))
    );
    let seen = seen.lock().expect("log");
    assert!(seen.contains(&(Step::WaitOnline, "polled")));
    let done: Vec<Step> = seen
        .iter()
        .filter(|(_, w)| *w == "done")
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(done, [Step::Add, Step::WaitOnline, Step::Enable]);
}

#[test]
fn converge_adds_then_updates_then_removes() {
    let emulator = pending().start().expect("emulator");
    let client = dfw(&emulator);
    let (opts, _) = recording();
    emulator.clear_requests();
    // Load balancer 1: nodes 1 (10.180.0.11) and 2 (10.180.0.12), ENABLED PRIMARY, port 80.
    let desired = [
        NodeOpts::new("10.180.0.11", 80).condition(Condition::Draining),
        NodeOpts::new("10.3.1.1", 80),
        NodeOpts::new("10.3.1.2", 80),
    ];
    let applied = lb_nodes::workflows::converge(&client, 1, &desired, &opts).expect("converged");
    assert_eq!(applied.add().len(), 2);
    assert_eq!(applied.update().ids(), [1]);
    assert_eq!(applied.remove(), [2]);
    let order: Vec<String> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| r.method)
        .collect();
    assert_eq!(order, ["POST", "PUT", "DELETE"]);
    let now = lb_nodes::list_all(&client, 1, ListOpts::new()).expect("nodes");
    let mut got: Vec<(String, Condition)> = now
        .iter()
        .map(|n| (n.address().to_owned(), n.condition().clone()))
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            ("10.180.0.11".to_owned(), Condition::Draining),
            ("10.3.1.1".to_owned(), Condition::Enabled),
            ("10.3.1.2".to_owned(), Condition::Enabled),
        ]
    );
    emulator.clear_requests();
    assert!(
        lb_nodes::workflows::converge(&client, 1, &desired, &opts)
            .expect("again")
            .is_empty()
    );
    assert!(
        emulator.requests().iter().all(|r| r.method == "GET"),
        "nothing to change"
    );
}

#[test]
fn plan_is_pure_and_keeps_an_enabled_primary() {
    let emulator = crate::common::instant();
    let client = dfw(&emulator);
    let current = lb_nodes::list_all(&client, 1, ListOpts::new()).expect("nodes");
    // Same nodes, another spelling of nothing: no change.
    let same = [
        NodeOpts::new("10.180.0.11", 80),
        NodeOpts::new("10.180.0.12", 80),
    ];
    assert!(plan(&current, &same).expect("plan").is_empty());
    // A weight is left alone when the service shows none (not a weighted algorithm).
    let weighted = [
        NodeOpts::new("10.180.0.11", 80).weight(9),
        NodeOpts::new("10.180.0.12", 80),
    ];
    assert!(plan(&current, &weighted).expect("plan").is_empty());
    let secondary = [
        NodeOpts::new("10.180.0.11", 80),
        NodeOpts::new("10.180.0.12", 80).node_type(Type::Secondary),
    ];
    let p = plan(&current, &secondary).expect("plan");
    assert_eq!(p.update().ids(), [2]);
    assert_eq!(
        p.update().updates()[0].1.node_type.as_ref(),
        Some(&Type::Secondary)
    );
    let no_primary = [NodeOpts::new("10.180.0.11", 80).node_type(Type::Secondary)];
    assert!(plan(&current, &no_primary).unwrap_err().is_invalid_input());
    let all_draining = [NodeOpts::new("10.180.0.11", 80).condition(Condition::Draining)];
    assert!(
        plan(&current, &all_draining)
            .unwrap_err()
            .is_invalid_input()
    );
    let twice = [NodeOpts::new("10.0.0.1", 80), NodeOpts::new("10.0.0.1", 80)];
    assert!(plan(&current, &twice).unwrap_err().is_invalid_input());
    let empty = plan(&current, &[NodeOpts::new("10.0.0.5", 80)]).expect("plan");
    assert_eq!((empty.add().len(), empty.remove()), (1, &[1, 2][..]));
}
