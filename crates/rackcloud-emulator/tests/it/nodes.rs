//! `/loadbalancers/{id}/nodes[/…]`: every rule of docs/api/nodes.md with the server's exact
//! messages, in check order; node status and node service events.

use std::time::Duration;

use crate::common::{Lb, flat, validation};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::{Value, json};

/// The default seed (load balancer 1: nodes 1 and 2 at 10.180.0.11/12:80, virtual IPs 1 and 2).
fn emulator(pending: Duration) -> anyhow::Result<(Emulator, Lb)> {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(pending)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    Ok((emulator, lb))
}

fn nodes(n: usize, start: usize) -> String {
    let items: Vec<Value> = (start..start + n)
        .map(|i| json!({"address": format!("10.6.{}.{}", i / 200, i % 200 + 1), "port": 80, "condition": "ENABLED"}))
        .collect();
    json!({ "nodes": items }).to_string()
}

#[test]
fn add_answers_the_new_nodes_and_goes_pending() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::from_secs(60))?;
    let answer = lb.post(
        "/loadbalancers/1/nodes",
        r#"[{"address":"10.1.1.1","port":"80","condition":"DRAINING","type":null,"id":null}]"#,
    )?;
    assert_eq!(answer.status, 202);
    assert_eq!(
        answer.json()?,
        json!({"nodes": [{"id": 13, "address": "10.1.1.1", "port": 80, "condition": "DRAINING", "status": "ONLINE", "type": "PRIMARY"}]})
    );
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("PENDING_UPDATE")
    );
    let busy = lb.post("/loadbalancers/1/nodes", &nodes(1, 0))?;
    assert_eq!(busy.status, 422);
    assert_eq!(
        busy.json()?,
        flat(
            422,
            "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable."
        )
    );
    Ok(())
}

#[test]
fn add_checks_in_the_server_s_order() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let post = |body: &str| lb.post("/loadbalancers/1/nodes", body);
    assert_eq!(
        post("[1]")?.json()?,
        json!({"message": ["JSON does not match the expected schema"]})
    );
    assert_eq!(
        post(r#"{"nodes":[{"address":"127.0.0.1","port":0,"condition":"ON","weight":101}]}"#)?
            .json()?,
        validation(&[
            "Node address '127.0.0.1' is not allowed.",
            "Node port is invalid. Please specify a valid port.",
            "Node condition is invalid. Please specify a valid condition.",
            "Node weight is invalid. Please specify a weight between 1 and 100.",
        ])
    );
    let twice = r#"{"nodes":[{"address":"10.1.1.1","port":80,"condition":"ENABLED"},{"address":"10.1.1.1","port":80,"condition":"ENABLED"}]}"#;
    assert_eq!(
        post(twice)?.json()?,
        validation(&[
            "Duplicate nodes detected. Please ensure that the ip address and port are unique for each node."
        ])
    );
    let missing = lb.post("/loadbalancers/999/nodes", &nodes(1, 0))?;
    assert_eq!(missing.json()?, flat(404, "Load balancer not found"));
    let vip = r#"{"nodes":[{"address":"203.0.113.2","port":80,"condition":"ENABLED"}]}"#;
    let answer = post(vip)?;
    assert_eq!(answer.status, 400, "the address of a virtual IP");
    // 2 + 24 = 26: the limit, flat, before the duplicate and SECONDARY rules.
    let mut over: Value = serde_json::from_str(&nodes(24, 0))?;
    over["nodes"][0] =
        json!({"address": "10.180.0.11", "port": 80, "condition": "ENABLED", "type": "SECONDARY"});
    assert_eq!(
        post(&over.to_string())?.json()?,
        flat(413, "Nodes must not exceed 25 per load balancer.")
    );
    let secondary = r#"{"nodes":[{"address":"10.180.0.11","port":80,"condition":"ENABLED","type":"SECONDARY"}]}"#;
    assert_eq!(
        post(secondary)?.json()?,
        flat(
            400,
            "you must enable health monitoring to use secondary nodes"
        )
    );
    let duplicate = r#"{"nodes":[{"address":"10.180.0.11","port":80,"condition":"ENABLED"}]}"#;
    assert_eq!(
        post(duplicate)?.json()?,
        flat(
            422,
            "Duplicate nodes detected. One or more nodes already configured on load balancer."
        )
    );
    // A SECONDARY node that is not ENABLED does not count.
    let disabled =
        r#"{"nodes":[{"address":"10.1.2.1","port":80,"condition":"DISABLED","type":"SECONDARY"}]}"#;
    assert_eq!(post(disabled)?.status, 202);
    Ok(())
}

