//! Usage reports and billable load balancers: the server's answers, words and usage model.

use rackcloud_emulator::Emulator;
use serde_json::json;

use crate::common::{Lb, flat};

#[test]
fn bad_dates_and_missing_billable_dates_are_400s() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let bad = flat(400, "Date parameters must follow ISO-8601 format");
    for path in [
        "/loadbalancers/usage?startTime=yesterday",
        "/loadbalancers/1/usage?endTime=2026-13-01",
        "/loadbalancers/billable?startTime=2026-11-01&endTime=soon",
    ] {
        let answer = lb.get(path)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, bad.clone()),
            "{path}"
        );
    }
    let missing = flat(400, "Must provide startTime and endTime query parameters.");
    assert_eq!(lb.get("/loadbalancers/billable")?.json()?, missing);
    assert_eq!(
        lb.get("/loadbalancers/billable?startTime=2026-11-01")?
            .json()?,
        missing
    );
    let backwards = lb.get("/loadbalancers/usage?startTime=2026-11-02&endTime=2026-11-01")?;
    assert_eq!(
        backwards.json()?,
        flat(400, "startTime must be before endTime.")
    );
    assert_eq!(lb.get("/loadbalancers/999/usage")?.status, 404);
    assert_eq!(
        lb.call("POST", "/loadbalancers/usage", Some("{}"))?.status,
        405
    );
    Ok(())
}

#[test]
fn the_default_period_is_the_last_day_and_old_periods_are_empty() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let records = lb.get("/loadbalancers/1/usage")?.json()?;
    let first = &records["loadBalancerUsageRecords"][0];
    assert_eq!(first["eventType"], "CREATE_LOADBALANCER");
    assert_eq!(first["sslMode"], "OFF");
    assert_eq!(first["numPolls"], 0);
    let old = lb.get("/loadbalancers/1/usage?startTime=2020-01-01&endTime=2020-01-02T00:00:00Z")?;
    assert_eq!(old.json()?, json!({"loadBalancerUsageRecords": []}));
    let account = lb.get("/loadbalancers/usage")?.json()?;
    assert_eq!(
        account["loadBalancerUsages"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(account["accountUsage"]["links"], json!([]));
    assert_eq!(
        account["accountUsage"]["accountUsageRecords"][0]["numLoadBalancers"],
        3
    );
    let billable =
        lb.get("/loadbalancers/billable?startTime=2020-01-01&endTime=2099-01-01&limit=2&offset=1")?;
    assert_eq!(crate::common::ids(&billable.json()?), [2, 3]);
    Ok(())
}

#[test]
fn traffic_is_metered_per_load_balancer() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let read = |id: u64| -> anyhow::Result<(u64, u64)> {
        let body = lb
            .get(&format!("/loadbalancers/{id}/usage/current"))?
            .json()?;
        let r = &body["loadBalancerUsageRecords"][0];
        Ok((
            r["incomingTransfer"].as_u64().unwrap_or(0),
            r["outgoingTransfer"].as_u64().unwrap_or(0),
        ))
    };
    let (in1, out1) = read(1)?;
    let shown = lb.get("/loadbalancers/1")?;
    let (in2, out2) = read(1)?;
    assert_eq!((in2, out2), (in1, out1 + shown.body.len() as u64));
    let body = r#"{"sessionPersistence":{"persistenceType":"SOURCE_IP"}}"#;
    lb.put("/loadbalancers/2/sessionpersistence", body)?;
    assert_eq!(read(2)?.0, body.len() as u64);
    assert_eq!(read(1)?, (in2, out2));
    Ok(())
}
