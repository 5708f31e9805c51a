//! Every bound on both sides: refused before sending (nothing reaches the server), and the same
//! values sent raw, past the crate's checks, so that the server's own check answers.

use lb_throttle::{SetOptsBuilder, ThrottleOpts};
use rackcloud_core::{ErrorKind, ServiceClient};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

use crate::common::{Raw, dfw_no_retries};

type Outcome = Result<(), (ErrorKind, Option<u16>, bool)>;
const REFUSED: Outcome = Err((ErrorKind::InvalidInput, None, false));
const SERVER_400: Outcome = Err((ErrorKind::Validation, Some(400), true));

fn outcome(emulator: &Emulator, client: &ServiceClient, opts: &impl SetOptsBuilder) -> Outcome {
    let before = emulator.stats().api_requests.total();
    let result = lb_throttle::set(client, 1, opts).extract_err();
    let sent = emulator.stats().api_requests.total() != before;
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ACTIVE");
    result.map_err(|e| (e.kind(), e.status(), sent))
}

#[test]
fn every_field_is_checked_inclusively_on_both_sides() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    // (max, min, rate, interval, valid)
    let cases = [
        (0, 0, 0, 1, false),
        (1, 0, 0, 1, true),
        (100_000, 0, 0, 1, true),
        (100_001, 0, 0, 1, false),
        (1, 1000, 0, 1, true),
        (1, 1001, 0, 1, false),
        (1, 0, 100_000, 1, true),
        (1, 0, 100_001, 1, false),
        (1, 0, 0, 0, false),
        (1, 0, 0, 3600, true),
        (1, 0, 0, 3601, false),
    ];
    for (max, min, rate, interval, valid) in cases {
        let label = format!("{max} {min} {rate} {interval}");
        let opts = ThrottleOpts::new(max)
            .min_connections(min)
            .max_connection_rate(rate)
            .rate_interval(interval);
        assert_eq!(
            outcome(&emulator, &client, &opts),
            if valid { Ok(()) } else { REFUSED },
            "{label}"
        );
        let raw = Raw(
            json!({"maxConnections": max, "minConnections": min, "maxConnectionRate": rate, "rateInterval": interval}),
        );
        assert_eq!(
            outcome(&emulator, &client, &raw),
            if valid { Ok(()) } else { SERVER_400 },
            "raw {label}"
        );
    }
    let raw = Raw(json!({"maxConnections": 1, "minConnections": -1}));
    assert_eq!(outcome(&emulator, &client, &raw), SERVER_400, "min -1");
    let raw = Raw(json!({"maxConnections": 1, "maxConnectionRate": -1}));
    assert_eq!(outcome(&emulator, &client, &raw), SERVER_400, "rate -1");
}

#[test]
fn zero_max_connections_says_to_delete_instead() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let before = emulator.stats().api_requests.total();
    let err = lb_throttle::set(&client, 1, &ThrottleOpts::new(0))
        .extract_err()
        .unwrap_err();
    assert!(err.is_invalid_input());
    assert!(err.to_string().contains("delete the throttle"), "{err}");
    let err = lb_throttle::set(&client, 1, &ThrottleOpts::new(5).rate_interval(0))
        .extract_err()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the rate interval must be 1 to 3600, not 0"),
        "{err}"
    );
    assert_eq!(emulator.stats().api_requests.total(), before);
}

#[test]
fn invalid_ids_send_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let before = emulator.stats().api_requests.total();
    let errors = [
        lb_throttle::get(&client, 0).extract().unwrap_err(),
        lb_throttle::set(&client, 0, &ThrottleOpts::new(1))
            .extract_err()
            .unwrap_err(),
        lb_throttle::delete(&client, 0).extract_err().unwrap_err(),
    ];
    for err in &errors {
        assert!(err.is_invalid_input(), "{err}");
        assert!(err.to_string().ends_with("(nothing was sent)"), "{err}");
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
}
