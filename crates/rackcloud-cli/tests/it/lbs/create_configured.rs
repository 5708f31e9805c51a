//! `rackcloud lb create` with nodes, virtual IPs, settings and configuration: one request with
//! the exact body, the configuration shown by the new load balancer, invalid flags refused
//! before anything is sent.

use crate::common::{as_demo, nothing_sent, ok};
use rackcloud_emulator::Emulator;
use serde_json::json;

const CONFIGURED: [&str; 47] = [
    "--output",
    "json",
    "lb",
    "create",
    "--name",
    "shop",
    "--protocol",
    "HTTP",
    "--node",
    "10.1.0.1:8080,weight=5",
    "--node",
    "10.1.0.2:8080,type=SECONDARY,condition=DRAINING",
    "--vip",
    "PUBLIC:IPV4",
    "--algorithm",
    "weighted_round_robin",
    "--idle-timeout",
    "45",
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
    "--persistence",
    "http_cookie",
    "--logging",
    "true",
    "--caching",
    "true",
    "--metadata",
    "team=web",
    "--deny",
    "192.0.2.0/24",
    "--allow",
    "192.0.2.7",
    "--max-connections",
    "100",
    "--wait",
    "--wait-interval",
    "0.05",
];

#[test]
fn a_configured_load_balancer_is_one_request_and_one_wait() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &CONFIGURED));
    let posts: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .filter(|r| r.path.contains("/loadbalancers"))
        .collect();
    assert_eq!(posts.len(), 1, "{posts:?}");
    assert_eq!(
        posts[0].body_json(),
        Some(json!({"loadBalancer": {
            "name": "shop",
            "protocol": "HTTP",
            "algorithm": "WEIGHTED_ROUND_ROBIN",
            "timeout": 45,
            "virtualIps": [{"type": "PUBLIC", "ipVersion": "IPV4"}],
            "nodes": [
                {"address": "10.1.0.1", "port": 8080, "condition": "ENABLED", "weight": 5},
                {"address": "10.1.0.2", "port": 8080, "condition": "DRAINING", "type": "SECONDARY"}
            ],
            "healthMonitor": {"type": "HTTP", "delay": 10, "timeout": 5,
                "attemptsBeforeDeactivation": 2, "path": "/health", "statusRegex": "^2"},
            "connectionThrottle": {"maxConnections": 100, "minConnections": 0,
                "maxConnectionRate": 0, "rateInterval": 1},
            "accessList": [{"address": "192.0.2.0/24", "type": "DENY"},
                {"address": "192.0.2.7", "type": "ALLOW"}],
            "metadata": [{"key": "team", "value": "web"}],
            "connectionLogging": {"enabled": true},
            "contentCaching": {"enabled": true},
            "sessionPersistence": {"persistenceType": "HTTP_COOKIE"}
        }}))
    );
    let lb = run.json();
    assert_eq!(lb["status"], "ACTIVE", "{lb}");
    assert_eq!(lb["nodeCount"], 2);
}

#[test]
fn invalid_configuration_flags_send_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let base = ["lb", "create", "--name", "shop", "--protocol", "HTTP"];
    let long_key = format!("{}=v", "k".repeat(33));
    for extra in [
        &["--monitor", "HTTP"][..],
        &[
            "--monitor",
            "CONNECT",
            "--monitor-delay",
            "1",
            "--monitor-timeout",
            "1",
            "--monitor-attempts",
            "1",
            "--monitor-path",
            "/",
        ][..],
        &[
            "--monitor",
            "HTTP",
            "--monitor-delay",
            "0",
            "--monitor-timeout",
            "1",
            "--monitor-attempts",
            "1",
            "--monitor-path",
            "/",
            "--monitor-status-regex",
            "^2",
        ][..],
        &["--monitor-delay", "5"][..],
        &["--node", "10.1.0.1:80,weight=101"][..],
        &["--vip", "PRIVATE"][..],
        &["--metadata", "team=web", "--metadata", "team=app"][..],
        &["--metadata", long_key.as_str()][..],
        &["--deny", "192.0.2.7", "--allow", "192.0.2.7/32"][..],
        &["--max-connections", "0"][..],
        &["--persistence", "STICKY"][..],
    ] {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let run = as_demo(&emulator, &args);
        assert_eq!(run.status, 2, "{extra:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
    }
    nothing_sent(&emulator);
}
