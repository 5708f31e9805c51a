//! An invalid document fails before anything is sent, naming the field.

use rackcloud_emulator::Emulator;
use rackcloud_lb::{Document, apply_document};
use serde_json::json;

use crate::common::{dfw, fleet, full_lb};

#[test]
fn unknown_fields_are_refused_with_their_location() {
    let text = "{\"load_balancers\": [{\"name\": \"a\", \"protocol\": \"HTTP\", \"port\": 80,\n \"helth_monitor\": {}}]}";
    let err = Document::from_json(text).expect_err("refused");
    assert!(err.is_invalid_input());
    let msg = err.to_string();
    assert!(msg.contains("unknown field `helth_monitor`"), "{msg}");
    assert!(msg.contains("line 2"), "{msg}");

    let mut lb = full_lb("a");
    lb["nodes"][0]["wieght"] = json!(3);
    let err =
        Document::from_json(&json!({"load_balancers": [lb]}).to_string()).expect_err("refused");
    assert!(err.to_string().contains("unknown field `wieght`"), "{err}");
}

#[test]
fn invalid_values_name_the_load_balancer_and_field_and_nothing_is_sent() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let cases = [
        ("timeout", json!(10), "load_balancers[0] (\"a\").timeout"),
        ("port", json!(0), "load_balancers[0] (\"a\").port"),
        (
            "nodes",
            json!([{"address": "10.0.0.1", "port": 80, "condition": "DISABLED"}]),
            "load_balancers[0] (\"a\").nodes",
        ),
        (
            "connection_throttle",
            json!({"max_connections": 0}),
            "load_balancers[0] (\"a\").connection_throttle",
        ),
        (
            "health_monitor",
            json!({"type": "CONNECT", "delay": 0, "timeout": 5,
                                  "attempts_before_deactivation": 2}),
            "load_balancers[0] (\"a\").health_monitor",
        ),
        (
            "access_list",
            json!([{"address": "not an address", "type": "DENY"}]),
            "load_balancers[0] (\"a\").access_list",
        ),
    ];
    for (field, value, expected) in cases {
        let mut lb = full_lb("a");
        lb[field] = value;
        let text = json!({"load_balancers": [lb]}).to_string();
        let err = Document::from_json(&text).expect_err("refused");
        assert!(err.is_invalid_input(), "{field}: {err}");
        assert!(err.to_string().contains(expected), "{field}: {err}");
    }
    // Twice the same name.
    let text = json!({"load_balancers": [full_lb("a"), full_lb("a")]}).to_string();
    let err = Document::from_json(&text).expect_err("refused");
    assert!(
        err.to_string().contains("load_balancers[1] (\"a\").name"),
        "{err}"
    );
    // A document built in code is checked again before anything is sent.
    let doc = crate::common::doc(&[full_lb("a")]);
    let mut broken = doc.clone();
    broken.load_balancers[0].timeout = Some(5);
    assert!(
        apply_document(&client, &broken, &fleet())
            .expect_err("refused")
            .is_invalid_input()
    );
    assert_eq!(emulator.stats().api_requests.total(), before);
    Ok(())
}
