//! The account's absolute limits: the load balancer limit with its exact 413, one table that is
//! both enforced and reported, limits changed by the builder, seeds over a limit.

use crate::common::{Lb, flat};
use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed, User};
use serde_json::Value;

const CREATE: &str = r#"{"loadBalancer":{"name":"new","protocol":"HTTP","port":8080,
    "virtualIps":[{"type":"PUBLIC"}]}}"#;

/// The value `GET /loadbalancers/absolutelimits` reports for a limit.
fn reported(lb: &Lb, name: &str) -> anyhow::Result<Value> {
    let answer = lb.get("/loadbalancers/absolutelimits")?.json()?;
    let items = answer["absolute"].as_array().cloned().unwrap_or_default();
    Ok(items
        .into_iter()
        .find(|i| i["name"] == name)
        .map_or(Value::Null, |i| i["value"].clone()))
}

#[test]
fn the_load_balancer_limit_is_a_flat_413_and_deleted_ones_do_not_count() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    assert_eq!(reported(&lb, "LOADBALANCER_LIMIT")?, 25);
    // The demo account has 3 load balancers in DFW: 22 more reach the limit of 25.
    for _ in 0..22 {
        assert_eq!(lb.post("/loadbalancers", CREATE)?.status, 202);
    }
    let answer = lb.post("/loadbalancers", CREATE)?;
    let message = "Load balancer limit reached. Limit is set to '25'.";
    assert_eq!((answer.status, answer.json()?), (413, flat(413, message)));
    // Another region is another account.
    let ord = Lb::new(
        &emulator,
        "ORD",
        DEMO_TENANT,
        rackcloud_emulator::DEMO_USERNAME,
    )?;
    assert_eq!(ord.post("/loadbalancers", CREATE)?.status, 202);
    assert_eq!(lb.delete("/loadbalancers/2")?.status, 202);
    assert_eq!(lb.post("/loadbalancers", CREATE)?.status, 202);
    assert_eq!(lb.post("/loadbalancers", CREATE)?.status, 413);
    Ok(())
}

#[test]
fn the_limit_is_checked_after_the_body_and_before_the_rules_between_fields() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .absolute_limit("LOADBALANCER_LIMIT", 3)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    assert_eq!(reported(&lb, "LOADBALANCER_LIMIT")?, 3);
    assert_eq!(lb.post("/loadbalancers", "{")?.status, 400);
    let cookie_on_tcp = r#"{"loadBalancer":{"name":"t","protocol":"TCP","port":80,
        "virtualIps":[{"type":"PUBLIC"}],"sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}}"#;
    assert_eq!(lb.post("/loadbalancers", cookie_on_tcp)?.status, 413);
    Ok(())
}

#[test]
fn limits_set_by_the_builder_are_enforced_and_reported() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .absolute_limit("NODE_LIMIT", 3)
        .absolute_limit("IPV6_LIMIT", 1)
        .absolute_limit("ACCESS_LIST_LIMIT", 1)
        .absolute_limit("LOADBALANCER_META_LIMIT", 1)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    assert_eq!(reported(&lb, "NODE_LIMIT")?, 3);
    assert_eq!(reported(&lb, "IPV6_LIMIT")?, 1);
    assert_eq!(reported(&lb, "ACCESS_LIST_LIMIT")?, 1);
    assert_eq!(reported(&lb, "LOADBALANCER_META_LIMIT")?, 1);
    assert_eq!(reported(&lb, "BATCH_DELETE_LIMIT")?, 10);
    let types = lb.get("/loadbalancers/limittypes")?.json()?;
    assert!(types["limitTypes"].as_array().is_some_and(|t| {
        t.iter()
            .any(|l| l["name"] == "NODE_LIMIT" && l["defaultValue"] == 3)
    }));
    // The demo load balancer 1 has 2 nodes.
    let node =
        |a: &str| format!(r#"{{"nodes":[{{"address":"{a}","port":80,"condition":"ENABLED"}}]}}"#);
    assert_eq!(
        lb.post("/loadbalancers/1/nodes", &node("10.1.1.1"))?.status,
        202
    );
    let answer = lb.post("/loadbalancers/1/nodes", &node("10.1.1.2"))?;
    let message = "Nodes must not exceed 3 per load balancer.";
    assert_eq!((answer.status, answer.json()?), (413, flat(413, message)));
    // One IPv6 virtual IP is seeded.
    let answer = lb.post(
        "/loadbalancers/1/virtualips",
        r#"{"type":"PUBLIC","ipVersion":"IPV6"}"#,
    )?;
    let message = "Your load balancer cannot have more than 1 IPv6 virtual ips.";
    assert_eq!((answer.status, answer.json()?), (413, flat(413, message)));
    let two = r#"{"accessList":[{"address":"10.2.0.1","type":"DENY"},{"address":"10.2.0.2","type":"DENY"}]}"#;
    let answer = lb.post("/loadbalancers/2/accesslist", two)?;
    let message = "Access list size must not exceed 1 items.";
    assert_eq!((answer.status, answer.json()?), (400, flat(400, message)));
    let meta = r#"{"metadata":[{"key":"a","value":"1"},{"key":"b","value":"2"}]}"#;
    let answer = lb.post("/loadbalancers/2/metadata", meta)?;
    let message = "Metadata must not exceed 1 per load balancer.";
    assert_eq!((answer.status, answer.json()?), (400, flat(400, message)));
    Ok(())
}

#[test]
fn seeds_may_exceed_the_limit_and_creates_are_then_refused() -> anyhow::Result<()> {
    let mut builder = Emulator::builder().user(User::new("many", "777777").api_key("k"));
    for id in 1..=30 {
        builder = builder.load_balancer("DFW", "777777", LoadBalancerSeed::new(id, "lb", "HTTP"));
    }
    let emulator = builder.start()?;
    let lb = Lb::new(&emulator, "DFW", "777777", "many")?;
    let listed = lb.get("/loadbalancers")?.json()?;
    assert_eq!(listed["loadBalancers"].as_array().map(Vec::len), Some(30));
    assert_eq!(lb.post("/loadbalancers", CREATE)?.status, 413);
    Ok(())
}

#[test]
fn an_unknown_or_fixed_limit_name_is_refused_at_start() {
    for name in ["NO_SUCH_LIMIT", "BATCH_DELETE_LIMIT", "node_limit"] {
        let started = Emulator::builder().absolute_limit(name, 1).start();
        assert_eq!(
            started.map(drop).map_err(|e| e.kind()),
            Err(std::io::ErrorKind::InvalidInput),
            "{name}"
        );
    }
}
