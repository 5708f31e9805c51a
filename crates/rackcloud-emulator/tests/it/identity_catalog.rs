//! What a token response carries besides the token check: the catalog's shape and regions, the
//! `expires` offset, the token lifetime, and tokens minted directly.

use std::time::Duration;

use crate::common::{agent, api_key_body, authenticate, send};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, User};
use serde_json::{Value, json};

#[test]
fn catalog_shape() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let answer = authenticate(
        &agent(),
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?;
    let catalog = answer.json()?["access"]["serviceCatalog"].clone();
    let services = catalog.as_array().cloned().unwrap_or_default();
    let named = |name: &str| services.iter().find(|s| s["name"] == name).cloned();

    for (name, kind) in [
        ("cloudServersOpenStack", "compute"),
        ("cloudFiles", "object-store"),
        ("cloudDNS", "rax:dns"),
        ("cloudMonitoring", "rax:monitor"),
        ("cloudLoadBalancers", "rax:load-balancer"),
    ] {
        assert_eq!(
            named(name).map(|s| s["type"].clone()),
            Some(json!(kind)),
            "{name}"
        );
    }
    // Two entries share the load balancer type: clients must match on the name too.
    let lb_entries: Vec<&Value> = services
        .iter()
        .filter(|s| s["type"] == "rax:load-balancer")
        .collect();
    assert_eq!(lb_entries.len(), 2);
    assert!(lb_entries.iter().any(|s| s["name"] != "cloudLoadBalancers"));

    let lb = named("cloudLoadBalancers").unwrap_or_default();
    let base = emulator
        .identity_url()
        .trim_end_matches("/v2.0/")
        .to_owned();
    assert_eq!(
        lb["endpoints"],
        json!([
            {"region": "DFW", "tenantId": DEMO_TENANT,
             "publicURL": emulator.lb_endpoint("DFW", DEMO_TENANT),
             "internalURL": format!("{base}/snet-dfw/v1.0/{DEMO_TENANT}")},
            {"region": "ORD", "tenantId": DEMO_TENANT,
             "publicURL": emulator.lb_endpoint("ORD", DEMO_TENANT),
             "internalURL": format!("{base}/snet-ord/v1.0/{DEMO_TENANT}")},
        ])
    );
    assert_eq!(
        emulator.lb_endpoint("DFW", DEMO_TENANT),
        format!("{base}/dfw/v1.0/{DEMO_TENANT}")
    );
    // A global service has no region.
    let dns = named("cloudDNS").unwrap_or_default();
    assert_eq!(dns["endpoints"][0].get("region"), None);
    Ok(())
}

#[test]
fn seeded_regions_get_an_endpoint() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("u", "1").api_key("k"))
        .load_balancer(
            "lon",
            "1",
            rackcloud_emulator::LoadBalancerSeed::new(5, "uk", "HTTP"),
        )
        .start()?;
    let answer = authenticate(&agent(), &emulator, &api_key_body("u", "k"))?.json()?;
    let services = answer["access"]["serviceCatalog"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let lb = services
        .iter()
        .find(|s| s["name"] == "cloudLoadBalancers")
        .cloned()
        .unwrap_or_default();
    let regions: Vec<&str> = lb["endpoints"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["region"].as_str())
        .collect();
    assert_eq!(regions, ["DFW", "LON", "ORD"]);
    assert!(emulator.lb_endpoint("LON", "1").ends_with("/lon/v1.0/1"));
    Ok(())
}

#[test]
fn expires_is_written_in_the_configured_offset() -> anyhow::Result<()> {
    for (minutes, suffix) in [(-300, "-05:00"), (330, "+05:30")] {
        let emulator = Emulator::builder()
            .default_seed()
            .expires_offset_minutes(minutes)
            .start()?;
        let answer = authenticate(
            &agent(),
            &emulator,
            &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
        )?;
        let expires = answer.json()?["access"]["token"]["expires"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(expires.ends_with(suffix), "{expires}");
        assert_eq!(
            expires.len(),
            "2026-11-25T22:21:04.999-05:00".len(),
            "{expires}"
        );
        let parsed: jiff::Timestamp = expires.parse()?;
        assert!(parsed > jiff::Timestamp::now());
    }
    let err = Emulator::builder().expires_offset_minutes(26 * 60).start();
    assert_eq!(
        err.map(|_| ()).map_err(|e| e.kind()),
        Err(std::io::ErrorKind::InvalidInput)
    );
    Ok(())
}

#[test]
fn token_lifetime_is_configurable() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .token_lifetime(Duration::from_millis(100))
        .start()?;
    let agent = agent();
    let answer = authenticate(
        &agent,
        &emulator,
        &api_key_body(DEMO_USERNAME, DEMO_API_KEY),
    )?
    .json()?;
    let token = answer["access"]["token"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let url = format!("{}/loadbalancers", emulator.lb_endpoint("DFW", DEMO_TENANT));
    assert_eq!(
        send(&agent, "GET", &url, &[("X-Auth-Token", &token)], None)?.status,
        200
    );
    crate::common::eventually(|| {
        Ok(send(&agent, "GET", &url, &[("X-Auth-Token", &token)], None)?.status == 401)
    })?;
    Ok(())
}

#[test]
fn issued_tokens_are_valid_and_not_counted() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let token = emulator.issue_token(DEMO_USERNAME).unwrap_or_default();
    assert_eq!(emulator.issue_token("nobody"), None);
    let url = format!("{}/loadbalancers", emulator.lb_endpoint("DFW", DEMO_TENANT));
    assert_eq!(
        send(&agent(), "GET", &url, &[("X-Auth-Token", &token)], None)?.status,
        200
    );
    assert_eq!(emulator.stats().token_requests, 0);
    Ok(())
}
