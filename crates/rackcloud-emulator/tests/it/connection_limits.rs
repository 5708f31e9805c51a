//! Connections are held to their timers and each client address to its cap: a connection that
//! sends nothing, stops mid-headers, never sends its body or never reads its answer is closed,
//! and a client past its cap is refused while its other connections and other clients are
//! served.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::{Lb, eventually, flat};
use rackcloud_emulator::{Emulator, InjectedBody, InjectedFault};

/// How long a raw read waits before the test gives up (never reached when the server behaves).
const GIVE_UP: Duration = Duration::from_secs(20);
/// Long enough never to fire during a test.
const NEVER: Duration = Duration::from_secs(600);
/// Short enough to fire at once.
const SHORT: Duration = Duration::from_millis(150);

fn connect(emulator: &Emulator) -> anyhow::Result<TcpStream> {
    let stream = TcpStream::connect(emulator.addr())?;
    stream.set_read_timeout(Some(GIVE_UP))?;
    Ok(stream)
}

/// Reads until the server closes the connection (a reset counts as closed).
fn read_to_close(stream: &mut TcpStream) -> anyhow::Result<String> {
    let mut got = Vec::new();
    let mut buf = [0_u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(err) => return Err(err.into()),
        }
    }
    Ok(String::from_utf8_lossy(&got).into_owned())
}

/// One keep-alive request on a raw connection; the answer's status line.
fn get_status_line(stream: &mut TcpStream, path: &str) -> anyhow::Result<String> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut got = Vec::new();
    let mut buf = [0_u8; 4096];
    while !String::from_utf8_lossy(&got).contains("\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        anyhow::ensure!(n > 0, "closed before an answer");
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got).into_owned();
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

#[test]
fn a_connection_that_sends_nothing_is_closed_after_the_idle_timeout() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .idle_timeout(SHORT)
        .header_read_timeout(NEVER)
        .start()?;
    let mut silent = connect(&emulator)?;
    assert_eq!(read_to_close(&mut silent)?, "");
    // Idle after an answer on a keep-alive connection: closed too.
    let mut once = connect(&emulator)?;
    assert_eq!(
        get_status_line(&mut once, "/_emulator/stats")?,
        "HTTP/1.1 200 OK"
    );
    assert_eq!(read_to_close(&mut once)?, "");
    assert_eq!(emulator.stats().connections_timed_out, 2);
    Ok(())
}

#[test]
fn headers_that_stop_part_way_are_cut_by_the_header_timeout_alone() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .idle_timeout(NEVER)
        .header_read_timeout(SHORT)
        .start()?;
    let mut half = connect(&emulator)?;
    half.write_all(b"GET /v2.0/ HTTP/1.1\r\nHost: local")?;
    assert_eq!(read_to_close(&mut half)?, "");
    assert_eq!(emulator.stats().connections_timed_out, 1);
    // A silent connection is idle, not slow: it stays open.
    let mut silent = connect(&emulator)?;
    silent.set_read_timeout(Some(SHORT * 3))?;
    let kind = silent.read(&mut [0_u8; 1]).map_err(|e| e.kind());
    assert!(
        matches!(
            kind,
            Err(std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
        ),
        "{kind:?}"
    );
    Ok(())
}

#[test]
fn a_body_that_never_arrives_is_answered_408_and_closed() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .idle_timeout(NEVER)
        .header_read_timeout(SHORT)
        .start()?;
    let mut stream = connect(&emulator)?;
    stream.write_all(
        b"POST /_emulator/faults HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{",
    )?;
    let answer = read_to_close(&mut stream)?;
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    let message = "The request body did not arrive within 150 ms of its headers.";
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(body)?,
        flat(408, message)
    );
    // The body never arrived: nothing was injected.
    assert!(emulator.requests().is_empty());
    Ok(())
}

#[test]
fn an_answer_the_client_never_reads_is_cut_but_a_slow_fault_is_not() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .idle_timeout(SHORT)
        .header_read_timeout(NEVER)
        .start()?;
    emulator.inject(
        InjectedFault::new(Some("GET"), "/big", 200).body(InjectedBody::Huge {
            bytes: 256 * 1024 * 1024,
        }),
    );
    let mut reader = connect(&emulator)?;
    reader.write_all(b"GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
    // Never read: the server's writes block until the idle timeout closes the connection.
    eventually(|| Ok(emulator.stats().connections_timed_out == 1))?;
    drop(reader);
    // A fault that waits three idle timeouts before answering is the server's own delay.
    emulator.inject(InjectedFault::new(Some("GET"), "/slow", 503).delay(SHORT * 3));
    let mut slow = connect(&emulator)?;
    assert_eq!(
        get_status_line(&mut slow, "/slow")?,
        "HTTP/1.1 503 Service Unavailable"
    );
    assert_eq!(emulator.stats().connections_timed_out, 1);
    Ok(())
}

#[test]
fn past_its_cap_a_client_is_refused_while_its_open_connections_are_served() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .max_connections_per_client(4)
        .start()?;
    let mut open: Vec<TcpStream> = (0..4)
        .map(|_| connect(&emulator))
        .collect::<anyhow::Result<_>>()?;
    eventually(|| Ok(emulator.stats().connections_accepted == 4))?;
    let mut fifth = connect(&emulator)?;
    fifth.write_all(b"GET /_emulator/stats HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
    let answer = read_to_close(&mut fifth)?;
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    let message =
        "Too many open connections from 127.0.0.1: at most 4 at once; close idle ones and retry.";
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(body)?,
        flat(503, message)
    );
    assert_eq!(emulator.stats().connections_refused, 1);
    for stream in &mut open {
        assert_eq!(
            get_status_line(stream, "/_emulator/stats")?,
            "HTTP/1.1 200 OK"
        );
    }
    // One closed, a new connection takes its place.
    drop(open.pop());
    eventually(|| {
        let lb = Lb::demo(&emulator)?;
        Ok(lb.get("/loadbalancers/1").is_ok_and(|a| a.status == 200))
    })?;
    Ok(())
}
