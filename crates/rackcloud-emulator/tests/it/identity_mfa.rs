//! Multi-factor authentication, token revocation and validation, and HTTPS: the server's exact
//! answers.

use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator, User};
use serde_json::json;

use crate::common::{Lb, agent, send};

const PASSWORD_BODY: &str =
    r#"{"auth":{"passwordCredentials":{"username":"carol","password":"carol-pw"}}}"#;

fn passcode_body(passcode: &str) -> String {
    format!(r#"{{"auth":{{"RAX-AUTH:passcodeCredentials":{{"passcode":"{passcode}"}}}}}}"#)
}

fn emulator() -> anyhow::Result<Emulator> {
    Ok(Emulator::builder()
        .default_seed()
        .user(
            User::new("carol", DEMO_TENANT)
                .password("carol-pw")
                .api_key("carol-key")
                .mfa("246810"),
        )
        .user(
            User::new("dave", DEMO_TENANT)
                .password("dave-pw")
                .mfa_setup_required(true),
        )
        .start()?)
}

#[test]
fn a_password_meets_the_challenge_and_the_passcode_completes_it() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let agent = agent();
    let tokens = format!("{}tokens", emulator.identity_url());
    let first = send(&agent, "POST", &tokens, &[], Some(PASSWORD_BODY))?;
    assert_eq!(first.status, 401);
    assert_eq!(
        first.json()?,
        json!({"unauthorized": {"code": 401, "message": "Additional authentication credentials required."}})
    );
    let challenge = first
        .header("www-authenticate")
        .unwrap_or_default()
        .to_owned();
    let session = challenge
        .strip_prefix("OS-MF sessionId='")
        .and_then(|rest| rest.strip_suffix("', factor='PASSCODE'"))
        .unwrap_or_else(|| panic!("{challenge}"))
        .to_owned();

    // In order: a missing passcode (400), a missing or unknown session (401), a wrong passcode (401).
    let empty = send(
        &agent,
        "POST",
        &tokens,
        &[("X-SessionId", &session)],
        Some(&passcode_body("")),
    )?;
    assert_eq!(empty.status, 400);
    assert_eq!(
        empty.json()?,
        json!({"badRequest": {"code": 400, "message": "Expecting passcode"}})
    );
    let no_session = send(&agent, "POST", &tokens, &[], Some(&passcode_body("246810")))?;
    assert_eq!(no_session.status, 401);
    assert_eq!(
        no_session.json()?,
        json!({"unauthorized": {"code": 401, "message": "The multi-factor session is missing, unknown or expired."}})
    );
    let wrong = send(
        &agent,
        "POST",
        &tokens,
        &[("X-SessionId", &session)],
        Some(&passcode_body("000000")),
    )?;
    assert_eq!(wrong.status, 401);
    assert_eq!(
        wrong.json()?,
        json!({"unauthorized": {"code": 401, "message": "Unable to authenticate user with credentials provided."}})
    );
    // The session survives a wrong passcode, and closes with the right one.
    let right = send(
        &agent,
        "POST",
        &tokens,
        &[("X-SessionId", &session)],
        Some(&passcode_body("246810")),
    )?;
    assert_eq!(right.status, 200);
    let access = right.json()?;
    assert_eq!(
        access["access"]["token"]["RAX-AUTH:authenticatedBy"],
        json!(["PASSCODE", "PASSWORD"])
    );
    assert_eq!(access["access"]["user"]["name"], "carol");
    let again = send(
        &agent,
        "POST",
        &tokens,
        &[("X-SessionId", &session)],
        Some(&passcode_body("246810")),
    )?;
    assert_eq!(again.status, 401);
    Ok(())
}

