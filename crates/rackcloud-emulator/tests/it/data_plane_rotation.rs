//! A node rotation under a steady stream of requests: adding a node and draining the old one
//! before removing it drops nothing; removing a node in use fails the requests it was serving.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::eventually;
use crate::data_plane_kit::{Backend, Plane, get};

/// Client threads, and the most requests each sends.
const CLIENTS: usize = 4;
const MAX_REQUESTS: usize = 400;

/// Clients sending requests until stopped (or for at most [`MAX_REQUESTS`] each, or five
/// seconds): how many were answered by each name, and how many failed.
struct Stream {
    stop: Arc<AtomicBool>,
    /// Requests each client has finished.
    sent: Vec<Arc<AtomicUsize>>,
    threads: Vec<std::thread::JoinHandle<(Vec<String>, usize)>>,
}

impl Stream {
    fn start(addr: std::net::SocketAddr) -> Stream {
        let stop = Arc::new(AtomicBool::new(false));
        let sent: Vec<Arc<AtomicUsize>> = (0..CLIENTS)
            .map(|_| Arc::new(AtomicUsize::new(0)))
            .collect();
        let threads = sent
            .iter()
            .map(|sent| {
                let (stop, sent) = (Arc::clone(&stop), Arc::clone(sent));
                std::thread::spawn(move || {
                    let deadline = Instant::now() + Duration::from_secs(5);
                    let (mut names, mut failed) = (Vec::new(), 0);
                    for _ in 0..MAX_REQUESTS {
                        if stop.load(Ordering::SeqCst) || Instant::now() > deadline {
                            break;
                        }
                        match get(addr, "/", &[]) {
                            Ok(reply) if reply.status == 200 => names.push(reply.body),
                            _ => failed += 1,
                        }
                        sent.fetch_add(1, Ordering::SeqCst);
                    }
                    (names, failed)
                })
            })
            .collect();
        Stream {
            stop,
            sent,
            threads,
        }
    }

    /// Waits until every client has finished `n` more requests (so each request it had
    /// started before is over).
    fn wait_for(&self, n: usize) -> anyhow::Result<()> {
        let targets: Vec<usize> = self
            .sent
            .iter()
            .map(|s| s.load(Ordering::SeqCst) + n)
            .collect();
        eventually(|| {
            Ok(self
                .sent
                .iter()
                .zip(&targets)
                .all(|(s, t)| s.load(Ordering::SeqCst) >= *t))
        })
    }

    fn finish(self) -> (Vec<String>, usize) {
        self.stop.store(true, Ordering::SeqCst);
        let (mut names, mut failed) = (Vec::new(), 0);
        for thread in self.threads {
            if let Ok((n, f)) = thread.join() {
                names.extend(n);
                failed += f;
            }
        }
        (names, failed)
    }
}

fn plane(delay: Duration) -> anyhow::Result<(Plane, [Backend; 3])> {
    let backends = [
        Backend::http("alpha", delay)?,
        Backend::http("beta", delay)?,
        Backend::http("gamma", delay)?,
    ];
    let plane = Plane::start("HTTP", &[&backends[0], &backends[1]], |b| b)?;
    plane.set_algorithm("ROUND_ROBIN")?;
    Ok((plane, backends))
}

#[test]
fn add_then_drain_then_remove_drops_nothing() -> anyhow::Result<()> {
    let (plane, backends) = plane(Duration::from_millis(5))?;
    let beta = plane.nodes()?[1].0;
    let stream = Stream::start(plane.addr()?);
    stream.wait_for(10)?;
    // Add safely: the new node joins DRAINING, then takes traffic once ENABLED.
    let gamma = plane.add_node("10.0.9.3", &backends[2], json!({"condition": "DRAINING"}))?;
    stream.wait_for(5)?;
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{gamma}"),
        Some(json!({"node": {"condition": "ENABLED"}})),
    )?;
    // Drain and remove: no new requests, the open ones finish, then the node goes.
    plane.change(
        "PUT",
        &format!("/loadbalancers/1/nodes/{beta}"),
        Some(json!({"node": {"condition": "DRAINING"}})),
    )?;
    // Its open requests finish: every client has finished one begun after the drain.
    stream.wait_for(2)?;
    assert_eq!(backends[1].in_flight(), 0);
    plane.change("DELETE", &format!("/loadbalancers/1/nodes/{beta}"), None)?;
    let served_by_beta = backends[1].served();
    stream.wait_for(10)?;
    let (names, failed) = stream.finish();
    assert_eq!(
        backends[1].served(),
        served_by_beta,
        "nothing reached beta once removed"
    );
    assert_eq!(failed, 0, "no request failed during the rotation");
    assert!(names.iter().any(|n| n == "gamma"), "the new node served");
    assert!(names.len() >= 100, "a steady stream: {}", names.len());
    Ok(())
}

#[test]
fn removing_a_node_in_use_fails_its_requests() -> anyhow::Result<()> {
    let (plane, backends) = plane(Duration::from_millis(50))?;
    let beta = plane.nodes()?[1].0;
    let stream = Stream::start(plane.addr()?);
    stream.wait_for(2)?;
    eventually(|| Ok(backends[1].in_flight() >= 1))?;
    plane.change("DELETE", &format!("/loadbalancers/1/nodes/{beta}"), None)?;
    stream.wait_for(2)?;
    let (_names, failed) = stream.finish();
    assert!(failed >= 1, "the requests beta was serving were cut");
    Ok(())
}
