//! `/loadbalancers/{id}/healthmonitor`: every rule of docs/api/health-monitors.md, in check
//! order, with the server's exact wording.

use std::time::Duration;

use crate::common::{Lb, flat, validation, wait_for_status};
use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
use serde_json::{Value, json};

const TENANT: &str = "510";
const HM: &str = "/healthmonitor";
const CONNECT: &str =
    r#"{"healthMonitor":{"type":"CONNECT","delay":10,"timeout":5,"attemptsBeforeDeactivation":2}}"#;

/// Load balancers: 1 HTTP, 2 HTTPS, 3 TCP, 4 UDP, 5 UDP_STREAM, 6 DNS_UDP, 7 HTTP in ERROR.
fn emulator(pending: Duration) -> anyhow::Result<(Emulator, Lb)> {
    let mut builder = Emulator::builder().user(User::new("hm", TENANT).api_key("k"));
    for (id, protocol) in [
        (1, "HTTP"),
        (2, "HTTPS"),
        (3, "TCP"),
        (4, "UDP"),
        (5, "UDP_STREAM"),
        (6, "DNS_UDP"),
    ] {
        builder = builder.load_balancer("DFW", TENANT, LoadBalancerSeed::new(id, "lb", protocol));
    }
    let emulator = builder
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(7, "broken", "HTTP").status("ERROR"),
        )
        .pending_time(pending)
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "hm")?;
    Ok((emulator, lb))
}

fn path(id: u64) -> String {
    format!("/loadbalancers/{id}{HM}")
}

fn http(kind: &str, extra: Value) -> String {
    let mut body = json!({"type": kind, "delay": 10, "timeout": 5, "attemptsBeforeDeactivation": 2,
                          "path": "/health", "statusRegex": "^2"});
    if let (Some(body), Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    json!({ "healthMonitor": body }).to_string()
}

#[test]
fn get_shows_the_monitor_or_an_empty_object_and_the_lb_embeds_it() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.get(&path(1))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (200, json!({"healthMonitor": {}}))
    );
    assert!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]
            .get("healthMonitor")
            .is_none()
    );
    let body = http(
        "HTTP",
        json!({"bodyRegex": "ok", "hostHeader": "www.example.com"}),
    );
    let answer = lb.put(&path(1), &body)?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    let want: Value = serde_json::from_str(&body)?;
    assert_eq!(lb.get(&path(1))?.json()?, want);
    assert_eq!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]["healthMonitor"],
        want["healthMonitor"]
    );
    Ok(())
}

#[test]
fn a_put_replaces_the_monitor_and_takes_a_bare_body() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    assert_eq!(
        lb.put(&path(1), &http("HTTP", json!({"bodyRegex": "ok"})))?
            .status,
        202
    );
    let bare = r#"{"type":"CONNECT","delay":"3600","timeout":300,"attemptsBeforeDeactivation":10}"#;
    assert_eq!(lb.put(&path(1), bare)?.status, 202);
    assert_eq!(
        lb.get(&path(1))?.json()?,
        json!({"healthMonitor": {"type": "CONNECT", "delay": 3600, "timeout": 300, "attemptsBeforeDeactivation": 10}})
    );
    Ok(())
}

#[test]
fn ranges_are_inclusive_on_both_ends() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let put = |d: i64, t: i64, a: i64| {
        let body =
            json!({"type": "CONNECT", "delay": d, "timeout": t, "attemptsBeforeDeactivation": a});
        lb.put(&path(3), &body.to_string())
    };
    for (d, t, a) in [(1, 1, 1), (3600, 300, 10)] {
        assert_eq!(put(d, t, a)?.status, 202, "{d} {t} {a}");
    }
    let answer = put(0, 0, 0)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            400,
            validation(&[
                "Must specify valid delay range between 1 and 3600.",
                "Must specify valid timeout range between 1 and 300.",
                "Must specify valid attempts before deactivation range between 1 and 10.",
            ])
        )
    );
    assert_eq!(put(3601, 301, 11)?.json()?, put(0, 0, 0)?.json()?);
    Ok(())
}

