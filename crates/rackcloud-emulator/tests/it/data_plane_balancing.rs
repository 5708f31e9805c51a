//! The data plane's algorithms, weights, node conditions and types: which backend answers.

use std::collections::BTreeMap;
use std::time::Duration;

use rackcloud_emulator::DEMO_TENANT;
use serde_json::json;

use crate::data_plane_kit::{Backend, Plane, connect, read_name, tally};

fn three_http() -> anyhow::Result<(Plane, [Backend; 3])> {
    let backends = [
        Backend::http("alpha", Duration::ZERO)?,
        Backend::http("beta", Duration::ZERO)?,
        Backend::http("gamma", Duration::ZERO)?,
    ];
    let plane = Plane::start("HTTP", &[&backends[0], &backends[1]], |b| b)?;
    plane.add_node("10.0.9.3", &backends[2], json!({}))?;
    Ok((plane, backends))
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
}

#[test]
fn round_robin_takes_turns_exactly() -> anyhow::Result<()> {
    let (plane, _backends) = three_http()?;
    plane.set_algorithm("ROUND_ROBIN")?;
    let got = tally(plane.addr()?, 30)?;
    assert_eq!(got, counts(&[("alpha", 10), ("beta", 10), ("gamma", 10)]));
    Ok(())
}

#[test]
fn weighted_round_robin_follows_the_weights_exactly() -> anyhow::Result<()> {
    let (plane, _backends) = three_http()?;
    plane.set_algorithm("WEIGHTED_ROUND_ROBIN")?;
    let ids: Vec<u64> = plane.nodes()?.iter().map(|(id, _)| *id).collect();
    for (id, weight) in ids.iter().zip([1, 2, 3]) {
        plane.change(
            "PUT",
            &format!("/loadbalancers/1/nodes/{id}"),
            Some(json!({"node": {"weight": weight}})),
        )?;
    }
    let got = tally(plane.addr()?, 60)?;
    assert_eq!(got, counts(&[("alpha", 10), ("beta", 20), ("gamma", 30)]));
    Ok(())
}

#[test]
fn random_spreads_over_every_node() -> anyhow::Result<()> {
    let (plane, _backends) = three_http()?;
    plane.set_algorithm("RANDOM")?;
    let got = tally(plane.addr()?, 300)?;
    assert_eq!(got.len(), 3, "{got:?}");
    // Each expects 100; the chance of leaving 40..=160 is far below one in a billion.
    assert!(got.values().all(|n| (40..=160).contains(n)), "{got:?}");
    Ok(())
}

/// Opens `n` TCP connections through the load balancer and holds them; which backend each
/// reached is read back once they all end their sending.
fn held_connections(plane: &Plane, n: usize) -> anyhow::Result<BTreeMap<String, usize>> {
    let addr = plane.addr()?;
    let mut open = Vec::new();
    let mut got = BTreeMap::new();
    for _ in 0..n {
        let mut stream = connect(addr)?;
        // The backend's name arrives once the proxy has connected (and counted) it, so the
        // next connection is balanced knowing this one.
        *got.entry(read_name(&mut stream)?).or_default() += 1;
        open.push(stream);
    }
    Ok(got)
}

fn tcp_plane(
    weights: Option<[u32; 2]>,
    algorithm_name: &str,
) -> anyhow::Result<(Plane, [Backend; 3])> {
    let backends = [
        Backend::tcp("alpha")?,
        Backend::tcp("beta")?,
        Backend::tcp("gamma")?,
    ];
    let plane = Plane::start("TCP", &[&backends[0], &backends[1]], |b| b)?;
    if weights.is_none() {
        plane.add_node("10.0.9.3", &backends[2], json!({}))?;
    }
    plane.change(
        "PUT",
        "/loadbalancers/1",
        Some(json!({"loadBalancer": {"algorithm": algorithm_name, "halfClosed": true}})),
    )?;
    if let Some(weights) = weights {
        for ((id, _), weight) in plane.nodes()?.iter().zip(weights) {
            plane.change(
                "PUT",
                &format!("/loadbalancers/1/nodes/{id}"),
                Some(json!({"node": {"weight": weight}})),
            )?;
        }
    }
    Ok((plane, backends))
}

#[test]
fn least_connections_goes_where_fewest_are_open() -> anyhow::Result<()> {
    let (plane, _backends) = tcp_plane(None, "LEAST_CONNECTIONS")?;
    let got = held_connections(&plane, 3)?;
    assert_eq!(got, counts(&[("alpha", 1), ("beta", 1), ("gamma", 1)]));
    Ok(())
}

#[test]
fn weighted_least_connections_counts_connections_per_weight() -> anyhow::Result<()> {
    let (plane, _backends) = tcp_plane(Some([1, 3]), "WEIGHTED_LEAST_CONNECTIONS")?;
    let got = held_connections(&plane, 4)?;
    assert_eq!(got, counts(&[("alpha", 1), ("beta", 3)]));
    Ok(())
}

#[test]
fn draining_and_disabled_nodes_take_no_new_connections() -> anyhow::Result<()> {
    let (plane, _backends) = three_http()?;
    plane.set_algorithm("ROUND_ROBIN")?;
    let ids: Vec<u64> = plane.nodes()?.iter().map(|(id, _)| *id).collect();
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{}", ids[1]),
        Some(json!({"node": {"condition": "DRAINING"}})),
    )?;
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{}", ids[2]),
        Some(json!({"node": {"condition": "DISABLED"}})),
    )?;
    assert_eq!(tally(plane.addr()?, 10)?, counts(&[("alpha", 10)]));
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{}", ids[1]),
        Some(json!({"node": {"condition": "ENABLED"}})),
    )?;
    assert_eq!(
        tally(plane.addr()?, 10)?,
        counts(&[("alpha", 5), ("beta", 5)])
    );
    Ok(())
}

#[test]
fn secondary_nodes_serve_only_while_no_primary_is_available() -> anyhow::Result<()> {
    let (plane, _backends) = three_http()?;
    plane.set_algorithm("ROUND_ROBIN")?;
    // Secondary nodes need a monitor; a long delay keeps its probes out of the way.
    plane.change(
        "PUT",
        "/loadbalancers/1/healthmonitor",
        Some(json!({"healthMonitor": {"type": "CONNECT", "delay": 3600, "timeout": 5, "attemptsBeforeDeactivation": 1}})),
    )?;
    let ids: Vec<u64> = plane.nodes()?.iter().map(|(id, _)| *id).collect();
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{}", ids[2]),
        Some(json!({"node": {"type": "SECONDARY"}})),
    )?;
    assert_eq!(
        tally(plane.addr()?, 10)?,
        counts(&[("alpha", 5), ("beta", 5)])
    );
    assert!(
        plane
            .emulator
            .set_node_status("DFW", DEMO_TENANT, 1, ids[0], "OFFLINE")
    );
    assert_eq!(tally(plane.addr()?, 4)?, counts(&[("beta", 4)]));
    assert!(
        plane
            .emulator
            .set_node_status("DFW", DEMO_TENANT, 1, ids[1], "OFFLINE")
    );
    assert_eq!(tally(plane.addr()?, 4)?, counts(&[("gamma", 4)]));
    assert!(
        plane
            .emulator
            .set_node_status("DFW", DEMO_TENANT, 1, ids[0], "ONLINE")
    );
    assert_eq!(tally(plane.addr()?, 4)?, counts(&[("alpha", 4)]));
    Ok(())
}
