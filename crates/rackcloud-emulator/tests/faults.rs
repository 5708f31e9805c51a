//! Programmable faults: every body shape byte for byte, `times`, patterns, the order of checks,
//! delays, stalls and huge bodies.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{Lb, agent, api_key_body, authenticate, send};
use rackcloud_emulator::{
    DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, InjectedBody, InjectedFault, MethodCounts,
};
use serde_json::json;

const SP: &str = "/dfw/v1.0/*/loadbalancers/*/sessionpersistence";

/// Status, content type, `Retry-After`, and body of an answer.
type Faulted = (u16, Option<String>, Option<String>, Vec<u8>);

/// The answer to `GET {lb}/loadbalancers/1/sessionpersistence` with `fault` injected.
fn faulted(fault: InjectedFault) -> anyhow::Result<Faulted> {
    let emulator = Emulator::start()?;
    emulator.inject(fault);
    let answer = Lb::demo(&emulator)?.get("/loadbalancers/1/sessionpersistence")?;
    let length = answer.header("content-length").map(str::to_owned);
    assert_eq!(length, Some(answer.body.len().to_string()));
    Ok((
        answer.status,
        answer.header("content-type").map(str::to_owned),
        answer.header("retry-after").map(str::to_owned),
        answer.body,
    ))
}

