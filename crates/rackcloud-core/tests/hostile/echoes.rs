//! An identity service (or a load balancer service) that echoes what it was sent: the API
//! key, the passcode, the multi-factor session id, a token. None of them appears in an
//! error's `Display`, `Debug` or accessors (what the CLI prints and writes as JSON), nor in a
//! log line; a token-shaped value in a field of the wrong type is named by its field path,
//! never quoted.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

use rackcloud_core::{
    AuthOptions, Error, ErrorKind, ProviderClient, RetryPolicy, Secret, ServiceClient,
};

use crate::logs;
use crate::peer::{Peer, read_request};

const API_KEY: &str = "API-KEY-77aa01";
const PASSCODE: &str = "PASSCODE-4242";
const SESSION: &str = "SESSION-9f8e7d";
const TOKEN: &str = "TOKEN-a1b2c3d4e5f6";

fn answer(stream: &mut TcpStream, status: &str, headers: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}",
        body.len()
    );
}

/// Everything a caller may print of an error: its `Display`, its `Debug`, every cause in its
/// chain, and the accessors the CLI's JSON document is made of.
fn everything_printed(e: &Error) -> String {
    let mut text = format!("{e} | {e:?}");
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(&format!(" | {c} | {c:?}"));
        cause = c.source();
    }
    for part in [
        e.detail(),
        e.url(),
        e.method(),
        e.lb_status(),
        e.retry_note(),
    ] {
        text.push_str(&format!(" | {part:?}"));
    }
    text.push_str(&format!(" | {:?}", e.server_message()));
    text
}

fn assert_none_of(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

fn authenticate(identity: &Peer, opts: AuthOptions) -> Error {
    ProviderClient::builder()
        .retry_policy(RetryPolicy::none())
        .authenticate(opts.identity_endpoint(format!("{}/v2.0/", identity.url())))
        .expect_err("the identity service refuses")
}

#[test]
fn a_token_in_a_field_of_the_wrong_type_is_never_quoted() {
    let bodies = [
        format!(r#"{{"access":{{"token":{{"id":"{TOKEN}","expires":"{TOKEN}"}}}}}}"#),
        format!(r#"{{"access":{{"token":{{"id":["{TOKEN}"]}}}}}}"#),
        format!(r#"{{"access":{{"token":{{"id":"x","tenant":"{TOKEN}"}}}}}}"#),
        format!(r#"{{"access":{{"token":"{TOKEN}"}}}}"#),
        format!(
            r#"{{"access":{{"token":{{"id":"x"}},"serviceCatalog":[{{"name":"{TOKEN}","type":5}}]}}}}"#
        ),
        format!(
            r#"{{"access":{{"token":{{"id":"x"}},"user":{{"RAX-AUTH:defaultRegion":{{"{TOKEN}":1}}}}}}}}"#
        ),
        format!(r#"{{"access":{{"token":{{"id":"{TOKEN}"{TOKEN}"#),
        format!(r#"{{"access":{{"token":{{"id":"{TOKEN}"}}}},"{TOKEN}"}}"#),
    ];
    let next = Arc::new(Mutex::new(bodies.to_vec()));
    let queue = Arc::clone(&next);
    let identity = Peer::start(move |mut stream, _| {
        let _ = read_request(&stream);
        let body = queue.lock().expect("lock").remove(0);
        answer(
            &mut stream,
            "200 OK",
            "Content-Type: application/json\r\n",
            &body,
        );
    });
    for body in &bodies {
        let e = authenticate(&identity, AuthOptions::api_key("u", API_KEY));
        assert_eq!(e.kind(), ErrorKind::Decode, "{body}: {e:?}");
        let printed = everything_printed(&e);
        assert_none_of(&printed, &[TOKEN, API_KEY]);
        assert!(
            printed.contains("access") || printed.contains("line 1"),
            "{body}: the place is named: {printed}"
        );
    }
}

#[test]
fn the_passcode_and_the_session_id_echoed_back_are_redacted() {
    logs::capture();
    let identity = Peer::start(|mut stream, _| {
        let Some((head, _)) = read_request(&stream) else {
            return;
        };
        if !head.to_ascii_lowercase().contains("x-sessionid:") {
            let challenge = format!(
                "WWW-Authenticate: OS-MF sessionId='{SESSION}', factor='PASSCODE {SESSION}'\r\n"
            );
            answer(&mut stream, "401 Unauthorized", &challenge, "");
            return;
        }
        let echo = format!(
            "Content-Type: application/json; echo={SESSION} {PASSCODE} {API_KEY}\r\nRetry-After: {SESSION}\r\n"
        );
        let body = format!(
            r#"{{"unauthorized":{{"code":401,"message":"passcode {PASSCODE} refused for session {SESSION} and key {API_KEY}","details":"{PASSCODE}"}}}}"#
        );
        answer(&mut stream, "401 Unauthorized", &echo, &body);
    });
    let factors = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&factors);
    let opts = AuthOptions::api_key("u", API_KEY).passcode_callback(move |challenge| {
        seen.lock()
            .expect("lock")
            .push(format!("{challenge:?} {}", challenge.factor()));
        Ok(Secret::new(PASSCODE))
    });
    let e = authenticate(&identity, opts);
    assert_eq!(e.kind(), ErrorKind::Authentication, "{e:?}");
    let printed = everything_printed(&e);
    assert_none_of(&printed, &[PASSCODE, SESSION, API_KEY]);
    assert!(
        printed.contains("passcode [redacted] refused for session [redacted] and key [redacted]"),
        "{printed}"
    );
    let factors = factors.lock().expect("lock").join(" ");
    assert!(factors.contains("PASSCODE [redacted]"), "{factors}");
    assert_none_of(&factors, &[SESSION]);
    let lines = logs::lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("content-type=application/json; echo=[redacted]")),
        "the answer's headers were logged: {lines:?}"
    );
    for line in &lines {
        assert_none_of(line, &[PASSCODE, SESSION, API_KEY]);
    }
}

#[test]
fn a_refused_key_echoed_in_an_html_page_is_redacted() {
    let identity = Peer::start(|mut stream, _| {
        let _ = read_request(&stream);
        let page = format!("<html><title>Bad key {API_KEY}</title></html>");
        answer(
            &mut stream,
            "401 Unauthorized",
            "Content-Type: text/html\r\n",
            &page,
        );
    });
    let e = authenticate(&identity, AuthOptions::api_key("u", API_KEY));
    assert_eq!(e.status(), Some(401));
    assert_eq!(e.body_excerpt(), Some("Bad key [redacted]"));
    assert_none_of(&everything_printed(&e), &[API_KEY]);
}

#[test]
fn a_service_that_echoes_the_token_does_not_get_it_printed() {
    let service = Peer::start(|mut stream, _| {
        let _ = read_request(&stream);
        let body = format!(r#"{{"message":"token {TOKEN} is not welcome here","code":500}}"#);
        answer(&mut stream, "500 Internal Server Error", "", &body);
    });
    let client = ServiceClient::new(
        &ProviderClient::builder()
            .retry_policy(RetryPolicy::none())
            .with_token(TOKEN),
        format!("{}/v1.0/1/", service.url()),
    )
    .expect("client");
    let e = client
        .get(&client.service_url(&["loadbalancers"]))
        .extract_err()
        .unwrap_err();
    assert_eq!(e.status(), Some(500));
    let printed = everything_printed(&e);
    assert_none_of(&printed, &[TOKEN]);
    assert!(
        printed.contains("token [redacted] is not welcome here"),
        "{printed}"
    );
}
