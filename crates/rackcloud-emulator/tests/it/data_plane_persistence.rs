//! Session persistence through the data plane: `HTTP_COOKIE` pins a client carrying the
//! service's cookie to its node (a draining one included), `SOURCE_IP` pins by address.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::Duration;

use serde_json::json;

use crate::data_plane_kit::{Backend, Plane, connect_from, get, request, tally};

fn plane() -> anyhow::Result<(Plane, [Backend; 3])> {
    let backends = [
        Backend::http("alpha", Duration::ZERO)?,
        Backend::http("beta", Duration::ZERO)?,
        Backend::http("gamma", Duration::ZERO)?,
    ];
    let plane = Plane::start("HTTP", &[&backends[0], &backends[1]], |b| b)?;
    plane.add_node("10.0.9.3", &backends[2], json!({}))?;
    plane.set_algorithm("ROUND_ROBIN")?;
    Ok((plane, backends))
}

fn enable(plane: &Plane, kind: &str) -> anyhow::Result<()> {
    plane.change(
        "PUT",
        "/loadbalancers/1/sessionpersistence",
        Some(json!({"sessionPersistence": {"persistenceType": kind}})),
    )
}

#[test]
fn http_cookie_pins_a_client_to_its_node_and_disabling_spreads_again() -> anyhow::Result<()> {
    let (plane, _backends) = plane()?;
    enable(&plane, "HTTP_COOKIE")?;
    let addr = plane.addr()?;
    let first = get(addr, "/", &[])?;
    let set_cookie = first.header("set-cookie").unwrap_or_default().to_owned();
    assert!(set_cookie.starts_with("X-Mapping-"), "{first:?}");
    let cookie = set_cookie.split(';').next().unwrap_or_default().to_owned();
    let mut pinned = BTreeMap::new();
    for _ in 0..100 {
        let reply = get(addr, "/", &[("Cookie", &cookie)])?;
        assert_eq!(
            reply.header("set-cookie"),
            None,
            "a pinned client gets no new cookie"
        );
        *pinned.entry(reply.body).or_insert(0) += 1;
    }
    assert_eq!(pinned, BTreeMap::from([(first.body.clone(), 100)]));
    // Without the cookie, requests spread (and each gets a cookie).
    assert_eq!(tally(addr, 30)?.len(), 3);
    // A draining node keeps its persistent clients and takes no new ones.
    let node = plane
        .nodes()?
        .into_iter()
        .find(|(_, address)| {
            let index = ["alpha", "beta", "gamma"]
                .iter()
                .position(|n| *n == first.body);
            index.is_some_and(|i| *address == ["10.180.0.11", "10.180.0.12", "10.0.9.3"][i])
        })
        .map(|(id, _)| id)
        .ok_or_else(|| anyhow::anyhow!("the pinned node"))?;
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{node}"),
        Some(json!({"node": {"condition": "DRAINING"}})),
    )?;
    assert_eq!(get(addr, "/", &[("Cookie", &cookie)])?.body, first.body);
    assert!(!tally(addr, 20)?.contains_key(&first.body));
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{node}"),
        Some(json!({"node": {"condition": "ENABLED"}})),
    )?;
    // Disabled persistence ignores the cookie.
    plane.change("DELETE", "/loadbalancers/1/sessionpersistence", None)?;
    let mut spread = BTreeMap::new();
    for _ in 0..30 {
        let reply = get(addr, "/", &[("Cookie", &cookie)])?;
        assert_eq!(reply.header("set-cookie"), None);
        *spread.entry(reply.body).or_insert(0) += 1;
    }
    assert_eq!(spread.len(), 3, "{spread:?}");
    Ok(())
}

#[test]
fn source_ip_pins_each_client_address() -> anyhow::Result<()> {
    let (plane, _backends) = plane()?;
    enable(&plane, "SOURCE_IP")?;
    let addr = plane.addr()?;
    let mut seen = BTreeMap::new();
    for last in 2..=4u8 {
        let source = IpAddr::from([127, 0, 0, last]);
        let mut names = BTreeMap::new();
        for _ in 0..10 {
            let mut stream = connect_from(source, addr)?;
            let reply = request(&mut stream, "/", &[("Connection", "close")])?;
            *names.entry(reply.body).or_insert(0) += 1;
        }
        assert_eq!(names.len(), 1, "{source}: {names:?}");
        seen.extend(names);
    }
    // Round robin gave each new address the next node.
    assert_eq!(seen.len(), 3, "{seen:?}");
    Ok(())
}
