//! `rackcloud lb create` without waiting: the exact request body, the new load balancer in text
//! and JSON, invalid input refused before sending, and the server's refusal in one line.

use std::time::Duration;

use super::paths;
use crate::common::{as_demo, nothing_sent, ok};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

/// The default seed; a new load balancer stays BUILD for a minute.
fn slow_build() -> Emulator {
    Emulator::builder()
        .default_seed()
        .build_time(Duration::from_secs(60))
        .start()
        .expect("emulator")
}

#[test]
fn create_sends_one_public_virtual_ip_and_prints_the_new_load_balancer() {
    let emulator = slow_build();
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "create",
            "--name",
            "blog",
            "--protocol",
            "http",
            "--port",
            "8080",
        ],
    ));
    let post = emulator
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path.ends_with("/loadbalancers"))
        .expect("a POST");
    assert_eq!(
        post.body_json(),
        Some(json!({"loadBalancer": {
            "name": "blog",
            "protocol": "HTTP",
            "port": 8080,
            "virtualIps": [{"type": "PUBLIC"}]
        }}))
    );
    let lb = run.json();
    let id = lb["id"].as_u64().expect("an id");
    assert_eq!(lb["name"], "blog");
    assert_eq!(lb["protocol"], "HTTP");
    assert_eq!(lb["port"], 8080);
    assert_eq!(lb["status"], "BUILD");
    assert_eq!(lb["nodeCount"], 0);
    // One PUBLIC request without a version gives an IPv4 and an IPv6 address
    // (docs/api/virtual-ips.md).
    let vips = lb["virtualIps"].as_array().expect("virtual IPs");
    let versions: Vec<(&str, &str)> = vips
        .iter()
        .map(|v| {
            (
                v["type"].as_str().unwrap_or(""),
                v["ipVersion"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(versions, [("PUBLIC", "IPV4"), ("PUBLIC", "IPV6")]);
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, id)
            .as_deref(),
        Some("BUILD")
    );
    // Nothing but the POST: no wait without --wait.
    assert!(paths(&emulator, "GET").is_empty());

    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "create",
            "--name",
            "mail",
            "--protocol",
            "imapV4",
            "--port",
            "143",
        ],
    ));
    let lines = run.lines();
    assert!(lines[0].starts_with("id: "), "{}", run.stdout);
    assert_eq!(
        &lines[1..6],
        [
            "name: mail",
            "protocol: IMAPv4",
            "port: 143",
            "status: BUILD",
            "algorithm: RANDOM"
        ]
    );
}

#[test]
fn create_refuses_invalid_input_before_sending_anything() {
    let emulator = Emulator::start().expect("emulator");
    let create = |name: &str, protocol: &str, port: &str| {
        as_demo(
            &emulator,
            &[
                "lb",
                "create",
                "--name",
                name,
                "--protocol",
                protocol,
                "--port",
                port,
            ],
        )
    };
    for (name, protocol, port) in [
        ("blog", "GOPHER", "80"),
        ("blog", "", "80"),
        ("blog", "HTTP", "0"),
        ("blog", "HTTP", "65536"),
        ("blog", "HTTP", "-1"),
        ("blog", "HTTP", "eighty"),
        ("", "HTTP", "80"),
        ("   ", "HTTP", "80"),
    ] {
        let run = create(name, protocol, port);
        assert_eq!(run.status, 2, "{name:?} {protocol:?} {port:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
    }
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "create",
            "--name",
            "blog",
            "--protocol",
            "gopher",
            "--port",
            "70",
        ],
    );
    assert_eq!(run.status, 2);
    assert_eq!(run.json()["error"]["kind"], "usage");
    nothing_sent(&emulator);
}

#[test]
fn a_server_refusal_of_a_create_is_one_line() {
    let emulator = Emulator::start().expect("emulator");
    let long = "x".repeat(200);
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "create",
            "--name",
            &long,
            "--protocol",
            "HTTP",
            "--port",
            "80",
        ],
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.error_line()
            .starts_with("rackcloud: create load balancer failed: 400 rejected as invalid: "),
        "{run:?}"
    );
}
