//! Multi-factor authentication end to end against the emulator.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use rackcloud_core::{
    AuthOptions, EndpointOpts, ErrorKind, ProviderClient, RetryPolicy, Secret, new_lb_v1,
};
use rackcloud_emulator::{Emulator, User};

const PASSCODE: &str = "246810";

fn emulator() -> anyhow::Result<Emulator> {
    Ok(Emulator::builder()
        .user(
            User::new("carol", "777777")
                .password("carol-pw")
                .api_key("carol-key")
                .mfa(PASSCODE),
        )
        .user(
            User::new("dave", "888888")
                .password("dave-pw")
                .mfa_setup_required(true),
        )
        .load_balancer(
            "DFW",
            "777777",
            rackcloud_emulator::LoadBalancerSeed::new(1, "web", "HTTP"),
        )
        .start()?)
}

/// Password options whose callback answers `answers` in turn and counts its calls.
fn carol(emulator: &Emulator, answers: &[&str], calls: &Arc<AtomicU32>) -> AuthOptions {
    let answers: Vec<String> = answers.iter().map(|a| (*a).to_owned()).collect();
    let calls = Arc::clone(calls);
    AuthOptions::password("carol", "carol-pw")
        .identity_endpoint(emulator.identity_url())
        .passcode_callback(move |challenge| {
            assert_eq!(challenge.factor(), "PASSCODE");
            assert_eq!(challenge.username(), Some("carol"));
            let n = calls.fetch_add(1, Ordering::SeqCst) as usize;
            Ok(Secret::new(answers[n.min(answers.len() - 1)].clone()))
        })
}

fn client() -> rackcloud_core::ProviderClientBuilder {
    ProviderClient::builder().retry_policy(RetryPolicy::none())
}

#[test]
fn the_passcode_completes_authentication_with_the_exact_wire() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let calls = Arc::new(AtomicU32::new(0));
    let provider = client().authenticate(carol(&emulator, &[PASSCODE], &calls))?;
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(provider.tenant_id().as_deref(), Some("777777"));
    let requests = emulator.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("x-sessionid"), None);
    let session = requests[1].header("x-sessionid").unwrap_or_default();
    assert!(!session.is_empty());
    assert_eq!(requests[1].method, "POST");
    assert_eq!(requests[1].path, "/v2.0/tokens");
    assert_eq!(
        String::from_utf8_lossy(&requests[1].body),
        r#"{"auth":{"RAX-AUTH:passcodeCredentials":{"passcode":"246810"}}}"#
    );
    let lb = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
    lb.get(&lb.service_url(&["loadbalancers", "1"]))
        .extract_err()?;
    Ok(())
}

#[test]
fn without_a_callback_the_challenge_is_an_authentication_error() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let opts =
        AuthOptions::password("carol", "carol-pw").identity_endpoint(emulator.identity_url());
    let e = client().authenticate(opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication);
    assert!(e.to_string().contains("second factor (PASSCODE)"), "{e}");
    assert!(e.to_string().contains("no passcode callback"), "{e}");
    assert_eq!(emulator.requests().len(), 1);
    Ok(())
}

#[test]
fn a_wrong_passcode_is_asked_once_and_refused() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let calls = Arc::new(AtomicU32::new(0));
    let e = client()
        .authenticate(carol(&emulator, &["000000"], &calls))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication);
    assert_eq!(e.status(), Some(401));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(!format!("{e} {e:?}").contains("000000"));
    Ok(())
}

#[test]
fn a_callback_error_is_returned_as_it_is() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let opts = AuthOptions::password("carol", "carol-pw")
        .identity_endpoint(emulator.identity_url())
        .passcode_callback(|_| {
            Err(rackcloud_core::Error::new(
                ErrorKind::Configuration,
                "no terminal",
            ))
        });
    let e = client().authenticate(opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Configuration);
    assert!(e.to_string().contains("no terminal"));
    Ok(())
}

#[test]
fn set_up_required_is_its_own_kind() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let opts = AuthOptions::password("dave", "dave-pw")
        .identity_endpoint(emulator.identity_url())
        .passcode_callback(|_| Ok(Secret::new("1")));
    let e = client().authenticate(opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MfaSetupRequired);
    assert_eq!(e.kind().as_str(), "mfa_setup_required");
    assert_eq!(e.status(), Some(403));
    Ok(())
}

#[test]
fn an_api_key_needs_no_second_factor() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let opts =
        AuthOptions::api_key("carol", "carol-key").identity_endpoint(emulator.identity_url());
    client().authenticate(opts)?;
    assert_eq!(emulator.requests().len(), 1);
    Ok(())
}

#[test]
fn re_authentication_asks_again_once_and_never_loops() -> anyhow::Result<()> {
    let emulator = emulator()?;
    let calls = Arc::new(AtomicU32::new(0));
    let provider = client().authenticate(carol(&emulator, &[PASSCODE, PASSCODE, "bad"], &calls))?;
    let lb = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
    let url = lb.service_url(&["loadbalancers", "1"]);
    emulator.expire_tokens();
    lb.get(&url).extract_err()?;
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(provider.token_requests(), 2);
    // The third answer is wrong: one more question, then an authentication error.
    emulator.expire_tokens();
    let e = lb.get(&url).extract_err().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    Ok(())
}
