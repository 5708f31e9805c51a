//! Answers the documentation shows and the emulator once left out or refused: an empty node
//! list accepted, the updated nodes of a bulk update, paging `links` of current usage,
//! `accountId` at the root of account usage, `timeout` and `algorithm` of billable load
//! balancers (docs/api/nodes.md, docs/api/usage.md).

use std::time::Duration;

use crate::common::Lb;
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

#[test]
fn an_empty_node_list_is_accepted_as_the_service_does() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(30))
        .start()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.post("/loadbalancers/1/nodes", r#"{"nodes":[]}"#)?;
    assert_eq!((answer.status, answer.json()?), (202, json!({"nodes": []})));
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("PENDING_UPDATE")
    );
    // Like any change, it needs the load balancer ACTIVE.
    let again = lb.post("/loadbalancers/1/nodes", r#"{"nodes":[]}"#)?;
    assert_eq!(again.status, 422);
    Ok(())
}

#[test]
fn a_bulk_node_update_answers_with_the_updated_nodes() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let nodes = lb.get("/loadbalancers/1/nodes")?.json()?;
    let (a, b) = (
        nodes["nodes"][0]["id"].clone(),
        nodes["nodes"][1]["id"].clone(),
    );
    let body =
        json!({"nodes": [{"id": b, "condition": "DRAINING"}, {"id": a, "condition": "DISABLED"}]});
    let answer = lb.put("/loadbalancers/1/nodes", &body.to_string())?;
    assert_eq!(answer.status, 202);
    let got = answer.json()?;
    assert_eq!(got["nodes"][0]["id"], b);
    assert_eq!(got["nodes"][0]["condition"], "DRAINING");
    assert_eq!(got["nodes"][1]["id"], a);
    assert_eq!(got["nodes"][1]["condition"], "DISABLED");
    assert_eq!(got["nodes"][0]["address"], nodes["nodes"][1]["address"]);
    Ok(())
}

#[test]
fn current_usage_has_paging_links() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let all = lb.get("/loadbalancers/1/usage/current")?.json()?;
    assert_eq!(all["links"], json!([]));
    let count = all["loadBalancerUsageRecords"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(count >= 1);
    let empty = lb
        .get("/loadbalancers/1/usage/current?offset=5&limit=1")?
        .json()?;
    assert_eq!(empty["links"][0]["rel"], "previous");
    Ok(())
}

#[test]
fn account_usage_names_the_account_once_at_the_root() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let account = lb.get("/loadbalancers/usage")?.json()?;
    assert_eq!(account["accountId"], json!(123_456));
    let first = &account["accountUsage"]["accountUsageRecords"][0];
    assert!(first.get("accountId").is_none(), "{first}");
    Ok(())
}

#[test]
fn billable_load_balancers_carry_timeout_and_algorithm() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let page = lb
        .get("/loadbalancers/billable?startTime=2020-01-01&endTime=2099-01-01")?
        .json()?;
    let first = &page["loadBalancers"][0];
    assert_eq!(first["timeout"], 30);
    assert!(first["algorithm"].is_string());
    assert!(first.get("virtualIps").is_none());
    for key in [
        "id",
        "name",
        "status",
        "protocol",
        "port",
        "nodeCount",
        "created",
        "updated",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    Ok(())
}
