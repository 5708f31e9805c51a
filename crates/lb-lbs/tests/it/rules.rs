//! Every status path of the five operations as the SDK reports it: 404, 410, 422 immutable, 400
//! validation, and the rules that decide them.

use rackcloud_emulator::DEMO_TENANT;
use std::time::Duration;

use lb_lbs::{CreateOpts, ListOpts, Protocol, Status, UpdateOpts, VipOpts};
use rackcloud_core::ErrorKind;
use rackcloud_core::model::NodeOpts;
use rackcloud_emulator::{Emulator, LoadBalancerSeed};

#[test]
fn a_missing_load_balancer_is_not_found_for_every_operation() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    // 999 does not exist; 10 is in ORD; 100 belongs to another tenant.
    for id in [999, 10, 100] {
        for err in [
            lb_lbs::get(&client, id).extract().unwrap_err(),
            lb_lbs::update(&client, id, &UpdateOpts::new().name("x"))
                .extract_err()
                .unwrap_err(),
            lb_lbs::delete(&client, id).extract_err().unwrap_err(),
        ] {
            assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
            assert!(err.is_not_found());
            assert_eq!(err.status(), Some(404));
            assert!(err.server_message().is_some(), "{err}");
            assert!(
                err.to_string().contains(&format!("/loadbalancers/{id}")),
                "{err}"
            );
        }
    }
}

#[test]
fn a_deleted_load_balancer_is_gone_for_changes_and_deleted_for_reads() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_lbs::delete(&client, 2).extract_err().expect("delete");
    for err in [
        lb_lbs::update(&client, 2, &UpdateOpts::new().name("x"))
            .extract_err()
            .unwrap_err(),
        lb_lbs::delete(&client, 2).extract_err().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Gone, "{err}");
        assert_eq!(err.status(), Some(410));
        assert!(err.server_message().is_some(), "{err}");
    }
    let lb = lb_lbs::get(&client, 2).extract().expect("still readable");
    assert_eq!(lb.status(), &Status::Deleted);
}

#[test]
fn changes_while_busy_are_immutable_and_name_the_status() {
    let emulator = crate::common::slow(Duration::from_secs(30), Duration::from_secs(30))
        .start()
        .expect("emulator");
    // Without retries: the client would otherwise retry a 422 while PENDING_UPDATE or BUILD.
    let client = crate::common::dfw_no_retries(&emulator);
    lb_lbs::update(&client, 1, &UpdateOpts::new().name("first"))
        .extract_err()
        .expect("first change");
    let err = lb_lbs::update(&client, 1, &UpdateOpts::new().name("second"))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Immutable);
    assert!(err.is_immutable());
    assert_eq!(err.status(), Some(422));
    assert_eq!(err.lb_status(), Some("PENDING_UPDATE"));
    assert!(err.server_message().is_some(), "{err}");
    let err = lb_lbs::delete(&client, 1).extract_err().unwrap_err();
    assert_eq!(err.lb_status(), Some("PENDING_UPDATE"));

    let built = lb_lbs::create(
        &client,
        &CreateOpts::new("new", Protocol::Http).virtual_ip(VipOpts::public()),
    )
    .extract()
    .expect("create");
    let err = lb_lbs::update(&client, built.id(), &UpdateOpts::new().port(81))
        .extract_err()
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.lb_status()),
        (ErrorKind::Immutable, Some("BUILD"))
    );
    // Reads work in every status.
    assert_eq!(
        lb_lbs::get(&client, 1).extract().expect("get").name(),
        "first"
    );
}

#[test]
fn final_statuses_refuse_updates_and_error_still_accepts_delete() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    for status in ["ERROR", "SUSPENDED"] {
        emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, status);
        let err = lb_lbs::update(&client, 1, &UpdateOpts::new().name("x"))
            .extract_err()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Immutable, "{status}");
        assert_eq!(err.lb_status(), Some(status));
        assert_eq!(err.attempts(), 1, "a final status is not retried");
    }
    let err = lb_lbs::delete(&client, 1).extract_err().unwrap_err();
    assert_eq!(err.lb_status(), Some("SUSPENDED"));
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    lb_lbs::delete(&client, 1)
        .extract_err()
        .expect("an ERROR load balancer can be deleted");
}

