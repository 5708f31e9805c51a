//! Logging, caching, error page, statistics, reference data, limits, list filters and bulk
//! delete: the rules of docs/api/logging-caching-errorpage.md, statistics.md,
//! reference-data.md, limits.md and load-balancers.md, in check order, with exact messages.

use std::time::Duration;

use crate::common::{Lb, flat, ids, validation, wait_for_status};
use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
use serde_json::json;

const TENANT: &str = "700";

/// 1 HTTP, 2 TCP, 3 UDP, 4 HTTP in ERROR, 5 DNS_UDP.
fn emulator() -> anyhow::Result<(Emulator, Lb)> {
    let emulator = Emulator::builder()
        .user(User::new("f", TENANT).api_key("k"))
        .load_balancer("DFW", TENANT, LoadBalancerSeed::new(1, "web", "HTTP"))
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(2, "tcp", "TCP").port(8080),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(3, "udp", "UDP").port(53),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(4, "broken", "HTTP").status("ERROR"),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(5, "dns", "DNS_UDP").port(53),
        )
        .pending_time(Duration::from_millis(30))
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "f")?;
    Ok((emulator, lb))
}

#[test]
fn connection_logging_rules_in_order() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    let put = |id: u64, body: &str| lb.put(&format!("/loadbalancers/{id}/connectionlogging"), body);
    assert_eq!(
        put(1, "{")?.json()?,
        json!({"message": ["JSON does not match the expected schema"]})
    );
    assert_eq!(
        put(999, "{}")?.json()?,
        validation(&["Must provide a value for enabled."])
    );
    assert_eq!(
        put(999, r#"{"enabled":true}"#)?.json()?,
        flat(404, "Load balancer not found")
    );
    let udp = flat(
        400,
        "Connection logging is not available for UDP, UDP_STREAM and DNS_UDP load balancers.",
    );
    assert_eq!(
        put(3, r#"{"connectionLogging":{"enabled":true}}"#)?.json()?,
        udp
    );
    assert_eq!(
        put(5, r#"{"connectionLogging":{"enabled":true}}"#)?.json()?,
        udp
    );
    let busy = put(4, r#"{"connectionLogging":{"enabled":true}}"#)?;
    assert_eq!(
        busy.json()?,
        flat(
            422,
            "Load Balancer '4' has a status of 'ERROR' and is considered immutable."
        )
    );
    let ok = put(2, r#"{"connectionLogging":{"enabled":"true"}}"#)?;
    assert_eq!((ok.status, ok.body.is_empty()), (202, true));
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 2).as_deref(),
        Some("PENDING_UPDATE")
    );
    let shown = lb.get("/loadbalancers/2/connectionlogging")?;
    assert_eq!(
        (shown.status, shown.json()?),
        (200, json!({"connectionLogging": {"enabled": true}}))
    );
    wait_for_status(&emulator, "DFW", TENANT, 2, "ACTIVE")?;
    assert_eq!(
        lb.get("/loadbalancers/2")?.json()?["loadBalancer"]["connectionLogging"],
        json!({"enabled": true})
    );
    assert_eq!(
        lb.call("POST", "/loadbalancers/2/connectionlogging", Some("{}"))?
            .status,
        405
    );
    Ok(())
}

#[test]
fn content_caching_only_on_http() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    let put = |id: u64, on: bool| {
        lb.put(
            &format!("/loadbalancers/{id}/contentcaching"),
            &format!(r#"{{"contentCaching":{{"enabled":{on}}}}}"#),
        )
    };
    assert_eq!(
        put(2, true)?.json()?,
        flat(
            400,
            "Content caching cannot be enabled for non HTTP load balancers."
        )
    );
    assert_eq!(put(2, false)?.status, 202);
    assert_eq!(put(1, true)?.status, 202);
    wait_for_status(&emulator, "DFW", TENANT, 1, "ACTIVE")?;
    assert_eq!(
        lb.get("/loadbalancers/1/contentcaching")?.json()?,
        json!({"contentCaching": {"enabled": true}})
    );
    Ok(())
}

#[test]
fn error_page_rules_in_order() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    let put = |id: u64, body: &str| lb.put(&format!("/loadbalancers/{id}/errorpage"), body);
    assert_eq!(
        put(1, r#"{"errorpage":{}}"#)?.json()?,
        validation(&["Must provide content for the error page."])
    );
    assert_eq!(
        put(999, r#"{"errorpage":{"content":"x"}}"#)?.json()?,
        flat(404, "Load balancer not found")
    );
    assert_eq!(
        put(2, r#"{"errorpage":{"content":"x"}}"#)?.json()?,
        flat(
            400,
            "Custom error page is allowed only on loadbalancers with HTTP protocol."
        )
    );
    let immutable = flat(
        422,
        "Load balancer is considered immutable and cannot process request",
    );
    assert_eq!(
        put(4, r#"{"errorpage":{"content":"x"}}"#)?.json()?,
        immutable
    );
    assert_eq!(lb.delete("/loadbalancers/4/errorpage")?.json()?, immutable);
    let default = lb.get("/loadbalancers/1/errorpage")?.json()?;
    assert_eq!(put(1, r#"{"content":"<p>down</p>"}"#)?.status, 202);
    assert_eq!(
        lb.get("/loadbalancers/1/errorpage")?.json()?,
        json!({"errorpage": {"content": "<p>down</p>"}})
    );
    wait_for_status(&emulator, "DFW", TENANT, 1, "ACTIVE")?;
    assert_eq!(lb.delete("/loadbalancers/1/errorpage")?.status, 202);
    assert_eq!(lb.get("/loadbalancers/1/errorpage")?.json()?, default);
    Ok(())
}

#[test]
fn statistics_follow_the_traffic() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator()?;
    let first = lb.get("/loadbalancers/1/stats")?;
    assert_eq!(first.status, 200);
    let first = first.json()?;
    assert_eq!(first["maxConn"], 1);
    for _ in 0..19 {
        lb.get("/loadbalancers/1")?;
    }
    let later = lb.get("/loadbalancers/1/stats")?.json()?;
    assert_eq!(
        (
            later["maxConn"].clone(),
            later["connectTimeOut"].clone(),
            later["connectError"].clone()
        ),
        (json!(21), json!(2), json!(1))
    );
    assert_eq!(later["currentConnSsl"], 0);
    assert_eq!(lb.get("/loadbalancers/2/stats")?.json()?["maxConn"], 1);
    assert_eq!(
        lb.get("/loadbalancers/999/stats")?.json()?,
        flat(404, "Load balancer not found")
    );
    Ok(())
}

#[test]
fn reference_data_and_limits() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator()?;
    let protocols = lb.get("/loadbalancers/protocols")?.json()?;
    assert_eq!(protocols["protocols"].as_array().map(Vec::len), Some(18));
    assert!(
        protocols["protocols"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| *p == json!({"name": "TCP", "port": 0}))
    );
    assert_eq!(
        lb.get("/loadbalancers/algorithms")?.json()?["algorithms"][1],
        json!({"name": "RANDOM"})
    );
    assert_eq!(
        lb.get("/loadbalancers/alloweddomains")?.json()?["allowedDomains"][0],
        json!({"allowedDomain": {"name": "rackspace.com"}})
    );
    let regional = lb.get("/regionalsourceaddresses")?.json()?;
    assert!(regional["RegionalSourceAddresses"]["ipv4Publicnets"].is_array());
    let cluster = lb.get("/loadbalancers/1/clustersourceaddresses")?.json()?;
    assert_eq!(
        cluster["clusterSourceAddresses"]["ipv4Publicnets"],
        json!(["198.51.100.2"])
    );
    let absolute = lb.get("/loadbalancers/absolutelimits")?.json()?;
    assert_eq!(
        absolute["absolute"][1],
        json!({"name": "NODE_LIMIT", "value": 25})
    );
    assert_eq!(
        absolute["absolute"][4],
        json!({"name": "ACCESS_LIST_LIMIT", "value": 100})
    );
    let types = lb.get("/loadbalancers/limittypes")?.json()?;
    assert_eq!(types["limitTypes"][3]["defaultValue"], 10);
    let limits = lb.get("/limits")?.json()?;
    let rate = &limits["limits"]["rate"][0];
    assert_eq!(rate["uri"], "/v1.0/*");
    let get = rate["limit"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["verb"] == "GET")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (get["value"].clone(), get["unit"].clone()),
        (json!(600), json!("MINUTE"))
    );
    assert!(get["next-available"].is_string());
    assert_eq!(lb.call("PUT", "/limits", Some("{}"))?.status, 405);
    Ok(())
}

#[test]
fn rate_limits_report_what_is_left() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("f", TENANT).api_key("k"))
        .rate_limit("GET", 5)
        .rate_limits(true)
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "f")?;
    lb.get("/loadbalancers")?;
    let limits = lb.get("/limits")?.json()?;
    let get = limits["limits"]["rate"][0]["limit"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["verb"] == "GET")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (get["value"].clone(), get["remaining"].clone()),
        (json!(5), json!(3))
    );
    Ok(())
}

