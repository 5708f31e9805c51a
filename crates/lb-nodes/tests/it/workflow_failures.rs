//! Workflows that fail half-way: the typed error names the step and what was applied.

use std::sync::Arc;
use std::time::Duration;

use lb_nodes::CreateOpts;
use lb_nodes::workflows::{Step, StepEvent, WorkflowError, WorkflowOpts};
use rackcloud_core::model::NodeOpts;
use rackcloud_core::{ErrorKind, WaitOpts};
use rackcloud_emulator::{DEMO_TENANT, Emulator, InjectedBody, InjectedFault};

use crate::common::{dfw, dfw_no_retries, pending, quick};

fn busy(path: &str, method: &str) -> InjectedFault {
    InjectedFault::new(Some(method), path, 422).body(InjectedBody::Flat {
        message: "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable."
            .into(),
    })
}

#[test]
fn another_client_s_change_makes_the_enable_step_fail() {
    let emulator = pending().start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    emulator.inject(busy("/dfw/v1.0/*/loadbalancers/1/nodes", "PUT"));
    let opts = WorkflowOpts::new(quick());
    let e = lb_nodes::workflows::add_safely(&client, 1, &[NodeOpts::new("10.4.0.1", 80)], &opts)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Immutable);
    assert_eq!(e.lb_status(), Some("PENDING_UPDATE"));
    let failure = WorkflowError::of(&e).expect("a workflow error");
    assert_eq!(failure.step(), Step::Enable);
    assert!(!failure.accepted());
    assert_eq!(failure.completed(), [Step::Add, Step::WaitOnline]);
    assert_eq!(failure.added().len(), 1);
    assert_eq!(failure.added()[0].address(), "10.4.0.1");
    assert!(failure.updated().is_empty());
    assert_eq!(failure.cause().status(), Some(422));
    assert!(
        e.to_string().contains("add safely: step 'enable' failed"),
        "{e}"
    );
    let node = lb_nodes::get(&client, 1, failure.added()[0].id())
        .extract()
        .expect("node");
    assert_eq!(
        node.condition(),
        &lb_nodes::Condition::Draining,
        "left draining, not serving"
    );
}

#[test]
fn a_node_that_never_comes_online_stops_at_the_deadline() {
    let emulator = Arc::new(pending().start().expect("emulator"));
    let client = dfw(&emulator);
    let marker = Arc::clone(&emulator);
    let lookup = client.clone();
    let wait = WaitOpts::new()
        .interval(Duration::from_millis(20))
        .deadline(Duration::from_millis(600));
    let opts = WorkflowOpts::new(wait).on_step(move |p| {
        if p.step == Step::Add && matches!(p.event, StepEvent::Done) {
            let node = lb_nodes::find_by_address_port(&lookup, 1, "10.4.0.2", 80)
                .expect("read")
                .expect("added");
            assert!(marker.set_node_status("DFW", DEMO_TENANT, 1, node.id(), "OFFLINE"));
        }
    });
    let e = lb_nodes::workflows::add_safely(&client, 1, &[NodeOpts::new("10.4.0.2", 80)], &opts)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    let failure = WorkflowError::of(&e).expect("a workflow error");
    assert_eq!(failure.step(), Step::WaitOnline);
    assert_eq!(failure.completed(), [Step::Add]);
    assert_eq!(failure.added().len(), 1);
    assert!(
        failure.cause().to_string().contains("is still OFFLINE"),
        "{e}"
    );
}

#[test]
fn a_grace_period_past_the_deadline_leaves_the_node_draining() {
    let emulator = pending().start().expect("emulator");
    let client = dfw(&emulator);
    let opts = WorkflowOpts::new(quick().deadline(Duration::from_secs(2)));
    let e = lb_nodes::workflows::drain_and_remove(&client, 1, 2, Duration::from_secs(60), &opts)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    let failure = WorkflowError::of(&e).expect("a workflow error");
    assert_eq!(failure.step(), Step::Grace);
    assert_eq!(failure.completed(), [Step::SetDraining]);
    assert!(failure.removed().is_empty());
    let node = lb_nodes::get(&client, 1, 2).extract().expect("still there");
    assert_eq!(node.condition(), &lb_nodes::Condition::Draining);
}

#[test]
fn the_deadline_passing_while_waiting_names_the_accepted_step() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(30))
        .start()
        .expect("emulator");
    let client = dfw(&emulator);
    let opts = WorkflowOpts::new(quick().deadline(Duration::from_millis(200)));
    let nodes = CreateOpts::new([NodeOpts::new("10.4.0.3", 80)]);
    let e = lb_nodes::workflows::add_nodes(&client, 1, &nodes, &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    let failure = WorkflowError::of(&e).expect("a workflow error");
    assert_eq!(failure.step(), Step::Add);
    assert!(failure.accepted());
    assert_eq!(failure.added().len(), 1);
    assert!(failure.completed().is_empty());
}

#[test]
fn the_node_limit_reached_mid_way_stops_converge_before_any_change() {
    let emulator = pending().start().expect("emulator");
    let client = dfw(&emulator);
    // Keep 10.180.0.11, add 24: 2 + 24 = 26 nodes while both old ones are still there.
    let mut desired = vec![NodeOpts::new("10.180.0.11", 80)];
    desired.extend((1..=24).map(|i| NodeOpts::new(format!("10.5.0.{i}"), 80)));
    let e = lb_nodes::workflows::converge(&client, 1, &desired, &WorkflowOpts::new(quick()))
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::OverLimit, None));
    let failure = WorkflowError::of(&e).expect("a workflow error");
    assert_eq!(failure.step(), Step::Add);
    assert_eq!(failure.completed(), [Step::Read]);
    assert!(
        failure.added().is_empty() && failure.updated().is_empty() && failure.removed().is_empty()
    );
    assert_eq!(failure.cause().status(), Some(413));
    assert!(e.to_string().contains("nothing was applied"), "{e}");
}

#[test]
fn a_failed_update_step_reports_the_nodes_already_added() {
    let emulator = pending().start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    emulator.inject(busy("/dfw/v1.0/*/loadbalancers/1/nodes", "PUT"));
    let desired = [
        NodeOpts::new("10.180.0.11", 80).condition(lb_nodes::Condition::Disabled),
        NodeOpts::new("10.5.1.1", 80),
    ];
    let e = lb_nodes::workflows::converge(&client, 1, &desired, &WorkflowOpts::new(quick()))
        .unwrap_err();
    let failure = WorkflowError::of(&e).expect("a workflow error");
    assert_eq!(failure.step(), Step::Update);
    assert_eq!(failure.completed(), [Step::Read, Step::Add]);
    assert_eq!(failure.added().len(), 1);
    assert!(failure.removed().is_empty(), "node 2 is still there");
    assert_eq!(
        lb_nodes::get(&client, 1, 2).extract().expect("kept").id(),
        2
    );
}
