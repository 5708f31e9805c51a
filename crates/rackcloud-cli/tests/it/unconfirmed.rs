//! `--wait` past its deadline after the server accepted the change: exit 3, a message that says
//! the change stands and never suggests sending it again (sending it again is refused).

use std::time::Duration;

use crate::common::as_demo;
use rackcloud_emulator::Emulator;

#[test]
fn a_node_added_but_not_confirmed_exits_3_and_is_not_to_be_sent_again() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(30))
        .start()
        .expect("emulator");
    let args = [
        "--timeout",
        "1",
        "lb",
        "node",
        "add",
        "2",
        "10.1.0.7:8080",
        "--wait",
        "--wait-interval",
        "0.1",
    ];
    let run = as_demo(&emulator, &args);
    assert_eq!(run.status, 3, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    let last = run.stderr.lines().last().expect("a line");
    assert_eq!(
        last,
        "rackcloud: add nodes on load balancer 2: accepted, not confirmed: load balancer 2 was \
         last seen PENDING_UPDATE when the 1.0 s wait for ACTIVE ended; the change stands and is \
         being applied: do not send it again; see `rackcloud lb show 2`",
        "{run:?}"
    );
    assert!(
        !last.contains("try again") && !last.contains("retry"),
        "{last}"
    );
    // The node is there: the same command again is a second addition, which the service refuses.
    let nodes = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/loadbalancers/2/nodes"))
        .count();
    assert_eq!(nodes, 1);
    let again = as_demo(&emulator, &["lb", "node", "add", "2", "10.1.0.7:8080"]);
    assert_eq!(again.status, 1, "{again:?}");
    assert!(again.stderr.contains("422"), "{again:?}");
}
