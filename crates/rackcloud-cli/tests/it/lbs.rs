//! `rackcloud lb list|show|create|delete` without waiting: text and JSON, paging, the exact
//! request bodies, and the usage errors that send nothing.

use std::time::Duration;

use crate::common::{as_demo, fails_as, nothing_sent, ok, rackcloud};
use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed};
use serde_json::Value;

mod create;
mod create_configured;

/// The default seed (1 `web`, 2 `tcp`, 3 `secure` in DFW) plus load balancers 4 to 130, so that
/// listing them takes two pages of 100.
fn many() -> Emulator {
    let mut builder = Emulator::builder().default_seed();
    for id in 4..=130 {
        let seed = LoadBalancerSeed::new(id, &format!("lb-{id}"), "TCP").port(9000);
        builder = builder.load_balancer("DFW", DEMO_TENANT, seed);
    }
    builder.start().expect("emulator")
}

/// The paths of the recorded requests with this method, under the DFW endpoint.
pub(super) fn paths(emulator: &Emulator, method: &str) -> Vec<String> {
    let prefix = format!("/dfw/v1.0/{DEMO_TENANT}");
    emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == method && r.path.starts_with(&prefix))
        .map(|r| r.path[prefix.len()..].to_owned())
        .collect()
}

#[test]
fn list_prints_an_aligned_table_of_every_page() {
    let emulator = many();
    let run = ok(as_demo(&emulator, &["lb", "list"]));
    let lines = run.lines();
    assert_eq!(lines.len(), 1 + 130, "{}", run.stdout);
    assert_eq!(lines[0], " ID  NAME    PROTOCOL  PORT  STATUS");
    assert_eq!(lines[1], "  1  web     HTTP        80  ACTIVE");
    assert_eq!(lines[2], "  2  tcp     TCP       8080  ACTIVE");
    assert_eq!(lines[3], "  3  secure  HTTPS      443  ACTIVE");
    assert_eq!(lines[4], "  4  lb-4    TCP       9000  ACTIVE");
    assert_eq!(lines[130], "130  lb-130  TCP       9000  ACTIVE");
    assert_eq!(
        paths(&emulator, "GET"),
        [
            "/loadbalancers?limit=100",
            "/loadbalancers?limit=100&marker=100"
        ]
    );
}

#[test]
fn list_in_json_is_an_array_of_objects() {
    let emulator = many();
    let run = ok(as_demo(&emulator, &["--output", "json", "lb", "list"]));
    let doc = run.json();
    let all = doc.as_array().expect("an array");
    assert_eq!(all.len(), 130);
    let ids: Vec<u64> = all.iter().filter_map(|lb| lb["id"].as_u64()).collect();
    assert_eq!(ids, (1..=130).collect::<Vec<u64>>());
    let web = &all[0];
    // Keys in the documented order (serde_json's `Value` would sort them: read the text).
    let first = &run.stdout[..run.stdout.find('}').expect("an object")];
    assert!(
        first.starts_with(
            r#"[{"id":1,"name":"web","protocol":"HTTP","port":80,"status":"ACTIVE","algorithm":"RANDOM","nodeCount":"#
        ),
        "{first}"
    );
    let rest = [
        "\"virtualIps\":",
        "\"sessionPersistence\":",
        "\"created\":",
        "\"updated\":",
    ]
    .map(|key| run.stdout.find(key).expect(key));
    assert!(rest.is_sorted(), "{}", run.stdout);
    assert_eq!(web.as_object().map(|o| o.len()), Some(11));
    assert_eq!(web["name"], "web");
    assert_eq!(web["protocol"], "HTTP");
    assert_eq!(web["port"], 80);
    assert_eq!(web["status"], "ACTIVE");
    assert_eq!(web["algorithm"], "RANDOM");
    assert_eq!(web["sessionPersistence"], Value::Null);
    let vip = &web["virtualIps"][0];
    assert_eq!(vip["type"], "PUBLIC");
    assert!(
        vip["address"].is_string() && vip["ipVersion"].is_string(),
        "{vip}"
    );
    assert!(web["created"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(paths(&emulator, "GET").len(), 2);
}

#[test]
fn limit_and_marker_print_one_page() {
    let emulator = many();
    let run = ok(as_demo(
        &emulator,
        &["lb", "list", "--limit", "2", "--marker", "1"],
    ));
    assert_eq!(
        run.lines(),
        [
            "ID  NAME    PROTOCOL  PORT  STATUS",
            " 2  tcp     TCP       8080  ACTIVE",
            " 3  secure  HTTPS      443  ACTIVE",
        ]
    );
    assert_eq!(paths(&emulator, "GET"), ["/loadbalancers?limit=2&marker=1"]);
    let run = ok(as_demo(&emulator, &["lb", "list", "--marker", "130"]));
    assert_eq!(run.lines(), ["no load balancers"]);
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "list", "--marker", "130"],
    ));
    assert_eq!(run.stdout, "[]\n");
}

#[test]
fn list_follows_the_region() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["--region", "ord", "lb", "list"]));
    assert_eq!(
        run.lines(),
        [
            "ID  NAME     PROTOCOL  PORT  STATUS",
            "10  ord-web  HTTP        80  ACTIVE",
            "11  ord-tcp  TCP       8080  ACTIVE",
        ]
    );
}