#[test]
fn invalid_values_are_refused_with_every_validation_message() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let long_name = "n".repeat(129);
    let err = lb_lbs::create(
        &client,
        &CreateOpts::new(long_name, Protocol::Tcp)
            .timeout(10)
            .virtual_ip(VipOpts::public()),
    )
    .extract()
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.fault().expect("fault").validation_messages(),
        [
            "Load balancer timeout is invalid. Please specify a valid timeout value.",
            "Load Balancer name must be less than or equal to 128",
        ]
    );
    // A TCP load balancer without a port: the service's plain 400 after the validation.
    let err = lb_lbs::create(
        &client,
        &CreateOpts::new("tcp", Protocol::Tcp).virtual_ip(VipOpts::public()),
    )
    .extract()
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Validation, Some(400))
    );
    assert_eq!(
        err.server_message().as_deref(),
        Some("Must provide port for TCP and UDP protocols.")
    );

    let err = lb_lbs::update(
        &client,
        1,
        &UpdateOpts::new()
            .protocol(Protocol::Other("GOPHER".into()))
            .timeout(121),
    )
    .extract_err()
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(
        err.fault().expect("fault").validation_messages(),
        [
            "Load balancer protocol is invalid. Please specify a valid protocol.",
            "Load balancer timeout is invalid. Please specify a valid timeout value.",
        ]
    );

    // Nodes are checked as lb-nodes checks them, before sending: a duplicate, a weight out of
    // range (the server's own messages for them are the emulator's tests).
    emulator.clear_requests();
    for nodes in [
        [NodeOpts::new("10.0.0.1", 80), NodeOpts::new("10.0.0.1", 80)],
        [
            NodeOpts::new("10.0.0.1", 80),
            NodeOpts::new("10.0.0.2", 80).weight(500),
        ],
    ] {
        let opts = nodes.into_iter().fold(
            CreateOpts::new("dup", Protocol::Http).virtual_ip(VipOpts::public()),
            CreateOpts::node,
        );
        let err = lb_lbs::create(&client, &opts).extract().unwrap_err();
        assert!(err.is_invalid_input(), "{err}");
    }
    assert!(emulator.requests().is_empty());
}

#[test]
fn validation_comes_before_lookup_and_status() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    let bad = UpdateOpts::new().timeout(5);
    for id in [1, 999] {
        let err = lb_lbs::update(&client, id, &bad).extract_err().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation, "{id}: {err}");
    }
}

#[test]
fn a_shared_virtual_ip_must_exist() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let err = lb_lbs::create(
        &client,
        &CreateOpts::new("api", Protocol::Https).virtual_ip(VipOpts::shared(9999)),
    )
    .extract()
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Validation, Some(400))
    );
    assert_eq!(
        err.server_message().as_deref(),
        Some(
            "Shared virtual ip could not be found. Please provide a valid virtual ip id to process this request."
        )
    );
}

#[test]
fn a_protocol_change_keeps_only_the_persistence_that_fits() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_sessions::enable(
        &client,
        1,
        &lb_sessions::CreateOpts::new(lb_sessions::Type::HttpCookie),
    )
    .extract_err()
    .expect("enable");
    lb_lbs::update(&client, 1, &UpdateOpts::new().protocol(Protocol::Https))
        .extract_err()
        .expect("update");
    let lb = lb_lbs::get(&client, 1).extract().expect("get");
    assert_eq!(lb.protocol(), &Protocol::Https);
    assert_eq!(lb.session_persistence(), None);
}

#[test]
fn unknown_protocols_and_statuses_read_back_exactly() {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(50, "future", "QUIC").status("MIGRATING"),
        )
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    let lb = lb_lbs::get(&client, 50).extract().expect("get");
    assert_eq!(lb.protocol(), &Protocol::Other("QUIC".into()));
    assert_eq!(lb.status(), &Status::Other("MIGRATING".into()));
    assert_eq!(lb.status().to_string(), "MIGRATING");
    let listed = lb_lbs::list(&client, &ListOpts::new().marker(3))
        .extract()
        .expect("list");
    assert_eq!(listed[0].protocol().as_str(), "QUIC");
}
