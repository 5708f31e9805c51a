//! `rackcloud lb node drain … --remove` run as a process while a client streams requests
//! through the emulator's data plane: every request is answered. A plain `lb node remove` of a
//! node in use, in the same set-up, cuts some: the stream sees what a rotation drops.

use std::time::{Duration, Instant};

use rackcloud_emulator::Emulator;
use rackcloud_testing::traffic::{Backend, Stream, serving};

use crate::common::as_demo;

/// Each answer takes this long, so a node always has requests in flight; node 2's (the one
/// removed without draining) longer, so that many are in flight on it.
const DELAY: Duration = Duration::from_millis(20);
const SLOW: Duration = Duration::from_millis(60);
const CLIENTS: usize = 8;

/// Runs `rackcloud args… --wait` as the demo user; it must succeed (the waits' progress
/// lines go to stderr).
fn waited(emulator: &Emulator, args: &[&str]) {
    let mut all = args.to_vec();
    all.extend(["--wait", "--wait-interval", "0.02"]);
    let run = as_demo(emulator, &all);
    assert_eq!(run.status, 0, "{args:?}: {run:?}");
}

#[test]
fn drain_remove_drops_nothing_and_a_plain_remove_cuts_requests() {
    let backends = [("one", DELAY), ("two", SLOW), ("three", DELAY)]
        .map(|(name, delay)| Backend::start(name, delay).expect("backend"));
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(30))
        .data_plane(true)
        .backend("10.180.0.11", 80, backends[0].addr())
        .backend("10.180.0.12", 80, backends[1].addr())
        .backend("10.0.9.3", 80, backends[2].addr())
        .start()
        .expect("emulator");
    waited(&emulator, &["lb", "node", "add", "1", "10.0.9.3:80"]);
    let addr = serving(&emulator, 1, "three").expect("load balancer 1 serves the new node");

    // Node 1 drained, given 0.2 s, removed, each step awaited, under a steady stream.
    let stream = Stream::start(addr, CLIENTS);
    stream.wait_for(3).expect("the stream runs");
    waited(
        &emulator,
        &[
            "lb", "node", "drain", "1", "1", "--remove", "--grace", "0.2",
        ],
    );
    let served_by_one = backends[0].served();
    stream.wait_for(5).expect("the stream goes on");
    let drained = stream.finish();
    assert_eq!(drained.failed, 0, "requests failed during drain --remove");
    assert!(drained.by("one") > 0 && drained.by("three") > 0);
    assert_eq!(
        backends[0].served(),
        served_by_one,
        "nothing reached node 1 once removed"
    );

    // The control: node 2 removed while it serves cuts the requests in flight on it.
    let stream = Stream::start(addr, CLIENTS);
    stream.wait_for(3).expect("the stream runs");
    let deadline = Instant::now() + Duration::from_secs(5);
    while backends[1].in_flight() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    waited(&emulator, &["lb", "node", "remove", "1", "2"]);
    stream.wait_for(3).expect("the stream goes on");
    let cut = stream.finish();
    eprintln!(
        "DEBUG failed={} one={} two={} three={}",
        cut.failed,
        cut.by("one"),
        cut.by("two"),
        cut.by("three")
    );
    assert!(
        cut.failed >= 1,
        "a plain remove of a node in use cut nothing"
    );
}
