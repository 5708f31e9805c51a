//! `rackcloud demo`: the guided tour runs, exits 0 and reads well, in text and JSON.

use crate::common::{ok, rackcloud};

const SECRET: &str = "KEY-0c2f7e-DEMO-MUST-NOT-PRINT";

#[test]
fn the_demo_tells_every_step_and_exits_0() {
    // The demo uses its own in-process emulator; credentials in the environment are ignored
    // and never printed, even with -v.
    let run = rackcloud(
        &["-v", "demo"],
        &[("RS_USERNAME", "someone"), ("RS_API_KEY", SECRET)],
    );
    assert_eq!(run.status, 0, "{run:?}");
    let lines = run.lines();
    assert!(lines[0].starts_with("rackcloud demo: "), "{lines:#?}");
    for step in 1..=14 {
        let prefix = format!("{step}. ");
        assert!(
            lines.iter().any(|l| l.starts_with(&prefix)),
            "step {step} missing: {lines:#?}"
        );
    }
    let text = &run.stdout;
    for expected in [
        "Chose cloudLoadBalancers (rax:load-balancer) in DFW: http://127.0.0.1:",
        "Session persistence: HTTP_COOKIE.",
        "Refused; the CLI prints: rackcloud: enable HTTP_COOKIE session persistence on load balancer 2 failed: 400 rejected as invalid: ",
        "Refused; the CLI prints: rackcloud: enable SOURCE_IP session persistence on load balancer 2 failed: 422 load balancer is immutable (PENDING_UPDATE): ",
        "ErrorKind::Immutable with lb_status() = Some(\"PENDING_UPDATE\")",
        "(422); retrying in ",
        "the SDK backed off while the load balancer was PENDING_UPDATE. Session persistence: SOURCE_IP.",
        "rate limited (413); retrying in 1.0 s (attempt 2 of 6)",
        "the SDK waited what the server asked, then repeated the call.",
        "session persistence: disabled.",
        "Already disabled:",
        "then ENABLED: node ",
        "Drained, waited, removed, each change awaited; the nodes now: ",
        "10.180.0.22:80 ENABLED.",
        "Summary:",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(
        run.stderr.contains("rackcloud: debug: request PUT "),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn the_demo_in_json_mode_prints_one_document() {
    let run = ok(rackcloud(&["--output", "json", "demo"], &[]));
    let doc = run.json();
    let steps = doc["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 14);
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(step["step"], i + 1);
        assert!(!step["lines"].as_array().expect("lines").is_empty());
    }
    assert!(!doc["summary"].as_array().expect("summary").is_empty());
}
