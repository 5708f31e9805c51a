//! Bulk delete chunking, listing with every filter (one page and every page), statistics
//! through a 503 with `Retry-After`, and the checks made before sending.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use lb_lbs::{ListOpts, Status};
use rackcloud_core::kit::PageBound;
use rackcloud_core::{EndpointOpts, ErrorKind, ProviderClient, RetryPolicy, new_lb_v1};
use rackcloud_emulator::{DEMO_TENANT, Emulator, InjectedFault, LoadBalancerSeed};

use crate::common::{dfw, lb_path, quick};

/// The default seed plus load balancers 4 to 25 (`bulk-4`, …), all ACTIVE HTTP.
fn many() -> Emulator {
    let mut builder = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(20));
    for id in 4..=25 {
        builder = builder.load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(id, &format!("bulk-{id}"), "HTTP"),
        );
    }
    builder.start().expect("emulator")
}

#[test]
fn twenty_five_ids_take_three_requests() {
    let emulator = many();
    let client = dfw(&emulator);
    let ids: Vec<u64> = (1..=25).collect();
    emulator.clear_requests();
    lb_lbs::bulk_delete(&client, &ids)
        .and_wait(&quick())
        .expect("deleted");
    let deletes: Vec<String> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| r.path)
        .collect();
    assert_eq!(deletes.len(), 3);
    assert_eq!(deletes[2], lb_path("?id=21&id=22&id=23&id=24&id=25"));
    assert_eq!(deletes[0].matches("id=").count(), 10);
    let gone = lb_lbs::list(&client, &ListOpts::new().status(Status::Deleted))
        .extract()
        .expect("list");
    assert_eq!(gone.len(), 25);
    assert!(
        lb_lbs::list(&client, &ListOpts::new())
            .extract()
            .expect("list")
            .is_empty()
    );
}

#[test]
fn bad_ids_are_refused_before_sending() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    for ids in [&[][..], &[0], &[1, 1]] {
        let e = lb_lbs::bulk_delete(&client, ids)
            .extract_err()
            .expect_err("refused");
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{ids:?}");
    }
    let e = lb_lbs::set_error_page(&client, 1, " ")
        .extract_err()
        .expect_err("empty page");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    for opts in [ListOpts::new().name(""), ListOpts::new().node_address("")] {
        let e = lb_lbs::list(&client, &opts)
            .extract()
            .expect_err("empty filter");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
    }
    for e in [
        lb_lbs::enable_logging(&client, 0).extract_err(),
        lb_lbs::get_stats(&client, 0).extract().map(|_| ()),
        lb_lbs::cluster_source_addresses(&client, 0)
            .extract()
            .map(|_| ()),
    ] {
        assert_eq!(e.expect_err("id 0").kind(), ErrorKind::InvalidInput);
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
    // One character is a page; ten ids are one request.
    lb_lbs::set_error_page(&client, 1, "x")
        .extract_err()
        .expect("one character");
}

#[test]
fn filters_are_sent_encoded_and_applied() {
    let emulator = many();
    let client = dfw(&emulator);
    emulator.clear_requests();
    let named = lb_lbs::list(&client, &ListOpts::new().name("bulk-7"))
        .extract()
        .expect("list");
    assert_eq!(named.iter().map(|lb| lb.id()).collect::<Vec<_>>(), [7]);
    assert_eq!(emulator.requests()[0].path, lb_path("?name=bulk-7"));

    // Load balancer 1 has a node at 10.180.0.1 in the seed; the items are short.
    let web = lb_lbs::get(&client, 1).extract().expect("get");
    let address = web.nodes()[0].address().to_owned();
    let by_node = lb_lbs::list(
        &client,
        &ListOpts::new()
            .node_address(address.as_str())
            .name("nobody"),
    )
    .extract()
    .expect("list");
    assert!(by_node.iter().any(|lb| lb.id() == 1));
    assert_eq!(by_node[0].port(), 0);

    let since = web.updated_at().expect("a time");
    let changed = lb_lbs::list(&client, &ListOpts::new().changes_since(since))
        .extract()
        .expect("list");
    assert!(changed.iter().any(|lb| lb.id() == 1));
    let future = "2999-01-01T00:00:00Z".parse().expect("a time");
    assert!(
        lb_lbs::list(&client, &ListOpts::new().changes_since(future))
            .extract()
            .expect("list")
            .is_empty()
    );

    let one_page = lb_lbs::list(&client, &ListOpts::new().offset(20))
        .extract()
        .expect("list");
    assert_eq!(one_page.len(), 5);
}

#[test]
fn every_page_keeps_the_filters_and_skips_the_offset_once() {
    let emulator = many();
    let client = dfw(&emulator);
    lb_lbs::delete(&client, 3).extract_err().expect("deleted");
    emulator.clear_requests();
    let opts = ListOpts::new().status(Status::Active).limit(10).offset(2);
    let all = lb_lbs::list_all(&client, opts).expect("list");
    assert_eq!(all.first().map(|lb| lb.id()), Some(4)); // 1, 2 skipped; 3 is deleting
    assert_eq!(all.len(), 22);
    let paths: Vec<String> = emulator.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths[0], lb_path("?status=ACTIVE&limit=10&offset=2"));
    assert_eq!(paths[1], lb_path("?status=ACTIVE&limit=10&marker=13"));
    // A bound still stops the walk.
    let bounded = ListOpts::new()
        .status(Status::Active)
        .limit(1)
        .bound(PageBound::new(3, 100));
    let e = lb_lbs::list_all(&client, bounded).expect_err("bounded");
    assert_eq!(e.kind(), ErrorKind::TooManyPages);
}

#[test]
fn stats_wait_out_a_503_with_retry_after() {
    let emulator = Emulator::start().expect("emulator");
    let waits = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&waits);
    let policy = RetryPolicy::default().sleeper(move |d| sink.lock().expect("lock").push(d));
    let provider = ProviderClient::builder()
        .retry_policy(policy)
        .authenticate(rackcloud_testing::demo_auth(&emulator))
        .expect("authenticate");
    let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("client");
    let pattern = format!("/dfw/v1.0/{DEMO_TENANT}/loadbalancers/1/stats");
    emulator.inject(
        InjectedFault::new(Some("GET"), &pattern, 503)
            .retry_after("7")
            .times(1),
    );
    emulator.clear_requests();
    let stats = lb_lbs::get_stats(&client, 1)
        .extract()
        .expect("stats after the 503");
    assert_eq!(stats.max_conn, 1); // the 503 came from in front of the service: only the repeat was served
    assert_eq!(*waits.lock().expect("lock"), [Duration::from_secs(7)]);
    assert_eq!(emulator.requests().len(), 2);

    // Without retries the 503 is the answer, with its Retry-After.
    emulator.inject(
        InjectedFault::new(Some("GET"), &pattern, 503)
            .retry_after("7")
            .times(1),
    );
    let e = lb_lbs::get_stats(&crate::common::dfw_no_retries(&emulator), 1)
        .extract()
        .expect_err("503");
    assert_eq!(
        (e.kind(), e.retry_after()),
        (ErrorKind::Unavailable, Some(Duration::from_secs(7)))
    );
}
