//! `rackcloud allowed-domains`, `rackcloud regional-source-addresses` and
//! `rackcloud lb source-addresses`.

use rackcloud_emulator::Emulator;

use crate::common::{as_demo, ok};

#[test]
fn allowed_domains_one_per_line_and_as_json() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["allowed-domains"]));
    assert_eq!(run.lines(), ["rackspace.com", "rackspacecloud.com"]);
    let run = ok(as_demo(&emulator, &["--output", "json", "allowed-domains"]));
    assert_eq!(
        run.json(),
        serde_json::json!(["rackspace.com", "rackspacecloud.com"])
    );
}

#[test]
fn source_addresses_of_a_load_balancer_and_of_the_region() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["lb", "source-addresses", "1"]));
    assert_eq!(
        run.lines(),
        [
            "NETWORK          ADDRESS",
            "ipv4 public      198.51.100.2",
            "ipv4 servicenet  10.183.252.2",
            "ipv6 public      2001:db8:ffff::1/64",
            "ipv6 servicenet  2001:db8:fffe::1/64",
        ]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "source-addresses", "1"],
    ));
    assert_eq!(
        run.json()["ipv4Publicnets"],
        serde_json::json!(["198.51.100.2"])
    );
    let run = ok(as_demo(&emulator, &["regional-source-addresses"]));
    assert_eq!(run.lines()[0], "NETWORK          ADDRESS");
    assert!(run.lines().iter().any(|l| l.starts_with("ipv4 servicenet")));
    let run = as_demo(&emulator, &["lb", "source-addresses", "999"]);
    assert_eq!(run.status, 1, "{run:?}");
}
