//! `/loadbalancers/{id}/sessionpersistence`: every rule of docs/api/session-persistence.md, in
//! check order.

use std::time::Duration;

use crate::common::{Lb, flat, validation, wait_for_status};
use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
use serde_json::{Value, json};

const TENANT: &str = "500";
const SP: &str = "/sessionpersistence";

/// Load balancers: 1 HTTP with HTTP_COOKIE, 2 TCP, 3 HTTPS, 4 HTTP in ERROR, 5 TCP in ERROR,
/// 6 HTTP with an unknown type, 7 HTTP disabled.
fn emulator(pending: Duration) -> anyhow::Result<(Emulator, Lb)> {
    let emulator = Emulator::builder()
        .user(User::new("sp", TENANT).api_key("k"))
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(1, "web", "HTTP").session_persistence("HTTP_COOKIE"),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(2, "tcp", "TCP").port(8080),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(3, "secure", "HTTPS").port(443),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(4, "broken", "HTTP").status("ERROR"),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(5, "broken-tcp", "TCP").status("ERROR"),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(6, "future", "HTTP").session_persistence("APP_COOKIE"),
        )
        .load_balancer("DFW", TENANT, LoadBalancerSeed::new(7, "plain", "HTTP"))
        .pending_time(pending)
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "sp")?;
    Ok((emulator, lb))
}

fn path(id: u64) -> String {
    format!("/loadbalancers/{id}{SP}")
}

fn enable(kind: &str) -> String {
    format!(r#"{{"sessionPersistence":{{"persistenceType":"{kind}"}}}}"#)
}

fn immutable(id: u64, status: &str) -> Value {
    flat(
        422,
        &format!("Load Balancer '{id}' has a status of '{status}' and is considered immutable."),
    )
}

const INVALID_TYPE: &str = "Persistence type is invalid. Please specify a valid persistence type.";
const MISSING_TYPE: &str = "Must provide a persistence type.";
const HTTP_COOKIE_RULE: &str = "HTTP_COOKIE Session persistence is only valid with HTTP protocol with or without SSL termination.";
const SSL_ID_RULE: &str = "SSL_ID session persistence is only valid with the HTTPS protocol.";

#[test]
fn get_shows_the_type_or_an_empty_object() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.get(&path(1))?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(
        answer.json()?,
        json!({"sessionPersistence": {"persistenceType": "HTTP_COOKIE"}})
    );
    assert_eq!(lb.get(&path(2))?.json()?, json!({"sessionPersistence": {}}));
    // A type the API does not know is read back as stored.
    assert_eq!(
        lb.get(&path(6))?.json()?,
        json!({"sessionPersistence": {"persistenceType": "APP_COOKIE"}})
    );
    // Any status but DELETED.
    assert_eq!(lb.get(&path(4))?.status, 200);
    let answer = lb.get(&path(99))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    Ok(())
}

#[test]
fn enable_is_an_empty_202_then_pending_update_then_active() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::from_secs(1))?;
    let answer = lb.put(&path(7), &enable("HTTP_COOKIE"))?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    assert_eq!(answer.header("content-type"), None);
    assert_eq!(
        emulator.session_persistence("DFW", TENANT, 7),
        Some(Some("HTTP_COOKIE".into()))
    );
    // The change reads back at once, while the load balancer is PENDING_UPDATE.
    assert_eq!(
        lb.get("/loadbalancers/7")?.json()?["loadBalancer"]["status"],
        "PENDING_UPDATE"
    );
    assert_eq!(
        lb.get(&path(7))?.json()?,
        json!({"sessionPersistence": {"persistenceType": "HTTP_COOKIE"}})
    );
    // A second change meanwhile is refused.
    let again = lb.put(&path(7), &enable("SOURCE_IP"))?;
    assert_eq!(
        (again.status, again.json()?),
        (422, immutable(7, "PENDING_UPDATE"))
    );
    let disable = lb.delete(&path(7))?;
    assert_eq!(
        (disable.status, disable.json()?),
        (422, immutable(7, "PENDING_UPDATE"))
    );
    // Poll the load balancer as clients are told to.
    crate::common::eventually(|| {
        Ok(lb.get("/loadbalancers/7")?.json()?["loadBalancer"]["status"] == "ACTIVE")
    })?;
    // The same type again is accepted the same way.
    assert_eq!(lb.put(&path(7), &enable("HTTP_COOKIE"))?.status, 202);
    Ok(())
}

#[test]
fn body_validation_comes_first() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    // An invalid type to an unknown id is the 400, not the 404; to a deleted-or-busy one too.
    for id in [99, 4, 2] {
        let answer = lb.put(&path(id), &enable("STICKY"))?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&[INVALID_TYPE])),
            "{id}"
        );
        let answer = lb.put(&path(id), r#"{"sessionPersistence":{}}"#)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&[MISSING_TYPE])),
            "{id}"
        );
    }
    // Letter case and the empty string are invalid types; null is a missing one.
    for kind in ["http_cookie", "", " SOURCE_IP"] {
        let answer = lb.put(&path(7), &enable(kind))?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&[INVALID_TYPE])),
            "{kind:?}"
        );
    }
    let answer = lb.put(
        &path(7),
        r#"{"sessionPersistence":{"persistenceType":null}}"#,
    )?;
    assert_eq!(
        (answer.status, answer.json()?),
        (400, validation(&[MISSING_TYPE]))
    );
    Ok(())
}

