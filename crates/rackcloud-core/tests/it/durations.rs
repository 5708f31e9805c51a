//! Every duration setting takes `Duration::MAX` without panicking, and the client still works:
//! such a setting means "no limit in practice", and the other bounds still hold.

use crate::common;

use std::time::{Duration, Instant};

use rackcloud_core::{ErrorKind, ProviderClient, RetryPolicy, new_lb_v1};
use rackcloud_emulator::{Emulator, InjectedFault};

const PATH: &str = "/dfw/v1.0/*/loadbalancers/1/sessionpersistence";

fn get_persistence(provider: &ProviderClient) -> Result<(), rackcloud_core::Error> {
    let client = new_lb_v1(provider, Default::default())?;
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    client.get(&url).extract_err()
}

#[test]
fn timeouts_of_duration_max_connect_and_answer() {
    let emulator = Emulator::start().expect("emulator");
    let provider = ProviderClient::builder()
        .connect_timeout(Duration::MAX)
        .timeout(Duration::MAX)
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    get_persistence(&provider).expect("get");
    assert_eq!(emulator.stats().api_requests.get, 1);
}

#[test]
fn a_request_timeout_of_duration_max_is_still_cut_by_the_retry_deadline() {
    let emulator = Emulator::start().expect("emulator");
    let provider = ProviderClient::builder()
        .timeout(Duration::MAX)
        .retry_policy(RetryPolicy::none().deadline(Duration::from_millis(300)))
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    emulator
        .inject(InjectedFault::new(Some("GET"), PATH, 200).stall_after(10, Duration::from_secs(5)));
    let started = Instant::now();
    let err = get_persistence(&provider).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(started.elapsed() < Duration::from_secs(4), "{err}");
}

#[test]
fn a_retry_deadline_of_duration_max_still_retries_and_succeeds() {
    let emulator = Emulator::start().expect("emulator");
    let policy = RetryPolicy::default()
        .deadline(Duration::MAX)
        .initial_backoff(Duration::from_millis(1));
    let provider = ProviderClient::builder()
        .retry_policy(policy)
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    emulator.inject(InjectedFault::new(Some("GET"), PATH, 503).times(2));
    get_persistence(&provider).expect("get after two 503s");
    assert_eq!(emulator.stats().api_requests.get, 3);
}

#[test]
fn backoffs_of_duration_max_are_waits_past_the_deadline_so_the_error_comes_at_once() {
    let emulator = Emulator::start().expect("emulator");
    let policy = RetryPolicy::default()
        .deadline(Duration::from_secs(30))
        .initial_backoff(Duration::MAX)
        .max_backoff(Duration::MAX);
    let provider = ProviderClient::builder()
        .retry_policy(policy)
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    emulator.inject(InjectedFault::new(Some("GET"), PATH, 503));
    let started = Instant::now();
    let err = get_persistence(&provider).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable);
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.attempts(), 1);
    assert!(
        err.retry_note()
            .is_some_and(|n| n.contains("would pass the deadline")),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_refresh_margin_of_duration_max_refreshes_once_then_pauses() {
    let emulator = Emulator::start().expect("emulator");
    let provider = ProviderClient::builder()
        .token_refresh_margin(Duration::MAX)
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    let first = provider.token();
    get_persistence(&provider).expect("first get");
    get_persistence(&provider).expect("second get");
    assert_eq!(
        emulator.stats().token_requests,
        2,
        "one early refresh, then the pause between refreshes holds"
    );
    assert_ne!(provider.token(), first);
    assert_eq!(emulator.stats().api_requests.get, 2);
}
