//! Every bound on both sides: refused before sending (nothing reaches the server), and the same
//! values sent raw, past the crate's checks, so that the server's own check answers.

use lb_monitors::UpdateOptsBuilder;
use rackcloud_core::model::{ConnectOpts, HttpOpts};
use rackcloud_core::{ErrorKind, ServiceClient};
use rackcloud_emulator::Emulator;
use serde_json::json;

use crate::common::{Raw, dfw_no_retries};

/// Sends `opts` to the TCP load balancer 2 (CONNECT) or the HTTP one 1 and says what happened.
fn outcome(
    emulator: &Emulator,
    client: &ServiceClient,
    id: u64,
    opts: &impl UpdateOptsBuilder,
) -> Result<(), (ErrorKind, Option<u16>, bool)> {
    let before = emulator.stats().api_requests.total();
    let result = lb_monitors::update(client, id, opts).extract_err();
    let sent = emulator.stats().api_requests.total() != before;
    emulator.set_load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, id, "ACTIVE");
    result.map_err(|e| (e.kind(), e.status(), sent))
}

const REFUSED: Result<(), (ErrorKind, Option<u16>, bool)> =
    Err((ErrorKind::InvalidInput, None, false));
const SERVER_400: Result<(), (ErrorKind, Option<u16>, bool)> =
    Err((ErrorKind::Validation, Some(400), true));

#[test]
fn timing_bounds_are_inclusive_on_both_sides() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let cases = [
        ((0, 5, 2), false),
        ((1, 5, 2), true),
        ((3600, 5, 2), true),
        ((3601, 5, 2), false),
        ((10, 0, 2), false),
        ((10, 1, 2), true),
        ((10, 300, 2), true),
        ((10, 301, 2), false),
        ((10, 5, 0), false),
        ((10, 5, 1), true),
        ((10, 5, 10), true),
        ((10, 5, 11), false),
    ];
    for ((delay, timeout, attempts), valid) in cases {
        let want = if valid { Ok(()) } else { REFUSED };
        let label = format!("{delay} {timeout} {attempts}");
        assert_eq!(
            outcome(
                &emulator,
                &client,
                2,
                &ConnectOpts::new(delay, timeout, attempts)
            ),
            want,
            "connect {label}"
        );
        let http = HttpOpts::http(delay, timeout, attempts, "/", "^2");
        assert_eq!(outcome(&emulator, &client, 1, &http), want, "http {label}");
        let raw = Raw(
            json!({"type": "CONNECT", "delay": delay, "timeout": timeout, "attemptsBeforeDeactivation": attempts}),
        );
        let want = if valid { Ok(()) } else { SERVER_400 };
        assert_eq!(outcome(&emulator, &client, 2, &raw), want, "raw {label}");
    }
}

#[test]
fn length_bounds_on_both_sides() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let path = |n: usize| format!("/{}", "p".repeat(n - 1));
    let s = |n: usize| "s".repeat(n);
    let cases: [(HttpOpts, serde_json::Value, bool); 8] = [
        (
            HttpOpts::http(1, 1, 1, path(128), "^2"),
            json!({"path": path(128)}),
            true,
        ),
        (
            HttpOpts::http(1, 1, 1, path(129), "^2"),
            json!({"path": path(129)}),
            false,
        ),
        (
            HttpOpts::http(1, 1, 1, "/", s(128)),
            json!({"statusRegex": s(128)}),
            true,
        ),
        (
            HttpOpts::http(1, 1, 1, "/", s(129)),
            json!({"statusRegex": s(129)}),
            false,
        ),
        (
            HttpOpts::http(1, 1, 1, "/", "^2").body_regex(s(128)),
            json!({"bodyRegex": s(128)}),
            true,
        ),
        (
            HttpOpts::http(1, 1, 1, "/", "^2").body_regex(s(129)),
            json!({"bodyRegex": s(129)}),
            false,
        ),
        (
            HttpOpts::http(1, 1, 1, "/", "^2").host_header(s(256)),
            json!({"hostHeader": s(256)}),
            true,
        ),
        (
            HttpOpts::http(1, 1, 1, "/", "^2").host_header(s(257)),
            json!({"hostHeader": s(257)}),
            false,
        ),
    ];
    for (opts, field, valid) in cases {
        let want = if valid { Ok(()) } else { REFUSED };
        assert_eq!(outcome(&emulator, &client, 1, &opts), want, "{field}");
        let mut raw = json!({"type": "HTTP", "delay": 1, "timeout": 1, "attemptsBeforeDeactivation": 1, "path": "/", "statusRegex": "^2"});
        if let (Some(raw), serde_json::Value::Object(field)) = (raw.as_object_mut(), field.clone())
        {
            raw.extend(field);
        }
        let want = if valid { Ok(()) } else { SERVER_400 };
        assert_eq!(
            outcome(&emulator, &client, 1, &Raw(raw)),
            want,
            "raw {field}"
        );
    }
}

