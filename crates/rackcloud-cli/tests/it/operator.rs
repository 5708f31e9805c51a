//! The operator's commands as the service takes them: `lb update` with every setting `PUT
//! /loadbalancers/{id}` takes, `lb show` with the whole load balancer, a node update that
//! changes nothing sends nothing, and the messages of a region with no endpoint, a number of the
//! wrong type, a refused certificate and an exported default error page.

use std::time::Duration;

use crate::common::{as_demo, nothing_sent, ok};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::{Value, json};

/// The default seed; a change stays PENDING_UPDATE for 50 ms.
fn emulator() -> Emulator {
    Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(50))
        .start()
        .expect("emulator")
}

/// The bodies of the requests with this method whose path ends in `tail`.
fn bodies(emulator: &Emulator, method: &str, tail: &str) -> Vec<Value> {
    emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path.ends_with(tail))
        .map(|r| r.body_json().unwrap_or(Value::Null))
        .collect()
}

/// `METHOD path` of the API requests recorded after the first `skip`, under the DFW endpoint.
fn calls_after(emulator: &Emulator, skip: usize) -> Vec<String> {
    let prefix = format!("/dfw/v1.0/{DEMO_TENANT}");
    emulator
        .requests()
        .into_iter()
        .skip(skip)
        .filter_map(|r| Some(format!("{} {}", r.method, r.path.strip_prefix(&prefix)?)))
        .collect()
}

#[test]
fn update_sends_every_setting_given_and_only_those() {
    let emulator = emulator();
    let run = ok(as_demo(
        &emulator,
        &[
            "lb",
            "update",
            "2",
            "--name",
            "tcp-2",
            "--port",
            "9090",
            "--algorithm",
            "round_robin",
            "--idle-timeout",
            "60",
            "--half-closed",
            "true",
        ],
    ));
    assert_eq!(
        run.lines(),
        [
            "load balancer 2: name tcp-2, port 9090, algorithm ROUND_ROBIN, idle timeout 60 s, \
          half-closed connections on accepted; PENDING_UPDATE until applied"
        ]
    );
    assert_eq!(
        bodies(&emulator, "PUT", "/loadbalancers/2"),
        [
            json!({"loadBalancer": {"name": "tcp-2", "port": 9090, "algorithm": "ROUND_ROBIN",
            "timeout": 60, "halfClosed": true}})
        ]
    );
    let run = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "update",
            "1",
            "--protocol",
            "tcp",
            "--https-redirect",
            "false",
        ],
    ));
    assert_eq!(run.json(), json!({"loadBalancerId": 1, "accepted": true}));
    assert_eq!(
        bodies(&emulator, "PUT", "/loadbalancers/1"),
        [json!({"loadBalancer": {"protocol": "TCP", "httpsRedirect": false}})]
    );
}

#[test]
fn update_refuses_invalid_values_and_no_setting_before_sending() {
    let emulator = Emulator::start().expect("emulator");
    for extra in [
        &[][..],
        &["--idle-timeout", "29"],
        &["--idle-timeout", "121"],
        &["--port", "0"],
        &["--port", "65536"],
        &["--protocol", "GOPHER"],
        &["--algorithm", "FASTEST"],
        &["--half-closed", "yes"],
        &["--https-redirect", "on"],
        &["--name", " "],
    ] {
        let args = [&["lb", "update", "1"][..], extra].concat();
        let run = as_demo(&emulator, &args);
        assert_eq!(run.status, 2, "{extra:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{extra:?}: {run:?}");
    }
    nothing_sent(&emulator);
}