#[test]
fn a_body_that_is_not_the_expected_json_gets_the_schema_answer() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let schema = json!({"message": ["JSON does not match the expected schema"]});
    let bodies = [
        "",
        "HTTP_COOKIE",
        "{",
        "[]",
        "null",
        "{}",
        r#"{"persistenceType":"HTTP_COOKIE"}"#,
        r#"{"sessionPersistence":"HTTP_COOKIE"}"#,
        r#"{"sessionPersistence":null}"#,
        r#"{"sessionPersistence":[{"persistenceType":"HTTP_COOKIE"}]}"#,
        r#"{"sessionPersistence":{"persistenceType":1}}"#,
        r#"{"sessionPersistence":{"persistenceType":["HTTP_COOKIE"]}}"#,
    ];
    for body in bodies {
        let answer = lb.put(&path(99), body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, schema.clone()),
            "{body:?}"
        );
    }
    // Unknown fields are ignored.
    let extra =
        r#"{"sessionPersistence":{"persistenceType":"SOURCE_IP","cookieName":"x"},"other":1}"#;
    assert_eq!(lb.put(&path(2), extra)?.status, 202);
    assert_eq!(
        emulator.session_persistence("DFW", TENANT, 2),
        Some(Some("SOURCE_IP".into()))
    );
    Ok(())
}

#[test]
fn lookup_comes_second() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.put(&path(99), &enable("HTTP_COOKIE"))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Load balancer not found"))
    );

    assert_eq!(lb.delete("/loadbalancers/7")?.status, 202);
    wait_for_status(&emulator, "DFW", TENANT, 7, "DELETED")?;
    let deleted = flat(410, "The loadbalancer is marked as deleted.");
    // Even with a protocol mismatch, the 410 comes first.
    for body in [enable("HTTP_COOKIE"), enable("SSL_ID")] {
        let answer = lb.put(&path(7), &body)?;
        assert_eq!((answer.status, answer.json()?), (410, deleted.clone()));
    }
    let answer = lb.get(&path(7))?;
    assert_eq!((answer.status, answer.json()?), (410, deleted.clone()));
    let answer = lb.delete(&path(7))?;
    assert_eq!((answer.status, answer.json()?), (410, deleted));
    Ok(())
}

#[test]
fn the_protocol_rule_comes_third() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.put(&path(2), &enable("HTTP_COOKIE"))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (400, flat(400, HTTP_COOKIE_RULE))
    );
    let answer = lb.put(&path(3), &enable("HTTP_COOKIE"))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (400, flat(400, HTTP_COOKIE_RULE))
    );
    for id in [1, 2] {
        let answer = lb.put(&path(id), &enable("SSL_ID"))?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, flat(400, SSL_ID_RULE)),
            "{id}"
        );
    }
    // Before the status: a TCP load balancer in ERROR gets the protocol answer.
    let answer = lb.put(&path(5), &enable("HTTP_COOKIE"))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (400, flat(400, HTTP_COOKIE_RULE))
    );

    assert_eq!(lb.put(&path(3), &enable("SSL_ID"))?.status, 202);
    assert_eq!(
        emulator.session_persistence("DFW", TENANT, 3),
        Some(Some("SSL_ID".into()))
    );
    // SOURCE_IP fits every protocol.
    for id in [1, 2, 3] {
        assert_eq!(lb.put(&path(id), &enable("SOURCE_IP"))?.status, 202, "{id}");
    }
    Ok(())
}

#[test]
fn the_status_comes_fourth() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.put(&path(4), &enable("HTTP_COOKIE"))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (422, immutable(4, "ERROR"))
    );
    for status in ["SUSPENDED", "PENDING_UPDATE", "BUILD", "PENDING_DELETE"] {
        emulator.set_load_balancer_status("DFW", TENANT, 7, status);
        let answer = lb.put(&path(7), &enable("HTTP_COOKIE"))?;
        assert_eq!((answer.status, answer.json()?), (422, immutable(7, status)));
    }
    // A forced status stays until changed…
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 7).as_deref(),
        Some("PENDING_DELETE")
    );
    emulator.set_load_balancer_status("DFW", TENANT, 7, "ACTIVE");
    assert_eq!(lb.put(&path(7), &enable("HTTP_COOKIE"))?.status, 202);
    Ok(())
}

#[test]
fn disable_checks_lookup_then_already_disabled_then_status() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::from_secs(30))?;
    let already = flat(422, "Session persistence is already deleted.");
    let answer = lb.delete(&path(99))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    // Already disabled is checked before the status: ACTIVE, ERROR or busy alike.
    for id in [2, 4] {
        let answer = lb.delete(&path(id))?;
        assert_eq!(
            (answer.status, answer.json()?),
            (422, already.clone()),
            "{id}"
        );
    }
    // Enabled and busy: the immutable answer.
    emulator.set_load_balancer_status("DFW", TENANT, 1, "ERROR");
    let answer = lb.delete(&path(1))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (422, immutable(1, "ERROR"))
    );
    emulator.set_load_balancer_status("DFW", TENANT, 1, "ACTIVE");

    let answer = lb.delete(&path(1))?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    assert_eq!(emulator.session_persistence("DFW", TENANT, 1), Some(None));
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    assert_eq!(lb.get(&path(1))?.json()?, json!({"sessionPersistence": {}}));
    // Disabled and PENDING_UPDATE: "already deleted", not immutable.
    let answer = lb.delete(&path(1))?;
    assert_eq!((answer.status, answer.json()?), (422, already));
    // The lb resource no longer carries the key.
    let detail = lb.get("/loadbalancers/1")?.json()?;
    assert_eq!(detail["loadBalancer"].get("sessionPersistence"), None);
    Ok(())
}

#[test]
fn disable_then_pending_then_active() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::from_secs(1))?;
    assert_eq!(lb.delete(&path(1))?.status, 202);
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    wait_for_status(&emulator, "DFW", TENANT, 1, "ACTIVE")?;
    assert_eq!(lb.put(&path(1), &enable("HTTP_COOKIE"))?.status, 202);
    Ok(())
}
