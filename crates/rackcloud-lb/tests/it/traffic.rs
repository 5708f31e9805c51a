//! A declarative apply that replaces a load balancer's nodes, while a client streams requests
//! through the emulator's data plane: the plan adds the new node, drains the old one and only
//! then removes it, so every request is answered.

use std::time::Duration;

use rackcloud_emulator::Emulator;
use rackcloud_lb::nodes::Condition;
use rackcloud_lb::{Change, apply_document, plan_account};
use rackcloud_testing::traffic::{Backend, Stream, serving};
use serde_json::{Value, json};

use crate::common::{dfw, doc, fleet};

/// Each answer takes this long, so the old node has requests in flight when it changes.
const DELAY: Duration = Duration::from_millis(20);

fn shop(node: &str) -> Value {
    json!({
        "name": "shop",
        "protocol": "HTTP",
        "port": 80,
        "algorithm": "ROUND_ROBIN",
        "virtual_ips": [{"type": "PUBLIC", "ip_version": "IPV4"}],
        "nodes": [{"address": node, "port": 80}]
    })
}

#[test]
fn replacing_the_nodes_by_a_document_drops_no_request() -> anyhow::Result<()> {
    let (old, new) = (Backend::start("old", DELAY)?, Backend::start("new", DELAY)?);
    let emulator = Emulator::builder()
        .default_seed()
        // A drained node's requests in flight (20 ms each) end well inside the drain's pending
        // time, on a loaded machine too: the removal that follows cuts none of them.
        .pending_time(Duration::from_millis(250))
        .build_time(Duration::from_millis(30))
        .data_plane(true)
        .backend("10.0.9.1", 80, old.addr())
        .backend("10.0.9.2", 80, new.addr())
        .start()?;
    let client = dfw(&emulator);
    let report = apply_document(&client, &doc(&[shop("10.0.9.1")]), &fleet())?;
    assert!(report.is_complete(), "{report}");
    let id = report.lbs()[0]
        .id()
        .expect("the created load balancer's id");
    let addr = serving(&emulator, id, "old")?;

    let replaced = doc(&[shop("10.0.9.2")]);
    let plan = plan_account(&client, &replaced)?;
    let changes = plan.lbs()[0].changes();
    // Before this plan drained first, the removal cut the old node's requests in flight.
    assert!(matches!(changes[0], Change::AddNodes(_)), "{plan}");
    assert!(
        matches!(
            &changes[1],
            Change::UpdateNode {
                condition: Some(Condition::Draining),
                ..
            }
        ),
        "{plan}"
    );
    assert!(matches!(changes[2], Change::RemoveNodes { .. }), "{plan}");

    let stream = Stream::start(addr, 8);
    stream.wait_for(3)?;
    let report = apply_document(&client, &replaced, &fleet())?;
    assert!(report.is_complete(), "{report}");
    let served_by_old = old.served();
    stream.wait_for(5)?;
    let tally = stream.finish();
    assert_eq!(
        tally.failed, 0,
        "requests failed while the nodes were replaced: {plan}"
    );
    assert!(tally.by("old") > 0 && tally.by("new") > 0);
    assert_eq!(
        old.served(),
        served_by_old,
        "nothing reached the old node once removed"
    );
    assert!(plan_account(&client, &replaced)?.is_empty());
    Ok(())
}
