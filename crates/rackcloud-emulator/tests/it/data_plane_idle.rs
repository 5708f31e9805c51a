//! An HTTP client's keep-alive connection waits for its next request as long as the load
//! balancer's `timeout`, not the API server's header timeout.

use std::io::Read;
use std::time::Duration;

use crate::data_plane_client::{connect, request};
use crate::data_plane_kit::{Backend, Plane};

#[test]
fn a_keep_alive_connection_outlives_the_api_servers_header_timeout() -> anyhow::Result<()> {
    let alpha = Backend::http("alpha", Duration::ZERO)?;
    // The API server gives up on slow headers after 200 ms; the load balancer's timeout is 30 s.
    let plane = Plane::start("HTTP", &[&alpha, &alpha], |b| {
        b.header_read_timeout(Duration::from_millis(200))
    })?;
    let mut stream = connect(plane.addr()?)?;
    assert_eq!(request(&mut stream, "/", &[])?.status, 200);
    std::thread::sleep(Duration::from_millis(600));
    let again = request(&mut stream, "/", &[])?;
    assert_eq!((again.status, again.body.as_str()), (200, "alpha"));
    Ok(())
}

#[test]
fn a_keep_alive_connection_idle_past_the_load_balancers_timeout_is_closed() -> anyhow::Result<()> {
    let alpha = Backend::http("alpha", Duration::ZERO)?;
    // timeout 30 s on a clock 60 times faster: half a second of real time.
    let plane = Plane::start("HTTP", &[&alpha, &alpha], |b| b.time_scale(60.0))?;
    let mut stream = connect(plane.addr()?)?;
    assert_eq!(request(&mut stream, "/", &[])?.status, 200);
    let mut rest = Vec::new();
    // The read ends with the load balancer's close, well inside the socket's own timeout.
    stream.read_to_end(&mut rest)?;
    assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    Ok(())
}
