//! `rackcloud lb vip …` and `rackcloud lb metadata …` in text and JSON, and their exit statuses.

use crate::common::{as_demo, fails_as, nothing_sent, ok};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

fn vip_ids(emulator: &Emulator, lb: &str) -> Vec<u64> {
    let run = ok(as_demo(
        emulator,
        &["--output", "json", "lb", "vip", "list", lb],
    ));
    run.json()["virtualIps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["id"].as_u64())
        .collect()
}

#[test]
fn vip_list_add_and_remove() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "vip", "list", "1"]));
    let lines = run.lines();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with("ID  TYPE    VERSION  ADDRESS"),
        "{lines:?}"
    );
    assert!(lines[1].contains("PUBLIC  IPV4"), "{lines:?}");

    let run = as_demo(
        &emulator,
        &["lb", "vip", "add", "1", "--wait", "--wait-interval", "0.05"],
    );
    assert_eq!(run.status, 0, "{run:?}");
    let line = run.lines()[0].to_owned();
    assert!(
        line.starts_with("load balancer 1: virtual ip 2001:db8::"),
        "{line}"
    );
    assert!(line.ends_with("applied; ACTIVE"), "{line}");
    let ids = vip_ids(&emulator, "1");
    assert_eq!(ids.len(), 3);

    let added = ids[2].to_string();
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "vip", "remove", "1", &added],
    ));
    let doc = run.json();
    assert_eq!(doc["removedVirtualIpIds"], serde_json::json!([ids[2]]));
    assert_eq!(doc["accepted"], true);
    assert_eq!(vip_ids(&emulator, "1").len(), 2);
}

#[test]
fn vip_failures_and_usage_errors() {
    let emulator = Emulator::start().expect("emulator");
    let ids = vip_ids(&emulator, "2");
    let last = ids[1].to_string();
    ok(as_demo(
        &emulator,
        &["lb", "vip", "remove", "2", &ids[0].to_string()],
    ));
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 2, "ACTIVE");
    let (_, words) = fails_as(
        as_demo(&emulator, &["lb", "vip", "remove", "2", &last]),
        "rackcloud: remove virtual ips on load balancer 2 failed: 400 rejected as invalid",
    );
    assert!(words.contains("at least one virtual ip"), "{words}");

    let quiet = Emulator::start().expect("emulator");
    for args in [
        &["lb", "vip", "remove", "1"][..],
        &["lb", "vip", "remove", "1", "0"],
        &["lb", "vip", "list", "x"],
    ] {
        let run = as_demo(&quiet, args);
        assert_eq!(run.status, 2, "{run:?}");
    }
    nothing_sent(&quiet);
}

#[test]
fn metadata_set_list_and_remove_for_a_load_balancer_and_a_node() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "metadata", "list", "1"]));
    assert_eq!(run.lines(), ["load balancer 1: no metadata"]);

    let run = ok(as_demo(
        &emulator,
        &["lb", "metadata", "set", "1", "env=prod", "team=web"],
    ));
    assert_eq!(
        run.lines(),
        [
            "load balancer 1: metadata set; 2 added, 0 updated, 0 unchanged",
            "added env=prod",
            "added team=web"
        ]
    );
    let run = ok(as_demo(
        &emulator,
        &["lb", "metadata", "set", "1", "env=staging", "team=web"],
    ));
    assert_eq!(
        run.lines(),
        [
            "load balancer 1: metadata set; 0 added, 1 updated, 1 unchanged",
            "updated env=staging",
            "unchanged team=web"
        ]
    );
    let run = ok(as_demo(&emulator, &["lb", "metadata", "list", "1"]));
    assert_eq!(
        run.lines(),
        ["ID  KEY   VALUE", " 1  env   staging", " 2  team  web"]
    );

    let run = ok(as_demo(
        &emulator,
        &[
            "--output", "json", "lb", "metadata", "set", "1", "a=b", "--node", "1",
        ],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"nodeId\":1,\"added\":[{\"id\":3,\"key\":\"a\",\"value\":\"b\"}],\"updated\":[],\"unchanged\":[]}\n"
    );
    let run = ok(as_demo(
        &emulator,
        &["lb", "metadata", "list", "1", "--node", "1"],
    ));
    assert_eq!(run.lines(), ["ID  KEY  VALUE", " 3  a    b"]);

    let run = ok(as_demo(
        &emulator,
        &["lb", "metadata", "remove", "1", "env", "nope"],
    ));
    assert_eq!(
        run.lines(),
        [
            "load balancer 1: metadata removed: env",
            "load balancer 1: not present: nope"
        ]
    );
    let run = ok(as_demo(
        &emulator,
        &[
            "--output", "json", "lb", "metadata", "remove", "1", "a", "--node", "1",
        ],
    ));
    assert_eq!(
        run.stdout,
        "{\"loadBalancerId\":1,\"nodeId\":1,\"removed\":[{\"id\":3,\"key\":\"a\",\"value\":\"b\"}],\"missing\":[]}\n"
    );
}

#[test]
fn metadata_refusals_send_nothing_and_server_failures_exit_1() {
    let quiet = Emulator::start().expect("emulator");
    for args in [
        &["lb", "metadata", "set", "1", "novalue"][..],
        &["lb", "metadata", "set", "1", "k="],
        &["lb", "metadata", "set", "1", "k=1", "k=2"],
        &["lb", "metadata", "list", "1", "--node", "0"],
        &["lb", "metadata", "remove", "1"],
    ] {
        let run = as_demo(&quiet, args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
    }
    nothing_sent(&quiet);

    let emulator = Emulator::start().expect("emulator");
    let (_, words) = fails_as(
        as_demo(&emulator, &["lb", "metadata", "list", "1", "--node", "999"]),
        "rackcloud: list metadata of node 999 on load balancer 1 failed: 404 not found",
    );
    assert!(words.contains("Node with id #999"), "{words}");
}
