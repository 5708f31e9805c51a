//! Failures told in the user's words: a refused certificate without the TLS library's type
//! names, a proxy that refuses its credentials (said so, and not retried), a proxy whose name
//! does not resolve (named as the proxy), and "configuration error:" once per message.

use std::io::Write;

use rackcloud_core::{
    AuthOptions, ErrorKind, ProviderClient, ProxyConfig, RetryPolicy, TrustedRoots,
};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME, Emulator};

use crate::peer::{Peer, read_request};

fn through_proxy(proxy: ProxyConfig) -> rackcloud_core::Error {
    ProviderClient::builder()
        .proxy(proxy)
        .authenticate(
            AuthOptions::api_key("u", "k").identity_endpoint("https://identity.example.com/v2.0/"),
        )
        .expect_err("the proxy fails")
}

#[test]
fn a_proxy_that_refuses_its_credentials_says_so_and_is_asked_once() {
    let proxy = Peer::start(|mut stream, _| {
        let _ = read_request(&stream);
        let _ = stream.write_all(
            b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n",
        );
    });
    let url = proxy.url().replace("http://", "http://alice:wrong-pw@");
    let e = through_proxy(ProxyConfig::url(&url).expect("proxy"));
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(e.attempts(), 1);
    let text = e.to_string();
    assert!(
        text.contains(&format!(
            "the proxy {} refused the proxy credentials (407 Proxy Authentication Required)",
            proxy.addr()
        )),
        "{text}"
    );
    assert!(
        !text.contains("wrong-pw") && !text.contains("could not connect"),
        "{text}"
    );
    assert_eq!(
        proxy.connections(),
        1,
        "a refused credential is not retried"
    );
}

#[test]
fn a_proxy_whose_name_does_not_resolve_is_named() {
    let e = through_proxy(ProxyConfig::url("http://proxy.invalid:3128").expect("proxy"));
    assert_eq!(e.kind(), ErrorKind::Transport);
    let text = e.to_string();
    assert!(
        text.contains("host name lookup failed: the proxy proxy.invalid: "),
        "{text}"
    );
}

#[test]
fn an_untrusted_certificate_is_told_without_type_names() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().tls().start()?;
    let e = ProviderClient::builder()
        .proxy(ProxyConfig::none())
        .retry_policy(RetryPolicy::none())
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.ends_with(&format!(
            "TLS handshake with {} failed: the server's certificate is not signed by a trusted certificate authority; trust its certificate authority with ProviderClientBuilder::trusted_roots",
            emulator.addr()
        )),
        "{text}"
    );
    for sdk_words in ["TrustedRoots)", "UnknownIssuer", "InvalidCertificate"] {
        assert!(!text.contains(sdk_words), "{text}");
    }
    Ok(())
}

#[test]
fn configuration_error_is_said_once() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("rackcloud-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("no-certificates.pem");
    std::fs::write(&file, "not a certificate")?;
    let ca = TrustedRoots::from_pem_file(&file).unwrap_err();
    let proxy = ProxyConfig::from_env_with(|name| {
        (name == "HTTPS_PROXY").then(|| "ftp://proxy:21".to_owned())
    })
    .unwrap_err();
    std::fs::remove_dir_all(&dir)?;
    for e in [ca, proxy] {
        assert_eq!(e.kind(), ErrorKind::Configuration);
        let text = e.to_string();
        assert_eq!(text.matches("configuration error").count(), 1, "{text}");
    }
    Ok(())
}