fn text(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

#[test]
fn the_flat_body_is_the_default() -> anyhow::Result<()> {
    assert_eq!(
        faulted(InjectedFault::new(None, SP, 503))?,
        (
            503,
            Some("application/json".into()),
            None,
            text(r#"{"message":"Service Unavailable","code":503}"#)
        )
    );
    let custom = InjectedFault::new(Some("GET"), SP, 500).body(InjectedBody::Flat {
        message: "Database \"down\"".into(),
    });
    assert_eq!(
        faulted(custom)?.3,
        text(r#"{"message":"Database \"down\"","code":500}"#)
    );
    Ok(())
}

#[test]
fn the_over_limit_body_is_wrapped_with_a_retry_date() -> anyhow::Result<()> {
    let before = jiff::Timestamp::now();
    let (status, content_type, retry_after, body) = faulted(
        InjectedFault::new(None, SP, 413)
            .body(InjectedBody::OverLimit)
            .retry_after("2"),
    )?;
    assert_eq!(
        (status, content_type.as_deref(), retry_after.as_deref()),
        (413, Some("application/json"), Some("2"))
    );
    let value: serde_json::Value = serde_json::from_slice(&body)?;
    let date = value["overLimit"]["retryAfter"]
        .as_str()
        .unwrap_or_default();
    let expected = format!(
        r#"{{"overLimit":{{"code":413,"message":"OverLimit Retry...","details":"Error Details...","retryAfter":"{date}"}}}}"#
    );
    assert_eq!(String::from_utf8(body)?, expected);
    let retry: jiff::Timestamp = date.parse()?;
    let seconds = retry.as_second() - before.as_second();
    assert!((1..=3).contains(&seconds), "{date} is {seconds} s away");
    assert!(date.ends_with('Z') && !date.contains('.'), "{date}");

    // Without Retry-After: no header, and the date is a minute away.
    let (_, _, retry_after, body) =
        faulted(InjectedFault::new(None, SP, 413).body(InjectedBody::OverLimit))?;
    assert_eq!(retry_after, None);
    let value: serde_json::Value = serde_json::from_slice(&body)?;
    let retry: jiff::Timestamp = value["overLimit"]["retryAfter"]
        .as_str()
        .unwrap_or_default()
        .parse()?;
    assert!((59..=61).contains(&(retry.as_second() - before.as_second())));
    Ok(())
}

#[test]
fn the_html_body_is_a_proxy_page() -> anyhow::Result<()> {
    let page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
    assert_eq!(
        faulted(InjectedFault::new(None, SP, 502).body(InjectedBody::Html))?,
        (502, Some("text/html".into()), None, text(page))
    );
    Ok(())
}

#[test]
fn the_empty_body_has_no_content_type() -> anyhow::Result<()> {
    assert_eq!(
        faulted(
            InjectedFault::new(None, SP, 503)
                .body(InjectedBody::Empty)
                .retry_after("Wed, 21 Oct 2026 07:28:00 GMT")
        )?,
        (
            503,
            None,
            Some("Wed, 21 Oct 2026 07:28:00 GMT".into()),
            Vec::new()
        )
    );
    Ok(())
}

#[test]
fn the_truncated_body_is_half_a_fault() -> anyhow::Result<()> {
    let full = r#"{"message":"Internal Server Error","code":500}"#;
    let (status, content_type, _, body) =
        faulted(InjectedFault::new(None, SP, 500).body(InjectedBody::Truncated))?;
    assert_eq!(
        (status, content_type.as_deref(), body),
        (500, Some("application/json"), text(&full[..full.len() / 2]))
    );
    Ok(())
}

#[test]
fn the_json_body_is_exactly_that_json() -> anyhow::Result<()> {
    let body = json!({"sessionPersistence": {"persistenceType": "WEIRD"}});
    assert_eq!(
        faulted(InjectedFault::new(None, SP, 200).body(InjectedBody::Json(body.clone())))?,
        (
            200,
            Some("application/json".into()),
            None,
            serde_json::to_vec(&body)?
        )
    );
    Ok(())
}

#[test]
fn a_huge_body_is_streamed_with_its_full_length() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let bytes = 24 * 1024 * 1024 + 7;
    emulator.inject(InjectedFault::new(None, "/**", 500).body(InjectedBody::Huge { bytes }));
    let lb = Lb::demo(&emulator)?;
    let url = format!("{}/loadbalancers/1", lb.base);
    let mut response = lb.agent.get(&url).call()?;
    assert_eq!(response.status(), 500);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header("content-length"), Some(bytes.to_string()));
    assert_eq!(header("content-type").as_deref(), Some("application/json"));
    let mut reader = response.body_mut().as_reader();
    let mut start = [0u8; 16];
    reader.read_exact(&mut start)?;
    assert_eq!(&start, br#"{"message":"xxxx"#);
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest)?;
    assert_eq!(rest.len() + start.len(), bytes);
    assert!(rest.ends_with(br#"xxx"}"#));
    assert!(rest[..rest.len() - 2].iter().all(|b| *b == b'x'));
    // The connection is still good for the next request.
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    Ok(())
}

#[test]
fn times_counts_the_answers_and_faults_apply_in_order() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .fault(InjectedFault::new(Some("GET"), SP, 503).times(2))
        .start()?;
    emulator.inject(InjectedFault::new(None, SP, 500));
    let lb = Lb::demo(&emulator)?;
    let statuses: Vec<u16> = (0..4)
        .map(|_| {
            lb.get("/loadbalancers/1/sessionpersistence")
                .map(|a| a.status)
        })
        .collect::<anyhow::Result<_>>()?;
    assert_eq!(statuses, [503, 503, 500, 200]);

    // times(0) never answers; clear_faults forgets the rest.
    emulator.inject(InjectedFault::new(None, SP, 500).times(0));
    emulator.inject(InjectedFault::new(None, SP, 502).times(10));
    assert_eq!(lb.get("/loadbalancers/1/sessionpersistence")?.status, 502);
    emulator.clear_faults();
    assert_eq!(lb.get("/loadbalancers/1/sessionpersistence")?.status, 200);
    Ok(())
}

#[test]
fn patterns_and_methods_select_requests() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    // Method filter: a PUT fault leaves GETs alone.
    emulator.inject(InjectedFault::new(Some("PUT"), SP, 503));
    assert_eq!(lb.get("/loadbalancers/1/sessionpersistence")?.status, 200);
    let body = r#"{"sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}"#;
    assert_eq!(
        lb.put("/loadbalancers/2/sessionpersistence", body)?.status,
        503
    );
    // `*` is exactly one segment; the query is not part of the match.
    emulator.inject(InjectedFault::new(None, "/dfw/v1.0/*/loadbalancers", 504));
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    assert_eq!(lb.get("/loadbalancers?limit=1")?.status, 504);
    // `/**` is any rest; another region is untouched.
    emulator.inject(InjectedFault::new(None, "/ord/**", 500).times(2));
    let ord = Lb {
        base: emulator.lb_endpoint("ORD", DEMO_TENANT),
        ..Lb::demo(&emulator)?
    };
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    assert_eq!(ord.get("/loadbalancers/10")?.status, 500);
    assert_eq!(ord.get("/loadbalancers/10/sessionpersistence")?.status, 500);
    assert_eq!(ord.get("/loadbalancers/10")?.status, 200);
    // An invalid pattern matches nothing.
    emulator.inject(InjectedFault::new(None, "dfw/**", 500));
    assert_eq!(lb.get("/loadbalancers/1")?.status, 200);
    Ok(())
}

#[test]
fn faults_come_before_the_token_check_and_are_counted_and_recorded() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let agent = agent();
    emulator.inject(InjectedFault::new(None, SP, 503).times(2));
    let url = format!(
        "{}/loadbalancers/1/sessionpersistence",
        emulator.lb_endpoint("DFW", DEMO_TENANT)
    );
    // No token at all: the gateway answers before the service looks at it.
    assert_eq!(send(&agent, "GET", &url, &[], None)?.status, 503);
    assert_eq!(
        send(&agent, "DELETE", &url, &[("X-Auth-Token", "bogus")], None)?.status,
        503
    );
    assert_eq!(send(&agent, "GET", &url, &[], None)?.status, 401);

    // Identity too: a faulted token request is a token request.
    emulator.inject(InjectedFault::new(Some("POST"), "/v2.0/tokens", 500).body(InjectedBody::Html));
    let body = api_key_body(DEMO_USERNAME, DEMO_API_KEY);
    assert_eq!(authenticate(&agent, &emulator, &body)?.status, 500);
    assert_eq!(authenticate(&agent, &emulator, &body)?.status, 200);

    // Paths nothing serves can be faulted too (and stay uncounted).
    emulator.inject(InjectedFault::new(None, "/nothing/here", 418));
    let nothing = format!("http://{}/nothing/here", emulator.addr());
    assert_eq!(send(&agent, "GET", &nothing, &[], None)?.status, 418);

    let stats = emulator.stats();
    assert_eq!(stats.token_requests, 2);
    assert_eq!(
        stats.api_requests,
        MethodCounts {
            get: 2,
            delete: 1,
            ..MethodCounts::default()
        }
    );
    let paths: Vec<String> = emulator
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        paths,
        [
            "GET /dfw/v1.0/123456/loadbalancers/1/sessionpersistence",
            "DELETE /dfw/v1.0/123456/loadbalancers/1/sessionpersistence",
            "GET /dfw/v1.0/123456/loadbalancers/1/sessionpersistence",
            "POST /v2.0/tokens",
            "POST /v2.0/tokens",
            "GET /nothing/here",
        ]
    );
    // Nothing was changed by the faulted DELETE.
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 1),
        Some(None)
    );
    Ok(())
}

