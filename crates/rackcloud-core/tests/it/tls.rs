//! HTTPS against the emulator: a custom CA, a wrong CA, a name mismatch, connection reuse.

use std::error::Error as _;

use rackcloud_core::{
    AuthOptions, EndpointOpts, ErrorKind, ProviderClient, ProxyConfig, RetryPolicy, TrustedRoots,
    new_lb_v1,
};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME, Emulator};

fn opts(emulator: &Emulator) -> AuthOptions {
    AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY).identity_endpoint(emulator.identity_url())
}

fn trusting(emulator: &Emulator) -> anyhow::Result<rackcloud_core::ProviderClientBuilder> {
    let pem = emulator.ca_pem().ok_or_else(|| anyhow::anyhow!("no CA"))?;
    Ok(ProviderClient::builder()
        .proxy(ProxyConfig::none())
        .retry_policy(RetryPolicy::none())
        .trusted_roots(TrustedRoots::from_pem(pem.as_bytes())?))
}

#[test]
fn the_emulator_ca_is_trusted_and_connections_are_reused() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().tls().start()?;
    assert!(emulator.identity_url().starts_with("https://127.0.0.1:"));
    let provider = trusting(&emulator)?.authenticate(opts(&emulator))?;
    let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
    assert!(client.endpoint().starts_with("https://"));
    for _ in 0..10 {
        client
            .get(&client.service_url(&["loadbalancers", "1"]))
            .extract_err()?;
    }
    let stats = emulator.stats();
    assert_eq!(stats.api_requests.get, 10);
    // One TLS handshake per connection, and one connection for all eleven requests.
    assert_eq!(stats.connections_accepted, 1);
    Ok(())
}

#[test]
fn the_bundled_roots_refuse_the_emulator_with_a_certificate_error() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().tls().start()?;
    let e = ProviderClient::builder()
        .proxy(ProxyConfig::none())
        .retry_policy(RetryPolicy::none())
        .authenticate(opts(&emulator))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    let text = e.to_string();
    assert!(text.contains("TLS handshake with 127.0.0.1:"), "{text}");
    assert!(
        text.contains("not signed by a trusted certificate authority"),
        "{text}"
    );
    let source = e.source().map(ToString::to_string).unwrap_or_default();
    assert!(source.contains("invalid peer certificate"), "{source}");
    assert_eq!(emulator.stats().token_requests, 0);
    Ok(())
}

#[test]
fn another_emulators_ca_is_a_wrong_ca() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().tls().start()?;
    let other = Emulator::builder().tls().start()?;
    let e = trusting(&other)?.authenticate(opts(&emulator)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert!(e.to_string().contains("certificate"), "{e}");
    Ok(())
}

#[test]
fn a_name_the_certificate_does_not_cover_is_refused() -> anyhow::Result<()> {
    // The certificate is for localhost and 127.0.0.1; 127.0.0.2 is loopback too.
    let emulator = Emulator::builder()
        .default_seed()
        .tls()
        .listen("127.0.0.2:0".parse()?)
        .start()?;
    let e = trusting(&emulator)?
        .authenticate(opts(&emulator))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    let text = e.to_string();
    assert!(
        text.contains("certificate is not valid for this host name"),
        "{text}"
    );
    assert!(e.source().is_some());
    Ok(())
}

#[test]
fn platform_roots_and_bad_pem_are_options() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().tls().start()?;
    let e = ProviderClient::builder()
        .proxy(ProxyConfig::none())
        .retry_policy(RetryPolicy::none())
        .trusted_roots(TrustedRoots::platform())
        .authenticate(opts(&emulator))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert!(e.to_string().contains("TLS handshake with"), "{e}");
    let e = TrustedRoots::from_pem(
        b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
    )
    .err()
    .map(|e| e.kind());
    assert_eq!(e, Some(ErrorKind::Configuration));
    Ok(())
}
