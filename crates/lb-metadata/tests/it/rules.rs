//! The server's rules as the SDK reports them (kind and status), and input refused before
//! sending.

use lb_metadata::{AddOpts, Owner, UpdateOpts};
use rackcloud_core::ErrorKind;
use rackcloud_core::model::{MAX_KEY_CHARS, MAX_VALUE_CHARS};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

use crate::common::{dfw, dfw_no_retries, first_node};

#[test]
fn invalid_input_is_refused_before_sending_on_both_sides_of_each_bound() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let lb = Owner::LoadBalancer(1);
    let long = |n: usize| "x".repeat(n);
    let many = |n: usize| (0..n).fold(AddOpts::new(), |o, i| o.item(format!("k{i}"), "v"));
    let before = emulator.stats().api_requests.total();
    let refused = [
        lb_metadata::add(&client, lb, &AddOpts::new())
            .extract()
            .unwrap_err(),
        lb_metadata::add(&client, lb, &many(26))
            .extract()
            .unwrap_err(),
        lb_metadata::add(&client, lb, &AddOpts::new().item("", "v"))
            .extract()
            .unwrap_err(),
        lb_metadata::add(&client, lb, &AddOpts::new().item("k", ""))
            .extract()
            .unwrap_err(),
        lb_metadata::add(
            &client,
            lb,
            &AddOpts::new().item(long(MAX_KEY_CHARS + 1), "v"),
        )
        .extract()
        .unwrap_err(),
        lb_metadata::add(
            &client,
            lb,
            &AddOpts::new().item("k", long(MAX_VALUE_CHARS + 1)),
        )
        .extract()
        .unwrap_err(),
        lb_metadata::add(&client, lb, &AddOpts::new().item("k", "1").item("k", "2"))
            .extract()
            .unwrap_err(),
        lb_metadata::add(&client, Owner::LoadBalancer(0), &many(1))
            .extract()
            .unwrap_err(),
        lb_metadata::list(
            &client,
            Owner::Node {
                lb_id: 1,
                node_id: 0,
            },
        )
        .extract()
        .unwrap_err(),
        lb_metadata::get(&client, lb, 0).extract().unwrap_err(),
        lb_metadata::update(&client, lb, 1, &UpdateOpts::new(""))
            .extract_err()
            .unwrap_err(),
        lb_metadata::update(&client, lb, 1, &UpdateOpts::new(long(MAX_VALUE_CHARS + 1)))
            .extract_err()
            .unwrap_err(),
        lb_metadata::delete(&client, lb, 0)
            .extract_err()
            .unwrap_err(),
        lb_metadata::bulk_delete(&client, lb, &[])
            .extract_err()
            .unwrap_err(),
        lb_metadata::bulk_delete(&client, Owner::LoadBalancer(0), &[1])
            .extract_err()
            .unwrap_err(),
        lb_metadata::workflows::set(&client, lb, &AddOpts::new().item("a", "1").item("a", "1"))
            .unwrap_err(),
        lb_metadata::workflows::remove_keys(&client, lb, &[]).unwrap_err(),
        lb_metadata::workflows::remove_keys(&client, lb, &["a", "a"]).unwrap_err(),
    ];
    for e in refused {
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
    // The bounds themselves are allowed.
    let at_bounds = AddOpts::new().item(long(MAX_KEY_CHARS), long(MAX_VALUE_CHARS));
    lb_metadata::add(&client, lb, &at_bounds)
        .extract()
        .expect("at the bounds");
    lb_metadata::add(&client, Owner::LoadBalancer(2), &many(25))
        .extract()
        .expect("25 in one request");
}

#[test]
fn limits_duplicates_and_lookups() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let lb = Owner::LoadBalancer(1);
    lb_metadata::add(&client, lb, &AddOpts::new().item("a", "1"))
        .extract()
        .expect("add");
    let e = lb_metadata::add(&client, lb, &AddOpts::new().item("a", "2"))
        .extract()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Conflict, Some(422)));
    let rest = (0..25).fold(AddOpts::new(), |o, i| o.item(format!("k{i}"), "v"));
    let e = lb_metadata::add(&client, lb, &rest).extract().unwrap_err();
    assert_eq!(
        (e.kind(), e.status()),
        (ErrorKind::Validation, Some(400)),
        "the limit is a 400"
    );

    let node = first_node(&client, 1);
    let e = lb_metadata::add(&client, node, &rest)
        .extract()
        .expect("a node has its own 25");
    assert_eq!(e.len(), 25);
    let e = lb_metadata::add(&client, node, &AddOpts::new().item("z", "1"))
        .extract()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));

    let foreign = first_node(&client, 2);
    let stray = Owner::Node {
        lb_id: 1,
        node_id: foreign.node_id().unwrap_or(0),
    };
    let e = lb_metadata::list(&client, stray).extract().unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::NotFound, Some(404)));
    let e = lb_metadata::get(&client, lb, 999).extract().unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::NotFound, Some(404)));
    let e = lb_metadata::bulk_delete(&client, lb, &[999])
        .extract_err()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));
}

#[test]
fn changes_need_active_and_leave_it_active() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let lb = Owner::LoadBalancer(3);
    let added = lb_metadata::add(&client, lb, &AddOpts::new().item("a", "1"))
        .extract()
        .expect("add");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 3)
            .as_deref(),
        Some("ACTIVE")
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 3, "ERROR");
    let id = added[0].id();
    let errors = [
        lb_metadata::add(&client, lb, &AddOpts::new().item("b", "1"))
            .extract()
            .unwrap_err(),
        lb_metadata::update(&client, lb, id, &UpdateOpts::new("x"))
            .extract_err()
            .unwrap_err(),
        lb_metadata::delete(&client, lb, id)
            .extract_err()
            .unwrap_err(),
        lb_metadata::bulk_delete(&client, lb, &[id])
            .extract_err()
            .unwrap_err(),
    ];
    for e in errors {
        assert_eq!(
            (e.kind(), e.status()),
            (ErrorKind::Immutable, Some(422)),
            "{e}"
        );
        assert_eq!(e.lb_status(), Some("ERROR"));
    }
    assert_eq!(
        lb_metadata::get(&client, lb, id)
            .extract()
            .expect("reads work")
            .value(),
        "1"
    );
}

#[test]
fn keys_over_32_and_values_over_256_characters_are_refused_naming_the_key() {
    let emulator = rackcloud_emulator::Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let long_key = "k".repeat(33);
    let e = lb_metadata::add(
        &client,
        Owner::LoadBalancer(1),
        &AddOpts::new().item(&long_key, "v"),
    )
    .extract()
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert!(e.to_string().contains(&format!("{long_key:?}")), "{e}");
    let e = lb_metadata::add(
        &client,
        Owner::LoadBalancer(1),
        &AddOpts::new().item("color", "v".repeat(257)),
    )
    .extract()
    .unwrap_err();
    assert!(e.to_string().contains("\"color\""), "{e}");
    assert_eq!(emulator.stats().api_requests.total(), before);
    lb_metadata::add(
        &client,
        Owner::LoadBalancer(1),
        &AddOpts::new().item("k".repeat(32), "v".repeat(256)),
    )
    .extract()
    .expect("the service's bounds are accepted");
}
