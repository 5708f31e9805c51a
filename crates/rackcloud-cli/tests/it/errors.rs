//! Exit status 1 and the one-line error for what the server or the network answered: 400, 401,
//! 404, 422, an HTML error page, a refused connection; with the JSON error document on stdout in
//! JSON mode. The server's own words are the emulator's to pin; these tests pin what the CLI
//! adds: the operation, the load balancer, the status and the kind.

use std::net::TcpListener;
use std::sync::Arc;
use std::thread;

use crate::common::{against, as_demo, fails_as, fails_with};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator};
use serde_json::{Value, json};

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
    fails_as(
        run,
        "rackcloud: enable HTTP_COOKIE session persistence on load balancer 2 failed: 400 rejected as invalid",
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
    let (run, message) = fails_as(
        run,
        "rackcloud: enable SSL_ID session persistence on load balancer 1 failed: 400 rejected as invalid",
    );
    let endpoint = emulator.lb_endpoint("DFW", DEMO_TENANT);
    assert_eq!(
        run.json(),
        json!({"error": {
            "operation": "enable SSL_ID session persistence",
            "loadBalancerId": 1,
            "kind": "validation",
            "status": 400,
            "message": message,
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
    let expected =
        "rackcloud: show session persistence on load balancer 1 failed: 401 authentication failed";
    let wrong_key = [
        ("RS_USERNAME", DEMO_USERNAME),
        ("RS_API_KEY", "not-the-key"),
    ];
    fails_as(against(&emulator, &show, &wrong_key), expected);
    let wrong_password = [
        ("RS_USERNAME", DEMO_USERNAME),
        ("RS_PASSWORD", "not-the-password"),
    ];
    fails_as(against(&emulator, &show, &wrong_password), expected);

    let run = against(&emulator, &["--output", "json", "catalog"], &wrong_key);
    let (run, _) = fails_as(
        run,
        "rackcloud: list the service catalog failed: 401 authentication failed",
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
    fails_as(
        run,
        "rackcloud: show session persistence on load balancer 999 failed: 404 not found",
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
    let (run, _) = fails_as(
        run,
        "rackcloud: disable session persistence on load balancer 10 failed: 404 not found",
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
    fails_as(
        run,
        "rackcloud: enable SOURCE_IP session persistence on load balancer 1 failed: 422 load balancer is immutable (PENDING_UPDATE)",
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
    let (run, _) = fails_as(
        run,
        "rackcloud: disable session persistence on load balancer 2 failed: 422 already disabled",
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
    assert!(
        last.starts_with(
            "rackcloud: show session persistence on load balancer 999 failed: 404 not found: "
        ) && last.ends_with(&format!(
            " [GET {endpoint}/loadbalancers/999/sessionpersistence]"
        )),
        "{last}"
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("rackcloud: debug: response GET ") && l.contains(" -> 404 ")),
        "{}",
        run.stderr
    );
}

#[test]
fn an_answer_that_does_not_decode_names_the_field_not_an_empty_body() {
    let emulator = Emulator::start().expect("emulator");
    let body = json!({"loadBalancer": {"id": 1, "name": "web", "port": "eighty-ish"}});
    emulator.inject(
        rackcloud_emulator::InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1", 200)
            .body(rackcloud_emulator::InjectedBody::Json(body)),
    );
    let run = as_demo(&emulator, &["lb", "show", "1"]);
    assert_eq!(run.status, 1, "{run:?}");
    let line = run.error_line();
    assert!(!line.contains("(empty body)"), "{line}");
    assert!(line.contains("loadBalancer.port"), "{line}");
    assert!(
        !line.contains("eighty-ish"),
        "a value of the body is quoted: {line}"
    );
}