#[test]
fn update_refuses_immutable_fields_and_unknown_nodes() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let put = |path: &str, body: &str| lb.put(path, body);
    assert_eq!(
        put(
            "/loadbalancers/1/nodes/1",
            r#"{"node":{"address":"10.0.0.9","port":81,"status":"OFFLINE"}}"#
        )?
        .json()?,
        validation(&[
            "Node address field cannot be modified.",
            "Node port field cannot be modified.",
            "Node status field cannot be modified.",
            "Must provide a condition, type or weight to update a node.",
        ])
    );
    assert_eq!(
        put(
            "/loadbalancers/1/nodes/99",
            r#"{"node":{"condition":"DRAINING"}}"#
        )?
        .json()?,
        flat(404, "Node with id #99 not found for loadbalancer #1")
    );
    assert_eq!(
        put(
            "/loadbalancers/1/nodes/1",
            r#"{"node":{"type":"SECONDARY"}}"#
        )?
        .json()?,
        flat(
            400,
            "you must enable health monitoring to use secondary nodes"
        )
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    assert_eq!(
        put("/loadbalancers/1/nodes/1", r#"{"condition":"DRAINING"}"#)?.json()?,
        flat(
            422,
            "Load Balancer '1' has a status of 'ERROR' and is considered immutable."
        )
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ACTIVE");
    assert_eq!(
        put("/loadbalancers/1/nodes/1", r#"{"condition":"DISABLED"}"#)?.status,
        202
    );
    let node = lb.get("/loadbalancers/1/nodes/1")?.json()?;
    assert_eq!(
        (
            node["node"]["condition"].clone(),
            node["node"]["status"].clone()
        ),
        (json!("DISABLED"), json!("OFFLINE"))
    );
    Ok(())
}

#[test]
fn bulk_operations_are_all_or_nothing() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let eleven: String = (1..=11).map(|i| format!("id={i}&")).collect();
    assert_eq!(
        lb.delete("/loadbalancers/1/nodes")?.json()?,
        flat(400, "Must supply one or more id's to process this request.")
    );
    assert_eq!(
        lb.delete(&format!("/loadbalancers/1/nodes?{eleven}"))?
            .json()?,
        validation(&[
            "Request to delete 11 nodes exceeds the account limit BATCH_DELETE_LIMIT of 10 please attempt to delete fewer then 10 nodes"
        ])
    );
    assert_eq!(
        lb.delete("/loadbalancers/1/nodes?id=1&id=100&id=3")?
            .json()?,
        validation(&["Node ids 100,3 are not a part of your loadbalancer"])
    );
    let bulk_update = r#"{"nodes":[{"id":1,"weight":5},{"id":100,"condition":"DRAINING"}]}"#;
    assert_eq!(
        lb.put("/loadbalancers/1/nodes", bulk_update)?.json()?,
        validation(&["Node ids 100 are not a part of your loadbalancer"])
    );
    let over: Vec<Value> = (1..=11).map(|i| json!({"id": i, "weight": 2})).collect();
    let answer = lb.put(
        "/loadbalancers/1/nodes",
        &json!({"nodes": over}).to_string(),
    )?;
    assert_eq!(answer.status, 400);
    assert_eq!(
        lb.get("/loadbalancers/1/nodes")?.json()?["nodes"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "nothing deleted"
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "PENDING_UPDATE");
    assert_eq!(
        lb.delete("/loadbalancers/1/nodes?id=1")?.json()?,
        flat(422, "LoadBalancer is not ACTIVE")
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ACTIVE");
    assert_eq!(
        lb.put(
            "/loadbalancers/1/nodes",
            r#"{"nodes":[{"id":1,"condition":"DRAINING"},{"id":2,"weight":"3"}]}"#
        )?
        .status,
        202
    );
    assert_eq!(lb.delete("/loadbalancers/1/nodes?id=2&id=1")?.status, 202);
    assert_eq!(
        lb.get("/loadbalancers/1/nodes")?.json()?,
        json!({"nodes": []})
    );
    Ok(())
}

#[test]
fn weights_show_only_for_weighted_algorithms() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    assert!(
        lb.get("/loadbalancers/1/nodes/1")?.json()?["node"]
            .get("weight")
            .is_none()
    );
    assert_eq!(
        lb.put(
            "/loadbalancers/1",
            r#"{"loadBalancer":{"algorithm":"WEIGHTED_ROUND_ROBIN"}}"#
        )?
        .status,
        202
    );
    assert_eq!(
        lb.get("/loadbalancers/1/nodes/1")?.json()?["node"]["weight"],
        1
    );
    Ok(())
}

#[test]
fn node_status_is_set_from_outside_and_every_change_is_an_event() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    assert!(emulator.set_node_status("DFW", DEMO_TENANT, 1, 2, "offline"));
    assert!(!emulator.set_node_status("DFW", DEMO_TENANT, 1, 99, "OFFLINE"));
    assert!(!emulator.set_node_status("DFW", DEMO_TENANT, 1, 2, "BROKEN"));
    assert_eq!(
        lb.get("/loadbalancers/1/nodes/2")?.json()?["node"]["status"],
        "OFFLINE"
    );
    let control = format!(
        "{}/_emulator/load-balancers/DFW/{DEMO_TENANT}/1/nodes/2/status",
        emulator.identity_url().trim_end_matches("/v2.0/")
    );
    let answer = crate::common::send(
        &lb.agent,
        "PUT",
        &control,
        &[("X-Emulator-Control", "1")],
        Some(r#"{"status":"ONLINE"}"#),
    )?;
    assert_eq!(answer.status, 204);
    assert_eq!(
        lb.get("/loadbalancers/1/nodes/2")?.json()?["node"]["status"],
        "ONLINE"
    );
    assert_eq!(
        lb.put(
            "/loadbalancers/1/nodes/1",
            r#"{"node":{"condition":"DRAINING"}}"#
        )?
        .status,
        202
    );
    let page = lb.get("/loadbalancers/1/nodes/events?limit=2")?.json()?;
    let events = page["nodeServiceEvents"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["type"], "NODE_STATUS_CHANGE");
    assert_eq!(
        events[0]["description"],
        "Node '2' status changed to 'OFFLINE'"
    );
    assert_eq!(events[0]["loadbalancerId"], 1);
    assert_eq!(page["links"][0]["rel"], "next");
    let rest = lb.get("/loadbalancers/1/nodes/events?marker=2")?.json()?;
    assert_eq!(rest["nodeServiceEvents"][0]["title"], "Node Updated");
    assert_eq!(rest["links"], json!([]));
    Ok(())
}
