//! The server's bounds against a hostile client: the body limit answered before the body is
//! read, the record bounded by bytes, the fault queue bounded by count, cross-site control
//! requests refused, and idle connections closed by the header read timeout.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::{Lb, agent, flat, send};
use rackcloud_emulator::{
    DEMO_TENANT, Emulator, InjectedFault, MAX_PENDING_FAULTS, MAX_REQUEST_BODY, RECORD_BYTES,
    RECORDED_BODY_BYTES, TRUNCATED_MARKER,
};

/// How long a raw read waits before the test gives up (never reached when the server behaves).
const READ_GIVE_UP: Duration = Duration::from_secs(20);

fn connect(emulator: &Emulator) -> anyhow::Result<TcpStream> {
    let stream = TcpStream::connect(emulator.addr())?;
    stream.set_read_timeout(Some(READ_GIVE_UP))?;
    Ok(stream)
}

/// Reads until the server closes the connection or the body of a `Content-Length` answer is in.
fn read_answer(stream: &mut TcpStream) -> anyhow::Result<String> {
    let mut got = Vec::new();
    let mut buf = [0_u8; 4096];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok());
            if length.is_some_and(|l| body.len() >= l) {
                break;
            }
        }
    }
    Ok(String::from_utf8_lossy(&got).into_owned())
}

/// Whether a raw answer is the flat 413 for a body over the limit.
fn too_large(answer: &str) -> bool {
    answer.starts_with("HTTP/1.1 413 ")
        && answer.split_once("\r\n\r\n").is_some_and(|(_, body)| {
            serde_json::from_str::<serde_json::Value>(body).ok()
                == Some(flat(413, "The request body is too large."))
        })
}

#[test]
fn a_declared_length_past_the_limit_is_answered_before_any_body_is_sent() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let mut stream = connect(&emulator)?;
    let head = format!(
        "POST /dfw/v1.0/{DEMO_TENANT}/loadbalancers HTTP/1.1\r\nHost: localhost\r\n\
         X-Auth-Token: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        lb.token,
        MAX_REQUEST_BODY + 1
    );
    stream.write_all(head.as_bytes())?;
    // Not one byte of the body is sent: the answer comes anyway.
    let answer = read_answer(&mut stream)?;
    assert!(too_large(&answer), "{answer}");
    let recorded = emulator.requests();
    assert_eq!(recorded.last().map(|r| r.body.len()), Some(0));
    Ok(())
}

#[test]
fn a_chunked_body_past_the_limit_is_refused_and_exactly_the_limit_is_taken() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let mut stream = connect(&emulator)?;
    let head = format!(
        "POST /dfw/v1.0/{DEMO_TENANT}/loadbalancers/1/metadata HTTP/1.1\r\nHost: localhost\r\n\
         X-Auth-Token: {}\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
        lb.token,
        MAX_REQUEST_BODY + 1
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&vec![b' '; MAX_REQUEST_BODY + 1])?;
    let answer = read_answer(&mut stream)?;
    assert!(too_large(&answer), "{answer}");
    // A body of exactly the limit is read and judged by the route (not JSON: 400).
    let exact = " ".repeat(MAX_REQUEST_BODY);
    assert_eq!(lb.post("/loadbalancers/1/metadata", &exact)?.status, 400);
    Ok(())
}