#[test]
fn show_prints_the_whole_load_balancer_from_two_requests() {
    let emulator = emulator();
    let created = ok(as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "create",
            "--name",
            "full",
            "--protocol",
            "HTTP",
            "--node",
            "10.2.0.1:80,weight=3",
            "--algorithm",
            "WEIGHTED_ROUND_ROBIN",
            "--monitor",
            "HTTP",
            "--monitor-delay",
            "10",
            "--monitor-timeout",
            "5",
            "--monitor-attempts",
            "2",
            "--monitor-path",
            "/health",
            "--monitor-status-regex",
            "^2",
            "--max-connections",
            "50",
            "--deny",
            "192.0.2.0/24",
            "--metadata",
            "team=web",
            "--logging",
            "true",
            "--persistence",
            "HTTP_COOKIE",
        ],
    ))
    .json();
    let id = created["id"].as_u64().expect("an id");
    let before = emulator.requests().len();
    let run = ok(as_demo(&emulator, &["lb", "show", &id.to_string()]));
    // The load balancer object, then SSL termination, which the object leaves out.
    let calls: Vec<String> = calls_after(&emulator, before)
        .into_iter()
        .filter(|c| !c.contains("/tokens"))
        .collect();
    assert_eq!(
        calls,
        [
            format!("GET /loadbalancers/{id}"),
            format!("GET /loadbalancers/{id}/ssltermination")
        ]
    );
    let lines = run.lines();
    for expected in [
        "algorithm: WEIGHTED_ROUND_ROBIN",
        "idle timeout: 30 s",
        "half-closed: off",
        "HTTPS redirect: off",
        "nodes: 1",
        "session persistence: HTTP_COOKIE",
        "health monitor: HTTP every 10 s, timeout 5 s, 2 attempts, path /health, status ^2",
        "connection throttle: max connections 50, min connections 0, max connection rate 0, rate interval 1",
        "access list: 1 item",
        "connection logging: on",
        "content caching: off",
        "SSL termination: none",
    ] {
        assert!(
            lines.contains(&expected),
            "{expected:?} missing: {}",
            run.stdout
        );
    }
    assert!(
        lines.iter().any(|l| l.starts_with("  node ")
            && l.ends_with(": 10.2.0.1:80 ENABLED ONLINE PRIMARY weight 3")),
        "{}",
        run.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  item ") && l.ends_with(": DENY 192.0.2.0/24"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("metadata ") && l.ends_with(": team=web"))
    );

    let doc = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "show", &id.to_string()],
    ))
    .json();
    assert_eq!(doc["nodes"][0]["address"], "10.2.0.1");
    assert_eq!(doc["nodes"][0]["weight"], 3);
    assert_eq!(doc["healthMonitor"]["path"], "/health");
    assert_eq!(doc["connectionThrottle"]["maxConnections"], 50);
    assert_eq!(doc["accessList"][0]["type"], "DENY");
    assert_eq!(doc["metadata"][0]["key"], "team");
    assert_eq!(doc["connectionLogging"], true);
    assert_eq!(doc["timeout"], 30);
    assert_eq!(doc["sslTermination"], Value::Null);
    assert_eq!(doc["sessionPersistence"], "HTTP_COOKIE");
}

#[test]
fn a_node_update_that_changes_nothing_sends_nothing() {
    let emulator = emulator();
    let nodes = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "node", "list", "1"],
    ))
    .json();
    let node = nodes[0]["id"].as_u64().expect("a node").to_string();
    let args = [
        "lb",
        "node",
        "update",
        "1",
        &node,
        "--condition",
        "DRAINING",
    ];
    let run = ok(as_demo(&emulator, &args));
    assert!(run.stdout.contains("accepted"), "{run:?}");
    let run = ok(as_demo(&emulator, &args));
    assert_eq!(
        run.lines(),
        [format!(
            "load balancer 1: node {node} is already DRAINING; nothing changed"
        )]
    );
    let run = ok(as_demo(
        &emulator,
        &[&["--output", "json"][..], &args].concat(),
    ));
    assert_eq!(
        run.json(),
        json!({"loadBalancerId": 1, "nodeIds": [node.parse::<u64>().expect("an id")],
            "outcome": "unchanged"})
    );
    assert_eq!(bodies(&emulator, "PUT", &format!("/nodes/{node}")).len(), 1);
}

#[test]
fn a_region_without_an_endpoint_lists_the_regions_that_have_one() {
    let emulator = Emulator::start().expect("emulator");
    let run = as_demo(&emulator, &["--region", "SYD", "lb", "list"]);
    assert_ne!(run.status, 0, "{run:?}");
    assert!(
        run.error_line().ends_with(
            "the catalog has no endpoint of type rax:load-balancer named cloudLoadBalancers in \
             region SYD with a publicURL; it has one in DFW, ORD"
        ),
        "{run:?}"
    );
}

#[test]
fn a_number_of_the_wrong_type_is_named_in_words() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("lbs.json");
    let doc = json!({"load_balancers": [{"name": "x", "protocol": "HTTP", "port": "eighty"}]});
    std::fs::write(&file, doc.to_string()).expect("written");
    let run = as_demo(&emulator, &["lb", "plan", file.to_str().expect("utf-8")]);
    assert_eq!(run.status, 2, "{run:?}");
    let line = run.error_line();
    assert!(
        line.contains("load_balancers[0].port: invalid type: string \"eighty\", expected a whole number from 0 to 65535"),
        "{line}"
    );
    assert!(!line.contains("u16"), "{line}");
    nothing_sent(&emulator);
}

#[test]
fn a_refused_certificate_says_nothing_was_sent_once() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::write(dir.path().join("c.crt"), "not a certificate").expect("written");
    std::fs::write(dir.path().join("c.key"), "not a key").expect("written");
    let doc = json!({"load_balancers": [{"name": "shop", "protocol": "HTTP", "port": 80,
        "ssl_termination": {"certificate_file": "c.crt", "private_key_file": "c.key",
                            "secure_port": 443}}]});
    let file = dir.path().join("lbs.json");
    std::fs::write(&file, doc.to_string()).expect("written");
    let run = as_demo(&emulator, &["lb", "plan", file.to_str().expect("utf-8")]);
    assert_eq!(run.status, 2, "{run:?}");
    let line = run.error_line();
    assert_eq!(line.matches("(nothing was sent)").count(), 1, "{line}");
}

#[test]
fn export_leaves_the_default_error_page_out() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "export", "1"]));
    assert!(!run.stdout.contains("error_page_file"), "{}", run.stdout);
}
