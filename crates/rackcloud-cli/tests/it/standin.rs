//! The CLI against a stand-in identity service (tiny_http): one that echoes the request in its
//! 401 message, one whose catalog names a plain-http endpoint, and one that answers slowly.

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::common::rackcloud;

const API_KEY: &str = "KEY-0b1e9f2c77-ECHOED";
const TOKEN: &str = "TOKEN-5d41402abc-ISSUED";

/// Serves every request with `answer(path, body)` → (status, body) after `delay`; returns the
/// base URL.
fn serve(
    delay: Duration,
    answer: impl Fn(&str, &str, &str) -> (u16, String) + Send + Sync + 'static,
) -> String {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a server"));
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let base = format!("http://127.0.0.1:{port}");
    let own = base.clone();
    thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            thread::sleep(delay);
            let (status, reply) = answer(&own, request.url(), &body);
            let header = tiny_http::Header::from_bytes("Content-Type", "application/json")
                .expect("a header");
            let response = tiny_http::Response::from_string(reply)
                .with_status_code(status)
                .with_header(header);
            let _ = request.respond(response);
        }
    });
    base
}

/// A token answer whose catalog's load balancer endpoint in DFW is `lb_url`.
fn token_answer(lb_url: &str) -> String {
    format!(
        r#"{{"access":{{"token":{{"id":"{TOKEN}","expires":"2099-01-01T00:00:00.000Z","tenant":{{"id":"123456","name":"123456"}}}},"user":{{"id":"1","name":"alice","RAX-AUTH:defaultRegion":"DFW","roles":[]}},"serviceCatalog":[{{"name":"cloudLoadBalancers","type":"rax:load-balancer","endpoints":[{{"region":"DFW","tenantId":"123456","publicURL":"{lb_url}"}}]}}]}}}}"#
    )
}

const ENV: [(&str, &str); 2] = [("RS_USERNAME", "alice"), ("RS_API_KEY", API_KEY)];

#[test]
fn an_identity_service_that_echoes_the_key_cannot_make_the_tool_print_it() {
    let base = serve(Duration::ZERO, |_, _, body| {
        let echoed = body.replace('"', "'");
        (
            401,
            format!(r#"{{"unauthorized":{{"code":401,"message":"Bad credentials: {echoed}"}}}}"#),
        )
    });
    let auth_url = format!("{base}/v2.0/");
    for output in ["text", "json"] {
        let run = rackcloud(
            &["--auth-url", &auth_url, "--output", output, "catalog"],
            &ENV,
        );
        assert_eq!(run.status, 1, "{run:?}");
        assert!(
            !run.stderr.contains(API_KEY) && !run.stdout.contains(API_KEY),
            "{run:?}"
        );
        assert!(run.error_line().contains("Bad credentials: "), "{run:?}");
        assert!(run.error_line().contains("[redacted]"), "{run:?}");
    }
    let run = rackcloud(
        &["--auth-url", &auth_url, "--output", "json", "catalog"],
        &ENV,
    );
    let message = run.json()["error"]["message"]
        .as_str()
        .expect("a message")
        .to_owned();
    assert!(
        message.contains("[redacted]") && !message.contains(API_KEY),
        "{message}"
    );
}

#[test]
fn a_plain_http_catalog_endpoint_refused_after_authenticating_exits_1() {
    let base = serve(Duration::ZERO, |_, _, _| {
        (200, token_answer("http://lb.example.com/v1.0/123456"))
    });
    let run = rackcloud(
        &["--auth-url", &format!("{base}/v2.0/"), "lb", "list"],
        &ENV,
    );
    // The credentials went to identity: "nothing was sent" (2) would not be true.
    assert_eq!(run.status, 1, "{run:?}");
    let line = run.error_line();
    assert!(
        line.contains("refusing to send credentials over plain http:// to lb.example.com"),
        "{line}"
    );
    assert!(line.contains("pass --allow-plain-http"), "{line}");
    assert!(!line.contains(TOKEN), "{line}");
}

#[test]
fn timeout_bounds_the_whole_command_not_each_operation() {
    // Each answer takes 0.8 s: authentication and the listing each fit in 1.2 s, both do not.
    let base = serve(Duration::from_millis(800), |own, url, _| {
        if url.ends_with("/tokens") {
            (200, token_answer(&format!("{own}/v1.0/123456")))
        } else {
            (200, r#"{"loadBalancers":[]}"#.to_owned())
        }
    });
    let auth_url = format!("{base}/v2.0/");
    let run = rackcloud(
        &[
            "--auth-url",
            &auth_url,
            "--timeout",
            "1.2",
            "--no-retry",
            "lb",
            "list",
        ],
        &ENV,
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.error_line()
            .starts_with("rackcloud: list load balancers failed: "),
        "{run:?}"
    );
    assert!(run.error_line().contains("timeout"), "{run:?}");
    let run = rackcloud(
        &["--auth-url", &auth_url, "--timeout", "10", "lb", "list"],
        &ENV,
    );
    assert_eq!(run.status, 0, "{run:?}");
}

#[test]
fn a_host_that_does_not_resolve_shows_the_resolvers_words_once() {
    let run = rackcloud(
        &[
            "--auth-url",
            "https://no-such-host.invalid/v2.0/",
            "--timeout",
            "30",
            "catalog",
        ],
        &ENV,
    );
    assert_eq!(run.status, 1, "{run:?}");
    // One line: no retry lines, since a failed lookup is not repeated.
    let line = run.error_line();
    let words = line
        .split_once("host name lookup failed: ")
        .map(|(_, words)| words)
        .unwrap_or_else(|| panic!("{line}"));
    assert!(!words.trim().is_empty(), "{line}");
    assert!(!line.contains("uncategorized"), "{line}");
}
