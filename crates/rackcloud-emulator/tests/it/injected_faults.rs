//! Programmable faults: every body shape byte for byte, `times`, patterns, the order of checks,
//! delays, stalls and huge bodies.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::common::{Lb, agent, api_key_body, authenticate, send};
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
            format!("GET /dfw/v1.0/{DEMO_TENANT}/loadbalancers/1/sessionpersistence"),
            format!("DELETE /dfw/v1.0/{DEMO_TENANT}/loadbalancers/1/sessionpersistence"),
            format!("GET /dfw/v1.0/{DEMO_TENANT}/loadbalancers/1/sessionpersistence"),
            "POST /v2.0/tokens".to_owned(),
            "POST /v2.0/tokens".to_owned(),
            "GET /nothing/here".to_owned(),
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
        crate::common::eventually(|| Ok(emulator.stats().api_requests.get == 1))?;
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
