//! What every service call puts on the wire, and how answers become results.

use crate::common;

use rackcloud_core::kit::{Method, RequestOpts};
use rackcloud_core::{ErrorKind, ProviderClient, ServiceClient};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator};
use serde_json::json;

#[test]
fn headers_of_calls_with_and_without_a_body() {
    let emulator = Emulator::start().expect("emulator");
    let client = common::dfw(&emulator);
    let token = client.provider().token();
    emulator.clear_requests();
    let url = client.service_url(&["loadbalancers", "2", "sessionpersistence"]);
    client.get(&url).extract_err().expect("get");
    client
        .put(
            &url,
            &json!({"sessionPersistence": {"persistenceType": "SOURCE_IP"}}),
        )
        .extract_err()
        .expect("put");
    client.delete(&url).extract_err().expect("delete");
    let requests = emulator.requests();
    let methods: Vec<_> = requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["GET", "PUT", "DELETE"]);
    for r in &requests {
        assert_eq!(
            r.path,
            format!("/dfw/v1.0/{DEMO_TENANT}/loadbalancers/2/sessionpersistence")
        );
        assert_eq!(r.header("accept"), Some("application/json"));
        assert_eq!(r.header("x-auth-token"), Some(token.expose()));
        assert_eq!(
            r.header("user-agent"),
            Some(concat!("rackcloud/", env!("CARGO_PKG_VERSION")))
        );
    }
    assert_eq!(requests[0].header("content-type"), None);
    assert_eq!(requests[1].header("content-type"), Some("application/json"));
    assert_eq!(
        requests[1].body,
        br#"{"sessionPersistence":{"persistenceType":"SOURCE_IP"}}"#
    );
    assert_eq!(requests[2].header("content-type"), None);
    assert!(requests[0].body.is_empty() && requests[2].body.is_empty());
}

#[test]
fn user_agent_prefix() {
    let emulator = Emulator::start().expect("emulator");
    let token = emulator.issue_token(DEMO_USERNAME).expect("token");
    let provider = ProviderClient::builder()
        .user_agent_prefix("lb-janitor/2.1")
        .with_token(token);
    let client =
        ServiceClient::new(&provider, emulator.lb_endpoint("DFW", DEMO_TENANT)).expect("client");
    client
        .get(&client.service_url(&["loadbalancers"]))
        .extract_err()
        .expect("list");
    let ua = emulator
        .requests()
        .last()
        .and_then(|r| r.header("user-agent").map(str::to_owned));
    assert_eq!(
        ua,
        Some(format!(
            "lb-janitor/2.1 rackcloud/{}",
            env!("CARGO_PKG_VERSION")
        ))
    );
}

#[test]
fn an_empty_202_is_a_success_and_statuses_outside_the_ok_codes_are_errors() {
    let emulator = Emulator::start().expect("emulator");
    let client = common::dfw(&emulator);
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    let result = client.put(
        &url,
        &json!({"sessionPersistence": {"persistenceType": "HTTP_COOKIE"}}),
    );
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("an empty 202 is success");

    // The same GET, accepting only 204, is an unexpected status.
    let err = client
        .request(Method::Get, &url, RequestOpts::new().ok_codes(&[204]))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(err.status(), Some(200));
}

#[test]
fn server_faults_become_typed_errors() {
    let emulator = Emulator::start().expect("emulator");
    let client = common::dfw(&emulator);
    let sp = |id: &str| client.service_url(&["loadbalancers", id, "sessionpersistence"]);

    // 400, validation shape.
    let err = client
        .put(&sp("1"), &json!({"sessionPersistence": {}}))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(400));
    let fault = err.fault().expect("fault");
    assert_eq!(fault.validation_messages().len(), 1);
    assert!(fault.message().is_some() && fault.details().is_some());

    // 400, message as an array.
    let err = client
        .put(&sp("1"), &json!(["not", "an", "object"]))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.fault().expect("fault").messages().len(), 1);

    // 404, flat.
    let err = client.get(&sp("999")).extract_err().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.fault().and_then(|f| f.code()), Some(404));

    // 422, already deleted.
    let err = client.delete(&sp("1")).extract_err().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyDisabled);
    assert_eq!(err.status(), Some(422));
    assert!(err.server_message().is_some());
}

#[test]
fn a_body_that_is_not_the_expected_json_is_a_decode_error() {
    let emulator = Emulator::start().expect("emulator");
    let client = common::dfw(&emulator);
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    let err = client.get(&url).extract_json::<Vec<u32>>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(
        err.to_string().starts_with("GET http://127.0.0.1:"),
        "{err}"
    );
    // serde's own error quotes the body's values, so it is not kept as the source: the
    // message says where and how the body did not match.
    assert!(std::error::Error::source(&err).is_none());
    assert!(err.to_string().contains("at its top level"), "{err}");
}

#[test]
fn a_token_for_a_remote_plain_http_endpoint_is_refused_before_sending() {
    let err = ServiceClient::with_token("http://lb.example.com/v1.0/1", "t").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    let provider = ProviderClient::builder()
        .allow_plain_http(true)
        .with_token("t");
    ServiceClient::new(&provider, "http://lb.example.com/v1.0/1").expect("explicitly allowed");
}

#[test]
fn a_decode_error_names_the_field_path_and_quotes_no_value() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Body {
        items: Vec<Item>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        id: u64,
    }
    let emulator = Emulator::start().expect("emulator");
    let client = common::dfw(&emulator);
    let path = "/dfw/v1.0/*/loadbalancers/1/metadata";
    emulator.inject(
        rackcloud_emulator::InjectedFault::new(Some("GET"), path, 200).body(
            rackcloud_emulator::InjectedBody::Json(
                json!({"items":[{"id":1},{"id":"s3cr3t-token-value"}]}),
            ),
        ),
    );
    let url = client.service_url(&["loadbalancers", "1", "metadata"]);
    let e = client.get(&url).extract_json::<Body>().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    let shown = e.to_string();
    let debug = format!("{e:?}");
    assert!(shown.contains("at `items[1].id`"), "{shown}");
    assert!(
        shown.contains("invalid type: string, expected u64"),
        "{shown}"
    );
    assert!(!shown.contains("empty body"), "{shown}");
    for text in [&shown, &debug] {
        assert!(!text.contains("s3cr3t"), "{text}");
    }

    emulator.inject(
        rackcloud_emulator::InjectedFault::new(Some("GET"), path, 200)
            .body(rackcloud_emulator::InjectedBody::Json(json!({"other":[]}))),
    );
    let shown = client
        .get(&url)
        .extract_json::<Body>()
        .unwrap_err()
        .to_string();
    assert!(shown.contains("missing field `items`"), "{shown}");
    assert!(shown.contains("at its top level"), "{shown}");

    emulator.inject(
        rackcloud_emulator::InjectedFault::new(Some("GET"), path, 200)
            .body(rackcloud_emulator::InjectedBody::Empty),
    );
    let shown = client
        .get(&url)
        .extract_json::<Body>()
        .unwrap_err()
        .to_string();
    assert!(shown.contains("the body is empty"), "{shown}");
    assert!(!shown.contains("(empty body)"), "{shown}");
}
