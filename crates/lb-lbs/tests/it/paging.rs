//! Walking every page of `GET /loadbalancers`: the exact requests, where the walk stops, and
//! what a misbehaving server or a failed page does to it.

use lb_lbs::{ListOpts, LoadBalancer};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME};
use rackcloud_emulator::{DEMO_TENANT, Emulator, InjectedBody, InjectedFault, LoadBalancerSeed};

/// An emulator whose demo account in DFW has load balancers 1 to `n` (and nothing else).
fn with_load_balancers(n: u64) -> Emulator {
    let mut builder = Emulator::builder().default_seed();
    for id in 1..=n {
        builder = builder.load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(id, &format!("lb-{id}"), "HTTP"),
        );
    }
    builder.start().expect("emulator")
}

fn ids(page: &[LoadBalancer]) -> Vec<u64> {
    page.iter().map(LoadBalancer::id).collect()
}

fn paths(emulator: &Emulator) -> Vec<String> {
    emulator.requests().into_iter().map(|r| r.path).collect()
}

#[test]
fn pages_walk_every_page_with_exact_markers_and_stop_after_a_short_one() {
    let emulator = with_load_balancers(10);
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let pages: Vec<Vec<u64>> = lb_lbs::pages(&client, ListOpts::new().limit(3))
        .map(|page| ids(&page.expect("page")))
        .collect();
    assert_eq!(
        pages,
        [vec![1, 2, 3], vec![4, 5, 6], vec![7, 8, 9], vec![10]]
    );
    assert_eq!(
        paths(&emulator),
        [
            crate::common::path("?limit=3"),
            crate::common::path("?limit=3&marker=3"),
            crate::common::path("?limit=3&marker=6"),
            crate::common::path("?limit=3&marker=9"),
        ]
    );
    assert!(emulator.requests().iter().all(|r| r.method == "GET"));
}

#[test]
fn a_last_full_page_costs_one_empty_request() {
    let emulator = with_load_balancers(9);
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let all = lb_lbs::list_all(&client, ListOpts::new().limit(3)).expect("list");
    assert_eq!(ids(&all), (1..=9).collect::<Vec<_>>());
    assert_eq!(
        paths(&emulator),
        [
            crate::common::path("?limit=3"),
            crate::common::path("?limit=3&marker=3"),
            crate::common::path("?limit=3&marker=6"),
            crate::common::path("?limit=3&marker=9"),
        ]
    );
}

#[test]
fn without_a_limit_the_walk_ends_at_the_first_empty_page() {
    let emulator = with_load_balancers(5);
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let all = lb_lbs::list_all(&client, ListOpts::new()).expect("list");
    assert_eq!(ids(&all), [1, 2, 3, 4, 5]);
    assert_eq!(
        paths(&emulator),
        [crate::common::path(""), crate::common::path("?marker=5")]
    );
}

#[test]
fn a_start_marker_and_deleted_load_balancers_are_respected() {
    let emulator = with_load_balancers(8);
    let client = crate::common::dfw(&emulator);
    for id in [4, 6] {
        lb_lbs::delete(&client, id).extract_err().expect("delete");
    }
    let all = lb_lbs::list_all(&client, ListOpts::new().limit(2).marker(2)).expect("list");
    assert_eq!(ids(&all), [3, 5, 7, 8]);
}

#[test]
fn an_empty_account_has_no_pages() {
    let emulator = Emulator::builder()
        .user(rackcloud_emulator::User::new(DEMO_USERNAME, DEMO_TENANT).api_key(DEMO_API_KEY))
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    assert_eq!(lb_lbs::pages(&client, ListOpts::new().limit(5)).count(), 0);
    assert!(
        lb_lbs::list_all(&client, ListOpts::new())
            .expect("list")
            .is_empty()
    );
}

#[test]
fn a_failed_page_ends_the_walk_with_its_error() {
    let emulator = with_load_balancers(6);
    let client = crate::common::dfw(&emulator);
    // The first page is served, the second fails with a proxy's 502 page.
    let mut pages = lb_lbs::pages(&client, ListOpts::new().limit(2));
    assert_eq!(ids(&pages.next().expect("a page").expect("ok")), [1, 2]);
    emulator.inject(
        InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers", 502)
            .body(InjectedBody::Html)
            .times(1),
    );
    let err = pages.next().expect("an item").unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert!(pages.next().is_none(), "the walk ends after an error");
}

#[test]
fn a_server_that_ignores_the_marker_cannot_loop_forever() {
    let emulator = with_load_balancers(3);
    let client = crate::common::dfw(&emulator);
    let page = lb_lbs::list(&client, &ListOpts::new().limit(2))
        .extract()
        .expect("page");
    assert_eq!(ids(&page), [1, 2]);
    // From now on every list answers the first page, whatever the marker.
    let raw = client
        .get(&client.service_url(&["loadbalancers?limit=2"]))
        .into_result()
        .expect("raw page");
    let first: serde_json::Value = serde_json::from_slice(raw.body()).expect("json");
    emulator.inject(
        InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers", 200)
            .body(InjectedBody::Json(first))
            .times(100),
    );
    emulator.clear_requests();
    let err = lb_lbs::list_all(&client, ListOpts::new().limit(2)).unwrap_err();
    assert_eq!(err.kind(), rackcloud_core::ErrorKind::Decode);
    assert!(
        err.to_string().contains("did not move past the marker"),
        "{err}"
    );
    assert_eq!(emulator.requests().len(), 2);
}

#[test]
fn a_walk_stops_at_its_page_bound_with_a_typed_error() {
    let emulator = with_load_balancers(30);
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let opts = ListOpts::new()
        .limit(5)
        .bound(rackcloud_core::kit::PageBound::new(3, 1000));
    let walked: Vec<_> = lb_lbs::pages(&client, opts.clone()).collect();
    assert_eq!(walked.len(), 4);
    assert!(
        walked[..3]
            .iter()
            .all(|page| page.as_ref().is_ok_and(|p| p.len() == 5))
    );
    let e = walked[3].as_ref().expect_err("the bound");
    assert_eq!(e.kind(), rackcloud_core::ErrorKind::TooManyPages);
    assert_eq!(
        paths(&emulator),
        [
            crate::common::path("?limit=5"),
            crate::common::path("?limit=5&marker=5"),
            crate::common::path("?limit=5&marker=10"),
        ]
    );
    let e = lb_lbs::list_all(&client, opts).expect_err("the bound");
    assert_eq!(e.kind(), rackcloud_core::ErrorKind::TooManyPages);
}

#[test]
fn the_item_bound_stops_before_the_next_page() {
    let emulator = with_load_balancers(30);
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let opts = ListOpts::new()
        .limit(10)
        .bound(rackcloud_core::kit::PageBound::new(100, 15));
    let e = lb_lbs::list_all(&client, opts).expect_err("the bound");
    assert_eq!(e.kind(), rackcloud_core::ErrorKind::TooManyPages);
    assert_eq!(emulator.requests().len(), 2);
}