#[test]
fn list_filters() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    assert_eq!(ids(&lb.get("/loadbalancers?name=udp")?.json()?), [3]);
    assert_eq!(ids(&lb.get("/loadbalancers?status=ERROR")?.json()?), [4]);
    assert_eq!(
        ids(&lb.get("/loadbalancers?offset=1&limit=2")?.json()?),
        [2, 3]
    );
    assert_eq!(ids(&lb.get("/loadbalancers?name=w%65b")?.json()?), [1]);
    let node = lb.get("/loadbalancers/1")?.json()?["loadBalancer"]["nodes"][0]["address"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let by_node = lb
        .get(&format!("/loadbalancers?nodeaddress={node}&name=nobody"))?
        .json()?;
    assert_eq!(
        by_node["loadBalancers"][0],
        json!({"id": 1, "name": "web", "status": "ACTIVE"})
    );
    let bad = lb.get("/loadbalancers?changes-since=yesterday")?;
    assert_eq!(
        (bad.status, bad.json()?),
        (
            400,
            flat(400, "Date parameters must follow ISO-8601 format")
        )
    );
    assert_eq!(
        ids(&lb.get("/loadbalancers?changes-since=2999-01-01")?.json()?),
        Vec::<u64>::new()
    );
    assert_eq!(
        ids(&lb
            .get("/loadbalancers?changes-since=2000-01-01T00:00:00Z")?
            .json()?)
        .len(),
        5
    );
    assert_eq!(lb.delete("/loadbalancers/2")?.status, 202);
    wait_for_status(&emulator, "DFW", TENANT, 2, "DELETED")?;
    assert_eq!(ids(&lb.get("/loadbalancers?status=DELETED")?.json()?), [2]);
    assert_eq!(ids(&lb.get("/loadbalancers")?.json()?), [1, 3, 4, 5]);
    Ok(())
}