#[test]
fn http_fields_are_required_checked_and_refused_on_connect() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.put(
        &path(1),
        r#"{"type":"HTTP","delay":1,"timeout":1,"attemptsBeforeDeactivation":1}"#,
    )?;
    assert_eq!(
        answer.json()?,
        flat(
            400,
            "Updating to HTTP/HTTPS monitor. Please provide all required fields."
        )
    );
    let long = format!("/{}", "p".repeat(128));
    let answer = lb.put(
        &path(1),
        &http("HTTP", json!({"path": long, "statusRegex": "s".repeat(129), "bodyRegex": "b".repeat(129), "hostHeader": "h".repeat(257)})),
    )?;
    assert_eq!(
        answer.json()?,
        validation(&[
            "path can not exceed 128 characters.",
            "statusRegex can not exceed 128 characters.",
            "bodyRegex can not exceed 128 characters.",
            "Host Header field cannot exceed 256 characters",
        ])
    );
    let at_limits = json!({"path": format!("/{}", "p".repeat(127)), "statusRegex": "s".repeat(128),
                           "bodyRegex": "b".repeat(128), "hostHeader": "h".repeat(256)});
    assert_eq!(lb.put(&path(1), &http("HTTP", at_limits))?.status, 202);
    let answer = lb.put(&path(1), &http("HTTP", json!({"path": "health"})))?;
    assert_eq!(
        answer.json()?,
        validation(&["Must provide a forward slash(/) as the beginning of the path."])
    );
    let connect = r#"{"type":"CONNECT","delay":1,"timeout":1,"attemptsBeforeDeactivation":1,
        "path":"/","statusRegex":"x","bodyRegex":"y","hostHeader":"z"}"#;
    assert_eq!(
        lb.put(&path(3), connect)?.json()?,
        validation(&[
            "A connect health monitor may not have a path. Use HTTP/HTTPS health monitor instead.",
            "A connect health monitor may not have a body regex. Use HTTP/HTTPS health monitor instead.",
            "A connect health monitor may not have a status regex. Use HTTP/HTTPS health monitor instead.",
            "Host Header is not supported for CONNECT based health monitors.",
        ])
    );
    Ok(())
}

#[test]
fn schema_then_validation_then_lookup() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let schema = json!({"message": ["JSON does not match the expected schema"]});
    for body in [
        "",
        "[]",
        r#"{"type":"PING"}"#,
        r#"{"healthMonitor":{"type":"CONNECT","delay":true}}"#,
    ] {
        assert_eq!(lb.put(&path(999), body)?.json()?, schema, "{body}");
    }
    assert_eq!(
        lb.put(&path(999), "{}")?.json()?,
        validation(&["Must provide a type for the health monitor."])
    );
    let answer = lb.put(&path(999), CONNECT)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    Ok(())
}

