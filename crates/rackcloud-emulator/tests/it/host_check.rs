//! The `Host` check: only loopback names and the listen address are answered, on the control API
//! and the public API alike, so that a page that rebinds its own name to 127.0.0.1 gets nothing.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::{api_key_body, flat};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME, Emulator};

/// One raw request with this `Host` (and `Connection: close`); the status and the body.
fn raw(
    emulator: &Emulator,
    method: &str,
    path: &str,
    host: &str,
    body: &str,
) -> anyhow::Result<(u16, String)> {
    let mut stream = TcpStream::connect(emulator.addr())?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_default();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

fn refusal(host: &str) -> serde_json::Value {
    flat(
        421,
        &format!(
            "This emulator does not answer for Host '{host}': only 127.0.0.1, [::1], localhost \
             and the address it listens on (with any port), so that a web page cannot reach it \
             by rebinding its own name to this machine."
        ),
    )
}

#[test]
fn a_rebound_name_is_refused_on_the_control_api() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let port = emulator.addr().port();
    let rebound = format!("rebound.example:{port}");
    let (status, body) = raw(
        &emulator,
        "POST",
        "/_emulator/expire-tokens",
        &rebound,
        "{}",
    )?;
    assert_eq!(status, 421);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body)?,
        refusal(&rebound)
    );
    let (status, _) = raw(&emulator, "GET", "/_emulator/stats", "attacker.example", "")?;
    assert_eq!(status, 421);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "LocalHost".to_owned(),
        format!("[::1]:{port}"),
    ] {
        let (status, _) = raw(&emulator, "GET", "/_emulator/stats", &host, "")?;
        assert_eq!(status, 200, "{host}");
    }
    Ok(())
}

#[test]
fn a_rebound_name_gets_no_token_and_is_neither_counted_nor_recorded() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let credentials = api_key_body(DEMO_USERNAME, DEMO_API_KEY);
    let (status, body) = raw(
        &emulator,
        "POST",
        "/v2.0/tokens",
        "rebound.example",
        &credentials,
    )?;
    assert_eq!(status, 421);
    assert!(!body.contains("token"), "{body}");
    assert_eq!(emulator.stats().token_requests, 0);
    assert!(emulator.requests().is_empty());
    let (status, _) = raw(&emulator, "POST", "/v2.0/tokens", "127.0.0.1", &credentials)?;
    assert_eq!(status, 200);
    assert_eq!(emulator.stats().token_requests, 1);
    Ok(())
}

#[test]
fn an_allowed_name_is_answered() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .allow_host("emulator")
        .start()?;
    let (status, _) = raw(&emulator, "GET", "/_emulator/stats", "Emulator:8080", "")?;
    assert_eq!(status, 200);
    let (status, _) = raw(&emulator, "GET", "/_emulator/stats", "emulator.evil", "")?;
    assert_eq!(status, 421);
    Ok(())
}

#[test]
fn a_name_allowed_with_a_port_is_the_name_and_the_refusal_lists_the_allowed_names()
-> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .allow_host("lb-emulator:8900")
        .start()?;
    let (status, _) = raw(&emulator, "GET", "/_emulator/stats", "lb-emulator:1234", "")?;
    assert_eq!(status, 200);
    let (status, body) = raw(&emulator, "GET", "/_emulator/stats", "evil.example", "")?;
    assert_eq!(status, 421);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body)?,
        flat(
            421,
            "This emulator does not answer for Host 'evil.example': only 127.0.0.1, [::1], \
             localhost and the address it listens on, the names it was allowed (lb-emulator) \
             (with any port), so that a web page cannot reach it by rebinding its own name to \
             this machine."
        )
    );
    Ok(())
}

#[test]
fn a_request_with_two_host_headers_is_refused_whatever_their_order() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    for (first, second) in [("127.0.0.1", "evil.example"), ("evil.example", "127.0.0.1")] {
        let mut stream = TcpStream::connect(emulator.addr())?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let request = format!(
            "GET /_emulator/stats HTTP/1.1\r\nHost: {first}\r\nHost: {second}\r\n\
             Connection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes())?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        assert!(
            answer.starts_with("HTTP/1.1 400 "),
            "{first}, {second}: {answer}"
        );
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or_default();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(body)?,
            flat(
                400,
                "A request has at most one Host header: this one has several."
            )
        );
    }
    Ok(())
}
