//! TCP-family protocols carry bytes; half-closed and the idle timeout as configured; the UDP
//! ones are not carried.

use std::io::Read;

use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed};
use serde_json::json;

use crate::data_plane_kit::{Backend, Plane, connect, exchange_bytes, read_name};

fn tcp(half_closed: bool, scale: f64) -> anyhow::Result<(Plane, Backend)> {
    let alpha = Backend::tcp("alpha")?;
    let plane = Plane::start("TCP", &[&alpha, &alpha], |b| b.time_scale(scale))?;
    plane.change(
        "PUT",
        "/loadbalancers/1",
        Some(json!({"loadBalancer": {"halfClosed": half_closed}})),
    )?;
    Ok((plane, alpha))
}

#[test]
fn half_closed_keeps_the_answer_flowing_after_the_client_ends_its_sending() -> anyhow::Result<()> {
    let (plane, _alpha) = tcp(true, 1.0)?;
    let mut stream = connect(plane.addr()?)?;
    assert_eq!(exchange_bytes(&mut stream, b"hello")?, "alpha:hello");
    // Without it, the end of the client's sending closes the connection both ways.
    plane.change(
        "PUT",
        "/loadbalancers/1",
        Some(json!({"loadBalancer": {"halfClosed": false}})),
    )?;
    let mut stream = connect(plane.addr()?)?;
    assert_eq!(read_name(&mut stream)?, "alpha");
    let rest = exchange_bytes(&mut stream, b"hello")?;
    assert_eq!(rest, "", "nothing after the close");
    Ok(())
}

#[test]
fn an_idle_connection_is_closed_after_the_timeout() -> anyhow::Result<()> {
    // timeout 30 s on a clock 60 times faster: half a second of real time.
    let (plane, _alpha) = tcp(true, 60.0)?;
    let mut stream = connect(plane.addr()?)?;
    assert_eq!(read_name(&mut stream)?, "alpha");
    let mut rest = Vec::new();
    // The read ends with the proxy's close, well inside the socket's own timeout.
    stream.read_to_end(&mut rest)?;
    assert!(rest.is_empty());
    Ok(())
}

#[test]
fn udp_protocols_have_no_listener() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(7, "dns", "DNS_UDP").port(53),
        )
        .data_plane(true)
        .start()?;
    assert_eq!(emulator.listener("DFW", DEMO_TENANT, 7), None);
    assert!(emulator.listener("DFW", DEMO_TENANT, 2).is_some());
    let agent = crate::common::agent();
    let url = format!(
        "http://{}/_emulator/load-balancers/dfw/{DEMO_TENANT}/7/listener",
        emulator.addr()
    );
    let answer = crate::common::send(&agent, "GET", &url, &[], None)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            409,
            crate::common::flat(
                409,
                "Load balancer 7 uses DNS_UDP: the data plane does not carry UDP, UDP_STREAM or DNS_UDP."
            )
        )
    );
    Ok(())
}
