//! A connection cut before the whole answer arrived: a `GET` or `PUT` is sent again within
//! the retry policy (two leave the service as one does); a `POST` or `DELETE` is not, since the
//! server may already have acted on it (docs/errors-and-retries.md).

use std::time::Duration;

use rackcloud_core::{ErrorKind, ProviderClient, RetryPolicy, ServiceClient};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator, InjectedFault};

fn client(emulator: &Emulator) -> ServiceClient {
    let token = emulator.issue_token(DEMO_USERNAME).expect("token");
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .with_token(token);
    ServiceClient::new(&provider, emulator.lb_endpoint("DFW", DEMO_TENANT)).expect("client")
}

fn count(emulator: &Emulator, method: &str, path_end: &str) -> usize {
    emulator
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path.ends_with(path_end))
        .count()
}

#[test]
fn a_get_cut_mid_body_is_sent_again_and_succeeds() {
    let emulator = Emulator::builder()
        .default_seed()
        .start()
        .expect("emulator");
    let lb = "/dfw/v1.0/*/loadbalancers/1";
    // Ten bytes of the body, then the connection closes.
    emulator
        .inject(InjectedFault::new(Some("GET"), lb, 200).stall_after(10, Duration::from_millis(1)));
    let client = client(&emulator);
    let body: serde_json::Value = client
        .get(&client.service_url(&["loadbalancers", "1"]))
        .extract_json()
        .expect("the second GET answers");
    assert_eq!(body["loadBalancer"]["id"], 1);
    assert_eq!(count(&emulator, "GET", "/loadbalancers/1"), 2);
}

#[test]
fn a_get_whose_answer_never_comes_is_sent_again() {
    let emulator = Emulator::builder()
        .default_seed()
        .start()
        .expect("emulator");
    emulator
        .inject(InjectedFault::lost_answer(Some("GET"), "/dfw/v1.0/*/loadbalancers/1").times(2));
    let client = client(&emulator);
    let result = client.get(&client.service_url(&["loadbalancers", "1"]));
    assert_eq!(result.status(), Some(200));
    assert_eq!(count(&emulator, "GET", "/loadbalancers/1"), 3);
}

#[test]
fn a_cut_put_is_sent_again() {
    let emulator = Emulator::builder()
        .default_seed()
        .start()
        .expect("emulator");
    let path = "/dfw/v1.0/*/loadbalancers/1/sessionpersistence";
    emulator.inject(InjectedFault::lost_answer(Some("PUT"), path));
    let client = client(&emulator);
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    let body = serde_json::json!({"sessionPersistence": {"persistenceType": "HTTP_COOKIE"}});
    client
        .put(&url, &body)
        .extract_err()
        .expect("the second PUT is applied");
    assert_eq!(count(&emulator, "PUT", "/sessionpersistence"), 2);
}

#[test]
fn a_cut_post_is_not_sent_again_and_says_why() {
    let emulator = Emulator::builder()
        .default_seed()
        .start()
        .expect("emulator");
    emulator.inject(
        InjectedFault::lost_answer(Some("POST"), "/dfw/v1.0/*/loadbalancers/1/nodes").after_apply(),
    );
    let client = client(&emulator);
    let url = client.service_url(&["loadbalancers", "1", "nodes"]);
    let body =
        serde_json::json!({"nodes": [{"address": "10.1.1.9", "port": 80, "condition": "ENABLED"}]});
    let e = client.post(&url, &body).extract_err().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e:?}");
    assert_eq!(e.attempts(), 1);
    assert!(!e.is_transient());
    let text = e.to_string();
    assert!(
        text.contains("was cut before the answer was complete"),
        "{text}"
    );
    assert!(
        text.contains("not repeated: the server may already have acted on the POST"),
        "{text}"
    );
    assert_eq!(count(&emulator, "POST", "/loadbalancers/1/nodes"), 1);
}

#[test]
fn a_cut_delete_is_not_sent_again() {
    let emulator = Emulator::builder()
        .default_seed()
        .start()
        .expect("emulator");
    let path = "/dfw/v1.0/*/loadbalancers/1/sessionpersistence";
    emulator.inject(InjectedFault::lost_answer(Some("DELETE"), path).after_apply());
    let client = client(&emulator);
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    let e = client.delete(&url).extract_err().unwrap_err();
    assert_eq!(e.attempts(), 1, "{e}");
    assert_eq!(count(&emulator, "DELETE", "/sessionpersistence"), 1);
}
