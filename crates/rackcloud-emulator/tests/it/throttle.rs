//! `/loadbalancers/{id}/connectionthrottle`: every rule of docs/api/connection-throttling.md, in
//! check order, with the server's exact wording.

use std::time::Duration;

use crate::common::{Lb, flat, validation, wait_for_status};
use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
use serde_json::json;

const TENANT: &str = "520";
const ALL: &str = r#"{"connectionThrottle":{"maxConnections":100,"minConnections":0,"maxConnectionRate":0,"rateInterval":1}}"#;
const FIRST_CREATE: &str = "Must supply all credentials when creating a connection throttle.";

/// Load balancers: 1 HTTP, 2 HTTP in ERROR.
fn emulator(pending: Duration) -> anyhow::Result<(Emulator, Lb)> {
    let emulator = Emulator::builder()
        .user(User::new("ct", TENANT).api_key("k"))
        .load_balancer("DFW", TENANT, LoadBalancerSeed::new(1, "web", "HTTP"))
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(2, "broken", "HTTP").status("ERROR"),
        )
        .pending_time(pending)
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "ct")?;
    Ok((emulator, lb))
}

fn path(id: u64) -> String {
    format!("/loadbalancers/{id}/connectionthrottle")
}

#[test]
fn get_shows_the_throttle_or_an_empty_object_and_the_lb_embeds_it() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.get(&path(1))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (200, json!({"connectionThrottle": {}}))
    );
    assert!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]
            .get("connectionThrottle")
            .is_none()
    );
    let answer = lb.put(&path(1), ALL)?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    let want: serde_json::Value = serde_json::from_str(ALL)?;
    assert_eq!(lb.get(&path(1))?.json()?, want);
    assert_eq!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]["connectionThrottle"],
        want["connectionThrottle"]
    );
    Ok(())
}

#[test]
fn the_first_creation_needs_all_four_and_updates_may_give_some() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    for missing in [
        "maxConnections",
        "minConnections",
        "maxConnectionRate",
        "rateInterval",
    ] {
        let mut body: serde_json::Value = serde_json::from_str(ALL)?;
        body["connectionThrottle"]
            .as_object_mut()
            .expect("object")
            .remove(missing);
        assert_eq!(
            lb.put(&path(1), &body.to_string())?.json()?,
            flat(400, FIRST_CREATE),
            "{missing}"
        );
    }
    assert_eq!(
        lb.put(&path(999), r#"{"maxConnections":5}"#)?.json()?,
        flat(404, "Load balancer not found")
    );
    assert_eq!(
        lb.put(&path(2), r#"{"maxConnections":5}"#)?.json()?,
        flat(400, FIRST_CREATE),
        "before the status"
    );
    assert_eq!(lb.put(&path(1), ALL)?.status, 202);
    assert_eq!(lb.put(&path(1), r#"{"maxConnections":"250"}"#)?.status, 202);
    assert_eq!(
        lb.get(&path(1))?.json()?,
        json!({"connectionThrottle": {"maxConnections": 250, "minConnections": 0, "maxConnectionRate": 0, "rateInterval": 1}})
    );
    Ok(())
}

#[test]
fn every_field_is_validated_inclusively() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let put = |max: i64, min: i64, rate: i64, interval: i64| {
        let body = json!({"connectionThrottle": {"maxConnections": max, "minConnections": min,
                          "maxConnectionRate": rate, "rateInterval": interval}});
        lb.put(&path(999), &body.to_string())
    };
    for (max, min, rate, interval) in [(1, 0, 0, 1), (100_000, 1000, 100_000, 3600)] {
        assert_eq!(
            put(max, min, rate, interval)?.status,
            404,
            "valid, then the lookup"
        );
    }
    let all_wrong = validation(&[
        "Must provide a valid minimum connections range.",
        "Must provide a valid maximum connections range.",
        "Must provde a valid maximum connection rate range.",
        "Must provide a valid rate interval range.",
    ]);
    assert_eq!(put(0, -1, -1, 0)?.json()?, all_wrong);
    assert_eq!(put(100_001, 1001, 100_001, 3601)?.json()?, all_wrong);
    assert_eq!(
        lb.put(&path(999), r#"{"connectionThrottle":{}}"#)?.json()?,
        validation(&[
            "You must provide at least one of the following: minConnections, maxConnections, maxConnectionRate, rateInterval."
        ])
    );
    let schema = json!({"message": ["JSON does not match the expected schema"]});
    assert_eq!(
        lb.put(&path(1), r#"{"maxConnections":"many"}"#)?.json()?,
        schema
    );
    Ok(())
}

#[test]
fn changes_are_pending_and_need_active() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::from_millis(300))?;
    assert_eq!(lb.put(&path(1), ALL)?.status, 202);
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    let busy = flat(
        422,
        "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable.",
    );
    assert_eq!(lb.put(&path(1), ALL)?.json()?, busy);
    assert_eq!(lb.delete(&path(1))?.json()?, busy);
    wait_for_status(&emulator, "DFW", TENANT, 1, "ACTIVE")?;
    let answer = lb.delete(&path(1))?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    wait_for_status(&emulator, "DFW", TENANT, 1, "ACTIVE")?;
    assert_eq!(lb.get(&path(1))?.json()?, json!({"connectionThrottle": {}}));
    Ok(())
}

#[test]
fn delete_none_is_checked_before_the_status() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let none = flat(422, "No connection throttle found to delete.");
    assert_eq!(lb.delete(&path(2))?.json()?, none);
    assert_eq!(lb.delete(&path(1))?.json()?, none);
    assert_eq!(
        lb.delete(&path(999))?.json()?,
        flat(404, "Load balancer not found")
    );
    assert_eq!(lb.post(&path(1), ALL)?.status, 405);
    Ok(())
}
