//! A change whose answer was lost: the emulator creates the load balancer, then closes the
//! connection without its 202. The CLI says the change may have been applied and how to check;
//! `lb apply` run again adopts what was created instead of creating a second one.

use rackcloud_emulator::{Emulator, InjectedFault};
use serde_json::json;

use crate::common::{as_demo, ok};

const POST_LBS: &str = "/dfw/v1.0/*/loadbalancers";

fn document() -> String {
    json!({"load_balancers": [{
        "name": "lost-answer", "protocol": "HTTP", "port": 80,
        "nodes": [{"address": "10.4.0.1", "port": 8080}]
    }]})
    .to_string()
}

fn named(emulator: &Emulator, name: &str) -> usize {
    let run = ok(as_demo(emulator, &["--output", "json", "lb", "list"]));
    let listed = run.json();
    // An array of load balancers.
    listed
        .as_array()
        .into_iter()
        .flatten()
        .filter(|lb| lb["name"] == name)
        .count()
}

#[test]
fn apply_again_after_a_lost_create_answer_adopts_what_was_created() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("lbs.json");
    std::fs::write(&file, document()).expect("written");
    let path = file.to_str().expect("utf-8 path");
    emulator.inject(InjectedFault::lost_answer(Some("POST"), POST_LBS).after_apply());

    let run = as_demo(&emulator, &["lb", "apply", path, "--yes"]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "the change may have been applied: run `rackcloud lb show` on the load balancer, \
             `rackcloud lb list` for a new one, or `rackcloud lb plan`, to see whether it was \
             before sending it again"
        ),
        "{run:?}"
    );
    assert_eq!(named(&emulator, "lost-answer"), 1);

    // Run again: the plan matches the load balancer by name and creates nothing.
    let posts = emulator.stats().api_requests.post;
    let run = ok(as_demo(&emulator, &["lb", "apply", path, "--yes"]));
    assert_eq!(emulator.stats().api_requests.post, posts, "{run:?}");
    assert_eq!(named(&emulator, "lost-answer"), 1);
    let run = ok(as_demo(&emulator, &["lb", "plan", path]));
    assert_eq!(
        run.lines(),
        ["No changes: the account matches the document."]
    );
}

#[test]
fn a_create_whose_answer_is_lost_says_it_may_have_been_applied() {
    let emulator = Emulator::start().expect("emulator");
    emulator.inject(InjectedFault::lost_answer(Some("POST"), POST_LBS).after_apply());
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "create",
            "--name",
            "lost-one",
            "--protocol",
            "HTTP",
            "--port",
            "80",
        ],
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.error_line().ends_with(
            "(the change may have been applied: run `rackcloud lb show` on the load balancer, \
             `rackcloud lb list` for a new one, or `rackcloud lb plan`, to see whether it was \
             before sending it again)"
        ),
        "{run:?}"
    );
    assert_eq!(named(&emulator, "lost-one"), 1);
}
