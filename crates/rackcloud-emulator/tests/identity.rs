//! Identity v2.0: the three body kinds, every failure, the response and catalog shapes.

mod common;

use std::time::Duration;

use common::{agent, api_key_body, authenticate, send};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME, Emulator, User};
use serde_json::{Value, json};

const BAD_CREDENTIALS: &str = "Unable to authenticate user with credentials provided.";

fn unauthorized(message: &str) -> Value {
    json!({"unauthorized": {"code": 401, "message": message}})
}

fn bad_request(message: &str) -> Value {
    json!({"badRequest": {"code": 400, "message": message}})
}

#[test]
fn api_key_authentication_returns_token_user_and_catalog() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let answer = authenticate(
        &agent(),
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let access = &answer.json()?["access"];

    let token = &access["token"];
    let id = token["id"].as_str().unwrap_or_default();
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(
        token["tenant"],
        json!({"id": DEMO_TENANT, "name": DEMO_TENANT})
    );
    assert_eq!(token["RAX-AUTH:authenticatedBy"], json!(["APIKEY"]));

    // RFC 3339 with milliseconds, in UTC written `Z`, about 24 hours from now.
    let expires = token["expires"].as_str().unwrap_or_default();
    assert!(expires.ends_with('Z'), "{expires}");
    assert_eq!(expires.len(), "2026-11-26T03:21:04.999Z".len(), "{expires}");
    let expires: jiff::Timestamp = expires.parse()?;
    let lifetime = expires.duration_since(jiff::Timestamp::now()).as_secs();
    assert!(
        (24 * 3600 - 60..=24 * 3600).contains(&lifetime),
        "{lifetime}"
    );

    let user = &access["user"];
    assert_eq!(user["name"], DEMO_USERNAME);
    assert_eq!(user["RAX-AUTH:defaultRegion"], "DFW");
    assert!(user["id"].is_string());
    assert!(
        user["roles"]
            .as_array()
            .is_some_and(|roles| !roles.is_empty())
    );
    assert!(access["serviceCatalog"].is_array());
    Ok(())
}

#[test]
fn every_authentication_mints_a_new_token() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let body = api_key_body(DEMO_USERNAME, DEMO_API_KEY);
    let first = authenticate(&agent, &emulator, &body)?.json()?;
    let second = authenticate(&agent, &emulator, &body)?.json()?;
    assert_ne!(
        first["access"]["token"]["id"],
        second["access"]["token"]["id"]
    );
    Ok(())
}

#[test]
fn password_authentication() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let body = format!(
        r#"{{"auth":{{"passwordCredentials":{{"username":"{DEMO_USERNAME}","password":"{DEMO_PASSWORD}"}}}}}}"#
    );
    let answer = authenticate(&agent(), &emulator, &body)?;
    assert_eq!(answer.status, 200);
    let token = &answer.json()?["access"]["token"];
    assert_eq!(token["RAX-AUTH:authenticatedBy"], json!(["PASSWORD"]));
    assert_eq!(token["tenant"]["id"], DEMO_TENANT);
    Ok(())
}

