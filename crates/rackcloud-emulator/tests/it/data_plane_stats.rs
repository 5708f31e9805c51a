//! `GET /loadbalancers/{id}/stats` with the data plane on reports the connections it really
//! carried: those open now and the most at once, the connects that failed, and the requests no
//! node could serve.

use serde_json::{Value, json};

use crate::common::eventually;
use crate::data_plane_kit::{Backend, Plane, connect, get, request};

fn stats(plane: &Plane) -> anyhow::Result<Value> {
    plane.lb.get("/loadbalancers/1/stats")?.json()
}

#[test]
fn stats_count_the_connections_the_data_plane_carried() -> anyhow::Result<()> {
    // Node 1 reaches alpha; node 2 (10.180.0.12) has no backend, so a connect to it fails.
    let alpha = Backend::http("alpha", std::time::Duration::ZERO)?;
    let plane = Plane::start("HTTP", &[&alpha], |b| b)?;
    plane.set_algorithm("ROUND_ROBIN")?;
    let before = stats(&plane)?;
    assert_eq!(
        (&before["currentConn"], &before["maxConn"]),
        (&json!(0), &json!(0))
    );

    // Three client connections held open, one answered request on each.
    let addr = plane.addr()?;
    let mut open = Vec::new();
    for _ in 0..3 {
        let mut stream = connect(addr)?;
        assert_eq!(request(&mut stream, "/", &[])?.body, "alpha");
        open.push(stream);
    }
    let during = stats(&plane)?;
    assert_eq!(during["currentConn"], 3, "{during}");
    assert_eq!(during["maxConn"], 3, "{during}");
    // Round robin tried node 2 at least once: a connect error, then alpha answered.
    assert!(during["connectError"].as_u64() >= Some(1), "{during}");
    assert_eq!(during["connectFailure"], 0, "{during}");
    assert_eq!(during["currentConnSsl"], 0, "{during}");

    // Closed connections are no longer current; the peak stays.
    drop(open);
    eventually(|| Ok(stats(&plane)?["currentConn"] == 0))?;
    assert_eq!(stats(&plane)?["maxConn"], 3);

    // With node 1 disabled no node can serve: the error page, counted as a connect failure.
    let node = plane.nodes()?[0].0;
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{node}"),
        Some(json!({"node": {"condition": "DISABLED"}})),
    )?;
    eventually(|| Ok(get(addr, "/", &[])?.status == 503))?;
    let after = stats(&plane)?;
    assert!(after["connectFailure"].as_u64() >= Some(1), "{after}");
    assert_eq!(after["dataTimedOut"], 0, "{after}");
    assert_eq!(after["keepAliveTimedOut"], 0, "{after}");
    Ok(())
}
