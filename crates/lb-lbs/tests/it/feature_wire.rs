//! The exact requests of logging, caching, the error page, statistics, reference data, limits
//! and bulk delete, and how their answers are read.

use lb_lbs::{Algorithm, Protocol};
use rackcloud_core::WaitOpts;
use rackcloud_emulator::{Emulator, RecordedRequest};

use crate::common::{dfw, fixture, path};

/// The requests since the last clear, as (method, path, body).
fn sent(emulator: &Emulator) -> Vec<(String, String, String)> {
    emulator
        .requests()
        .into_iter()
        .map(|r: RecordedRequest| {
            (
                r.method,
                r.path,
                String::from_utf8_lossy(&r.body).into_owned(),
            )
        })
        .collect()
}

fn one(method: &str, rest: &str, body: &str) -> Vec<(String, String, String)> {
    vec![(method.to_owned(), path(rest), body.to_owned())]
}

#[test]
fn logging_and_caching_send_their_switch() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    assert!(
        !lb_lbs::is_logging_enabled(&client, 1)
            .extract()
            .expect("get")
    );
    assert_eq!(sent(&emulator), one("GET", "/1/connectionlogging", ""));

    emulator.clear_requests();
    let result = lb_lbs::enable_logging(&client, 1);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let requests = emulator.requests();
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    assert_eq!(
        sent(&emulator),
        one(
            "PUT",
            "/1/connectionlogging",
            &fixture("enable_logging_request.json")
        )
    );

    let lb = lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &crate::common::quick())
        .expect("active");
    assert_eq!(lb.connection_logging(), Some(true));
    emulator.clear_requests();
    lb_lbs::disable_caching(&client, 1)
        .extract_err()
        .expect("accepted");
    assert_eq!(
        sent(&emulator),
        one(
            "PUT",
            "/1/contentcaching",
            &fixture("disable_caching_request.json")
        )
    );
    emulator.clear_requests();
    assert!(
        !lb_lbs::is_content_cached(&client, 1)
            .extract()
            .expect("get")
    );
    assert_eq!(sent(&emulator), one("GET", "/1/contentcaching", ""));
}

#[test]
fn the_and_wait_variants_return_the_applied_load_balancer() {
    let emulator = crate::common::slow(
        std::time::Duration::from_millis(50),
        std::time::Duration::ZERO,
    )
    .start()
    .expect("emulator");
    let client = dfw(&emulator);
    let wait = crate::common::quick();
    let read = || lb_lbs::get(&client, 1).extract().expect("read");
    lb_lbs::enable_caching(&client, 1)
        .and_wait(&wait)
        .expect("caching");
    assert_eq!(read().content_caching(), Some(true));
    lb_lbs::enable_logging(&client, 1)
        .and_wait(&wait)
        .expect("logging");
    assert_eq!(read().connection_logging(), Some(true));
    lb_lbs::disable_logging(&client, 1)
        .and_wait(&wait)
        .expect("logging off");
    assert_eq!(read().connection_logging(), Some(false));
    lb_lbs::disable_caching(&client, 1)
        .and_wait(&wait)
        .expect("caching off");
    assert_eq!(read().content_caching(), Some(false));
    // A change while another is pending is refused (the error page's 422 names no status) and
    // nothing resends it; waiting for the first change lets the page through.
    let logging = lb_lbs::enable_logging(&client, 1);
    let busy = lb_lbs::set_error_page(&client, 1, "<p>x</p>")
        .and_wait(&wait)
        .expect_err("busy");
    assert_eq!(busy.status(), Some(422));
    logging.and_wait(&wait).expect("logging applied");
    lb_lbs::set_error_page(&client, 1, "<p>x</p>")
        .and_wait(&wait)
        .expect("page");
    assert_eq!(read().status(), &lb_lbs::Status::Active);
    assert_eq!(
        lb_lbs::get_error_page(&client, 1).extract().expect("page"),
        "<p>x</p>"
    );
}

#[test]
fn error_page_get_set_delete() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let default = lb_lbs::get_error_page(&client, 1)
        .extract()
        .expect("default page");
    assert!(default.contains("<html>"), "{default}");
    emulator.clear_requests();
    let page = "<html><body>Back soon.</body></html>";
    lb_lbs::set_error_page(&client, 1, page)
        .extract_err()
        .expect("set");
    assert_eq!(
        sent(&emulator),
        one(
            "PUT",
            "/1/errorpage",
            &fixture("set_error_page_request.json")
        )
    );
    lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &WaitOpts::new()).expect("active");
    emulator.clear_requests();
    assert_eq!(
        lb_lbs::get_error_page(&client, 1).extract().expect("page"),
        page
    );
    assert_eq!(sent(&emulator), one("GET", "/1/errorpage", ""));
    emulator.clear_requests();
    let deleted = lb_lbs::delete_error_page(&client, 1);
    assert_eq!(deleted.status(), Some(202));
    deleted.extract_err().expect("deleted");
    assert_eq!(sent(&emulator), one("DELETE", "/1/errorpage", ""));
    lb_lbs::wait_for_status(&client, 1, lb_lbs::Status::Active, &WaitOpts::new()).expect("active");
    assert_eq!(
        lb_lbs::get_error_page(&client, 1).extract().expect("page"),
        default
    );
}

