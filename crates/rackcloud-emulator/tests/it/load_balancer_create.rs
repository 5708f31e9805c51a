//! `POST /loadbalancers`: the answer, `BUILD` then `ACTIVE`, defaults and options, and every
//! validation message.

use std::time::Duration;

use crate::common::{Lb, eventually, flat, ids, validation};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator};
use serde_json::json;

const CREATE: &str = r#"{"loadBalancer":{"name":"new","protocol":"HTTP","port":8080,
    "virtualIps":[{"type":"PUBLIC"}],
    "nodes":[{"address":"10.0.0.1","port":80,"condition":"ENABLED"}]}}"#;

#[test]
fn create_answers_build_then_active() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .build_time(Duration::from_secs(1))
        .start()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.post("/loadbalancers", CREATE)?;
    assert_eq!(answer.status, 202);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let created = answer.json()?["loadBalancer"].clone();
    assert_eq!(created["status"], "BUILD");
    assert_eq!(
        (&created["name"], &created["port"], &created["algorithm"]),
        (&json!("new"), &json!(8080), &json!("RANDOM"))
    );
    assert_eq!(created["nodes"][0]["address"], "10.0.0.1");
    assert_eq!(created["virtualIps"][0]["ipVersion"], "IPV4");
    let id = created["id"].as_u64().unwrap_or_default();
    assert!(id >= 1000, "{id}");

    assert_eq!(
        lb.get(&format!("/loadbalancers/{id}"))?.json()?["loadBalancer"]["status"],
        "BUILD"
    );
    let busy = lb.put(
        &format!("/loadbalancers/{id}/sessionpersistence"),
        r#"{"sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}"#,
    )?;
    assert_eq!(busy.status, 422);
    eventually(|| {
        Ok(lb.get(&format!("/loadbalancers/{id}"))?.json()?["loadBalancer"]["status"] == "ACTIVE")
    })?;
    assert_eq!(ids(&lb.get("/loadbalancers")?.json()?), [1, 2, 3, id]);
    // Ids are unique across regions.
    let ord = Lb::new(&emulator, "ORD", DEMO_TENANT, DEMO_USERNAME)?;
    let other = ord.post("/loadbalancers", CREATE)?.json()?;
    assert_eq!(other["loadBalancer"]["id"], id + 1);
    Ok(())
}

#[test]
fn create_defaults_and_options() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let body = r#"{"loadBalancer":{"name":"s","protocol":"HTTPS","algorithm":"ROUND_ROBIN","timeout":60,
        "halfClosed":"false","virtualIps":[{"type":"PUBLIC","ipVersion":"IPV6"}],
        "sessionPersistence":{"persistenceType":"SSL_ID"}}}"#;
    let created = lb.post("/loadbalancers", body)?.json()?["loadBalancer"].clone();
    assert_eq!(created["port"], 443);
    assert_eq!(created["algorithm"], "ROUND_ROBIN");
    assert_eq!(created["timeout"], 60);
    assert_eq!(created["halfClosed"], false);
    assert_eq!(
        created["sessionPersistence"],
        json!({"persistenceType": "SSL_ID"})
    );
    assert_eq!(created["virtualIps"][0]["ipVersion"], "IPV6");
    assert_eq!(created["virtualIps"].as_array().map(Vec::len), Some(1));
    assert_eq!(created["nodes"], json!([]));

    // A shared virtual IP: the id of another load balancer's address.
    let vip = lb.get("/loadbalancers/1")?.json()?["loadBalancer"]["virtualIps"][0].clone();
    let shared = format!(
        r#"{{"loadBalancer":{{"name":"twin","protocol":"HTTPS","virtualIps":[{{"id":{}}}]}}}}"#,
        vip["id"]
    );
    let twin = lb.post("/loadbalancers", &shared)?.json()?;
    assert_eq!(twin["loadBalancer"]["virtualIps"][0], vip);
    let missing = lb.post(
        "/loadbalancers",
        r#"{"loadBalancer":{"name":"x","protocol":"HTTP","virtualIps":[{"id":999999}]}}"#,
    )?;
    assert_eq!(
        (missing.status, missing.json()?),
        (
            400,
            flat(
                400,
                "Shared virtual ip could not be found. Please provide a valid virtual ip id to process this request."
            )
        )
    );
    Ok(())
}