#[test]
fn path_must_start_with_a_slash_and_texts_must_not_be_empty() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    for opts in [
        HttpOpts::http(1, 1, 1, "health", "^2"),
        HttpOpts::http(1, 1, 1, "", "^2"),
        HttpOpts::http(1, 1, 1, "/", ""),
        HttpOpts::http(1, 1, 1, "/", "^2").body_regex(""),
        HttpOpts::http(1, 1, 1, "/", "^2").host_header(""),
    ] {
        assert_eq!(outcome(&emulator, &client, 1, &opts), REFUSED, "{opts:?}");
    }
    let raw = Raw(
        json!({"type": "HTTP", "delay": 1, "timeout": 1, "attemptsBeforeDeactivation": 1, "path": "health", "statusRegex": "^2"}),
    );
    assert_eq!(outcome(&emulator, &client, 1, &raw), SERVER_400);
    let err = lb_monitors::update(&client, 1, &HttpOpts::http(1, 1, 1, "health", "^2"))
        .extract_err()
        .unwrap_err();
    assert!(err.to_string().contains("must start with '/'"), "{err}");
    let err = lb_monitors::update(&client, 1, &ConnectOpts::new(0, 1, 1))
        .extract_err()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the delay must be 1 to 3600 seconds, not 0"),
        "{err}"
    );
}

#[test]
fn a_connect_monitor_with_http_fields_is_refused_by_the_server() {
    // ConnectOpts cannot carry them; a raw body can, and the server refuses it.
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    for field in ["path", "statusRegex", "bodyRegex", "hostHeader"] {
        let mut raw =
            json!({"type": "CONNECT", "delay": 1, "timeout": 1, "attemptsBeforeDeactivation": 1});
        raw[field] = json!("/x");
        assert_eq!(
            outcome(&emulator, &client, 2, &Raw(raw)),
            SERVER_400,
            "{field}"
        );
    }
    // The service takes an HTTP monitor without a status regex (it stores none); a path it
    // must have (docs/api/health-monitors.md).
    let no_status = Raw(
        json!({"type": "HTTP", "delay": 1, "timeout": 1, "attemptsBeforeDeactivation": 1, "path": "/"}),
    );
    assert_eq!(outcome(&emulator, &client, 1, &no_status), Ok(()));
    let no_path =
        Raw(json!({"type": "HTTP", "delay": 1, "timeout": 1, "attemptsBeforeDeactivation": 1}));
    emulator.set_load_balancer_status("DFW", rackcloud_emulator::DEMO_TENANT, 1, "ACTIVE");
    assert_eq!(outcome(&emulator, &client, 1, &no_path), SERVER_400);
}

#[test]
fn invalid_ids_send_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let before = emulator.stats().api_requests.total();
    let errors = [
        lb_monitors::get(&client, 0).extract().unwrap_err(),
        lb_monitors::update(&client, 0, &ConnectOpts::new(1, 1, 1))
            .extract_err()
            .unwrap_err(),
        lb_monitors::delete(&client, 0).extract_err().unwrap_err(),
    ];
    for err in &errors {
        assert!(err.is_invalid_input(), "{err}");
        assert!(err.to_string().ends_with("(nothing was sent)"), "{err}");
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
}
