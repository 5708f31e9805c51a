//! Injected faults on the wire: stalls mid-body and huge bodies, read from a raw TCP stream.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::Lb;
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator, InjectedBody, InjectedFault};
use serde_json::json;

/// Sends a raw GET for `path` with a token and returns the stream.
fn raw_get(emulator: &Emulator, path: &str) -> anyhow::Result<TcpStream> {
    let token = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    let mut stream = TcpStream::connect(emulator.addr())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nX-Auth-Token: {token}\r\n\r\n"
    )?;
    Ok(stream)
}

/// Reads until `received` holds the whole head and `body_bytes` of body (five seconds at most);
/// returns the head and the body so far.
fn read_head_and(stream: &mut TcpStream, body_bytes: usize) -> anyhow::Result<(String, Vec<u8>)> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            let body = received[end + 4..].to_vec();
            if body.len() >= body_bytes {
                let head = String::from_utf8_lossy(&received[..end]).into_owned();
                return Ok((head, body));
            }
        }
        let n = stream.read(&mut buf)?;
        anyhow::ensure!(
            n > 0,
            "closed early: {:?}",
            String::from_utf8_lossy(&received)
        );
        received.extend_from_slice(&buf[..n]);
    }
}

/// What the stream does next within `timeout`: `Ok(None)` nothing, `Ok(Some(bytes))` closed after
/// sending `bytes`.
fn next_on(stream: &mut TcpStream, timeout: Duration) -> anyhow::Result<Option<Vec<u8>>> {
    stream.set_read_timeout(Some(timeout))?;
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(Some(received)),
            Ok(n) => received.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                anyhow::ensure!(received.is_empty(), "more bytes: {received:?}");
                return Ok(None);
            }
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return Ok(Some(received)),
            Err(e) => return Err(e.into()),
        }
    }
}

#[test]
fn a_stall_sends_the_first_bytes_then_nothing_then_closes() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let stall = Duration::from_secs(1);
    emulator.inject(
        InjectedFault::new(None, "/dfw/v1.0/*/loadbalancers/*", 200)
            .body(InjectedBody::Json(
                json!({"loadBalancer": {"id": 1, "name": "web"}}),
            ))
            .stall_after(10, stall),
    );
    let started = Instant::now();
    let mut stream = raw_get(
        &emulator,
        &format!("/dfw/v1.0/{DEMO_TENANT}/loadbalancers/1"),
    )?;
    let (head, body) = read_head_and(&mut stream, 10)?;
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    let full = r#"{"loadBalancer":{"id":1,"name":"web"}}"#;
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-length: {}", full.len())),
        "{head}"
    );
    assert_eq!(body, &full.as_bytes()[..10]);
    // Then nothing: a client with a short read timeout times out mid-body…
    assert_eq!(next_on(&mut stream, Duration::from_millis(100))?, None);
    // …and after the stall the server closes the connection without sending the rest.
    assert_eq!(
        next_on(&mut stream, Duration::from_secs(5))?,
        Some(Vec::new())
    );
    assert!(started.elapsed() >= stall);

    // The same with an HTTP client whose body read timeout is shorter than the stall.
    emulator
        .inject(InjectedFault::new(None, "/dfw/v1.0/*/loadbalancers/*", 500).stall_after(5, stall));
    let lb = Lb::demo(&emulator)?;
    let impatient: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_recv_body(Some(Duration::from_millis(100)))
        .build()
        .into();
    let mut response = impatient
        .get(format!("{}/loadbalancers/1", lb.base))
        .header("X-Auth-Token", &lb.token)
        .call()?;
    assert_eq!(response.status(), 500);
    let read = response.body_mut().read_to_vec();
    assert!(read.is_err(), "{read:?}");
    Ok(())
}

#[test]
fn a_stall_on_a_short_body_comes_before_its_last_byte() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    emulator
        .inject(InjectedFault::new(None, "/dfw/**", 503).stall_after(1000, Duration::from_secs(1)));
    let mut stream = raw_get(
        &emulator,
        &format!("/dfw/v1.0/{DEMO_TENANT}/loadbalancers/1"),
    )?;
    let full = r#"{"message":"Service Unavailable","code":503}"#;
    let (_, body) = read_head_and(&mut stream, full.len() - 1)?;
    assert_eq!(body, &full.as_bytes()[..full.len() - 1]);
    assert_eq!(next_on(&mut stream, Duration::from_millis(100))?, None);
    assert_eq!(
        next_on(&mut stream, Duration::from_secs(5))?,
        Some(Vec::new())
    );

    // An empty body has nothing to stall in: it is answered at once.
    emulator.inject(
        InjectedFault::new(None, "/dfw/**", 503)
            .body(InjectedBody::Empty)
            .stall_after(0, Duration::from_secs(30)),
    );
    let answer = Lb::demo(&emulator)?.get("/loadbalancers/1")?;
    assert_eq!((answer.status, answer.body.len()), (503, 0));
    Ok(())
}

#[test]
fn a_huge_body_is_never_held_in_memory() -> anyhow::Result<()> {
    // Four GiB: reading the first bytes at once shows the body is generated as it is sent.
    let emulator = Emulator::start()?;
    let bytes = usize::try_from(4u64 << 30).unwrap_or(usize::MAX);
    emulator.inject(InjectedFault::new(None, "/**", 200).body(InjectedBody::Huge { bytes }));
    let started = Instant::now();
    let mut stream = raw_get(
        &emulator,
        &format!("/dfw/v1.0/{DEMO_TENANT}/loadbalancers/1"),
    )?;
    let (head, body) = read_head_and(&mut stream, 12)?;
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-length: {bytes}")),
        "{head}"
    );
    assert!(body.starts_with(br#"{"message":""#));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    drop(stream);
    // The server is fine after the client hung up mid-body.
    assert_eq!(Lb::demo(&emulator)?.get("/loadbalancers/1")?.status, 200);
    Ok(())
}
