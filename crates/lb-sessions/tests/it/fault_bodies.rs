//! Bodies that are truncated, huge, stalled or slow, and the enforced rate limits.

use crate::fault_matrix::{PATH, client, emulator};
use lb_sessions::{CreateOpts, Type};
use rackcloud_core::{AuthOptions, ErrorKind, ProviderClient, RetryPolicy, new_lb_v1};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME};
use rackcloud_emulator::{Emulator, InjectedBody, InjectedFault, LoadBalancerSeed, User};
use std::time::Duration;

#[test]
fn truncated_and_huge_success_bodies() {
    let emulator = emulator();
    let provider = ProviderClient::builder()
        .max_body_bytes(64 * 1024)
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )
        .expect("authenticate");
    let client = new_lb_v1(&provider, Default::default()).expect("client");

    emulator.inject(InjectedFault::new(Some("GET"), PATH, 200).body(InjectedBody::Truncated));
    let err = lb_sessions::get(&client, 1).extract().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));

    // A 202 whose body is cut short is still an accepted change: the body is not read.
    emulator.inject(InjectedFault::new(Some("PUT"), PATH, 202).body(InjectedBody::Truncated));
    lb_sessions::enable(&client, 1, &CreateOpts::new(Type::SourceIp))
        .extract_err()
        .expect("accepted");

    emulator.inject(
        InjectedFault::new(Some("GET"), PATH, 200).body(InjectedBody::Huge {
            bytes: 8 * 1024 * 1024,
        }),
    );
    let err = lb_sessions::get(&client, 1).extract().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge);
    assert!(err.to_string().contains("65536-byte limit"), "{err}");
}

#[test]
fn a_stalled_body_is_a_timeout_not_a_hang() {
    let emulator = emulator();
    let provider = ProviderClient::builder()
        .timeout(Duration::from_millis(500))
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )
        .expect("authenticate");
    let client = new_lb_v1(&provider, Default::default()).expect("client");
    emulator
        .inject(InjectedFault::new(Some("GET"), PATH, 200).stall_after(10, Duration::from_secs(5)));
    let started = std::time::Instant::now();
    let err = lb_sessions::get(&client, 1).extract().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert_eq!(
        emulator.stats().api_requests.get,
        1,
        "a timeout after sending is not repeated"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "bounded by the client's timeout"
    );
}

#[test]
fn a_slow_answer_within_the_timeout_succeeds() {
    let emulator = emulator();
    let client = client(&emulator, RetryPolicy::none());
    emulator.inject(InjectedFault::new(Some("GET"), PATH, 503).delay(Duration::from_millis(200)));
    let err = lb_sessions::get(&client, 1).extract().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable);
}

#[test]
fn enforced_rate_limits_answer_the_wrapped_413() {
    let emulator = Emulator::builder()
        .user(User::new(DEMO_USERNAME, DEMO_TENANT).api_key(DEMO_API_KEY))
        .load_balancer("DFW", DEMO_TENANT, LoadBalancerSeed::new(1, "web", "HTTP"))
        .rate_limits(true)
        .rate_limit("GET", 3)
        .start()
        .expect("emulator");
    let client = client(&emulator, RetryPolicy::none());
    for _ in 0..3 {
        lb_sessions::get(&client, 1)
            .extract()
            .expect("within the limit");
    }
    let err = lb_sessions::get(&client, 1).extract().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    let wait = err.retry_after().expect("Retry-After");
    assert!(
        wait > Duration::ZERO && wait <= Duration::from_secs(60),
        "{wait:?}"
    );
    // Other methods have their own budget.
    lb_sessions::enable(&client, 1, &CreateOpts::new(Type::SourceIp))
        .extract_err()
        .expect("PUT");
}
