//! The server's rules as the SDK reports them: protocols, SECONDARY nodes, statuses, missing and
//! deleted load balancers. Retries are off, so each answer is seen as the server gave it.

use std::time::Duration;

use rackcloud_core::ErrorKind;
use rackcloud_core::model::{ConnectOpts, HttpOpts};
use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed};
use serde_json::json;

use crate::common::{dfw_no_retries, quick};

#[test]
fn each_kind_only_on_its_protocols() {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(60, "udp", "UDP").port(53),
        )
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(61, "dns", "DNS_UDP"),
        )
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(62, "stream", "UDP_STREAM").port(9),
        )
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    // 1 web HTTP, 2 tcp TCP, 3 secure HTTPS.
    let refused = [
        lb_monitors::update(&client, 2, &HttpOpts::http(1, 1, 1, "/", "^2")),
        lb_monitors::update(&client, 3, &HttpOpts::http(1, 1, 1, "/", "^2")),
        lb_monitors::update(&client, 1, &HttpOpts::https(1, 1, 1, "/", "^2")),
        lb_monitors::update(&client, 60, &ConnectOpts::new(1, 1, 1)),
        lb_monitors::update(&client, 61, &ConnectOpts::new(1, 1, 1)),
        lb_monitors::update(&client, 62, &ConnectOpts::new(1, 1, 1)),
    ];
    for result in refused {
        let err = result.extract_err().unwrap_err();
        assert_eq!(
            (err.kind(), err.status()),
            (ErrorKind::Validation, Some(400)),
            "{err}"
        );
        assert!(err.server_message().is_some(), "{err}");
    }
    lb_monitors::update(&client, 1, &HttpOpts::http(1, 1, 1, "/", "^2"))
        .extract_err()
        .expect("HTTP on HTTP");
    lb_monitors::update(&client, 3, &HttpOpts::https(1, 1, 1, "/", "^2"))
        .extract_err()
        .expect("HTTPS on HTTPS");
    lb_monitors::update(&client, 2, &ConnectOpts::new(1, 1, 1))
        .extract_err()
        .expect("CONNECT on TCP");
}

#[test]
fn a_change_while_pending_or_in_error_is_immutable() {
    let emulator = crate::common::slow(Duration::from_millis(400), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    lb_monitors::update(&client, 2, &ConnectOpts::new(1, 1, 1))
        .extract_err()
        .expect("first");
    for err in [
        lb_monitors::update(&client, 2, &ConnectOpts::new(2, 2, 2))
            .extract_err()
            .unwrap_err(),
        lb_monitors::delete(&client, 2).extract_err().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Immutable);
        assert_eq!(err.lb_status(), Some("PENDING_UPDATE"));
    }
    assert!(
        lb_monitors::get(&client, 2)
            .extract()
            .expect("reads work")
            .is_some()
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    let err = lb_monitors::update(&client, 1, &ConnectOpts::new(1, 1, 1))
        .extract_err()
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.lb_status()),
        (ErrorKind::Immutable, Some("ERROR"))
    );
    let err = lb_monitors::delete(&client, 1).extract_err().unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Immutable,
        "the status is checked before \"none configured\", in the service's order"
    );
}

#[test]
fn the_monitor_cannot_go_while_secondary_nodes_need_it() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let create = json!({"loadBalancer": {"name": "pair", "protocol": "HTTP", "virtualIps": [{"type": "PUBLIC"}],
        "nodes": [{"address": "10.1.1.1", "port": 80, "condition": "ENABLED"},
                  {"address": "10.1.1.2", "port": 80, "condition": "ENABLED", "type": "SECONDARY"}],
        "healthMonitor": {"type": "CONNECT", "delay": 10, "timeout": 5, "attemptsBeforeDeactivation": 2}}});
    let url = client.service_url(&["loadbalancers"]);
    let created = client
        .post(&url, create.as_object().expect("object"))
        .extract_json::<serde_json::Value>()
        .expect("created");
    let id = created["loadBalancer"]["id"].as_u64().expect("id");
    rackcloud_core::wait_until_active(&client, id, &quick()).expect("built");
    lb_monitors::update(&client, id, &ConnectOpts::new(10, 5, 2))
        .and_wait(&quick())
        .expect("monitor");
    let err = lb_monitors::delete(&client, id).extract_err().unwrap_err();
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::Validation, Some(400))
    );
    assert!(
        err.server_message()
            .is_some_and(|m| m.contains("Secondary nodes")),
        "{err}"
    );
    assert!(
        lb_monitors::get(&client, id)
            .extract()
            .expect("get")
            .is_some()
    );
}

#[test]
fn missing_and_deleted_load_balancers() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    for err in [
        lb_monitors::get(&client, 999).extract().unwrap_err(),
        lb_monitors::update(&client, 999, &ConnectOpts::new(1, 1, 1))
            .extract_err()
            .unwrap_err(),
        lb_monitors::delete(&client, 999).extract_err().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    }
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 2, "DELETED");
    for err in [
        lb_monitors::get(&client, 2).extract().unwrap_err(),
        lb_monitors::update(&client, 2, &ConnectOpts::new(1, 1, 1))
            .extract_err()
            .unwrap_err(),
        lb_monitors::delete(&client, 2).extract_err().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Gone, "{err}");
    }
}
