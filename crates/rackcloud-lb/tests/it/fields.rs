//! A document that differs in one field plans exactly the change for it, and applying it
//! leaves nothing to plan.

use rackcloud_emulator::Emulator;
use rackcloud_lb::{Change, apply, plan_account};
use serde_json::{Value, json};

use crate::common::{dfw, doc, fleet, full_lb};

type Edit = fn(&mut Value);
type Expect = fn(&Change) -> bool;

fn cases() -> Vec<(&'static str, Edit, Expect)> {
    vec![
        (
            "protocol",
            |v| v["protocol"] = json!("TCP"),
            |c| {
                // A TCP load balancer keeps no HTTP monitor or cookie persistence: checked below.
                matches!(
                    c,
                    Change::UpdateLb {
                        protocol: Some(_),
                        port: None,
                        ..
                    }
                )
            },
        ),
        (
            "port",
            |v| v["port"] = json!(8081),
            |c| {
                matches!(
                    c,
                    Change::UpdateLb {
                        port: Some(8081),
                        protocol: None,
                        ..
                    }
                )
            },
        ),
        (
            "algorithm",
            |v| v["algorithm"] = json!("LEAST_CONNECTIONS"),
            |c| {
                matches!(
                    c,
                    Change::UpdateLb {
                        algorithm: Some(_),
                        port: None,
                        protocol: None,
                        timeout: None,
                        half_closed: None,
                        ..
                    }
                )
            },
        ),
        (
            "timeout",
            |v| v["timeout"] = json!(60),
            |c| {
                matches!(
                    c,
                    Change::UpdateLb {
                        timeout: Some(60),
                        algorithm: None,
                        ..
                    }
                )
            },
        ),
        (
            "half_closed",
            |v| v["half_closed"] = json!(true),
            |c| {
                matches!(
                    c,
                    Change::UpdateLb {
                        half_closed: Some(true),
                        protocol: None,
                        port: None,
                        algorithm: None,
                        timeout: None,
                        ..
                    }
                )
            },
        ),
        (
            "node added",
            |v| {
                v["nodes"]
                    .as_array_mut()
                    .expect("in the document")
                    .push(json!({"address": "10.1.0.9", "port": 80}))
            },
            |c| matches!(c, Change::AddNodes(n) if n.len() == 1),
        ),
        (
            "node condition",
            |v| v["nodes"][1]["condition"] = json!("ENABLED"),
            |c| {
                matches!(
                    c,
                    Change::UpdateNode {
                        condition: Some(_),
                        kind: None,
                        weight: None,
                        ..
                    }
                )
            },
        ),
        (
            "node type",
            |v| v["nodes"][2]["type"] = json!("PRIMARY"),
            |c| {
                matches!(
                    c,
                    Change::UpdateNode {
                        kind: Some(_),
                        condition: None,
                        ..
                    }
                )
            },
        ),
        (
            "node removed",
            |v| {
                v["nodes"]
                    .as_array_mut()
                    .expect("in the document")
                    .remove(1);
            },
            |c| {
                matches!(c, Change::RemoveNodes { ids, .. } if ids.len() == 1) && c.is_destructive()
            },
        ),
        (
            "monitor",
            |v| v["health_monitor"]["delay"] = json!(20),
            |c| matches!(c, Change::SetMonitor(m) if m.delay == 20),
        ),
        (
            "access rule added",
            |v| {
                v["access_list"]
                    .as_array_mut()
                    .expect("in the document")
                    .push(json!({"address": "203.0.113.5", "type": "DENY"}))
            },
            |c| matches!(c, Change::AppendAccess(a) if a.len() == 1),
        ),
        (
            "access rule removed",
            |v| {
                v["access_list"]
                    .as_array_mut()
                    .expect("in the document")
                    .remove(0);
            },
            |c| matches!(c, Change::RemoveAccess { ids, .. } if ids.len() == 1),
        ),
        (
            "throttle",
            |v| v["connection_throttle"]["max_connections"] = json!(200),
            |c| matches!(c, Change::SetThrottle(t) if t.max_connections == 200),
        ),
        (
            "throttle removed",
            |v| {
                v.as_object_mut()
                    .expect("in the document")
                    .remove("connection_throttle");
            },
            |c| *c == Change::DeleteThrottle,
        ),
        (
            "persistence",
            |v| v["session_persistence"] = json!("SOURCE_IP"),
            |c| matches!(c, Change::SetSessionPersistence(_)),
        ),
        (
            "persistence removed",
            |v| {
                v.as_object_mut()
                    .expect("in the document")
                    .remove("session_persistence");
            },
            |c| *c == Change::DisableSessionPersistence,
        ),
        (
            "logging",
            |v| v["connection_logging"] = json!(false),
            |c| *c == Change::SetLogging(false),
        ),
        (
            "caching",
            |v| v["content_caching"] = json!(false),
            |c| *c == Change::SetCaching(false),
        ),
        (
            "metadata added",
            |v| v["metadata"]["owner"] = json!("ops"),
            |c| matches!(c, Change::AddMetadata(m) if m.len() == 1),
        ),
        (
            "metadata value",
            |v| v["metadata"]["env"] = json!("staging"),
            |c| matches!(c, Change::UpdateMetadata { key, value, .. } if key == "env" && value == "staging"),
        ),
        (
            "metadata removed",
            |v| {
                v["metadata"]
                    .as_object_mut()
                    .expect("in the document")
                    .remove("team");
            },
            |c| matches!(c, Change::RemoveMetadata { keys, .. } if keys == &["team".to_owned()]),
        ),
    ]
}

#[test]
fn each_field_plans_exactly_its_change_and_applies() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    for (what, edit, expect) in cases() {
        let name = format!("lb {what}");
        let base = doc(&[full_lb(&name)]);
        let report = apply(&client, &plan_account(&client, &base)?, &fleet());
        assert!(report.is_complete(), "{what}: {report}");
        let mut value = full_lb(&name);
        edit(&mut value);
        if what == "protocol" {
            // A TCP load balancer takes a CONNECT monitor and no cookies.
            value["health_monitor"] = json!({"type": "CONNECT", "delay": 10, "timeout": 5,
                                             "attempts_before_deactivation": 2});
            value["session_persistence"] = json!("SOURCE_IP");
            // Caching is for HTTP; the service turns it off with the protocol change.
            value["content_caching"] = json!(false);
        }
        let changed = doc(&[value]);
        let plan = plan_account(&client, &changed)?;
        let changes: Vec<&Change> = plan.changes().map(|(_, c)| c).collect();
        if what == "protocol" {
            assert_eq!(changes.len(), 3, "{what}: {plan}");
            assert!(expect(changes[0]), "{what}: {plan}");
        } else {
            assert_eq!(changes.len(), 1, "{what}: {plan}");
            assert!(expect(changes[0]), "{what}: {plan}");
        }
        let report = apply(&client, &plan, &fleet());
        assert!(report.is_complete(), "{what}: {report}");
        let left = plan_account(&client, &changed)?;
        assert!(left.is_empty(), "{what}: {left}");
    }
    Ok(())
}