#[test]
fn recorded_bodies_are_cut_with_a_marker_and_the_record_is_bounded_by_bytes() -> anyhow::Result<()>
{
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let long = "x".repeat(RECORDED_BODY_BYTES + 10);
    lb.post("/loadbalancers/1/metadata", &long)?;
    let recorded = emulator.requests();
    let body = recorded.last().map(|r| r.body.clone()).unwrap_or_default();
    assert_eq!(body.len(), RECORDED_BODY_BYTES + TRUNCATED_MARKER.len());
    assert!(body.ends_with(TRUNCATED_MARKER));
    assert!(body[..RECORDED_BODY_BYTES].iter().all(|b| *b == b'x'));
    // Enough full-size bodies to pass the byte bound: the oldest are forgotten.
    let full = "y".repeat(RECORDED_BODY_BYTES);
    let sent = RECORD_BYTES / RECORDED_BODY_BYTES + 20;
    for _ in 0..sent {
        lb.post("/loadbalancers/1/metadata", &full)?;
    }
    let recorded = emulator.requests();
    let bytes: usize = recorded
        .iter()
        .map(|r| {
            r.method.len()
                + r.path.len()
                + r.body.len()
                + r.headers
                    .iter()
                    .map(|(n, v)| n.len() + v.len())
                    .sum::<usize>()
        })
        .sum();
    assert!(bytes <= RECORD_BYTES, "{bytes}");
    assert!(recorded.len() < sent);
    assert!(recorded.iter().all(|r| r.body.len() == RECORDED_BODY_BYTES));
    Ok(())
}

#[test]
fn the_fault_queue_is_bounded_and_the_control_api_answers_413() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    for i in 0..MAX_PENDING_FAULTS {
        assert!(emulator.inject(InjectedFault::new(None, &format!("/never/{i}"), 503)));
    }
    assert!(!emulator.inject(InjectedFault::new(None, "/one/more", 503)));
    let url = format!("http://{}/_emulator/faults", emulator.addr());
    let json = [("Content-Type", "application/json")];
    let body = r#"{"path":"/one/more","status":503}"#;
    let answer = send(&agent(), "POST", &url, &json, Some(body))?;
    let message = format!(
        "Too many pending faults: at most {MAX_PENDING_FAULTS}; delete some with DELETE /_emulator/faults."
    );
    assert_eq!((answer.status, answer.json()?), (413, flat(413, &message)));
    let listed = send(&agent(), "GET", &url, &[], None)?.json()?;
    assert_eq!(
        listed["faults"].as_array().map(Vec::len),
        Some(MAX_PENDING_FAULTS)
    );
    let control = [("X-Emulator-Control", "1")];
    assert_eq!(send(&agent(), "DELETE", &url, &control, None)?.status, 204);
    assert_eq!(send(&agent(), "POST", &url, &json, Some(body))?.status, 201);
    Ok(())
}

#[test]
fn control_changes_without_json_or_the_control_header_are_refused() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let url = format!("http://{}/_emulator/expire-tokens", emulator.addr());
    let message = "Control requests that change state need Content-Type: application/json or X-Emulator-Control: 1.";
    let simple: [&[(&str, &str)]; 4] = [
        &[],
        &[("Content-Type", "text/plain")],
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &[("X-Emulator-Control", "0")],
    ];
    for headers in simple {
        let answer = send(&agent(), "POST", &url, headers, Some("{}"))?;
        assert_eq!(
            (answer.status, answer.json()?),
            (403, flat(403, message)),
            "{headers:?}"
        );
    }
    let faults = format!("http://{}/_emulator/faults", emulator.addr());
    assert_eq!(send(&agent(), "DELETE", &faults, &[], None)?.status, 403);
    assert_eq!(send(&agent(), "GET", &faults, &[], None)?.status, 200);
    let json = [("Content-Type", "Application/JSON; charset=utf-8")];
    assert_eq!(send(&agent(), "POST", &url, &json, None)?.status, 204);
    let control = [("X-Emulator-Control", "1")];
    assert_eq!(send(&agent(), "POST", &url, &control, None)?.status, 204);
    Ok(())
}

#[test]
fn a_connection_that_does_not_finish_its_headers_is_closed() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .header_read_timeout(Duration::from_millis(200))
        .start()?;
    let mut half = connect(&emulator)?;
    half.write_all(b"GET /v2.0/ HTTP/1.1\r\nHost: local")?;
    let answer = read_answer(&mut half)?;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
    // The server still serves others.
    let lb = Lb::demo(&emulator)?;
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    Ok(())
}
