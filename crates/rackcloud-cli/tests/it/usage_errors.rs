//! Exit status 2 when nothing was sent: usage errors (clap's, and ids out of range) and
//! configuration errors (no user name, no credential, credentials over plain http), each with its
//! one line on stderr and, in JSON mode, the error document on stdout.

use crate::common::{DEMO_ENV, against, as_demo, nothing_sent, rackcloud};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERNAME, Emulator};
use serde_json::json;

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
        "rackcloud: show session persistence on load balancer 1 failed: configuration error: refusing to send credentials over plain http:// to lb.example.com; use https://, or pass --allow-plain-http (only on a network you trust)"
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
