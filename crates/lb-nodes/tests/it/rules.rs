//! The service's rules as the SDK sees them (kind and status), and the checks before sending:
//! both sides of every boundary, nothing sent on invalid input.

use lb_nodes::{BulkUpdateOpts, Condition, CreateOpts, Type, UpdateOpts};
use rackcloud_core::ErrorKind;
use rackcloud_core::model::{NODE_LIMIT, NodeOpts};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

use crate::common::{dfw, dfw_no_retries, quick};

fn sent(emulator: &Emulator) -> u64 {
    emulator.stats().api_requests.total()
}

#[test]
fn invalid_input_is_refused_before_sending() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = sent(&emulator);
    let refused = |opts: CreateOpts| {
        let e = lb_nodes::create(&client, 1, &opts).extract().unwrap_err();
        assert!(e.is_invalid_input(), "{e}");
    };
    refused(CreateOpts::new([]));
    refused(CreateOpts::new([NodeOpts::new("10.0.0.1", 0)]));
    refused(CreateOpts::new([NodeOpts::new("10.0.0.1", 80).weight(0)]));
    refused(CreateOpts::new([NodeOpts::new("10.0.0.1", 80).weight(101)]));
    for address in [
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "255.255.255.255",
        "not an address",
        "a_b.com",
    ] {
        refused(CreateOpts::new([NodeOpts::new(address, 80)]));
    }
    refused(CreateOpts::new([
        NodeOpts::new("10.0.0.1", 80),
        NodeOpts::new("10.0.0.1", 80),
    ]));
    let too_many: Vec<NodeOpts> = (0..=NODE_LIMIT)
        .map(|i| NodeOpts::new(format!("10.0.1.{i}"), 80))
        .collect();
    refused(CreateOpts::new(too_many));
    let e = lb_nodes::update(&client, 1, 1, &UpdateOpts::new())
        .extract_err()
        .unwrap_err();
    assert!(e.is_invalid_input());
    let e = lb_nodes::update(&client, 1, 1, &UpdateOpts::new().weight(101))
        .extract_err()
        .unwrap_err();
    assert!(e.is_invalid_input());
    assert!(
        lb_nodes::get(&client, 1, 0)
            .extract()
            .unwrap_err()
            .is_invalid_input()
    );
    assert!(
        lb_nodes::delete(&client, 0, 1)
            .extract_err()
            .unwrap_err()
            .is_invalid_input()
    );
    let bulk = lb_nodes::bulk_delete(&client, 1, &[1, 1], &quick());
    assert_eq!(bulk.not_attempted(), [1, 1]);
    let bad = BulkUpdateOpts::new().node(1, UpdateOpts::new());
    let outcome = lb_nodes::bulk_update(&client, 1, &bad, &quick());
    assert!(outcome.extract_err().unwrap_err().is_invalid_input());
    assert_eq!(sent(&emulator), before, "nothing was sent");
}

#[test]
fn the_boundaries_that_pass() {
    let emulator = crate::common::instant();
    let client = dfw(&emulator);
    let nodes = CreateOpts::new([
        NodeOpts::new("10.0.0.1", 1).weight(1),
        NodeOpts::new("10.0.0.1", 65535).weight(100),
        NodeOpts::new("126.255.255.255", 80),
        NodeOpts::new("128.0.0.1", 80),
        NodeOpts::new("2001:db8::7", 80),
        NodeOpts::new("web-1.example.com", 80),
    ]);
    assert_eq!(
        lb_nodes::create(&client, 1, &nodes)
            .extract()
            .expect("accepted")
            .len(),
        6
    );
}

#[test]
fn server_rules_have_their_kinds() {
    let emulator = crate::common::instant();
    let client = dfw_no_retries(&emulator);
    // 2 seeded + 23 = 25: the limit; one more is a 413 that is not retried.
    let nodes: Vec<NodeOpts> = (1..=23)
        .map(|i| NodeOpts::new(format!("10.7.0.{i}"), 80))
        .collect();
    lb_nodes::create(&client, 1, &CreateOpts::new(nodes))
        .extract()
        .expect("25 nodes");
    let e = lb_nodes::create(
        &client,
        1,
        &CreateOpts::new([NodeOpts::new("10.7.1.1", 80)]),
    )
    .extract()
    .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::OverLimit, Some(413)));

    let e = lb_nodes::create(
        &client,
        2,
        &CreateOpts::new([NodeOpts::new("10.180.0.11", 8080)]),
    )
    .extract()
    .unwrap_err();
    assert_eq!(e.status(), Some(422), "a duplicate of an existing node");
    assert_ne!(e.kind(), ErrorKind::Immutable);

    let secondary = NodeOpts::new("10.7.2.1", 8080).node_type(Type::Secondary);
    let e = lb_nodes::create(&client, 2, &CreateOpts::new([secondary]))
        .extract()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));

    let e = lb_nodes::get(&client, 2, 999).extract().unwrap_err();
    assert!(e.is_not_found());
    let e = lb_nodes::bulk_delete(&client, 2, &[3, 1], &quick())
        .extract_err()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));
    assert!(
        e.to_string()
            .contains("Node ids 1 are not a part of your loadbalancer"),
        "{e}"
    );

    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 2, "PENDING_UPDATE");
    let e = lb_nodes::update(
        &client,
        2,
        3,
        &UpdateOpts::new().condition(Condition::Draining),
    )
    .extract_err()
    .unwrap_err();
    assert!(e.is_immutable());
    let e = lb_nodes::bulk_delete(&client, 2, &[3], &quick())
        .extract_err()
        .unwrap_err();
    assert_eq!(e.status(), Some(422));
}
