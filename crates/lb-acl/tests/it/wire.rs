//! The exact requests every operation sends, and how the answers are read.

use std::time::Duration;

use lb_acl::{AppendOpts, NetworkItem};
use rackcloud_core::model::{AppendItem, RuleType};
use rackcloud_emulator::Emulator;

use crate::common::{dfw, fixture, path, quick, slow};

fn allow_list() -> AppendOpts {
    AppendOpts::new()
        .deny("0.0.0.0/0")
        .deny("::/0")
        .allow("192.0.2.0/24")
        .allow("2001:DB8:1::/48")
}

fn fast() -> Emulator {
    slow(Duration::from_millis(30), Duration::ZERO)
        .start()
        .expect("emulator")
}

#[test]
fn append_sends_the_exact_body_and_headers() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let result = lb_acl::append(&client, 1, &allow_list());
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path(1).as_str())
    );
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        fixture("append_request.json")
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(
        r.header("x-auth-token"),
        Some(client.provider().token().expose())
    );
}

#[test]
fn list_reads_the_items_in_order() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    lb_acl::append(&client, 1, &allow_list())
        .extract_err()
        .expect("append");
    emulator.clear_requests();
    let items = lb_acl::list(&client, 1).extract().expect("list");
    assert_eq!(items.len(), 4);
    assert_eq!(
        items[0],
        NetworkItem::new(100_001, "0.0.0.0/0", RuleType::Deny)
    );
    assert_eq!(items[3].address(), "2001:DB8:1::/48");
    assert_eq!(items[3].rule_type(), &RuleType::Allow);
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", path(1).as_str())
    );
    assert_eq!(r.header("content-type"), None);
    let raw = client
        .get(&client.lb_url(1, &["accesslist"]))
        .into_result()
        .expect("get");
    let body: serde_json::Value = serde_json::from_slice(raw.body()).expect("json");
    assert_eq!(body.to_string(), fixture("list_response.json"));
}

#[test]
fn delete_one_delete_all_and_bulk_delete_paths() {
    let emulator = fast();
    let client = dfw(&emulator);
    let wait = quick();
    lb_acl::append(&client, 1, &allow_list())
        .and_wait(&wait)
        .expect("append");
    emulator.clear_requests();
    lb_acl::delete(&client, 1, 100_002)
        .and_wait(&wait)
        .expect("delete one");
    assert_eq!(emulator.requests()[0].method, "DELETE");
    assert_eq!(emulator.requests()[0].path, format!("{}/100002", path(1)));
    emulator.clear_requests();
    lb_acl::bulk_delete(&client, 1, &[100_001, 100_003], &wait)
        .and_wait(&wait)
        .expect("bulk");
    let r = &emulator.requests()[0];
    assert_eq!(r.method, "DELETE");
    assert_eq!(r.path, format!("{}?id=100001&id=100003", path(1)));
    assert!(r.body.is_empty());
    emulator.clear_requests();
    lb_acl::delete_all(&client, 1)
        .and_wait(&wait)
        .expect("delete all");
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("DELETE", path(1).as_str())
    );
    assert!(lb_acl::list(&client, 1).extract().expect("list").is_empty());
}

#[test]
fn bulk_delete_chunks_by_ten_and_waits_between_chunks() {
    let emulator = fast();
    let client = dfw(&emulator);
    let wait = quick();
    let opts: AppendOpts = (1..=25)
        .map(|i| AppendItem::deny(format!("192.0.2.{i}")))
        .collect();
    lb_acl::append(&client, 1, &opts)
        .and_wait(&wait)
        .expect("append");
    let ids: Vec<u64> = (100_001..=100_025).collect();
    emulator.clear_requests();
    let outcome = lb_acl::bulk_delete(&client, 1, &ids, &wait);
    assert!(outcome.is_complete(), "{:?}", outcome.error());
    assert_eq!(outcome.done(), ids.as_slice());
    let deletes: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| r.path.matches("id=").count())
        .collect();
    assert_eq!(deletes, [10, 10, 5]);
    // Between the deletes, the load balancer was polled until ACTIVE.
    let methods: Vec<_> = emulator.requests().into_iter().map(|r| r.method).collect();
    let first_get = methods.iter().position(|m| m == "GET").expect("a poll");
    assert!(
        first_get > 0 && first_get < methods.len() - 1,
        "{methods:?}"
    );
}