#[test]
fn create_validation() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let cases = [
        (
            r#"{"loadBalancer":{}}"#,
            vec![
                "Must provide a valid protocol for the load balancer.",
                "Must provide a name for the load balancer.",
                "Must provide at least one virtual ip for the load balancer.",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"","protocol":"HTTP","virtualIps":[],"algorithm":"FASTEST","timeout":5}}"#,
            vec![
                "Load balancer algorithm is invalid. Please specify a valid algorithm.",
                "Load balancer timeout is invalid. Please specify a valid timeout value.",
                "Load balancer name is invalid. Please specify a valid name",
                "Must have at least one virtual ip for the load balancer",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"a","protocol":"UDP","virtualIps":[{"type":"PUBLIC","id":1}]}}"#,
            vec![
                "Must specify either a shared or new virtual ip.",
                "If sharing a virtual ip please only specify the id.",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"a","protocol":"HTTP","port":70000,"status":"ACTIVE","virtualIps":[{"type":"SERVICENET","ipVersion":"IPV6","address":"10.0.0.1"}]}}"#,
            vec![
                "Load balancer port is invalid. Please specify a valid port.",
                "Load balancer status field cannot be modified.",
                "Virtual ip address field cannot be modified.",
                "Must specify a valid IP type. IPv6 supports the 'PUBLIC' type only.",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"a","protocol":"HTTP","virtualIps":[{"type":"PUBLIC"}],
                "nodes":[{"address":"10.0.0.1","port":80,"condition":"ENABLED"},
                         {"address":"10.0.0.1","port":80,"condition":"ENABLED"},
                         {"address":"10.0.0.2","port":0}]}}"#,
            vec![
                "Duplicate nodes detected. Please ensure that the ip address and port are unique for each node.",
                "Node port is invalid. Please specify a valid port.",
                "Must provide a valid condition for the node.",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"a","protocol":"HTTP","virtualIps":[{"type":"PUBLIC"}],
                "sessionPersistence":{"persistenceType":"COOKIE"}}}"#,
            vec!["Persistence type is invalid. Please specify a valid persistence type."],
        ),
    ];
    for (body, messages) in cases {
        let answer = lb.post("/loadbalancers", body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&messages)),
            "{body}"
        );
    }
    let long = format!(
        r#"{{"loadBalancer":{{"name":"{}","protocol":"HTTP","virtualIps":[{{"type":"PUBLIC"}}]}}}}"#,
        "n".repeat(129)
    );
    let answer = lb.post("/loadbalancers", &long)?;
    assert_eq!(
        answer.json()?,
        validation(&["Load Balancer name must be less than or equal to 128"])
    );

    let schema = json!({"message": ["JSON does not match the expected schema"]});
    for body in [
        "",
        "{",
        r#"{"name":"a"}"#,
        r#"{"loadBalancer":{"port":"eighty"}}"#,
        r#"{"loadBalancer":{"name":"a","protocol":"HTTP","virtualIps":[{"type":"FLOATING"}]}}"#,
        r#"{"loadBalancer":{"virtualIps":{}}}"#,
    ] {
        let answer = lb.post("/loadbalancers", body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, schema.clone()),
            "{body}"
        );
    }
    let mismatch = r#"{"loadBalancer":{"name":"a","protocol":"TCP","port":1,"virtualIps":[{"type":"PUBLIC"}],
        "sessionPersistence":{"persistenceType":"HTTP_COOKIE"}}}"#;
    let answer = lb.post("/loadbalancers", mismatch)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            400,
            flat(
                400,
                "HTTP_COOKIE Session persistence is only valid with HTTP protocol with or without SSL termination."
            )
        )
    );
    assert_eq!(ids(&lb.get("/loadbalancers")?.json()?), [1, 2, 3]);
    Ok(())
}
