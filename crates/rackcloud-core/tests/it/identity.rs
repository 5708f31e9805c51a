//! Authentication against the emulator's Identity v2.0: exact request bodies and headers, the
//! parsed token, and every failure.

use crate::common;

use std::time::{Duration, SystemTime};

use rackcloud_core::{AuthOptions, ErrorKind, ProviderClient, RetryPolicy, authenticated_client};
use rackcloud_emulator::{
    DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME, Emulator, OTHER_TENANT, User,
};

#[test]
fn each_credential_kind_sends_its_exact_body() {
    let emulator = Emulator::start().expect("emulator");
    let url = emulator.identity_url();
    let token = emulator.issue_token(DEMO_USERNAME).expect("token");
    let (user, key, password, tenant) = (DEMO_USERNAME, DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT);
    let cases = [
        (
            AuthOptions::api_key(user, key),
            format!(
                r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{user}","apiKey":"{key}"}}}}}}"#
            ),
        ),
        (
            AuthOptions::password(user, password),
            format!(
                r#"{{"auth":{{"passwordCredentials":{{"username":"{user}","password":"{password}"}}}}}}"#
            ),
        ),
        (
            AuthOptions::token(token.clone(), tenant),
            format!(r#"{{"auth":{{"token":{{"id":"{token}"}},"tenantId":"{tenant}"}}}}"#),
        ),
        (
            AuthOptions::api_key(user, key).tenant_name(tenant),
            format!(
                r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{user}","apiKey":"{key}"}},"tenantName":"{tenant}"}}}}"#
            ),
        ),
    ];
    for (opts, expected_body) in cases {
        emulator.clear_requests();
        let provider = authenticated_client(opts.identity_endpoint(&url)).expect("authenticate");
        assert_eq!(provider.tenant_id().as_deref(), Some(DEMO_TENANT));
        let requests = emulator.requests();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/v2.0/tokens");
        assert_eq!(String::from_utf8_lossy(&request.body), expected_body);
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(request.header("accept"), Some("application/json"));
        assert_eq!(request.header("x-auth-token"), None);
    }
    assert_eq!(emulator.stats().token_requests, 4);
}

#[test]
fn token_expiry_tenant_region_and_catalog_are_read() {
    let emulator = Emulator::builder()
        .default_seed()
        .token_lifetime(Duration::from_secs(3600))
        .expires_offset_minutes(-300)
        .start()
        .expect("emulator");
    let before = SystemTime::now();
    let provider = common::provider(&emulator);
    let expires = provider.token_expires().expect("an expiry");
    let lifetime = expires.duration_since(before).expect("in the future");
    assert!(
        lifetime > Duration::from_secs(3590) && lifetime <= Duration::from_secs(3601),
        "{lifetime:?}"
    );
    assert_eq!(provider.default_region().as_deref(), Some("DFW"));
    let catalog = provider.catalog();
    assert!(catalog.entries().len() >= 3, "several services");
    let lb = catalog
        .entries()
        .iter()
        .find(|e| e.name() == "cloudLoadBalancers")
        .expect("load balancers");
    assert_eq!(lb.service_type(), "rax:load-balancer");
    let regions: Vec<_> = lb.endpoints().iter().filter_map(|e| e.region()).collect();
    assert!(
        regions.contains(&"DFW") && regions.contains(&"ORD"),
        "{regions:?}"
    );
}

#[test]
fn wrong_credentials_are_an_authentication_error_with_the_servers_message() {
    let emulator = Emulator::start().expect("emulator");
    let err = authenticated_client(
        AuthOptions::api_key(DEMO_USERNAME, "wrong-key").identity_endpoint(emulator.identity_url()),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.status(), Some(401));
    let fault = err.fault().expect("a fault");
    assert_eq!(fault.wrapper(), Some("unauthorized"));
    let said = fault.message().expect("the server's message");
    let text = err.to_string();
    assert!(text.starts_with("POST http://127.0.0.1:"), "{text}");
    assert!(
        text.ends_with(&format!("/v2.0/tokens: 401 authentication failed: {said}")),
        "{text}"
    );
    assert!(!text.contains("wrong-key"));
}

#[test]
fn disabled_user_is_forbidden() {
    let emulator = Emulator::builder()
        .user(
            User::new("carol", "777")
                .api_key("carol-key")
                .enabled(false),
        )
        .start()
        .expect("emulator");
    let err = authenticated_client(
        AuthOptions::api_key("carol", "carol-key").identity_endpoint(emulator.identity_url()),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    assert_eq!(err.status(), Some(403));
}

#[test]
fn a_tenant_that_is_not_the_users_is_refused() {
    let emulator = Emulator::start().expect("emulator");
    let err =
        authenticated_client(common::demo_key(&emulator).tenant_id(OTHER_TENANT)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
}

#[test]
fn credentials_are_never_sent_over_plain_http_to_a_remote_host() {
    let err = authenticated_client(
        AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
            .identity_endpoint("http://identity.example.com/v2.0/"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Configuration);
    assert_eq!(
        err.to_string(),
        "POST http://identity.example.com/v2.0/tokens: configuration error: refusing to send credentials over plain http:// to identity.example.com; use https://, or allow plain http with ProviderClientBuilder::allow_plain_http"
    );
}

#[test]
fn an_unreachable_identity_service_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let err = ProviderClient::builder()
        .connect_timeout(Duration::from_secs(2))
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, "k")
                .identity_endpoint(format!("http://127.0.0.1:{port}/v2.0/")),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
    // Nothing listens on this machine's port: a retry would meet the same closed port.
    assert_eq!(
        err.attempts(),
        1,
        "a refused connection to loopback is not retried"
    );
    assert!(err.to_string().contains("nothing is listening on"), "{err}");
}

#[test]
fn an_identity_url_that_is_not_identity_is_a_typed_error() {
    let emulator = Emulator::start().expect("emulator");
    let err = authenticated_client(
        AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
            .identity_endpoint(format!("{}nowhere/", emulator.identity_url())),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
}
