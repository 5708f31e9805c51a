//! Re-authentication after a 401: once, shared by every thread, never a loop.

use crate::common;

use std::sync::Barrier;

use rackcloud_core::{ErrorKind, ServiceClient, authenticated_client};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator, OTHER_TENANT};

#[test]
fn eight_threads_meeting_an_expired_token_share_one_reauthentication() {
    let emulator = Emulator::start().expect("emulator");
    let client = common::dfw(&emulator);
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    client.get(&url).extract_err().expect("first call");
    assert_eq!(emulator.stats().token_requests, 1);

    emulator.expire_tokens();
    let barrier = Barrier::new(8);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                barrier.wait();
                for _ in 0..5 {
                    lb_get(&client, &url).expect("every call succeeds");
                }
            });
        }
    });
    assert_eq!(
        emulator.stats().token_requests,
        2,
        "exactly one re-authentication"
    );
    assert_eq!(client.provider().token_requests(), 2);
}

fn lb_get(client: &ServiceClient, url: &str) -> Result<(), rackcloud_core::Error> {
    client.get(url).extract_err()
}

#[test]
fn a_second_401_is_an_authentication_error_not_a_loop() {
    let emulator = Emulator::start().expect("emulator");
    let provider = authenticated_client(common::demo_key(&emulator)).expect("authenticate");
    // A token of the demo tenant against the other tenant's endpoint: 401 every time.
    let other =
        ServiceClient::new(&provider, emulator.lb_endpoint("DFW", OTHER_TENANT)).expect("client");
    emulator.clear_requests();
    let err = other
        .get(&other.service_url(&["loadbalancers", "100"]))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.status(), Some(401));
    let stats = emulator.stats();
    assert_eq!(stats.api_requests.get, 2, "the call and its one repeat");
    assert_eq!(
        stats.token_requests, 2,
        "the first token and one re-authentication"
    );
}

#[test]
fn without_permission_to_reauthenticate_a_401_is_final() {
    let emulator = Emulator::start().expect("emulator");
    let provider = authenticated_client(common::demo_key(&emulator).allow_reauth(false))
        .expect("authenticate");
    let client = rackcloud_core::new_lb_v1(&provider, Default::default()).expect("client");
    emulator.expire_tokens();
    let err = client
        .get(&client.service_url(&["loadbalancers", "1"]))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(emulator.stats().token_requests, 1);
    assert_eq!(emulator.stats().api_requests.get, 1);
}

#[test]
fn a_fixed_token_client_cannot_reauthenticate() {
    let emulator = Emulator::start().expect("emulator");
    let token = emulator.issue_token(DEMO_USERNAME).expect("token");
    let client = ServiceClient::with_token(&emulator.lb_endpoint("DFW", DEMO_TENANT), token)
        .expect("client");
    emulator.expire_tokens();
    let err = client
        .get(&client.service_url(&["loadbalancers", "1"]))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(emulator.stats().api_requests.get, 1);
    assert_eq!(emulator.stats().token_requests, 0);
}