#[test]
fn bulk_delete_rules_in_order() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    assert_eq!(
        lb.delete("/loadbalancers")?.json()?,
        flat(400, "Must supply one or more id's to process this request.")
    );
    let eleven: Vec<String> = (1..=11).map(|i| format!("id={i}")).collect();
    assert_eq!(
        lb.delete(&format!("/loadbalancers?{}", eleven.join("&")))?
            .json()?,
        flat(
            400,
            "Currently, the limit of accepted parameters is: 10 :please review your request and try again."
        )
    );
    assert_eq!(
        lb.delete("/loadbalancers?id=1&id=98&id=99&id=4")?.json()?,
        flat(
            400,
            "Must provide valid load balancers: 98,99  could not be found."
        )
    );
    assert_eq!(
        lb.delete("/loadbalancers?id=1&id=4")?.json()?,
        flat(
            400,
            "Must provide valid load balancers: 4  are immutable and could not be processed."
        )
    );
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("ACTIVE")
    );
    let ok = lb.delete("/loadbalancers?id=1&id=2&id=1")?;
    assert_eq!((ok.status, ok.body.is_empty()), (202, true));
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 2).as_deref(),
        Some("PENDING_DELETE")
    );
    wait_for_status(&emulator, "DFW", TENANT, 1, "DELETED")?;
    Ok(())
}
