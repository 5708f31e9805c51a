//! A server that never ends a listing: the CLI stops at the pager's bound with a typed error
//! instead of following it for ever.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use rackcloud_emulator::{DEMO_TENANT, Emulator};

use crate::common::as_demo;

/// Answers every `GET …/loadbalancers` with a full page of 100 new load balancers after the
/// marker, counting the requests.
fn endless_listing() -> (String, Arc<AtomicUsize>) {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a server"));
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let served = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&served);
    thread::spawn(move || {
        for request in server.incoming_requests() {
            count.fetch_add(1, Ordering::SeqCst);
            let after: u64 = request
                .url()
                .split(['?', '&'])
                .find_map(|pair| pair.strip_prefix("marker="))
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            let page: Vec<String> = (after + 1..=after + 100)
                .map(|id| {
                    format!(
                        r#"{{"id":{id},"name":"lb-{id}","protocol":"HTTP","port":80,"algorithm":"RANDOM","status":"ACTIVE","nodeCount":0,"virtualIps":[],"created":{{"time":"2026-11-30T00:00:00Z"}},"updated":{{"time":"2026-11-30T00:00:00Z"}}}}"#
                    )
                })
                .collect();
            let body = format!(r#"{{"loadBalancers":[{}]}}"#, page.join(","));
            let header = tiny_http::Header::from_bytes("Content-Type", "application/json")
                .expect("a header");
            let _ = request.respond(tiny_http::Response::from_string(body).with_header(header));
        }
    });
    (
        format!("http://127.0.0.1:{port}/v1.0/{DEMO_TENANT}"),
        served,
    )
}

#[test]
fn lb_list_stops_at_the_bound_of_an_endless_listing() {
    let emulator = Emulator::start().expect("emulator");
    let (endpoint, served) = endless_listing();
    let run = as_demo(&emulator, &["--endpoint", &endpoint, "lb", "list"]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    let line = run.error_line();
    assert!(line.contains("too many pages"), "{line}");
    assert!(
        line.contains("did not end after 50 pages and 5000 items"),
        "{line}"
    );
    assert_eq!(served.load(Ordering::SeqCst), 50);
}
