//! Identity v2.0: the three body kinds, every failure, the response and catalog shapes.

use crate::common::{agent, api_key_body, authenticate, send};
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
    let unknown = format!(
        r#"{{"auth":{{"token":{{"id":"0123456789abcdef0123456789abcdef"}},"tenantId":"{DEMO_TENANT}"}}}}"#
    );
    let answer = authenticate(&agent, &emulator, &unknown)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (401, unauthorized(BAD_CREDENTIALS))
    );

    let token = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    emulator.expire_tokens();
    let expired =
        format!(r#"{{"auth":{{"token":{{"id":"{token}"}},"tenantId":"{DEMO_TENANT}"}}}}"#);
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

    let wrong_id = authenticate(
        &agent,
        &emulator,
        &with(&format!(r#","tenantId":"{DEMO_TENANT}""#)),
    )?;
    let message = format!("Tenant with Name/Id: '{DEMO_TENANT}' is not valid for User 'named'.");
    assert_eq!(
        (wrong_id.status, wrong_id.json()?),
        (401, unauthorized(&message))
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
    let none = format!(r#"{{"auth":{{"tenantId":"{DEMO_TENANT}"}}}}"#);
    let two = format!(
        r#"{{"auth":{{"passwordCredentials":{{"username":"{DEMO_USERNAME}","password":"{DEMO_PASSWORD}"}},"token":{{"id":"x"}}}}}}"#
    );
    for body in [none, two] {
        let answer = authenticate(&agent, &emulator, &body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, one.clone()),
            "{body}"
        );
    }
    let fields = [
        (
            r#"{"auth":{"RAX-KSKEY:apiKeyCredentials":{"apiKey":"k"}}}"#.to_owned(),
            "Expecting username",
        ),
        (
            format!(
                r#"{{"auth":{{"RAX-KSKEY:apiKeyCredentials":{{"username":"{DEMO_USERNAME}"}}}}}}"#
            ),
            "Expecting apiKey",
        ),
        (
            r#"{"auth":{"passwordCredentials":{"username":"","password":"p"}}}"#.to_owned(),
            "Expecting username",
        ),
        (
            format!(
                r#"{{"auth":{{"passwordCredentials":{{"username":"{DEMO_USERNAME}","password":7}}}}}}"#
            ),
            "Expecting password",
        ),
        (r#"{"auth":{"token":{}}}"#.to_owned(), "Expecting token id"),
    ];
    for (body, message) in fields {
        let answer = authenticate(&agent, &emulator, &body)?;
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
fn the_tokens_path_is_exact_and_post_or_delete_only() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let tokens = format!("{}tokens", emulator.identity_url());
    let answer = send(&agent, "GET", &tokens, &[], None)?;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow"), Some("POST, DELETE"));
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
