//! Text from the server shown, not obeyed, and ids checked alike everywhere.

use rackcloud_emulator::{DEMO_TENANT, Emulator, InjectedBody, InjectedFault, LoadBalancerSeed};

use crate::common::{as_demo, nothing_sent, ok};

const HOSTILE: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}txt.exe\nID 99 injected";

#[test]
fn control_characters_from_the_server_are_shown_as_escapes_in_text() {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(7, HOSTILE, "HTTP"),
        )
        .start()
        .expect("emulator");
    for args in [&["lb", "list"][..], &["lb", "show", "7"]] {
        let run = ok(as_demo(&emulator, args));
        assert!(
            !run.stdout
                .contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{run:?}"
        );
        assert!(
            run.stdout
                .contains("evil\\x1b]0;pwned\\x07\\x1b[2J\\u{9b}31m\\u{202e}txt.exe"),
            "{run:?}"
        );
        assert!(
            !run.stdout.lines().any(|l| l.starts_with("ID 99")),
            "{run:?}"
        );
    }
    // JSON keeps the name exactly (escaped as JSON).
    let run = ok(as_demo(&emulator, &["--output", "json", "lb", "show", "7"]));
    let doc = run.json();
    assert_eq!(doc["name"], HOSTILE, "{doc}");

    emulator.inject(
        InjectedFault::new(Some("GET"), "/dfw/v1.0/*/loadbalancers/1", 404).body(
            InjectedBody::Flat {
                message: "gone\u{1b}[31m away".to_owned(),
            },
        ),
    );
    let run = as_demo(&emulator, &["lb", "show", "1"]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.error_line().ends_with("gone\\x1b[31m away"), "{run:?}");
}

#[test]
fn marker_zero_is_a_usage_error_and_sends_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let run = as_demo(&emulator, &["lb", "list", "--marker", "0"]);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(
        run.stderr.contains("load balancer ids start at 1"),
        "{run:?}"
    );
    nothing_sent(&emulator);
}
