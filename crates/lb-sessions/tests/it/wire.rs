//! The exact requests get, enable and disable send, and how their answers are read.

use lb_sessions::{CreateOpts, SessionPersistence, Type};
use rackcloud_core::Removal;
use rackcloud_emulator::DEMO_TENANT;
use rackcloud_emulator::{Emulator, LoadBalancerSeed};

#[test]
fn enable_sends_the_exact_body_and_headers() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let result = lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie));
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method, "PUT");
    assert_eq!(r.path, crate::common::path(1));
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        crate::common::fixture("enable_http_cookie_request.json")
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(
        r.header("x-auth-token"),
        Some(client.provider().token().expose())
    );
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 1),
        Some(Some("HTTP_COOKIE".into()))
    );
}

#[test]
fn get_reads_the_type_or_none() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    assert_eq!(lb_sessions::get(&client, 1).extract().expect("get"), None);
    lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie))
        .extract_err()
        .expect("enable");
    emulator.clear_requests();
    let got = lb_sessions::get(&client, 1).extract().expect("get");
    assert_eq!(got, Some(SessionPersistence::new(Type::HttpCookie)));
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", crate::common::path(1).as_str())
    );
    assert_eq!(r.header("content-type"), None);
    assert!(r.body.is_empty());
}

#[test]
fn the_bodies_the_emulator_sends_match_the_fixtures() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
    let body =
        |c: &rackcloud_core::ServiceClient| c.get(&url).into_result().expect("get").body().to_vec();
    let disabled: serde_json::Value = serde_json::from_slice(&body(&client)).expect("json");
    assert_eq!(
        disabled.to_string(),
        crate::common::fixture("get_disabled_response.json")
    );
    lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie))
        .extract_err()
        .expect("enable");
    let enabled: serde_json::Value = serde_json::from_slice(&body(&client)).expect("json");
    assert_eq!(
        enabled.to_string(),
        crate::common::fixture("get_http_cookie_response.json")
    );
}

#[test]
fn unknown_types_read_back_are_kept_exactly() {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(50, "future", "HTTP").session_persistence("FUTURE_MODE"),
        )
        .start()
        .expect("emulator");
    let client = crate::common::dfw(&emulator);
    let got = lb_sessions::get(&client, 50)
        .extract()
        .expect("get")
        .expect("enabled");
    assert_eq!(got.persistence_type(), &Type::Other("FUTURE_MODE".into()));
    assert_eq!(got.persistence_type().to_string(), "FUTURE_MODE");
}

#[test]
fn disable_sends_a_bare_delete_and_is_idempotent_on_request() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_sessions::enable(&client, 2, &CreateOpts::new(Type::SourceIp))
        .extract_err()
        .expect("enable");
    emulator.clear_requests();
    let result = lb_sessions::disable(&client, 2);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("disabled");
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("DELETE", crate::common::path(2).as_str())
    );
    assert_eq!(r.header("content-type"), None);
    assert!(r.body.is_empty());

    let err = lb_sessions::disable(&client, 2).extract_err().unwrap_err();
    assert!(err.is_already_disabled(), "{err}");
    assert_eq!(err.status(), Some(422));
    assert_eq!(
        lb_sessions::disable_if_enabled(&client, 2).expect("idempotent"),
        Removal::NothingToRemove
    );

    lb_sessions::enable(&client, 2, &CreateOpts::new(Type::SourceIp))
        .extract_err()
        .expect("enable");
    assert_eq!(
        lb_sessions::disable_if_enabled(&client, 2).expect("disable"),
        Removal::Removed
    );
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 2),
        Some(None)
    );
}

#[test]
fn invalid_input_sends_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let errors = [
        lb_sessions::get(&client, 0).extract().unwrap_err(),
        lb_sessions::enable(&client, 0, &CreateOpts::new(Type::SourceIp))
            .extract_err()
            .unwrap_err(),
        lb_sessions::enable(&client, 1, &CreateOpts::new(Type::Other(String::new())))
            .extract_err()
            .unwrap_err(),
        lb_sessions::enable(&client, 1, &CreateOpts::new(Type::Other("  ".into())))
            .extract_err()
            .unwrap_err(),
        lb_sessions::disable(&client, 0).extract_err().unwrap_err(),
    ];
    for err in &errors {
        assert!(err.is_invalid_input(), "{err}");
        assert_eq!(err.status(), None);
        assert!(err.to_string().ends_with("(nothing was sent)"), "{err}");
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
}

#[test]
fn a_custom_builder_is_sent_as_built() {
    struct Raw;
    impl lb_sessions::CreateOptsBuilder for Raw {
        fn to_sp_create_map(
            &self,
        ) -> Result<serde_json::Map<String, serde_json::Value>, rackcloud_core::Error> {
            let value =
                serde_json::json!({"sessionPersistence": {"persistenceType": "NOT_A_MODE"}});
            Ok(value.as_object().cloned().unwrap_or_default())
        }
    }
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let err = lb_sessions::enable(&client, 1, &Raw)
        .extract_err()
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.fault().expect("fault").validation_messages(),
        ["Persistence type is invalid. Please specify a valid persistence type."]
    );
}
