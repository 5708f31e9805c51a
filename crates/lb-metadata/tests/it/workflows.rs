//! `set` and `remove_keys`: what they send and what they report.

use lb_metadata::{AddOpts, Owner};
use rackcloud_emulator::Emulator;

use crate::common::{dfw, first_node, path};

#[test]
fn set_adds_in_one_request_and_updates_only_what_differs() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    for owner in [Owner::LoadBalancer(1), first_node(&client, 1)] {
        let first = lb_metadata::workflows::set(
            &client,
            owner,
            &AddOpts::new().item("env", "prod").item("team", "web"),
        )
        .expect("set");
        assert_eq!(first.added.len(), 2);
        assert!(first.updated.is_empty() && first.unchanged.is_empty());

        emulator.clear_requests();
        let desired = AddOpts::new()
            .item("env", "staging")
            .item("team", "web")
            .item("tier", "front");
        let outcome = lb_metadata::workflows::set(&client, owner, &desired).expect("set");
        let keys = |items: &[lb_metadata::Meta]| {
            items.iter().map(|m| m.key().to_owned()).collect::<Vec<_>>()
        };
        assert_eq!(keys(&outcome.added), ["tier"]);
        assert_eq!(keys(&outcome.updated), ["env"]);
        assert_eq!(outcome.updated[0].value(), "staging");
        assert_eq!(keys(&outcome.unchanged), ["team"]);
        let methods: Vec<String> = emulator
            .requests()
            .iter()
            .map(|r| r.method.clone())
            .collect();
        assert_eq!(methods, ["GET", "POST", "PUT"]);
        let env = outcome.updated[0].id();
        assert_eq!(
            emulator.requests()[2].path,
            format!("{}/{env}", path(owner))
        );

        emulator.clear_requests();
        let same = lb_metadata::workflows::set(&client, owner, &desired).expect("set");
        assert!(same.changed_nothing());
        assert_eq!(emulator.requests().len(), 1, "only the list");
    }
}

#[test]
fn remove_keys_deletes_the_named_items_in_one_bulk_request() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let owner = Owner::LoadBalancer(2);
    let opts = (0..12).fold(AddOpts::new(), |o, i| o.item(format!("k{i}"), "v"));
    let added = lb_metadata::add(&client, owner, &opts)
        .extract()
        .expect("add");
    emulator.clear_requests();
    let outcome =
        lb_metadata::workflows::remove_keys(&client, owner, &["k1", "k3", "nope"]).expect("remove");
    assert_eq!(outcome.removed, [added[1].clone(), added[3].clone()]);
    assert_eq!(outcome.missing, ["nope"]);
    let requests = emulator.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].method, "DELETE");
    assert_eq!(
        requests[1].path,
        format!("{}?id={}&id={}", path(owner), added[1].id(), added[3].id())
    );

    emulator.clear_requests();
    let none =
        lb_metadata::workflows::remove_keys(&client, owner, &["nope"]).expect("nothing to remove");
    assert!(none.removed.is_empty());
    assert_eq!(emulator.requests().len(), 1, "only the list");
}
