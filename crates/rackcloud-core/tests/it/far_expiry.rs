//! An `expires` past the date library's range authenticates and counts as far away.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, SystemTime};

use rackcloud_core::{AuthOptions, ProviderClient};

/// Answers one token request with `expires`, then stops.
fn identity_once(expires: &'static str) -> anyhow::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let mut buf = [0u8; 4096];
        let mut seen = Vec::new();
        while let Ok(n @ 1..) = stream.read(&mut buf) {
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(4).any(|w| w == b"\r\n\r\n") && seen.ends_with(b"}}}") {
                break;
            }
        }
        let body = format!(
            r#"{{"access":{{"token":{{"id":"t","expires":"{expires}","tenant":{{"id":"1"}}}},"serviceCatalog":[]}}}}"#
        );
        let reply = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(reply.as_bytes());
    });
    Ok(format!("http://{addr}/v2.0/"))
}

#[test]
fn years_past_9999_do_not_fail_authentication() -> anyhow::Result<()> {
    for expires in ["9999-12-31T23:59:59Z", "10000-01-01T00:00:00.000Z"] {
        let url = identity_once(expires)?;
        let provider = ProviderClient::builder()
            .authenticate(AuthOptions::api_key("u", "k").identity_endpoint(url))?;
        let at = provider
            .token_expires()
            .ok_or_else(|| anyhow::anyhow!("no expiry"))?;
        assert!(
            at > SystemTime::now() + Duration::from_secs(100 * 365 * 24 * 3600),
            "{expires}"
        );
    }
    Ok(())
}
