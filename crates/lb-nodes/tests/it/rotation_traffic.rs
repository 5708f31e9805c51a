//! The node workflows under real traffic (the emulator's data plane): adding a node safely and
//! draining the old one before removing it answers every request of a steady stream.

use std::time::Duration;

use lb_lbs::{Algorithm, CreateOpts, Protocol, VipOpts};
use lb_nodes::workflows::WorkflowOpts;
use rackcloud_core::model::NodeOpts;
use rackcloud_emulator::Emulator;
use rackcloud_testing::traffic::{Backend, Stream, get, serving};

#[test]
fn add_safely_then_drain_and_remove_drops_no_request() {
    let old = Backend::start("old", Duration::ZERO).expect("backend");
    let new = Backend::start("new", Duration::ZERO).expect("backend");
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(50))
        .build_time(Duration::from_millis(50))
        .data_plane(true)
        .backend("10.0.9.1", 80, old.addr())
        .backend("10.0.9.2", 80, new.addr())
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    let wait = crate::common::quick();
    let opts = CreateOpts::new("shop", Protocol::Http)
        .algorithm(Algorithm::RoundRobin)
        .virtual_ip(VipOpts::public())
        .node(NodeOpts::new("10.0.9.1", 80));
    let lb = lb_lbs::create(&client, &opts)
        .and_wait(&wait)
        .expect("created");
    let addr = serving(&emulator, lb.id(), "old").expect("the old node serves");

    let stream = Stream::start(addr, 3);
    let workflow = WorkflowOpts::new(wait.clone());
    lb_nodes::workflows::add_safely(
        &client,
        lb.id(),
        &[NodeOpts::new("10.0.9.2", 80)],
        &workflow,
    )
    .expect("added");
    let old_id = lb_nodes::list(&client, lb.id(), &lb_nodes::ListOpts::new())
        .extract()
        .expect("nodes")
        .iter()
        .find(|n| n.address() == "10.0.9.1")
        .map(rackcloud_core::model::Node::id)
        .expect("the old node");
    lb_nodes::workflows::drain_and_remove(
        &client,
        lb.id(),
        old_id,
        Duration::from_millis(200),
        &workflow,
    )
    .expect("drained and removed");
    // Traffic goes on for a while after the removal.
    stream.wait_for(20).expect("the stream goes on");
    let tally = stream.finish();

    assert_eq!(
        tally.failed, 0,
        "requests without an answer during the rotation"
    );
    assert!(
        tally.by("old") > 0 && tally.by("new") > 0,
        "{} answers",
        tally.answers.len()
    );
    assert_eq!(
        get(addr).as_deref(),
        Some("new"),
        "only the new node serves now"
    );
    let nodes = lb_nodes::list(&client, lb.id(), &lb_nodes::ListOpts::new())
        .extract()
        .expect("nodes");
    assert_eq!(nodes.len(), 1);
}