#[test]
fn token_rescope_answers_with_the_same_token() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let first = authenticate(
        &agent,
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?
    .json()?;
    let id = first["access"]["token"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let body = format!(r#"{{"auth":{{"token":{{"id":"{id}"}},"tenantId":"{DEMO_TENANT}"}}}}"#);
    let answer = authenticate(&agent, &emulator, &body)?;
    assert_eq!(answer.status, 200);
    let rescoped = answer.json()?;
    assert_eq!(rescoped["access"]["token"], first["access"]["token"]);
    assert_eq!(rescoped["access"]["user"]["name"], DEMO_USERNAME);

    let no_tenant = format!(r#"{{"auth":{{"token":{{"id":"{id}"}}}}}}"#);
    assert_eq!(authenticate(&agent, &emulator, &no_tenant)?.status, 200);
    Ok(())
}

#[test]
fn token_rescope_with_an_unknown_or_expired_token_is_401() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let unknown =
        r#"{"auth":{"token":{"id":"0123456789abcdef0123456789abcdef"},"tenantId":"123456"}}"#;
    let answer = authenticate(&agent, &emulator, unknown)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (401, unauthorized(BAD_CREDENTIALS))
    );

    let token = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    emulator.expire_tokens();
    let expired = format!(r#"{{"auth":{{"token":{{"id":"{token}"}},"tenantId":"123456"}}}}"#);
    let answer = authenticate(&agent, &emulator, &expired)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (401, unauthorized(BAD_CREDENTIALS))
    );
    Ok(())
}

#[test]
fn tenant_id_and_tenant_name_siblings() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("named", "777").api_key("k").tenant_name("acme"))
        .start()?;
    let agent = agent();
    let with = |sibling: &str| {
        format!(
            r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"named","apiKey":"k"}}{sibling}}}}}"#
        )
    };
    let by_id = authenticate(&agent, &emulator, &with(r#","tenantId":"777""#))?;
    assert_eq!(by_id.status, 200);
    assert_eq!(
        by_id.json()?["access"]["token"]["tenant"],
        json!({"id": "777", "name": "acme"})
    );
    assert_eq!(
        authenticate(&agent, &emulator, &with(r#","tenantName":"acme""#))?.status,
        200
    );

    let both = authenticate(
        &agent,
        &emulator,
        &with(r#","tenantId":"777","tenantName":"acme""#),
    )?;
    assert_eq!(
        (both.status, both.json()?),
        (
            400,
            bad_request("Provide either tenantId or tenantName, not both.")
        )
    );

    let wrong_id = authenticate(&agent, &emulator, &with(r#","tenantId":"123456""#))?;
    let message = "Tenant with Name/Id: '123456' is not valid for User 'named'.";
    assert_eq!(
        (wrong_id.status, wrong_id.json()?),
        (401, unauthorized(message))
    );

    // The name is not the id.
    let wrong_name = authenticate(&agent, &emulator, &with(r#","tenantName":"777""#))?;
    let message = "Tenant with Name/Id: '777' is not valid for User 'named'.";
    assert_eq!(
        (wrong_name.status, wrong_name.json()?),
        (401, unauthorized(message))
    );
    Ok(())
}

#[test]
fn malformed_bodies_are_400() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let invalid = bad_request("Invalid json request body");
    for body in [
        "",
        "not json",
        "[]",
        "{}",
        r#"{"auth":"x"}"#,
        r#"{"auth":{"passwordCredentials":"x"}}"#,
    ] {
        let answer = authenticate(&agent, &emulator, body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, invalid.clone()),
            "{body}"
        );
    }
    let one = bad_request(
        "Exactly one credential is required: RAX-KSKEY:apiKeyCredentials, passwordCredentials or token.",
    );
    let none = r#"{"auth":{"tenantId":"123456"}}"#;
    let two = r#"{"auth":{"passwordCredentials":{"username":"demo","password":"demo-password"},"token":{"id":"x"}}}"#;
    for body in [none, two] {
        let answer = authenticate(&agent, &emulator, body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, one.clone()),
            "{body}"
        );
    }
    let fields = [
        (
            r#"{"auth":{"RAX-KSKEY:apiKeyCredentials":{"apiKey":"k"}}}"#,
            "Expecting username",
        ),
        (
            r#"{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":"demo"}}}"#,
            "Expecting apiKey",
        ),
        (
            r#"{"auth":{"passwordCredentials":{"username":"","password":"p"}}}"#,
            "Expecting username",
        ),
        (
            r#"{"auth":{"passwordCredentials":{"username":"demo","password":7}}}"#,
            "Expecting password",
        ),
        (r#"{"auth":{"token":{}}}"#, "Expecting token id"),
    ];
    for (body, message) in fields {
        let answer = authenticate(&agent, &emulator, body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, bad_request(message)),
            "{body}"
        );
    }
    Ok(())
}

#[test]
fn wrong_credentials_are_401() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .user(User::new("keyonly", "42").api_key("secret"))
        .start()?;
    let agent = agent();
    let password = |user: &str, password: &str| {
        format!(
            r#"{{"auth":{{"passwordCredentials":{{"username":"{user}","password":"{password}"}}}}}}"#
        )
    };
    let bodies = [
        api_key_body(DEMO_USERNAME, "wrong"),
        api_key_body("nobody", DEMO_API_KEY),
        api_key_body(DEMO_USERNAME, DEMO_PASSWORD),
        password(DEMO_USERNAME, DEMO_API_KEY),
        // A user with no password never authenticates with one.
        password("keyonly", "secret"),
    ];
    for body in bodies {
        let answer = authenticate(&agent, &emulator, &body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (401, unauthorized(BAD_CREDENTIALS)),
            "{body}"
        );
    }
    Ok(())
}

#[test]
fn a_disabled_user_is_403_only_with_the_right_credentials() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("gone", "9").api_key("k").enabled(false))
        .start()?;
    let agent = agent();
    let answer = authenticate(&agent, &emulator, &api_key_body("gone", "k"))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            403,
            json!({"forbidden": {"code": 403, "message": "User 'gone' is disabled."}})
        )
    );
    let answer = authenticate(&agent, &emulator, &api_key_body("gone", "wrong"))?;
    assert_eq!(answer.status, 401);
    assert_eq!(emulator.issue_token("gone"), None);
    Ok(())
}

#[test]
fn the_tokens_path_is_exact_and_post_only() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let tokens = format!("{}tokens", emulator.identity_url());
    let answer = send(&agent, "GET", &tokens, &[], None)?;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow"), Some("POST"));
    assert_eq!(
        answer.json()?,
        json!({"message": "Method not allowed", "code": 405})
    );
    let body = api_key_body(DEMO_USERNAME, DEMO_API_KEY);
    for url in [
        format!("{tokens}/"),
        format!("{}token", emulator.identity_url()),
    ] {
        let answer = send(&agent, "POST", &url, &[], Some(&body))?;
        assert_eq!(answer.status, 404, "{url}");
    }
    Ok(())
}

