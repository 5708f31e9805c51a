//! Revoking and validating tokens against the emulator.

use rackcloud_core::{EndpointOpts, ErrorKind, ProviderClient, RetryPolicy, Secret, new_lb_v1};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator};

use crate::common::demo_key;

#[test]
fn a_revoked_token_is_refused_and_the_client_gets_a_new_one() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .authenticate(demo_key(&emulator))?;
    let old = provider.token();
    let info = provider
        .validate_token(&old)?
        .ok_or_else(|| anyhow::anyhow!("valid"))?;
    assert_eq!(info.tenant_id(), Some(DEMO_TENANT));
    assert!(info.expires().is_some());
    emulator.clear_requests();
    provider.revoke_token()?;
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "DELETE");
    assert_eq!(requests[0].path, "/v2.0/tokens");
    assert_eq!(requests[0].header("x-auth-token"), Some(old.expose()));
    // Anyone holding the old token is refused.
    let holder = rackcloud_core::ServiceClient::with_token(
        &emulator.lb_endpoint("DFW", DEMO_TENANT),
        old.clone(),
    )?;
    let e = holder
        .get(&holder.service_url(&["loadbalancers", "1"]))
        .extract_err()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication);
    // The client itself re-authenticates.
    let lb = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
    lb.get(&lb.service_url(&["loadbalancers", "1"]))
        .extract_err()?;
    assert_eq!(provider.token_requests(), 2);
    assert_ne!(provider.token(), old);
    assert!(provider.validate_token(&old)?.is_none());
    Ok(())
}

#[test]
fn validation_keeps_the_token_out_of_errors_and_refuses_bad_input() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let provider = crate::common::provider(&emulator);
    let before = emulator.requests().len();
    for bad in ["", "a/b", "x y", "tok?en"] {
        let e = provider.validate_token(&Secret::new(bad)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{bad}");
    }
    assert_eq!(emulator.requests().len(), before);
    assert!(
        provider
            .validate_token(&Secret::new("unknown-token"))?
            .is_none()
    );
    let other = emulator.issue_token("other").unwrap_or_default();
    let e = provider
        .validate_token(&Secret::new(other.clone()))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Forbidden);
    assert!(!format!("{e} {e:?}").contains(&other), "{e}");
    assert!(e.to_string().contains("/tokens/[redacted]"), "{e}");
    let _ = DEMO_USERNAME;
    Ok(())
}

#[test]
fn a_client_made_with_a_token_cannot_revoke() {
    let client = ProviderClient::builder().with_token("t");
    let e = client.revoke_token().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Configuration);
}
