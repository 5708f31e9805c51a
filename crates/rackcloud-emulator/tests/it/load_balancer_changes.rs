//! `PUT` and `DELETE /loadbalancers/{id}`: what an update applies, the order of its checks, the
//! persistence a protocol change keeps, and the statuses a delete goes through.

use std::time::Duration;

use crate::common::{Lb, eventually, flat, ids, validation, wait_for_status};
use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed, User};
use serde_json::json;

#[test]
fn update_applies_and_goes_pending() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(1))
        .start()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.put("/loadbalancers/1", r#"{"loadBalancer":{"name":"renamed","algorithm":"LEAST_CONNECTIONS","port":8080,"timeout":90,"halfClosed":true}}"#)?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    let detail = lb.get("/loadbalancers/1")?.json()?["loadBalancer"].clone();
    assert_eq!(detail["status"], "PENDING_UPDATE");
    assert_eq!(
        (
            &detail["name"],
            &detail["algorithm"],
            &detail["port"],
            &detail["timeout"],
            &detail["halfClosed"]
        ),
        (
            &json!("renamed"),
            &json!("LEAST_CONNECTIONS"),
            &json!(8080),
            &json!(90),
            &json!(true)
        )
    );
    let again = lb.put("/loadbalancers/1", r#"{"loadBalancer":{"name":"x"}}"#)?;
    assert_eq!(
        (again.status, again.json()?),
        (
            422,
            flat(
                422,
                "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable."
            )
        )
    );
    wait_for_status(&emulator, "DFW", DEMO_TENANT, 1, "ACTIVE")?;
    assert_eq!(
        lb.put("/loadbalancers/1", r#"{"loadBalancer":{"name":"x"}}"#)?
            .status,
        202
    );
    Ok(())
}

#[test]
fn update_checks_validation_then_lookup_then_status() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let nothing = "The load balancer must have at least one of the following to update: name, algorithm, protocol, port, timeout, halfClosed, or httpsRedirect.";
    for id in [1, 99] {
        let answer = lb.put(&format!("/loadbalancers/{id}"), r#"{"loadBalancer":{}}"#)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&[nothing])),
            "{id}"
        );
    }
    let answer = lb.put(
        "/loadbalancers/1",
        r#"{"loadBalancer":{"nodes":[{"address":"10.0.0.9"}],"protocol":"GOPHER"}}"#,
    )?;
    assert_eq!(
        answer.json()?,
        validation(&[
            "Load balancer protocol is invalid. Please specify a valid protocol.",
            "Please visit {account id}/loadbalancers/{load balancer id}/nodes to configure nodes.",
        ])
    );
    let schema = json!({"message": ["JSON does not match the expected schema"]});
    let answer = lb.put(
        "/loadbalancers/99",
        r#"{"loadBalancer":{"halfClosed":"yes"}}"#,
    )?;
    assert_eq!((answer.status, answer.json()?), (400, schema));

    let answer = lb.put("/loadbalancers/99", r#"{"loadBalancer":{"name":"x"}}"#)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 2, "SUSPENDED");
    let answer = lb.put("/loadbalancers/2", r#"{"loadBalancer":{"name":"x"}}"#)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            422,
            flat(
                422,
                "Load Balancer '2' has a status of 'SUSPENDED' and is considered immutable."
            )
        )
    );
    assert_eq!(lb.delete("/loadbalancers/3")?.status, 202);
    let answer = lb.put("/loadbalancers/3", r#"{"loadBalancer":{"name":"x"}}"#)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (410, flat(410, "The loadbalancer is marked as deleted."))
    );
    Ok(())
}

#[test]
fn a_protocol_change_keeps_only_the_fitting_persistence() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("u", "1").api_key("k"))
        .load_balancer(
            "DFW",
            "1",
            LoadBalancerSeed::new(1, "a", "HTTP").session_persistence("HTTP_COOKIE"),
        )
        .load_balancer(
            "DFW",
            "1",
            LoadBalancerSeed::new(2, "b", "HTTP").session_persistence("HTTP_COOKIE"),
        )
        .load_balancer(
            "DFW",
            "1",
            LoadBalancerSeed::new(3, "c", "TCP").session_persistence("SOURCE_IP"),
        )
        .load_balancer(
            "DFW",
            "1",
            LoadBalancerSeed::new(4, "d", "TCP").session_persistence("SOURCE_IP"),
        )
        .start()?;
    let lb = Lb::new(&emulator, "DFW", "1", "u")?;
    let cases = [
        (1, "HTTPS", None),
        (2, "HTTP", Some("HTTP_COOKIE")),
        (3, "UDP", Some("SOURCE_IP")),
        (4, "HTTP", None),
    ];
    for (id, protocol, kept) in cases {
        let body = format!(r#"{{"loadBalancer":{{"protocol":"{protocol}"}}}}"#);
        assert_eq!(lb.put(&format!("/loadbalancers/{id}"), &body)?.status, 202);
        assert_eq!(
            emulator.session_persistence("DFW", "1", id),
            Some(kept.map(String::from)),
            "{id}"
        );
    }
    Ok(())
}

