//! `rackcloud catalog` in text and JSON.

use crate::common::{as_demo, ok};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

#[test]
fn catalog_lists_every_endpoint_and_the_one_the_lb_commands_use() {
    let emulator = Emulator::start().expect("emulator");
    let dfw = emulator.lb_endpoint("DFW", DEMO_TENANT);
    let run = ok(as_demo(&emulator, &["catalog"]));
    let lines = run.lines();
    assert_eq!(lines[0], format!("tenant: {DEMO_TENANT}"));
    assert_eq!(lines[1], "default region: DFW");
    let lb_line = format!(
        "cloudLoadBalancers (rax:load-balancer) DFW: public {dfw}, internal {}",
        dfw.replace("/dfw/", "/snet-dfw/")
    );
    assert!(lines.contains(&lb_line.as_str()), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("cloudDNS (rax:dns) global: public ")),
        "{lines:#?}"
    );
    assert_eq!(
        lines.last().copied(),
        Some(format!("load balancer endpoint: {dfw}/").as_str())
    );
    assert_eq!(emulator.stats().token_requests, 1);
    assert_eq!(emulator.stats().api_requests.total(), 0);
}

#[test]
fn catalog_as_json() {
    let emulator = Emulator::start().expect("emulator");
    let ord = emulator.lb_endpoint("ORD", DEMO_TENANT);
    let doc = ok(as_demo(
        &emulator,
        &["--region", "ORD", "--output", "json", "catalog"],
    ))
    .json();
    assert_eq!(doc["tenantId"], DEMO_TENANT);
    assert_eq!(doc["defaultRegion"], "DFW");
    assert_eq!(doc["loadBalancerEndpoint"], format!("{ord}/"));
    let services = doc["services"].as_array().expect("services");
    let lb = services
        .iter()
        .find(|s| s["name"] == "cloudLoadBalancers")
        .expect("the load balancer service");
    assert_eq!(lb["type"], "rax:load-balancer");
    let ord_endpoint = lb["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .find(|e| e["region"] == "ORD")
        .expect("an ORD endpoint");
    assert_eq!(ord_endpoint["publicURL"], ord);
    assert!(ord_endpoint["internalURL"].is_string());
    let dns = services
        .iter()
        .find(|s| s["type"] == "rax:dns")
        .expect("dns");
    assert_eq!(dns["endpoints"][0]["region"], serde_json::Value::Null);
    assert_eq!(dns["endpoints"][0]["internalURL"], serde_json::Value::Null);
}

#[test]
fn catalog_without_a_load_balancer_endpoint_for_the_region_still_lists() {
    let emulator = Emulator::start().expect("emulator");
    let run = ok(as_demo(&emulator, &["--region", "SYD", "catalog"]));
    let last = run.lines().last().copied().unwrap_or_default().to_owned();
    assert!(
        last.starts_with("load balancer endpoint: none (no matching endpoint: "),
        "{last}"
    );
    let doc = ok(as_demo(
        &emulator,
        &["--region", "SYD", "--output", "json", "catalog"],
    ))
    .json();
    assert_eq!(doc["loadBalancerEndpoint"], serde_json::Value::Null);
}
