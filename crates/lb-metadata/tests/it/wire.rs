//! The exact requests of the six operations, for both owners, and how the answers are read.

use lb_metadata::{AddOpts, Owner, UpdateOpts};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

use crate::common::{dfw, first_node, fixture, path};

#[test]
fn every_operation_sends_the_exact_request_for_both_owners() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    for owner in [Owner::LoadBalancer(1), first_node(&client, 1)] {
        let base = path(owner);
        emulator.clear_requests();
        let opts = AddOpts::new().item("color", "red").item("label", "web");
        let result = lb_metadata::add(&client, owner, &opts);
        assert_eq!(result.status(), Some(200));
        let added = result.extract().expect("added");
        assert_eq!(added.len(), 2);
        assert_eq!((added[0].key(), added[0].value()), ("color", "red"));
        let id = added[0].id();

        let listed = lb_metadata::list(&client, owner).extract().expect("list");
        assert_eq!(listed, added);
        let one = lb_metadata::get(&client, owner, id).extract().expect("get");
        assert_eq!(one, added[0]);
        lb_metadata::update(&client, owner, id, &UpdateOpts::new("blue"))
            .extract_err()
            .expect("update");
        lb_metadata::delete(&client, owner, id)
            .extract_err()
            .expect("delete");
        let outcome = lb_metadata::bulk_delete(&client, owner, &[added[1].id()]);
        outcome.extract_err().expect("bulk");

        let requests = emulator.requests();
        let seen: Vec<(String, String)> = requests
            .iter()
            .map(|r| (r.method.clone(), r.path.clone()))
            .collect();
        let item = format!("{base}/{id}");
        let expected = [
            ("POST", base.clone()),
            ("GET", base.clone()),
            ("GET", item.clone()),
            ("PUT", item.clone()),
            ("DELETE", item),
            ("DELETE", format!("{base}?id={}", added[1].id())),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(m, p)| ((*m).to_owned(), p.clone()))
            .collect();
        assert_eq!(seen, expected, "{owner}");
        assert_eq!(
            String::from_utf8_lossy(&requests[0].body),
            fixture("add_request.json")
        );
        assert_eq!(
            String::from_utf8_lossy(&requests[3].body),
            fixture("update_request.json")
        );
        for r in &requests {
            assert_eq!(r.header("accept"), Some("application/json"));
            let with_body = r.method == "POST" || r.method == "PUT";
            assert_eq!(
                r.header("content-type").is_some(),
                with_body,
                "{}",
                r.method
            );
            assert_eq!(r.body.is_empty(), !with_body);
        }
        assert!(
            lb_metadata::list(&client, owner)
                .extract()
                .expect("list")
                .is_empty()
        );
    }
    // No change made the load balancer PENDING_UPDATE.
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("ACTIVE")
    );
}

#[test]
fn bulk_delete_chunks_by_ten_without_waiting() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let owner = Owner::LoadBalancer(2);
    let opts = (0..25).fold(AddOpts::new(), |o, i| o.item(format!("k{i}"), "v"));
    let ids: Vec<u64> = lb_metadata::add(&client, owner, &opts)
        .extract()
        .expect("add")
        .iter()
        .map(|m| m.id())
        .collect();
    emulator.clear_requests();
    let outcome = lb_metadata::bulk_delete(&client, owner, &ids);
    assert!(outcome.is_complete(), "{outcome:?}");
    let requests = emulator.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    let base = path(owner);
    let chunk = |ids: &[u64]| format!("{base}{}", rackcloud_core::kit::id_query(ids));
    assert_eq!(
        paths,
        [chunk(&ids[..10]), chunk(&ids[10..20]), chunk(&ids[20..])]
    );
    assert!(
        requests.iter().all(|r| r.method == "DELETE"),
        "no polls in between"
    );
}

#[test]
fn ids_written_as_strings_are_read() {
    use rackcloud_emulator::{InjectedBody, InjectedFault};
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let list = serde_json::json!({"metadata":[
        {"id":"1","key":"color","value":"red"},{"id":2,"key":"label","value":"web"}]});
    emulator.inject(
        InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1/metadata", 200)
            .body(InjectedBody::Json(list)),
    );
    let items = lb_metadata::list(&client, Owner::LoadBalancer(1))
        .extract()
        .expect("string ids are read");
    assert_eq!(
        items.iter().map(lb_metadata::Meta::id).collect::<Vec<_>>(),
        [1, 2]
    );
    let one = serde_json::json!({"meta":{"id":" 7 ","key":"k","value":"v"}});
    emulator.inject(
        InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1/metadata/7", 200)
            .body(InjectedBody::Json(one)),
    );
    let got = lb_metadata::get(&client, Owner::LoadBalancer(1), 7)
        .extract()
        .expect("get");
    assert_eq!(got.id(), 7);
    let bad = serde_json::json!({"metadata":[{"id":"x1","key":"k","value":"v"}]});
    emulator.inject(
        InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1/metadata", 200)
            .body(InjectedBody::Json(bad)),
    );
    let e = lb_metadata::list(&client, Owner::LoadBalancer(1))
        .extract()
        .unwrap_err();
    assert!(e.to_string().contains("metadata[0].id"), "{e}");
}