#[test]
fn stats_are_read_without_a_root_key_and_grow_with_traffic() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let first = lb_lbs::get_stats(&client, 2).extract().expect("stats");
    assert_eq!(sent(&emulator), one("GET", "/2/stats", ""));
    for _ in 0..9 {
        lb_lbs::get(&client, 2).extract().expect("get");
    }
    let later = lb_lbs::get_stats(&client, 2).extract().expect("stats");
    assert_eq!(later.max_conn, first.max_conn + 10);
    assert_eq!(later.connect_timeout, later.max_conn / 10);
    assert_eq!(later.max_conn_ssl, 0);
}

#[test]
fn reference_data_and_limits_are_plain_gets() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let base = format!("/dfw/v1.0/{}", rackcloud_emulator::DEMO_TENANT);
    emulator.clear_requests();
    let protocols = lb_lbs::list_protocols(&client)
        .extract()
        .expect("protocols");
    let algorithms = lb_lbs::list_algorithms(&client)
        .extract()
        .expect("algorithms");
    let domains = lb_lbs::list_allowed_domains(&client)
        .extract()
        .expect("domains");
    let cluster = lb_lbs::cluster_source_addresses(&client, 1)
        .extract()
        .expect("cluster");
    let regional = lb_lbs::regional_source_addresses(&client)
        .extract()
        .expect("regional");
    let rate = lb_lbs::rate_limits(&client).extract().expect("rate");
    let absolute = lb_lbs::absolute_limits(&client)
        .extract()
        .expect("absolute");
    let paths: Vec<String> = sent(&emulator)
        .into_iter()
        .map(|(m, p, b)| {
            assert_eq!((m.as_str(), b.as_str()), ("GET", ""));
            p
        })
        .collect();
    assert_eq!(
        paths,
        [
            path("/protocols"),
            path("/algorithms"),
            path("/alloweddomains"),
            path("/1/clustersourceaddresses"),
            format!("{base}/regionalsourceaddresses"),
            format!("{base}/limits"),
            path("/absolutelimits"),
        ]
    );
    let http = protocols
        .iter()
        .find(|p| p.name() == &Protocol::Http)
        .expect("HTTP");
    assert_eq!(http.port(), 80);
    assert_eq!(algorithms.len(), 5);
    assert!(algorithms.contains(&Algorithm::WeightedRoundRobin));
    assert_eq!(domains, ["rackspace.com", "rackspacecloud.com"]);
    assert_eq!(cluster.ipv4_publicnets().len(), 1);
    assert!(!regional.ipv6_publicnets().is_empty());
    let get = rate.for_verb("get").next().expect("GET limit");
    assert_eq!((get.value(), get.unit()), (600, "MINUTE"));
    assert!(get.next_available().is_some());
    assert_eq!(rate.groups()[0].uri(), "/v1.0/*");
    assert_eq!(
        (
            absolute.load_balancer_limit(),
            absolute.access_list_limit(),
            absolute.load_balancer_meta_limit()
        ),
        (Some(25), Some(100), Some(25))
    );
    assert_eq!(absolute.iter().count(), 8);
    assert_eq!(lb_lbs::remaining_nodes(&client, 2).expect("remaining"), 23);
}

#[test]
fn bulk_delete_sends_ten_ids_a_request() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let ids: Vec<u64> = (1..=25).collect();
    emulator.clear_requests();
    let outcome = lb_lbs::bulk_delete(&client, &ids);
    let requests = sent(&emulator);
    // The first chunk names unknown ids: all or nothing, and the walk stops there.
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].1,
        path("?id=1&id=2&id=3&id=4&id=5&id=6&id=7&id=8&id=9&id=10")
    );
    assert_eq!(outcome.failed(), &ids[..10]);
    assert_eq!(outcome.not_attempted(), &ids[10..]);
    assert_eq!(
        outcome.extract_err().expect_err("refused").status(),
        Some(400)
    );
    assert_eq!(
        lb_lbs::get(&client, 1).extract().expect("kept").status(),
        &lb_lbs::Status::Active
    );
}