#[test]
fn an_api_key_skips_the_second_factor_and_set_up_is_a_403() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let agent = agent();
    let tokens = format!("{}tokens", emulator.identity_url());
    let key =
        r#"{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":"carol","apiKey":"carol-key"}}}"#;
    assert_eq!(send(&agent, "POST", &tokens, &[], Some(key))?.status, 200);
    let dave = r#"{"auth":{"passwordCredentials":{"username":"dave","password":"dave-pw"}}}"#;
    let answer = send(&agent, "POST", &tokens, &[], Some(dave))?;
    assert_eq!(answer.status, 403);
    assert_eq!(
        answer.json()?,
        json!({"forbidden": {"code": 403, "message": "Multi-factor authentication must be set up for this user (RAX-AUTH:scope SETUP-MFA)."}})
    );
    // A wrong password is still a plain 401, with no challenge.
    let bad = r#"{"auth":{"passwordCredentials":{"username":"carol","password":"nope"}}}"#;
    let answer = send(&agent, "POST", &tokens, &[], Some(bad))?;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.header("www-authenticate"), None);
    Ok(())
}

#[test]
fn a_revoked_token_is_refused_everywhere() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let tokens = format!("{}tokens", emulator.identity_url());
    let lb = Lb::demo(&emulator)?;
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    let missing = send(&agent, "DELETE", &tokens, &[], None)?;
    assert_eq!(missing.status, 401);
    let revoked = send(
        &agent,
        "DELETE",
        &tokens,
        &[("X-Auth-Token", &lb.token)],
        None,
    )?;
    assert_eq!(revoked.status, 204);
    assert!(revoked.body.is_empty());
    assert_eq!(lb.get("/loadbalancers/1")?.status, 401);
    let twice = send(
        &agent,
        "DELETE",
        &tokens,
        &[("X-Auth-Token", &lb.token)],
        None,
    )?;
    assert_eq!(twice.status, 401);
    Ok(())
}

#[test]
fn validation_answers_200_404_403_and_401() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    let own = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    let second = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    let other = emulator.issue_token("other").unwrap_or_default();
    let url = |id: &str| format!("{}tokens/{id}", emulator.identity_url());
    let auth = [("X-Auth-Token", own.as_str())];
    let valid = send(&agent, "GET", &url(&second), &auth, None)?;
    assert_eq!(valid.status, 200);
    assert_eq!(valid.json()?["access"]["token"]["id"], second.as_str());
    assert_eq!(
        valid.json()?["access"]["token"]["tenant"]["id"],
        DEMO_TENANT
    );
    let unknown = send(&agent, "GET", &url("nope"), &auth, None)?;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.json()?,
        json!({"itemNotFound": {"code": 404, "message": "Token not found."}})
    );
    let foreign = send(&agent, "GET", &url(&other), &auth, None)?;
    assert_eq!(foreign.status, 403);
    assert_eq!(
        foreign.json()?,
        json!({"forbidden": {"code": 403, "message": "Not authorized."}})
    );
    assert_eq!(send(&agent, "GET", &url(&second), &[], None)?.status, 401);
    assert_eq!(send(&agent, "PUT", &url(&second), &auth, None)?.status, 405);
    Ok(())
}

#[test]
fn tls_serves_with_the_ca_it_made() -> anyhow::Result<()> {
    use ureq::tls::{RootCerts, TlsConfig};
    let emulator = Emulator::builder().default_seed().tls().start()?;
    let pem = emulator.ca_pem().unwrap_or_default();
    let certs = ureq::tls::parse_pem(pem.as_bytes())
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect::<Vec<_>>();
    assert_eq!(certs.len(), 1);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::from(certs))
                .build(),
        )
        .build()
        .into();
    for host in ["127.0.0.1", "localhost"] {
        let url = format!("https://{host}:{}/v2.0/tokens", emulator.addr().port());
        let body = crate::common::api_key_body(DEMO_USERNAME, rackcloud_emulator::DEMO_API_KEY);
        let answer = send(&agent, "POST", &url, &[], Some(&body))?;
        assert_eq!(answer.status, 200, "{host}");
    }
    // Plain HTTP to a TLS port gets no answer.
    let plain = format!("http://127.0.0.1:{}/v2.0/tokens", emulator.addr().port());
    assert!(send(&agent, "GET", &plain, &[], None).is_err());
    Ok(())
}