#[test]
fn a_protocol_change_turns_content_caching_off_unless_http() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::ZERO)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    let caching = |lb: &Lb| -> anyhow::Result<serde_json::Value> {
        Ok(lb.get("/loadbalancers/1/contentcaching")?.json()?["contentCaching"]["enabled"].clone())
    };
    let on = r#"{"contentCaching":{"enabled":true}}"#;
    assert_eq!(lb.put("/loadbalancers/1/contentcaching", on)?.status, 202);
    assert_eq!(caching(&lb)?, true);
    // To HTTP again (no change of protocol): kept.
    let http = r#"{"loadBalancer":{"protocol":"HTTP"}}"#;
    assert_eq!(lb.put("/loadbalancers/1", http)?.status, 202);
    assert_eq!(caching(&lb)?, true);
    let tcp = r#"{"loadBalancer":{"protocol":"TCP"}}"#;
    assert_eq!(lb.put("/loadbalancers/1", tcp)?.status, 202);
    assert_eq!(caching(&lb)?, false);
    Ok(())
}

#[test]
fn delete_goes_pending_delete_then_deleted() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_secs(1))
        .start()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.delete("/loadbalancers/2")?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    assert_eq!(
        lb.get("/loadbalancers/2")?.json()?["loadBalancer"]["status"],
        "PENDING_DELETE"
    );
    // Still listed while PENDING_DELETE; refused a second time.
    assert_eq!(ids(&lb.get("/loadbalancers")?.json()?), [1, 2, 3]);
    let again = lb.delete("/loadbalancers/2")?;
    assert_eq!(
        (again.status, again.json()?),
        (
            422,
            flat(
                422,
                "Load Balancer '2' has a status of 'PENDING_DELETE' and is considered immutable."
            )
        )
    );
    eventually(|| Ok(lb.get("/loadbalancers/2")?.json()?["loadBalancer"]["status"] == "DELETED"))?;
    // A deleted load balancer still answers GET, is no longer listed, and is gone for changes.
    assert_eq!(lb.get("/loadbalancers/2")?.status, 200);
    assert_eq!(ids(&lb.get("/loadbalancers")?.json()?), [1, 3]);
    let gone = lb.delete("/loadbalancers/2")?;
    assert_eq!(
        (gone.status, gone.json()?),
        (410, flat(410, "The loadbalancer is marked as deleted."))
    );
    let missing = lb.delete("/loadbalancers/99")?;
    assert_eq!(
        (missing.status, missing.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    Ok(())
}

#[test]
fn delete_is_allowed_from_active_or_error_only() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    assert_eq!(lb.delete("/loadbalancers/1")?.status, 202);
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("DELETED")
    );
    for status in ["SUSPENDED", "BUILD", "PENDING_UPDATE"] {
        emulator.set_load_balancer_status("DFW", DEMO_TENANT, 3, status);
        let answer = lb.delete("/loadbalancers/3")?;
        let message =
            format!("Load Balancer '3' has a status of '{status}' and is considered immutable.");
        assert_eq!((answer.status, answer.json()?), (422, flat(422, &message)));
    }
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 3)
            .as_deref(),
        Some("PENDING_UPDATE")
    );
    assert_eq!(emulator.load_balancer_status("DFW", DEMO_TENANT, 99), None);
    assert_eq!(emulator.session_persistence("DFW", DEMO_TENANT, 99), None);
    Ok(())
}