#[test]
fn protocols_then_status() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let udp = "Protocol UDP, UDP_STREAM and DNS_UDP are not allowed with health monitors. ";
    for id in [4, 5, 6] {
        assert_eq!(lb.put(&path(id), CONNECT)?.json()?, flat(400, udp), "{id}");
    }
    // The PUT names the load balancer's protocol (the create rule has its own words).
    let refused = |kind: &str, id: u64| -> anyhow::Result<serde_json::Value> {
        let protocol = lb.get(&format!("/loadbalancers/{id}"))?.json()?["loadBalancer"]["protocol"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        Ok(flat(
            400,
            &format!(
                "Cannot update Health Monitor to Type {kind} because load balancer protocol is {protocol}"
            ),
        ))
    };
    assert_eq!(
        lb.put(&path(2), &http("HTTP", json!({})))?.json()?,
        refused("HTTP", 2)?
    );
    assert_eq!(
        lb.put(&path(3), &http("HTTP", json!({})))?.json()?,
        refused("HTTP", 3)?
    );
    assert_eq!(
        lb.put(&path(1), &http("HTTPS", json!({})))?.json()?,
        refused("HTTPS", 1)?
    );
    assert_eq!(
        lb.put(&path(4), &http("HTTPS", json!({})))?.json()?,
        flat(400, udp)
    );
    assert_eq!(
        lb.put(&path(7), &http("HTTPS", json!({})))?.json()?,
        refused("HTTPS", 7)?
    );
    let immutable = flat(
        422,
        "Load Balancer '7' has a status of 'ERROR' and is considered immutable.",
    );
    assert_eq!(lb.put(&path(7), CONNECT)?.json()?, immutable);
    assert_eq!(lb.put(&path(2), &http("HTTPS", json!({})))?.status, 202);
    Ok(())
}

#[test]
fn each_change_is_pending_until_applied() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::from_millis(300))?;
    assert_eq!(lb.put(&path(1), CONNECT)?.status, 202);
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    let busy = flat(
        422,
        "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable.",
    );
    assert_eq!(lb.put(&path(1), CONNECT)?.json()?, busy);
    assert_eq!(lb.delete(&path(1))?.json()?, busy);
    wait_for_status(&emulator, "DFW", TENANT, 1, "ACTIVE")?;
    assert_eq!(lb.delete(&path(1))?.status, 202);
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    Ok(())
}

#[test]
fn delete_status_then_secondary_nodes_then_none() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let none = flat(422, "No health monitor found to delete.");
    assert_eq!(
        lb.delete(&path(7))?.json()?,
        flat(
            422,
            "Load Balancer '7' has a status of 'ERROR' and is considered immutable."
        ),
        "the status first"
    );
    assert_eq!(lb.delete(&path(1))?.json()?, none);
    assert_eq!(
        lb.delete(&path(999))?.json()?,
        flat(404, "Load balancer not found")
    );
    // A load balancer with a SECONDARY node (created with its monitor, as the service asks).
    let create = json!({"loadBalancer": {"name": "pair", "protocol": "HTTP", "virtualIps": [{"type": "PUBLIC"}],
        "nodes": [{"address": "10.1.1.1", "port": 80, "condition": "ENABLED"},
                  {"address": "10.1.1.2", "port": 80, "condition": "ENABLED", "type": "SECONDARY"}],
        "healthMonitor": {"type": "CONNECT", "delay": 10, "timeout": 5, "attemptsBeforeDeactivation": 2}}});
    let created = lb.post("/loadbalancers", &create.to_string())?.json()?;
    let id = created["loadBalancer"]["id"].as_u64().expect("an id");
    wait_for_status(&emulator, "DFW", TENANT, id, "ACTIVE")?;
    assert_eq!(lb.put(&path(id), CONNECT)?.status, 202);
    wait_for_status(&emulator, "DFW", TENANT, id, "ACTIVE")?;
    assert_eq!(
        lb.delete(&path(id))?.json()?,
        flat(
            400,
            "Can not delete HealthMonitor since this lb contains Secondary nodes that depend on it. Please remove secondary nodes first."
        ),
    );
    assert_eq!(lb.put(&path(1), CONNECT)?.status, 202);
    emulator.set_load_balancer_status("DFW", TENANT, 1, "ERROR");
    let immutable = flat(
        422,
        "Load Balancer '1' has a status of 'ERROR' and is considered immutable.",
    );
    assert_eq!(lb.delete(&path(1))?.json()?, immutable);
    Ok(())
}

#[test]
fn other_paths_and_methods() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    assert_eq!(lb.post(&path(1), CONNECT)?.status, 405);
    assert_eq!(lb.get(&format!("{}/1", path(1)))?.status, 404);
    Ok(())
}