#[test]
fn a_delay_holds_only_its_own_request() -> anyhow::Result<()> {
    let emulator = Emulator::builder().default_seed().workers(1).start()?;
    let delay = Duration::from_millis(500);
    emulator.inject(InjectedFault::new(None, "/dfw/v1.0/*/loadbalancers/1", 503).delay(delay));
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let slow = scope.spawn(|| -> anyhow::Result<(u16, Duration)> {
            let started = Instant::now();
            let status = Lb::demo(&emulator)?.get("/loadbalancers/1")?.status;
            Ok((status, started.elapsed()))
        });
        // Meanwhile, other requests are answered at once, even with a single worker thread.
        common::eventually(|| Ok(emulator.stats().api_requests.get == 1))?;
        let started = Instant::now();
        let fast = Lb::demo(&emulator)?;
        for _ in 0..5 {
            assert_eq!(fast.get("/loadbalancers/2")?.status, 200);
        }
        assert!(started.elapsed() < delay, "{:?}", started.elapsed());
        let (status, elapsed) = slow
            .join()
            .map_err(|_| anyhow::anyhow!("the slow client panicked"))??;
        assert_eq!(status, 503);
        assert!(elapsed >= delay, "{elapsed:?}");
        Ok(())
    })
}

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
    let mut stream = raw_get(&emulator, "/dfw/v1.0/123456/loadbalancers/1")?;
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
    let mut stream = raw_get(&emulator, "/dfw/v1.0/123456/loadbalancers/1")?;
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
    let mut stream = raw_get(&emulator, "/dfw/v1.0/123456/loadbalancers/1")?;
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
