//! Exit statuses and the one-line error: 2 when nothing was sent, 1 for 400, 401, 404, 422, an
//! HTML error page and a refused connection, with the JSON error document on stdout in JSON mode.

mod common;

use std::net::TcpListener;
use std::sync::Arc;
use std::thread;

use common::{DEMO_ENV, against, as_demo, fails_with, nothing_sent, rackcloud};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME, Emulator};
use serde_json::{Value, json};

/// Arguments after `--auth-url <emulator>`, and the environment.
type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

#[test]
fn usage_and_configuration_errors_exit_2_and_send_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let show = ["lb", "session-persistence", "show", "1"];
    let cases: Vec<Case<'_>> = vec![
        // Usage errors.
        (vec![], DEMO_ENV.to_vec()),
        (vec!["frobnicate"], DEMO_ENV.to_vec()),
        (vec!["lb", "session-persistence"], DEMO_ENV.to_vec()),
        (vec!["lb", "session-persistence", "show"], DEMO_ENV.to_vec()),
        (
            vec!["lb", "session-persistence", "show", "0"],
            DEMO_ENV.to_vec(),
        ),
        (
            vec!["lb", "session-persistence", "show", "web"],
            DEMO_ENV.to_vec(),
        ),
        (
            vec!["lb", "session-persistence", "enable", "1"],
            DEMO_ENV.to_vec(),
        ),
        (
            vec![
                "lb",
                "session-persistence",
                "enable",
                "1",
                "--type",
                "STICKY",
            ],
            DEMO_ENV.to_vec(),
        ),
        (
            vec!["lb", "session-persistence", "disable", "1", "--force"],
            DEMO_ENV.to_vec(),
        ),
        (vec!["--output", "yaml", "catalog"], DEMO_ENV.to_vec()),
        (vec!["--api-key", "k", "catalog"], DEMO_ENV.to_vec()),
        // Configuration errors: missing or conflicting variables.
        (show.to_vec(), vec![("RS_API_KEY", DEMO_API_KEY)]),
        (show.to_vec(), vec![("RS_USERNAME", DEMO_USERNAME)]),
        (
            show.to_vec(),
            vec![
                ("RS_USERNAME", DEMO_USERNAME),
                ("RS_API_KEY", DEMO_API_KEY),
                ("OS_PASSWORD", DEMO_PASSWORD),
            ],
        ),
        // Configuration errors: endpoints that cannot be used.
        (
            vec![
                "--endpoint",
                "http://lb.example.com/v1.0/123456",
                "lb",
                "session-persistence",
                "show",
                "1",
            ],
            DEMO_ENV.to_vec(),
        ),
        (
            vec![
                "--endpoint",
                "not a url",
                "lb",
                "session-persistence",
                "show",
                "1",
            ],
            DEMO_ENV.to_vec(),
        ),
    ];
    for (args, env) in &cases {
        let run = against(&emulator, args, env);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
    // An identity URL that cannot be used (the flag is given after the emulator's).
    for url in ["http://identity.example.com/v2.0/", "nonsense"] {
        let mut args = vec!["--auth-url", url];
        args.extend_from_slice(&show);
        let run = rackcloud(&args, &DEMO_ENV);
        assert_eq!(run.status, 2, "{url}: {run:?}");
    }
    nothing_sent(&emulator);
}

#[test]
fn configuration_error_lines_and_documents() {
    let emulator = Emulator::start().expect("emulator");
    let show = ["lb", "session-persistence", "show", "1"];
    let run = against(&emulator, &show, &[("RS_API_KEY", DEMO_API_KEY)]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.error_line(),
        "rackcloud: show session persistence on load balancer 1 failed: configuration error: RS_USERNAME (or OS_USERNAME) is not set"
    );
    let run = against(
        &emulator,
        &["--output", "json", "lb", "session-persistence", "show", "1"],
        &[("RS_USERNAME", DEMO_USERNAME)],
    );
    assert_eq!(run.status, 2);
    assert_eq!(
        run.json(),
        json!({"error": {
            "operation": "show session persistence",
            "loadBalancerId": 1,
            "kind": "configuration",
            "status": null,
            "message": "configuration error: no credential: set RS_API_KEY, or RS_PASSWORD (or OS_PASSWORD)",
            "lbStatus": null,
            "method": null,
            "url": null,
        }})
    );
    assert_eq!(
        run.error_line(),
        "rackcloud: show session persistence on load balancer 1 failed: configuration error: no credential: set RS_API_KEY, or RS_PASSWORD (or OS_PASSWORD)"
    );
    let run = as_demo(
        &emulator,
        &[
            "--endpoint",
            "http://lb.example.com/v1.0/1",
            "lb",
            "session-persistence",
            "show",
            "1",
        ],
    );
    assert_eq!(
        run.error_line(),
        "rackcloud: show session persistence on load balancer 1 failed: configuration error: refusing to send credentials over plain http:// to lb.example.com; use https:// or allow plain http explicitly"
    );
    nothing_sent(&emulator);
}

