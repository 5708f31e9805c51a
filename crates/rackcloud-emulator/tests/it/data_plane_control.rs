//! The data plane's control endpoints (docs/emulator-control-api.md), the API's refusal of
//! loopback nodes, and stopping.

use std::time::Duration;

use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

use crate::common::{Answer, agent, flat, send};
use crate::data_plane_kit::{Backend, Plane, connect, get};

fn control(
    emulator: &Emulator,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> anyhow::Result<Answer> {
    let url = format!("http://{}/_emulator/{path}", emulator.addr());
    send(
        &agent(),
        method,
        &url,
        &[("Content-Type", "application/json")],
        body,
    )
}

#[test]
fn backends_are_mapped_listed_and_forgotten() -> anyhow::Result<()> {
    let alpha = Backend::http("alpha", Duration::ZERO)?;
    let plane = Plane::start("HTTP", &[], |b| b)?;
    let e = &plane.emulator;
    assert_eq!(
        get(plane.addr()?, "/", &[])?.status,
        503,
        "no node is mapped"
    );
    let body = json!({"backend": {"address": "10.180.0.11", "port": 80, "target": alpha.addr.to_string()}});
    let added = control(e, "POST", "backends", Some(&body.to_string()))?;
    assert_eq!((added.status, added.json()?), (201, body.clone()));
    assert_eq!(get(plane.addr()?, "/", &[])?.body, "alpha");
    let listed = control(e, "GET", "backends", None)?;
    assert_eq!(listed.json()?, json!({"backends": [body["backend"]]}));
    let bad = control(
        e,
        "POST",
        "backends",
        Some(r#"{"backend":{"address":"10.0.9.1","port":80,"target":"localhost:1"}}"#),
    )?;
    assert_eq!(
        (bad.status, bad.json()?),
        (
            400,
            flat(
                400,
                "'backend.target' must be an IP address and port, such as \"127.0.0.1:41234\" (got \"localhost:1\")"
            )
        )
    );
    let one = control(e, "DELETE", "backends/10.180.0.11/80", None)?;
    assert_eq!(one.status, 204);
    assert_eq!(
        control(e, "DELETE", "backends/10.180.0.11/80", None)?.status,
        404
    );
    assert_eq!(control(e, "DELETE", "backends", None)?.status, 204);
    assert_eq!(
        control(e, "GET", "backends", None)?.json()?,
        json!({"backends": []})
    );
    Ok(())
}

#[test]
fn the_listener_is_reported_and_the_api_still_refuses_loopback_nodes() -> anyhow::Result<()> {
    let plane = Plane::start("HTTP", &[], |b| b)?;
    let l = plane
        .emulator
        .listener("DFW", DEMO_TENANT, 1)
        .ok_or_else(|| anyhow::anyhow!("no listener"))?;
    let answer = control(
        &plane.emulator,
        "GET",
        &format!("load-balancers/dfw/{DEMO_TENANT}/1/listener"),
        None,
    )?;
    assert_eq!(
        answer.json()?,
        json!({"listener": {"address": "127.0.0.1", "port": l.port, "securePort": null}})
    );
    let unknown = control(
        &plane.emulator,
        "GET",
        &format!("load-balancers/dfw/{DEMO_TENANT}/77/listener"),
        None,
    )?;
    assert_eq!(unknown.status, 404);
    // The virtual IPs the API shows are unchanged.
    let shown = plane.lb.get("/loadbalancers/1")?.json()?;
    assert_ne!(
        shown["loadBalancer"]["virtualIps"][0]["address"],
        "127.0.0.1"
    );
    let refused = plane.lb.post(
        "/loadbalancers/1/nodes",
        &json!({"nodes": [{"address": "127.0.0.1", "port": 80, "condition": "ENABLED"}]})
            .to_string(),
    )?;
    assert_eq!(refused.status, 400);
    Ok(())
}

#[test]
fn off_by_default_and_stopping_closes_every_listener() -> anyhow::Result<()> {
    let off = Emulator::start()?;
    assert_eq!(off.listener("DFW", DEMO_TENANT, 1), None);
    let answer = control(&off, "GET", "backends", None)?;
    assert_eq!(answer.status, 409);
    let alpha = Backend::http("alpha", Duration::ZERO)?;
    let plane = Plane::start("HTTP", &[&alpha, &alpha], |b| b)?;
    let addr = plane.addr()?;
    let open = connect(addr)?;
    drop(plane);
    assert!(connect(addr).is_err(), "the listener is closed");
    let mut open = open;
    let mut rest = Vec::new();
    let read = std::io::Read::read_to_end(&mut open, &mut rest);
    assert!(
        read.is_err() || rest.is_empty(),
        "the open connection is closed too"
    );
    Ok(())
}
