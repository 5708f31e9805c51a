//! The access list and the connection throttle, by the client's source address (on loopback a
//! client binds 127.0.0.x as its source).

use std::net::IpAddr;
use std::time::Duration;

use serde_json::json;

use crate::data_plane_kit::{Backend, Plane, connect_from, request};

fn from(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

fn plane() -> anyhow::Result<(Plane, Backend)> {
    let alpha = Backend::http("alpha", Duration::ZERO)?;
    let plane = Plane::start("HTTP", &[&alpha, &alpha], |b| b)?;
    Ok((plane, alpha))
}

/// One request from `source` on a connection of its own: the backend's name, or `None` when
/// the connection was closed without an answer.
fn name_from(plane: &Plane, source: IpAddr) -> anyhow::Result<Option<String>> {
    let mut stream = connect_from(source, plane.addr()?)?;
    Ok(request(&mut stream, "/", &[("Connection", "close")])
        .ok()
        .map(|r| r.body))
}

#[test]
fn a_denied_source_is_closed_and_allow_beats_deny() -> anyhow::Result<()> {
    let (plane, _alpha) = plane()?;
    let list = |items: serde_json::Value| {
        plane.change(
            "POST",
            "/loadbalancers/1/accesslist",
            Some(json!({ "accessList": items })),
        )
    };
    list(json!([{"address": "127.0.0.2", "type": "DENY"}]))?;
    assert_eq!(name_from(&plane, from(2))?, None);
    assert_eq!(name_from(&plane, from(3))?.as_deref(), Some("alpha"));
    // An allow-list: everything denied but 127.0.0.4/31.
    plane.change("DELETE", "/loadbalancers/1/accesslist", None)?;
    list(json!([
        {"address": "0.0.0.0/0", "type": "DENY"},
        {"address": "127.0.0.4/31", "type": "ALLOW"}
    ]))?;
    assert_eq!(name_from(&plane, from(3))?, None);
    assert_eq!(name_from(&plane, from(4))?.as_deref(), Some("alpha"));
    assert_eq!(name_from(&plane, from(5))?.as_deref(), Some("alpha"));
    assert_eq!(name_from(&plane, from(6))?, None);
    Ok(())
}

#[test]
fn the_throttle_answers_503_over_the_connections_of_one_source() -> anyhow::Result<()> {
    let (plane, _alpha) = plane()?;
    plane.change(
        "PUT",
        "/loadbalancers/1/connectionthrottle",
        Some(json!({"connectionThrottle": {"maxConnections": 2, "minConnections": 0, "maxConnectionRate": 0, "rateInterval": 1}})),
    )?;
    let addr = plane.addr()?;
    // Two keep-alive connections from 127.0.0.2 stay open.
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut stream = connect_from(from(2), addr)?;
        assert_eq!(request(&mut stream, "/", &[])?.body, "alpha");
        held.push(stream);
    }
    let mut third = connect_from(from(2), addr)?;
    let busy = request(&mut third, "/", &[])?;
    assert_eq!(busy.status, 503);
    assert!(
        busy.head.starts_with("HTTP/1.1 503 Server Too Busy"),
        "{}",
        busy.head
    );
    // Another source is not affected, and a closed connection frees a place.
    assert_eq!(name_from(&plane, from(3))?.as_deref(), Some("alpha"));
    drop(held.pop());
    crate::common::eventually(|| Ok(name_from(&plane, from(2))?.as_deref() == Some("alpha")))?;
    Ok(())
}
