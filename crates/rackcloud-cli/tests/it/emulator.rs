//! `rackcloud emulator`: the standalone server, driven by a second `rackcloud` process.

use std::net::TcpListener;

use crate::common::{Background, DEMO_ENV, ok, rackcloud};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_PASSWORD, DEMO_TENANT, DEMO_USERNAME};
use serde_json::Value;

#[test]
fn the_standalone_emulator_serves_every_operation() {
    let mut server =
        Background::start(&["emulator", "--listen", "127.0.0.1:0", "--pending-time", "0"]);
    let first = server.line();
    let url = first
        .strip_prefix("identity URL: ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/v2.0/"),
        "{url}"
    );
    let rest: Vec<String> = (0..8).map(|_| server.line()).collect();
    assert_eq!(rest[0], format!("username: {DEMO_USERNAME}"));
    assert_eq!(rest[1], format!("API key: {DEMO_API_KEY}"));
    assert_eq!(rest[2], format!("password: {DEMO_PASSWORD}"));
    assert_eq!(rest[3], format!("tenant: {DEMO_TENANT}"));
    assert!(
        rest[4].starts_with("load balancer endpoints: DFW http://127.0.0.1:"),
        "{}",
        rest[4]
    );
    assert_eq!(rest[5], "changes stay PENDING_UPDATE for 0 s");
    assert_eq!(
        rest[6],
        format!(
            "try: RS_USERNAME={DEMO_USERNAME} RS_API_KEY={DEMO_API_KEY} rackcloud --auth-url {url} lb session-persistence show 1"
        )
    );
    assert_eq!(rest[7], "serving until interrupted (Ctrl-C)");

    let client = |args: &[&str]| {
        let mut all = vec!["--auth-url", url.as_str()];
        all.extend_from_slice(args);
        ok(rackcloud(&all, &DEMO_ENV))
    };
    client(&["catalog"]);
    client(&[
        "lb",
        "session-persistence",
        "enable",
        "1",
        "--type",
        "HTTP_COOKIE",
    ]);
    let run = client(&["lb", "session-persistence", "show", "1"]);
    assert_eq!(
        run.lines(),
        ["load balancer 1: session persistence HTTP_COOKIE"]
    );
    client(&["lb", "session-persistence", "disable", "1"]);
    let run = client(&["lb", "session-persistence", "disable", "1", "--if-enabled"]);
    assert_eq!(
        run.lines(),
        ["load balancer 1: session persistence already disabled; nothing changed"]
    );
    assert!(server.is_running());
}

#[test]
fn the_standalone_emulator_in_json_mode_prints_one_document() {
    let mut server = Background::start(&[
        "--output",
        "json",
        "emulator",
        "--listen",
        "127.0.0.1:0",
        "--pending-time",
        "0.25",
    ]);
    let doc: Value = serde_json::from_str(&server.line()).expect("a JSON document");
    assert_eq!(doc["username"], DEMO_USERNAME);
    assert_eq!(doc["apiKey"], DEMO_API_KEY);
    assert_eq!(doc["password"], DEMO_PASSWORD);
    assert_eq!(doc["tenantId"], DEMO_TENANT);
    assert_eq!(doc["pendingSeconds"], 0.25);
    assert_eq!(doc["loadBalancerEndpoints"][1]["region"], "ORD");
    let url = doc["identityUrl"].as_str().expect("identityUrl").to_owned();
    let run = ok(rackcloud(
        &["--auth-url", &url, "lb", "session-persistence", "show", "2"],
        &DEMO_ENV,
    ));
    assert_eq!(
        run.lines(),
        ["load balancer 2: session persistence disabled"]
    );
}

#[test]
fn a_busy_port_is_a_failure_and_bad_options_are_usage_errors() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = taken.local_addr().expect("its address").to_string();
    let run = rackcloud(&["emulator", "--listen", &addr], &[]);
    assert_eq!(run.status, 1, "{run:?}");
    let prefix = format!("rackcloud: start the emulator on {addr} failed: ");
    assert!(run.error_line().starts_with(&prefix), "{run:?}");

    for bad in [
        &["emulator", "--pending-time", "-1"][..],
        &["emulator", "--pending-time", "soon"],
        &["emulator", "--listen", "localhost"],
    ] {
        let run = rackcloud(bad, &[]);
        assert_eq!(run.status, 2, "{bad:?}: {run:?}");
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn listening_beyond_loopback_prints_a_warning() {
    // A documentation address no interface has: the warning comes before the bind, which then
    // fails, so that nothing listens beyond this machine during the test.
    let run = rackcloud(&["emulator", "--listen", "192.0.2.1:8900"], &[]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stderr.starts_with(
            "warning: the emulator listens on 192.0.2.1:8900, beyond this machine: its control API \
             (/_emulator/) has no authentication"
        ),
        "{run:?}"
    );
}