#[test]
fn catalog_shape() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let answer = authenticate(
        &agent(),
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?;
    let catalog = answer.json()?["access"]["serviceCatalog"].clone();
    let services = catalog.as_array().cloned().unwrap_or_default();
    let named = |name: &str| services.iter().find(|s| s["name"] == name).cloned();

    for (name, kind) in [
        ("cloudServersOpenStack", "compute"),
        ("cloudFiles", "object-store"),
        ("cloudDNS", "rax:dns"),
        ("cloudMonitoring", "rax:monitor"),
        ("cloudLoadBalancers", "rax:load-balancer"),
    ] {
        assert_eq!(
            named(name).map(|s| s["type"].clone()),
            Some(json!(kind)),
            "{name}"
        );
    }
    // Two entries share the load balancer type: clients must match on the name too.
    let lb_entries: Vec<&Value> = services
        .iter()
        .filter(|s| s["type"] == "rax:load-balancer")
        .collect();
    assert_eq!(lb_entries.len(), 2);
    assert!(lb_entries.iter().any(|s| s["name"] != "cloudLoadBalancers"));

    let lb = named("cloudLoadBalancers").unwrap_or_default();
    let base = emulator
        .identity_url()
        .trim_end_matches("/v2.0/")
        .to_owned();
    assert_eq!(
        lb["endpoints"],
        json!([
            {"region": "DFW", "tenantId": DEMO_TENANT,
             "publicURL": emulator.lb_endpoint("DFW", DEMO_TENANT),
             "internalURL": format!("{base}/snet-dfw/v1.0/{DEMO_TENANT}")},
            {"region": "ORD", "tenantId": DEMO_TENANT,
             "publicURL": emulator.lb_endpoint("ORD", DEMO_TENANT),
             "internalURL": format!("{base}/snet-ord/v1.0/{DEMO_TENANT}")},
        ])
    );
    assert_eq!(
        emulator.lb_endpoint("DFW", DEMO_TENANT),
        format!("{base}/dfw/v1.0/123456")
    );
    // A global service has no region.
    let dns = named("cloudDNS").unwrap_or_default();
    assert_eq!(dns["endpoints"][0].get("region"), None);
    Ok(())
}

#[test]
fn seeded_regions_get_an_endpoint() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("u", "1").api_key("k"))
        .load_balancer(
            "lon",
            "1",
            rackcloud_emulator::LoadBalancerSeed::new(5, "uk", "HTTP"),
        )
        .start()?;
    let answer = authenticate(&agent(), &emulator, &api_key_body("u", "k"))?.json()?;
    let services = answer["access"]["serviceCatalog"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let lb = services
        .iter()
        .find(|s| s["name"] == "cloudLoadBalancers")
        .cloned()
        .unwrap_or_default();
    let regions: Vec<&str> = lb["endpoints"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["region"].as_str())
        .collect();
    assert_eq!(regions, ["DFW", "LON", "ORD"]);
    assert!(emulator.lb_endpoint("LON", "1").ends_with("/lon/v1.0/1"));
    Ok(())
}

#[test]
fn expires_is_written_in_the_configured_offset() -> anyhow::Result<()> {
    for (minutes, suffix) in [(-300, "-05:00"), (330, "+05:30")] {
        let emulator = Emulator::builder()
            .default_seed()
            .expires_offset_minutes(minutes)
            .start()?;
        let answer = authenticate(
            &agent(),
            &emulator,
            &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
        )?;
        let expires = answer.json()?["access"]["token"]["expires"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(expires.ends_with(suffix), "{expires}");
        assert_eq!(
            expires.len(),
            "2026-11-25T22:21:04.999-05:00".len(),
            "{expires}"
        );
        let parsed: jiff::Timestamp = expires.parse()?;
        assert!(parsed > jiff::Timestamp::now());
    }
    let err = Emulator::builder().expires_offset_minutes(26 * 60).start();
    assert_eq!(
        err.map(|_| ()).map_err(|e| e.kind()),
        Err(std::io::ErrorKind::InvalidInput)
    );
    Ok(())
}

#[test]
fn token_lifetime_is_configurable() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .token_lifetime(Duration::from_millis(100))
        .start()?;
    let agent = agent();
    let answer = authenticate(
        &agent,
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?
    .json()?;
    let token = answer["access"]["token"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let url = format!("{}/loadbalancers", emulator.lb_endpoint("DFW", DEMO_TENANT));
    assert_eq!(
        send(&agent, "GET", &url, &[("X-Auth-Token", &token)], None)?.status,
        200
    );
    common::eventually(|| {
        Ok(send(&agent, "GET", &url, &[("X-Auth-Token", &token)], None)?.status == 401)
    })?;
    Ok(())
}

#[test]
fn issued_tokens_are_valid_and_not_counted() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let token = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    assert_eq!(emulator.issue_token("nobody"), None);
    let url = format!("{}/loadbalancers", emulator.lb_endpoint("DFW", DEMO_TENANT));
    assert_eq!(
        send(&agent(), "GET", &url, &[("X-Auth-Token", &token)], None)?.status,
        200
    );
    assert_eq!(emulator.stats().token_requests, 0);
    Ok(())
}