#[test]
fn usage_errors_in_json_mode_also_print_a_document() {
    let run = rackcloud(
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "sticky",
        ],
        &[],
    );
    assert_eq!(run.status, 2);
    let doc = run.json();
    assert_eq!(doc["error"]["kind"], "usage");
    assert_eq!(doc["error"]["operation"], "parse the command line");
    let message = doc["error"]["message"].as_str().expect("a message");
    assert!(
        message.contains("'sticky'") && message.contains("--type"),
        "{message}"
    );
    assert!(
        run.stderr.starts_with("error: invalid value 'sticky'"),
        "{}",
        run.stderr
    );

    let run = rackcloud(&["lb", "session-persistence", "show", "0"], &[]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("load balancer ids start at 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_400_names_the_operation_the_load_balancer_and_the_server_message() {
    let emulator = Emulator::start().expect("emulator");
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "session-persistence",
            "enable",
            "2",
            "--type",
            "HTTP_COOKIE",
        ],
    );
    fails_with(
        run,
        "rackcloud: enable HTTP_COOKIE session persistence on load balancer 2 failed: 400 rejected as invalid: HTTP_COOKIE Session persistence is only valid with HTTP protocol with or without SSL termination.",
    );
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "ssl_id",
        ],
    );
    let run = fails_with(
        run,
        "rackcloud: enable SSL_ID session persistence on load balancer 1 failed: 400 rejected as invalid: SSL_ID session persistence is only valid with the HTTPS protocol.",
    );
    let endpoint = emulator.lb_endpoint("DFW", DEMO_TENANT);
    assert_eq!(
        run.json(),
        json!({"error": {
            "operation": "enable SSL_ID session persistence",
            "loadBalancerId": 1,
            "kind": "validation",
            "status": 400,
            "message": "SSL_ID session persistence is only valid with the HTTPS protocol.",
            "lbStatus": null,
            "method": "PUT",
            "url": format!("{endpoint}/loadbalancers/1/sessionpersistence"),
        }})
    );
}

#[test]
fn a_401_from_identity_is_an_authentication_failure() {
    let emulator = Emulator::start().expect("emulator");
    let show = ["lb", "session-persistence", "show", "1"];
    let expected = "rackcloud: show session persistence on load balancer 1 failed: 401 authentication failed: Unable to authenticate user with credentials provided.";
    let wrong_key = [
        ("RS_USERNAME", DEMO_USERNAME),
        ("RS_API_KEY", "not-the-key"),
    ];
    fails_with(against(&emulator, &show, &wrong_key), expected);
    let wrong_password = [
        ("RS_USERNAME", DEMO_USERNAME),
        ("RS_PASSWORD", "not-the-password"),
    ];
    fails_with(against(&emulator, &show, &wrong_password), expected);

    let run = against(&emulator, &["--output", "json", "catalog"], &wrong_key);
    let run = fails_with(
        run,
        "rackcloud: list the service catalog failed: 401 authentication failed: Unable to authenticate user with credentials provided.",
    );
    let doc = run.json();
    assert_eq!(doc["error"]["kind"], "authentication");
    assert_eq!(doc["error"]["status"], 401);
    assert_eq!(doc["error"]["loadBalancerId"], Value::Null);
    assert_eq!(doc["error"]["method"], "POST");
    assert_eq!(
        doc["error"]["url"],
        format!("{}tokens", emulator.identity_url())
    );
    assert_eq!(emulator.stats().api_requests.total(), 0);
}

#[test]
fn a_404_names_the_load_balancer() {
    let emulator = Emulator::start().expect("emulator");
    let run = as_demo(&emulator, &["lb", "session-persistence", "show", "999"]);
    fails_with(
        run,
        "rackcloud: show session persistence on load balancer 999 failed: 404 not found: Load balancer not found",
    );
    // Load balancer 10 exists in ORD, not in the default region.
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "disable",
            "10",
        ],
    );
    let run = fails_with(
        run,
        "rackcloud: disable session persistence on load balancer 10 failed: 404 not found: Load balancer not found",
    );
    assert_eq!(run.json()["error"]["kind"], "not_found");
    assert_eq!(run.json()["error"]["status"], 404);
}

