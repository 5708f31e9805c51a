//! Early token refresh: a margin before `expires`, once for all threads, with no 401 on the way;
//! threads that meet it while it is under way keep using the old token, which is still valid.

use crate::common;

use std::sync::Barrier;
use std::time::Duration;

use rackcloud_core::{ProviderClient, new_lb_v1};
use rackcloud_emulator::Emulator;

#[test]
fn a_token_inside_the_margin_is_replaced_once_for_all_threads_before_it_expires() {
    let emulator = Emulator::builder()
        .default_seed()
        .token_lifetime(Duration::from_secs(3600))
        .start()
        .expect("emulator");
    // Once 1.2 s have passed, the first token (3598.8 s left) is inside the 3599.5 s margin and a
    // fresh one (3600 s) is not: the first thread to get there replaces it, the others use it.
    let provider = ProviderClient::builder()
        .token_refresh_margin(Duration::from_millis(3_599_500))
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    let client = new_lb_v1(&provider, Default::default()).expect("client");
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    assert_eq!(emulator.stats().token_requests, 1);

    std::thread::sleep(Duration::from_millis(1200));
    let first_token = provider.token();
    let barrier = Barrier::new(8);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                barrier.wait();
                client.get(&url).extract_err().expect("get");
            });
        }
    });
    let stats = emulator.stats();
    assert_eq!(
        stats.token_requests, 2,
        "one early refresh shared by the 8 threads"
    );
    assert_eq!(
        stats.api_requests.get, 8,
        "no call was refused and repeated"
    );
    let fresh = provider.token();
    assert_ne!(fresh, first_token);
    // Threads that arrived while the refresh was under way used the old token, still valid;
    // calls from then on use the fresh one.
    emulator.clear_requests();
    client.get(&url).extract_err().expect("get");
    let sent = emulator.requests()[0]
        .header("x-auth-token")
        .map(str::to_owned);
    assert_eq!(sent.as_deref(), Some(fresh.expose()));
    assert_eq!(emulator.stats().token_requests, 2);
}

#[test]
fn outside_the_margin_nothing_is_refreshed() {
    let emulator = Emulator::start().expect("emulator");
    let provider = ProviderClient::builder()
        .token_refresh_margin(Duration::from_secs(60))
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    let client = new_lb_v1(&provider, Default::default()).expect("client");
    for _ in 0..5 {
        client
            .get(&client.service_url(&["loadbalancers", "1"]))
            .extract_err()
            .expect("get");
    }
    assert_eq!(emulator.stats().token_requests, 1);
}

#[test]
fn a_failed_early_refresh_keeps_the_still_valid_token() {
    let emulator = Emulator::builder()
        .default_seed()
        .token_lifetime(Duration::from_secs(3600))
        .start()
        .expect("emulator");
    let provider = ProviderClient::builder()
        .token_refresh_margin(Duration::from_millis(3_599_500))
        .retry_policy(rackcloud_core::RetryPolicy::none())
        .authenticate(common::demo_key(&emulator))
        .expect("authenticate");
    let client = new_lb_v1(&provider, Default::default()).expect("client");
    std::thread::sleep(Duration::from_millis(1200));
    // The identity service is down for the refresh; the call goes on with the old token.
    emulator.inject(rackcloud_emulator::InjectedFault::new(
        Some("POST"),
        "/v2.0/tokens",
        503,
    ));
    client
        .get(&client.service_url(&["loadbalancers", "1"]))
        .extract_err()
        .expect("the old token still works");
    // A second call soon after does not hammer the identity service again.
    client
        .get(&client.service_url(&["loadbalancers", "1"]))
        .extract_err()
        .expect("get");
    assert_eq!(
        emulator.stats().token_requests,
        2,
        "the first token and one failed refresh"
    );
}
