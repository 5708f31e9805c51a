//! Health monitors that really probe, unreachable nodes, and the error page.

use std::time::Duration;

use rackcloud_emulator::DEMO_TENANT;
use serde_json::json;

use crate::common::eventually;
use crate::data_plane_kit::{Backend, Plane, get, tally};

/// The emulator's clock runs this many times faster, so a monitor's one-second delay is 50 ms.
const SCALE: f64 = 20.0;

fn monitored(monitor: serde_json::Value) -> anyhow::Result<(Plane, [Backend; 2])> {
    let backends = [
        Backend::http("alpha", Duration::ZERO)?,
        Backend::http("beta", Duration::ZERO)?,
    ];
    let plane = Plane::start("HTTP", &[&backends[0], &backends[1]], |b| {
        b.time_scale(SCALE)
    })?;
    plane.set_algorithm("ROUND_ROBIN")?;
    plane.change(
        "PUT",
        "/loadbalancers/1/healthmonitor",
        Some(json!({ "healthMonitor": monitor })),
    )?;
    Ok((plane, backends))
}

#[test]
fn a_dead_backend_goes_offline_in_the_api_and_gets_no_traffic() -> anyhow::Result<()> {
    let (plane, backends) = monitored(
        json!({"type": "CONNECT", "delay": 1, "timeout": 1, "attemptsBeforeDeactivation": 2}),
    )?;
    let nodes = plane.nodes()?;
    let beta = nodes[1].0;
    assert_eq!(plane.node_status(beta)?, "ONLINE");
    backends[1].stop();
    eventually(|| Ok(plane.node_status(beta)? == "OFFLINE"))?;
    let events = plane.lb.get("/loadbalancers/1/nodes/events")?.json()?;
    let described: Vec<&str> = events["nodeServiceEvents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == "NODE_STATUS_CHANGE")
        .filter_map(|e| e["description"].as_str())
        .collect();
    assert_eq!(
        described,
        [format!("Node '{beta}' status changed to 'OFFLINE'")]
    );
    assert_eq!(tally(plane.addr()?, 10)?, [("alpha".to_owned(), 10)].into());
    // A server answering again at that address brings the node back.
    let revived = Backend::http("beta-again", Duration::ZERO)?;
    plane.emulator.map_backend("10.180.0.12", 80, revived.addr);
    eventually(|| Ok(plane.node_status(beta)? == "ONLINE"))?;
    assert!(tally(plane.addr()?, 10)?.contains_key("beta-again"));
    // Removing the monitor leaves every node ONLINE.
    backends[0].stop();
    let alpha = nodes[0].0;
    eventually(|| Ok(plane.node_status(alpha)? == "OFFLINE"))?;
    plane.change("DELETE", "/loadbalancers/1/healthmonitor", None)?;
    eventually(|| Ok(plane.node_status(alpha)? == "ONLINE"))?;
    Ok(())
}

#[test]
fn an_http_monitor_checks_path_status_and_body() -> anyhow::Result<()> {
    let (plane, backends) = monitored(json!({
        "type": "HTTP", "delay": 1, "timeout": 1, "attemptsBeforeDeactivation": 1,
        "path": "/health", "statusRegex": "^2[0-9][0-9]$", "bodyRegex": "^alpha$",
        "hostHeader": "health.example.com"
    }))?;
    let beta = plane.nodes()?[1].0;
    eventually(|| Ok(plane.node_status(beta)? == "OFFLINE"))?;
    let head = backends[0].last_head().unwrap_or_default();
    assert!(head.starts_with("GET /health HTTP/1.1"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("host: health.example.com"),
        "{head}"
    );
    assert_eq!(tally(plane.addr()?, 4)?, [("alpha".to_owned(), 4)].into());
    Ok(())
}

#[test]
fn unmapped_nodes_are_unreachable_and_the_error_page_answers_when_none_can_serve()
-> anyhow::Result<()> {
    let alpha = Backend::http("alpha", Duration::ZERO)?;
    // Only the first seeded node is mapped: without a monitor, the other is tried and
    // passed over, so every request is still answered.
    let plane = Plane::start("HTTP", &[&alpha], |b| b)?;
    let addr = plane.addr()?;
    assert_eq!(tally(addr, 6)?, [("alpha".to_owned(), 6)].into());
    assert!(plane.emulator.unmap_backend("10.180.0.11", 80));
    let down = get(addr, "/", &[])?;
    assert_eq!(down.status, 503);
    assert_eq!(down.header("content-type"), Some("text/html"));
    let default_page = plane.lb.get("/loadbalancers/1/errorpage")?.json()?;
    assert_eq!(default_page["errorpage"]["content"], down.body.as_str());
    let page = "<html><body>Back soon.</body></html>";
    plane.change(
        "PUT",
        "/loadbalancers/1/errorpage",
        Some(json!({"errorpage": {"content": page}})),
    )?;
    assert_eq!(get(addr, "/", &[])?.body, page);
    // A node marked OFFLINE is not tried either.
    assert!(plane.emulator.map_backend("10.180.0.11", 80, alpha.addr));
    let first = plane.nodes()?[0].0;
    assert!(
        plane
            .emulator
            .set_node_status("DFW", DEMO_TENANT, 1, first, "OFFLINE")
    );
    assert_eq!(get(addr, "/", &[])?.status, 503);
    Ok(())
}