#[test]
fn a_422_names_the_status_that_made_the_load_balancer_immutable() {
    let emulator = Emulator::start().expect("emulator");
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "PENDING_UPDATE");
    let run = as_demo(
        &emulator,
        &[
            "--no-retry",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "SOURCE_IP",
        ],
    );
    fails_with(
        run,
        "rackcloud: enable SOURCE_IP session persistence on load balancer 1 failed: 422 load balancer is immutable (PENDING_UPDATE): Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable.",
    );
    let run = as_demo(
        &emulator,
        &[
            "--no-retry",
            "--output",
            "json",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "SOURCE_IP",
        ],
    );
    let doc = run.json();
    assert_eq!(run.status, 1);
    assert_eq!(doc["error"]["kind"], "immutable");
    assert_eq!(doc["error"]["status"], 422);
    assert_eq!(doc["error"]["lbStatus"], "PENDING_UPDATE");
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 1),
        Some(None)
    );

    // Already disabled is a 422 too; without --if-enabled it is a failure.
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "session-persistence",
            "disable",
            "2",
        ],
    );
    let run = fails_with(
        run,
        "rackcloud: disable session persistence on load balancer 2 failed: 422 already disabled: Session persistence is already deleted.",
    );
    assert_eq!(run.json()["error"]["kind"], "already_disabled");
}

#[test]
fn an_html_error_page_gives_its_title_and_keeps_the_status() {
    let emulator = Emulator::start().expect("emulator");
    let proxy = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a proxy"));
    let port = proxy.server_addr().to_ip().expect("an IP address").port();
    let serving = Arc::clone(&proxy);
    let worker = thread::spawn(move || {
        for request in serving.incoming_requests() {
            let page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\n</html>\n";
            let header =
                tiny_http::Header::from_bytes("Content-Type", "text/html").expect("a header");
            let response = tiny_http::Response::from_string(page)
                .with_status_code(502)
                .with_header(header);
            let _ = request.respond(response);
        }
    });
    let endpoint = format!("http://127.0.0.1:{port}/v1.0/{DEMO_TENANT}");

    let run = as_demo(
        &emulator,
        &[
            "--endpoint",
            &endpoint,
            "lb",
            "session-persistence",
            "show",
            "1",
        ],
    );
    fails_with(
        run,
        "rackcloud: show session persistence on load balancer 1 failed: 502 server error: 502 Bad Gateway",
    );
    let run = as_demo(
        &emulator,
        &[
            "--endpoint",
            &endpoint,
            "--output",
            "json",
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "SOURCE_IP",
        ],
    );
    let run = fails_with(
        run,
        "rackcloud: enable SOURCE_IP session persistence on load balancer 1 failed: 502 server error: 502 Bad Gateway",
    );
    let doc = run.json();
    assert_eq!(doc["error"]["kind"], "server");
    assert_eq!(doc["error"]["status"], 502);
    assert_eq!(doc["error"]["message"], "502 Bad Gateway");
    assert!(!run.stderr.contains("<html>") && !run.stderr.contains("panicked"));

    proxy.unblock();
    worker.join().expect("the proxy thread");
    // The token came from the emulator; the calls went to the proxy.
    assert_eq!(emulator.stats().token_requests, 2);
    assert_eq!(emulator.stats().api_requests.total(), 0);
}

#[test]
fn a_refused_connection_is_a_transport_failure() {
    let emulator = Emulator::start().expect("emulator");
    let closed = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = closed.local_addr().expect("its address").port();
    drop(closed);
    let endpoint = format!("http://127.0.0.1:{port}/v1.0/{DEMO_TENANT}");
    let run = as_demo(
        &emulator,
        &[
            "--no-retry",
            "--endpoint",
            &endpoint,
            "lb",
            "session-persistence",
            "show",
            "1",
        ],
    );
    assert_eq!(run.status, 1, "{run:?}");
    let expected = format!(
        "rackcloud: show session persistence on load balancer 1 failed: GET {endpoint}/loadbalancers/1/sessionpersistence: transport failure: "
    );
    assert!(run.error_line().starts_with(&expected), "{run:?}");
}

#[test]
fn verbose_errors_also_name_the_method_and_url() {
    let emulator = Emulator::start().expect("emulator");
    let run = as_demo(
        &emulator,
        &["-v", "lb", "session-persistence", "show", "999"],
    );
    assert_eq!(run.status, 1);
    let endpoint = emulator.lb_endpoint("DFW", DEMO_TENANT);
    let last = run.stderr.lines().last().expect("an error line");
    assert_eq!(
        last,
        format!(
            "rackcloud: show session persistence on load balancer 999 failed: 404 not found: Load balancer not found [GET {endpoint}/loadbalancers/999/sessionpersistence]"
        )
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("rackcloud: debug: response GET ") && l.contains(" -> 404 ")),
        "{}",
        run.stderr
    );
}
