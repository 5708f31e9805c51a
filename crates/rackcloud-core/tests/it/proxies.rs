//! Proxies: an explicit proxy with credentials (over TLS too), the environment's proxy with
//! loopback going directly, and no credential ever printed.

use rackcloud_core::{
    AuthOptions, EndpointOpts, ProviderClient, ProxyConfig, RetryPolicy, TrustedRoots, new_lb_v1,
};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME, Emulator};

use crate::connect_proxy::ConnectProxy;

fn opts(identity: String) -> AuthOptions {
    AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY).identity_endpoint(identity)
}

#[test]
fn an_explicit_proxy_carries_every_request_over_tls() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().tls().start()?;
    let proxy = ConnectProxy::start(emulator.addr())?;
    let url = proxy.url().replace("http://", "http://janitor:pa%3Ass@");
    let pem = emulator.ca_pem().unwrap_or_default();
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .trusted_roots(TrustedRoots::from_pem(pem.as_bytes())?)
        .proxy(ProxyConfig::url(&url)?)
        .authenticate(opts(emulator.identity_url()))?;
    let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
    for _ in 0..3 {
        client
            .get(&client.service_url(&["loadbalancers", "1"]))
            .extract_err()?;
    }
    let connects = proxy.connects();
    // One tunnel, reused: the identity request and the three calls share it.
    assert_eq!(connects.len(), 1, "{connects:?}");
    let head = &connects[0];
    assert!(
        head.starts_with(&format!(
            "CONNECT 127.0.0.1:{} HTTP/1.1",
            emulator.addr().port()
        )),
        "{head}"
    );
    // "janitor:pa:ss" in Basic.
    assert!(head.contains("amFuaXRvcjpwYTpzcw=="), "{head}");
    assert_eq!(emulator.stats().connections_accepted, 1);
    let debug = format!("{provider:?}");
    assert!(
        !debug.contains("janitor") && !debug.contains("pa%3Ass") && !debug.contains("pa:ss"),
        "{debug}"
    );
    Ok(())
}

#[test]
fn the_environment_proxy_is_used_but_loopback_goes_directly() -> anyhow::Result<()> {
    // The emulator answers only Host names it knows: this one reaches it through the proxy.
    let emulator = Emulator::builder()
        .default_seed()
        .allow_host("identity.invalid")
        .start()?;
    let proxy = ConnectProxy::start(emulator.addr())?;
    let env_url = proxy.url().replace("http://", "http://u:secret-pw@");
    let from_env = ProxyConfig::from_env_with(|name| match name {
        "https_proxy" => Some(env_url.clone()),
        "no_proxy" => Some("unrelated.example".to_owned()),
        _ => None,
    })?;
    // A name that resolves nowhere: only the proxy can reach it (it tunnels to the emulator).
    let identity = format!("http://identity.invalid:{}/v2.0/", emulator.addr().port());
    let provider = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .allow_plain_http(true)
        .proxy(from_env.clone())
        .authenticate(opts(identity))?;
    assert_eq!(proxy.connects().len(), 1);
    assert!(proxy.connects()[0].starts_with("CONNECT identity.invalid:"));
    // The catalog's endpoints are on 127.0.0.1: directly, not through the proxy.
    let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
    client
        .get(&client.service_url(&["loadbalancers", "1"]))
        .extract_err()?;
    assert_eq!(proxy.connects().len(), 1);
    assert!(!format!("{from_env:?}").contains("secret-pw"));
    Ok(())
}

#[test]
fn no_proxy_and_none_go_directly() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let proxy = ConnectProxy::start(emulator.addr())?;
    let bypass = ProxyConfig::url(&proxy.url())?.no_proxy("127.0.0.1");
    ProviderClient::builder()
        .proxy(bypass)
        .authenticate(opts(emulator.identity_url()))?;
    ProviderClient::builder()
        .proxy(ProxyConfig::none())
        .authenticate(opts(emulator.identity_url()))?;
    assert!(proxy.connects().is_empty());
    Ok(())
}

#[test]
fn a_proxy_that_refuses_is_a_transport_error_without_credentials() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    // Tunnels to a port where nothing listens: the proxy answers 502.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let proxy = ConnectProxy::start(closed)?;
    let url = proxy.url().replace("http://", "http://u:hunter2@");
    let e = ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .proxy(ProxyConfig::url(&url)?)
        .authenticate(opts(emulator.identity_url()))
        .unwrap_err();
    assert_eq!(e.kind(), rackcloud_core::ErrorKind::Transport);
    let all = format!("{e} {e:?}");
    assert!(all.contains("proxy"), "{all}");
    assert!(!all.contains("hunter2"), "{all}");
    Ok(())
}
