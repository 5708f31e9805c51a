//! The exact requests of every operation, and how the answers are read.

use std::time::Duration;

use lb_vips::AddOpts;
use rackcloud_core::model::{IpVersion, VipType};
use rackcloud_emulator::Emulator;

use crate::common::{dfw, fixture, path, quick, slow};

#[test]
fn list_is_a_bare_get_and_reads_every_field() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let vips = lb_vips::list(&client, 1).extract().expect("list");
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", path(1).as_str())
    );
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(r.header("content-type"), None);
    assert!(r.body.is_empty());
    assert_eq!(vips.len(), 2);
    assert_eq!(vips[0].vip_type(), &VipType::Public);
    assert_eq!(vips[0].ip_version(), &IpVersion::Ipv4);
    assert_eq!(vips[1].ip_version(), &IpVersion::Ipv6);
    assert!(vips[1].address().contains(':'));
    assert!(vips[0].id() > 0 && vips[0].id() != vips[1].id());
}

#[test]
fn add_posts_the_unwrapped_body_and_reads_the_unwrapped_answer() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let result = lb_vips::add(&client, 1, &AddOpts::new());
    assert_eq!(result.status(), Some(202));
    let vip = result.extract().expect("added");
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", path(1).as_str())
    );
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        fixture("add_request.json")
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.header("x-auth-token"),
        Some(client.provider().token().expose())
    );
    assert_eq!(
        (vip.vip_type(), vip.ip_version()),
        (&VipType::Public, &IpVersion::Ipv6)
    );
    let listed = lb_vips::list(&client, 1).extract().expect("list");
    assert!(listed.contains(&vip));
}

#[test]
fn delete_is_a_bare_delete_of_the_virtual_ip() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let first = lb_vips::list(&client, 2).extract().expect("list")[0].id();
    emulator.clear_requests();
    let result = lb_vips::delete(&client, 2, first);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("deleted");
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("DELETE", format!("{}/{first}", path(2)))
    );
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
}

#[test]
fn bulk_delete_chunks_by_ten_and_waits_between_chunks() {
    let emulator = slow(Duration::from_millis(30), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw(&emulator);
    let mut added = Vec::new();
    for _ in 0..12 {
        added.push(
            lb_vips::add(&client, 1, &AddOpts::new())
                .and_wait(&quick())
                .expect("add")
                .id(),
        );
    }
    emulator.clear_requests();
    let outcome = lb_vips::bulk_delete(&client, 1, &added, &quick());
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.done(), added.as_slice());
    let deletes: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .collect();
    assert_eq!(deletes.len(), 2);
    let query = |ids: &[u64]| rackcloud_core::kit::id_query(ids);
    assert_eq!(
        deletes[0].path,
        format!("{}{}", path(1), query(&added[..10]))
    );
    assert_eq!(
        deletes[1].path,
        format!("{}{}", path(1), query(&added[10..]))
    );
    // Between the chunks, the load balancer was polled until ACTIVE.
    let gets = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .count();
    assert!(gets >= 1);
    assert_eq!(lb_vips::list(&client, 1).extract().expect("list").len(), 2);
}

#[test]
fn the_and_wait_variants_return_once_applied() {
    let emulator = slow(Duration::from_millis(50), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw(&emulator);
    let vip = lb_vips::add(&client, 3, &AddOpts::new())
        .and_wait(&quick())
        .expect("add");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, 3)
            .as_deref(),
        Some("ACTIVE")
    );
    lb_vips::delete(&client, 3, vip.id())
        .and_wait(&quick())
        .expect("delete");
    let vip = lb_vips::add(&client, 3, &AddOpts::new())
        .and_wait(&quick())
        .expect("add");
    lb_vips::bulk_delete(&client, 3, &[vip.id()], &quick())
        .and_wait(&quick())
        .expect("bulk");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, 3)
            .as_deref(),
        Some("ACTIVE")
    );
}
