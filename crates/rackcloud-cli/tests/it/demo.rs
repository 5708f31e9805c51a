//! `rackcloud demo`: the guided tour runs, exits 0 and reads well, in text and JSON.

use crate::common::{ok, rackcloud};

const SECRET: &str = "KEY-0c2f7e-DEMO-MUST-NOT-PRINT";
/// Session persistence (1 to 12), the node rotation (13, 14), the declared load balancer (15 to
/// 18).
const STEPS: usize = 18;
const NO_CHANGES: &str = "No changes: the account matches the document.";

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
    for step in 1..=STEPS {
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
        "with its data plane: backends alpha and beta answer their name",
        "4 requests without persistence were answered by: ",
        "4 more carrying it were answered by: ",
        "A steady stream through the listener meanwhile: ",
        "requests through it meanwhile, 0 failed.",
        "     + create load balancer \"shop\" (HTTP port 80, 2 nodes) with CONNECT health monitor, 1 metadata item, connection logging, HTTP_COOKIE persistence\n",
        "   1 change, 0 destructive.\n",
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
    traffic_is_pinned_by_the_cookie_and_the_rotation_drops_nothing(&lines);
    the_tour_says_what_it_does_in_plain_words(&lines);
    the_declarative_guide_is_applied_and_plans_nothing_afterwards(&lines);
}

/// Steps 4, 5 and 14: requests through load balancer 1's listener (the data plane).
fn traffic_is_pinned_by_the_cookie_and_the_rotation_drops_nothing(lines: &[&str]) {
    let line = |part: &str| -> &str {
        lines
            .iter()
            .find(|l| l.contains(part))
            .unwrap_or_else(|| panic!("{part:?} missing: {lines:#?}"))
    };
    // With the cookie, every request lands on the node that set it.
    let pinned = line("4 more carrying it were answered by: ");
    let (head, names) = pinned
        .rsplit_once("answered by: ")
        .expect("the names that answered");
    let first = head
        .split_once("answered by ")
        .and_then(|(_, rest)| rest.split_once(' '))
        .map(|(name, _)| name)
        .expect("the first answer's name");
    let names: Vec<&str> = names.trim_end_matches('.').split(", ").collect();
    assert_eq!(names, [first; 4], "{pinned}");
    let streamed = line("A steady stream through the listener meanwhile: ");
    assert!(
        streamed.ends_with(" requests sent, 0 failed."),
        "{streamed}"
    );
}

/// Step 13 says it adds the node to rotate out before it does (seconds of retries and a wait
/// follow, each retry told as it happens);
/// counts are written in words (`1 change`, `1 load balancer`); the last line names the command
/// that starts this binary: run from cargo's target folder, `cargo run -p rackcloud-cli --`.
fn the_tour_says_what_it_does_in_plain_words(lines: &[&str]) {
    let at = |part: &str| -> usize {
        lines
            .iter()
            .position(|l| l.contains(part))
            .unwrap_or_else(|| panic!("{part:?} missing: {lines:#?}"))
    };
    let step = at("13. Load balancer 1: rotate node 10.180.0.21:80 out for 10.180.0.22:80");
    let scene = at("Setting the scene: adding 10.180.0.21:80, the node to rotate out");
    let added = at("(10.180.0.21:80) added; now the new one, 10.180.0.22:80, safely.");
    assert!(step < scene && scene < added, "{lines:#?}");
    // What happens in between is told as it happens: the retries of the busy load balancer.
    assert!(
        lines[scene + 1..added]
            .iter()
            .all(|l| l.starts_with("   Retry: ")),
        "{lines:#?}"
    );
    for told in [
        "applied (1 change), planned again",
        "describing 1 load balancer, ready to keep in a file.",
        "before the next: 1 change in ",
    ] {
        at(told);
    }
    for line in lines {
        assert!(
            !line.contains("line(s)") && !line.contains("load balancer(s)"),
            "{line}"
        );
    }
    assert!(lines.iter().any(|l| l.starts_with("   1 token request, ")));
    let exe = std::path::Path::new(env!("CARGO_BIN_EXE_rackcloud"));
    let in_target = exe
        .parent()
        .and_then(std::path::Path::parent)
        .and_then(std::path::Path::file_name)
        == Some(std::ffi::OsStr::new("target"));
    let last = lines.last().expect("a last line");
    if in_target {
        assert!(
            last.contains("demo-api-key cargo run -p rackcloud-cli -- --auth-url http://127.0.0.1:8900/v2.0/ lb session-persistence show 1"),
            "{last}"
        );
        let before = lines[lines.len() - 2];
        assert!(
            before.contains("run `cargo run -p rackcloud-cli -- emulator`"),
            "{before}"
        );
    } else {
        assert!(last.contains(&exe.display().to_string()), "{last}");
    }
}

/// Steps 15 to 18 (checked on the text run above: the tour takes long enough to run it once).
fn the_declarative_guide_is_applied_and_plans_nothing_afterwards(lines: &[&str]) {
    let after = |prefix: &str| -> Vec<&str> {
        let at = lines
            .iter()
            .position(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix:?} missing: {lines:#?}"));
        lines[at + 1..]
            .iter()
            .take_while(|l| l.starts_with("   "))
            .copied()
            .collect()
    };
    // Step 15: the guide's plan, as `rackcloud lb plan shop.json` prints it.
    let first = after("15. Declare load balancer \"shop\" in a document (");
    // One creation carries the whole configuration: one request, one wait.
    assert_eq!(first[0], "   shop (new): 1 change", "{first:#?}");
    assert!(
        first.contains(&"     + create load balancer \"shop\" (HTTP port 80, 2 nodes) with CONNECT health monitor, 1 metadata item, connection logging, HTTP_COOKIE persistence"),
        "{first:#?}"
    );
    // Step 16: every change applied.
    let applied = after("16. Load balancer \"shop\": apply the plan");
    assert!(
        applied.iter().any(|l| l.contains(": 1 change applied")),
        "{applied:#?}"
    );
    assert!(
        !applied.iter().any(|l| l.contains("FAILED")),
        "{applied:#?}"
    );
    // Steps 17 and 18: the same document, then the exported one, plan nothing.
    for step in ["17. ", "18. "] {
        let details = after(step);
        assert!(
            details.contains(&format!("   {NO_CHANGES}").as_str()),
            "{step}{details:#?}"
        );
    }
    // The document's file is gone once the tour is over.
    let step = lines
        .iter()
        .find(|l| l.starts_with("15. "))
        .expect("step 15");
    let path = step
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(path, _)| path)
        .expect("the document's path");
    assert!(path.ends_with(".json"), "{path}");
    assert!(!std::path::Path::new(path).exists(), "{path} left behind");
}

#[test]
fn the_demo_in_json_mode_prints_one_document() {
    let run = ok(rackcloud(&["--output", "json", "demo"], &[]));
    let doc = run.json();
    let steps = doc["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), STEPS);
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(step["step"], i + 1);
        assert!(!step["lines"].as_array().expect("lines").is_empty());
    }
    assert!(!doc["summary"].as_array().expect("summary").is_empty());
    let replanned = steps[16]["lines"].as_array().expect("lines");
    assert!(replanned.iter().any(|l| l == NO_CHANGES), "{replanned:#?}");
    let planned = steps[14]["lines"].as_array().expect("lines");
    assert!(
        planned
            .iter()
            .any(|l| l == "  + create load balancer \"shop\" (HTTP port 80, 2 nodes) with CONNECT health monitor, 1 metadata item, connection logging, HTTP_COOKIE persistence"),
        "{planned:#?}"
    );
}