#[test]
fn show_prints_one_fact_per_line() {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(5, "sticky", "HTTP").session_persistence("HTTP_COOKIE"),
        )
        .start()
        .expect("emulator");
    let json = ok(as_demo(&emulator, &["--output", "json", "lb", "show", "5"])).json();
    let run = ok(as_demo(&emulator, &["lb", "show", "5"]));
    let lines = run.lines();
    assert_eq!(
        lines[..9],
        [
            "id: 5",
            "name: sticky",
            "protocol: HTTP",
            "port: 80",
            "status: ACTIVE",
            "algorithm: RANDOM",
            "idle timeout: 30 s",
            "half-closed: off",
            "HTTPS redirect: off",
        ]
    );
    for vip in json["virtualIps"].as_array().expect("virtual IPs") {
        let line = format!(
            "virtual IP: {} ({} {})",
            vip["address"].as_str().expect("address"),
            vip["type"].as_str().expect("type"),
            vip["ipVersion"].as_str().expect("version"),
        );
        assert!(lines.contains(&line.as_str()), "{line}: {}", run.stdout);
    }
    for line in [
        "nodes: 2",
        "session persistence: HTTP_COOKIE",
        "health monitor: none",
        "SSL termination: none",
        "metadata: none",
    ] {
        assert!(lines.contains(&line), "{line}: {}", run.stdout);
    }
    let created = format!("created: {}", json["created"].as_str().expect("created"));
    assert_eq!(lines[lines.len() - 2], created);

    // The object of the list first, then what the list does not report.
    assert_eq!(json["id"], 5);
    assert_eq!(json["sessionPersistence"], "HTTP_COOKIE");
    let listed = ok(as_demo(&emulator, &["--output", "json", "lb", "list"])).json();
    let from_list = listed[3].as_object().expect("an object");
    assert_eq!(from_list["id"], 5);
    for (key, value) in from_list {
        if key != "sessionPersistence" {
            assert_eq!(&json[key], value, "{key}");
        }
    }

    let run = ok(as_demo(&emulator, &["lb", "show", "1"]));
    assert!(
        run.lines().contains(&"session persistence: disabled"),
        "{}",
        run.stdout
    );
}

#[test]
fn show_and_delete_of_an_unknown_load_balancer_fail() {
    let emulator = Emulator::start().expect("emulator");
    fails_as(
        as_demo(&emulator, &["lb", "show", "999"]),
        "rackcloud: show load balancer 999 failed: 404 not found",
    );
    let (run, _) = fails_as(
        as_demo(&emulator, &["--output", "json", "lb", "delete", "999"]),
        "rackcloud: delete load balancer 999 failed: 404 not found",
    );
    let error = &run.json()["error"];
    assert_eq!(error["operation"], "delete load balancer");
    assert_eq!(error["loadBalancerId"], 999);
    assert_eq!(error["kind"], "not_found");
    assert_eq!(error["status"], 404);
}

#[test]
fn ids_and_wait_options_are_checked_before_sending_anything() {
    let emulator = Emulator::start().expect("emulator");
    for args in [
        &["lb", "show", "0"][..],
        &["lb", "show", "web"],
        &["lb", "delete", "0"],
        &["lb", "delete", "2", "--wait-interval", "1"],
        &["lb", "delete", "2", "--wait", "--wait-interval", "0"],
        &["lb", "delete", "2", "--wait", "--wait-interval", "soon"],
        &["lb", "list", "--limit", "0"],
        &["lb", "list", "--limit", "101"],
        &[
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "SOURCE_IP",
            "--wait-interval",
            "1",
        ],
    ] {
        let run = as_demo(&emulator, args);
        assert_eq!(run.status, 2, "{args:?}: {run:?}");
    }
    nothing_sent(&emulator);
}

#[test]
fn delete_without_waiting_reports_the_accepted_deletion() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(60))
        .start()
        .expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "delete", "2"]));
    assert_eq!(
        run.lines(),
        ["load balancer 2: deletion accepted; PENDING_DELETE until deleted"]
    );
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 2)
            .as_deref(),
        Some("PENDING_DELETE")
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "delete", "3"],
    ));
    assert_eq!(run.stdout, "{\"loadBalancerId\":3,\"accepted\":true}\n");
    assert_eq!(
        paths(&emulator, "DELETE"),
        ["/loadbalancers/2", "/loadbalancers/3"]
    );
    assert!(paths(&emulator, "GET").is_empty());
}

#[test]
fn help_on_the_load_balancer_commands() {
    for command in [
        &["lb", "list"][..],
        &["lb", "show"],
        &["lb", "create"],
        &["lb", "delete"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let run = ok(rackcloud(&args, &[]));
        let usage = format!("Usage: rackcloud {}", command.join(" "));
        assert!(run.stdout.contains(&usage), "{args:?}: {}", run.stdout);
    }
    let run = ok(rackcloud(&["lb", "create", "--help"], &[]));
    for option in [
        "--name <NAME>",
        "--protocol <PROTOCOL>",
        "--port <PORT>",
        "--wait",
        "--wait-interval <SECONDS>",
        "IMAPv4",
    ] {
        assert!(
            run.stdout.contains(option),
            "{option} missing: {}",
            run.stdout
        );
    }
    for command in [
        &["lb", "delete", "--help"][..],
        &["lb", "session-persistence", "enable", "--help"],
        &["lb", "session-persistence", "disable", "--help"],
    ] {
        let run = ok(rackcloud(command, &[]));
        assert!(run.stdout.contains("--wait"), "{command:?}: {}", run.stdout);
    }
}
