//! `/loadbalancers` and `/loadbalancers/{id}`: list and paging, show, create, update, delete and
//! the status transitions.

mod common;

use std::time::Duration;

use common::{Lb, eventually, wait_for_status};
use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed, User};
use serde_json::{Value, json};

fn ids(answer: &Value) -> Vec<u64> {
    answer["loadBalancers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|lb| lb["id"].as_u64())
        .collect()
}

fn validation(messages: &[&str]) -> Value {
    json!({
        "validationErrors": {"messages": messages},
        "message": "Validation Failure",
        "code": 400,
        "details": "The object is not valid",
    })
}

fn flat(code: u16, message: &str) -> Value {
    json!({"message": message, "code": code})
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .into_iter()
        .flat_map(|o| o.keys().cloned())
        .collect();
    keys.sort();
    keys
}

const CREATE: &str = r#"{"loadBalancer":{"name":"new","protocol":"HTTP","port":8080,
    "virtualIps":[{"type":"PUBLIC"}],
    "nodes":[{"address":"10.0.0.1","port":80,"condition":"ENABLED"}]}}"#;

#[test]
fn list_is_ordered_by_id_and_paged() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.get("/loadbalancers")?;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let all = answer.json()?;
    assert_eq!(ids(&all), [1, 2, 3]);
    let first = &all["loadBalancers"][0];
    assert_eq!(
        keys(first),
        [
            "algorithm",
            "created",
            "id",
            "name",
            "nodeCount",
            "port",
            "protocol",
            "status",
            "updated",
            "virtualIps"
        ]
    );
    assert_eq!(
        (
            &first["name"],
            &first["protocol"],
            &first["port"],
            &first["status"],
            &first["algorithm"]
        ),
        (
            &json!("web"),
            &json!("HTTP"),
            &json!(80),
            &json!("ACTIVE"),
            &json!("RANDOM")
        )
    );
    let cases = [
        ("?limit=2", vec![1, 2]),
        ("?marker=2", vec![3]),
        ("?limit=1&marker=1", vec![2]),
        ("?marker=3", vec![]),
        ("?marker=0", vec![1, 2, 3]),
        ("?limit=0", vec![1, 2, 3]),
        ("?limit=500", vec![1, 2, 3]),
        ("?limit=-1", vec![1, 2, 3]),
        ("?status=ACTIVE&limit=1", vec![1]),
    ];
    for (query, want) in cases {
        assert_eq!(
            ids(&lb.get(&format!("/loadbalancers{query}"))?.json()?),
            want,
            "{query}"
        );
    }
    for (query, message) in [
        (
            "?limit=two",
            "The limit query parameter must be an integer.",
        ),
        ("?marker=", "The marker query parameter must be an integer."),
    ] {
        let answer = lb.get(&format!("/loadbalancers{query}"))?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, flat(400, message)),
            "{query}"
        );
    }
    let ord = Lb::new(&emulator, "ORD", DEMO_TENANT, "demo")?;
    assert_eq!(ids(&ord.get("/loadbalancers")?.json()?), [10, 11]);
    Ok(())
}

#[test]
fn an_account_without_load_balancers_lists_none() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("u", "1").api_key("k"))
        .start()?;
    let lb = Lb::new(&emulator, "DFW", "1", "u")?;
    assert_eq!(
        lb.get("/loadbalancers")?.json()?,
        json!({"loadBalancers": []})
    );
    Ok(())
}

#[test]
fn show_has_the_documented_fields() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(4, "sticky", "HTTP").session_persistence("HTTP_COOKIE"),
        )
        .start()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.get("/loadbalancers/1")?;
    assert_eq!(answer.status, 200);
    let detail = answer.json()?["loadBalancer"].clone();
    assert_eq!(
        keys(&detail),
        [
            "algorithm",
            "cluster",
            "connectionLogging",
            "contentCaching",
            "created",
            "halfClosed",
            "httpsRedirect",
            "id",
            "name",
            "nodes",
            "port",
            "protocol",
            "sourceAddresses",
            "status",
            "timeout",
            "updated",
            "virtualIps",
        ]
    );
    assert_eq!(detail["id"], 1);
    assert_eq!(detail["timeout"], 30);
    assert_eq!(detail["halfClosed"], false);
    assert!(
        detail["created"]["time"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert!(detail["cluster"]["name"].is_string());
    assert_eq!(detail["virtualIps"][0]["type"], "PUBLIC");
    assert_eq!(detail["nodes"][0]["condition"], "ENABLED");

    let sticky = lb.get("/loadbalancers/4")?.json()?;
    assert_eq!(
        sticky["loadBalancer"]["sessionPersistence"],
        json!({"persistenceType": "HTTP_COOKIE"})
    );

    let answer = lb.get("/loadbalancers/12345")?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    Ok(())
}

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
    let ord = Lb::new(&emulator, "ORD", DEMO_TENANT, "demo")?;
    let other = ord.post("/loadbalancers", CREATE)?.json()?;
    assert_eq!(other["loadBalancer"]["id"], id + 1);
    Ok(())
}

#[test]
fn create_defaults_and_options() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let lb = Lb::demo(&emulator)?;
    let body = r#"{"loadBalancer":{"name":"s","protocol":"HTTPS","algorithm":"ROUND_ROBIN","timeout":60,
        "halfClosed":true,"virtualIps":[{"type":"SERVICENET"},{"type":"PUBLIC","ipVersion":"IPV6"}],
        "sessionPersistence":{"persistenceType":"SSL_ID"}}}"#;
    let created = lb.post("/loadbalancers", body)?.json()?["loadBalancer"].clone();
    assert_eq!(created["port"], 443);
    assert_eq!(created["algorithm"], "ROUND_ROBIN");
    assert_eq!(created["timeout"], 60);
    assert_eq!(created["halfClosed"], true);
    assert_eq!(
        created["sessionPersistence"],
        json!({"persistenceType": "SSL_ID"})
    );
    assert_eq!(created["virtualIps"][1]["ipVersion"], "IPV6");
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
            validation(&["Virtual ip with id 999999 could not be found."])
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
                "Must provide a name for the load balancer.",
                "Must provide a valid protocol for the load balancer.",
                "Must provide at least one virtual ip for the load balancer.",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":" ","protocol":"HTTP","virtualIps":[],"algorithm":"FASTEST","timeout":5}}"#,
            vec![
                "Load balancer name is invalid. Please specify a valid name",
                "Load balancer algorithm is invalid. Please specify a valid algorithm.",
                "Load balancer timeout is invalid. Please specify a valid timeout value.",
                "Must have at least one virtual ip for the load balancer",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"a","protocol":"UDP","virtualIps":[{"type":"PUBLIC","id":1}]}}"#,
            vec![
                "Must provide a valid port for the load balancer.",
                "Must specify either a shared or new virtual ip.",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"a","protocol":"HTTP","port":70000,"status":"ACTIVE","virtualIps":[{"type":"FLOATING"}]}}"#,
            vec![
                "Load balancer status field cannot be modified.",
                "Load balancer port is invalid. Please specify a valid port.",
                "Virtual ip type is invalid. Please specify a valid type.",
            ],
        ),
        (
            r#"{"loadBalancer":{"name":"a","protocol":"HTTP","virtualIps":[{"type":"PUBLIC"}],
                "nodes":[{"address":"10.0.0.1","port":80,"condition":"ENABLED"},
                         {"address":"10.0.0.1","port":80,"condition":"ENABLED"},
                         {"address":"10.0.0.2","port":0,"condition":"ON"}]}}"#,
            vec![
                "Node port is invalid. Please specify a valid port.",
                "Node condition is invalid. Please specify a valid condition.",
                "Duplicate nodes detected. Please ensure that the ip address and port are unique for each node.",
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
        r#"{"loadBalancer":{"port":"80"}}"#,
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
        r#"{"loadBalancer":{"nodes":[],"protocol":"GOPHER"}}"#,
    )?;
    assert_eq!(
        answer.json()?,
        validation(&[
            "Please visit {account id}/loadbalancers/{load balancer id}/nodes to configure nodes.",
            "Load balancer protocol is invalid. Please specify a valid protocol.",
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

#[test]
fn seeded_statuses_hold() -> anyhow::Result<()> {
    let emulator = Emulator::builder()
        .user(User::new("u", "1").api_key("k"))
        .load_balancer(
            "dfw",
            "1",
            LoadBalancerSeed::new(1, "a", "HTTP").status("BUILD"),
        )
        .load_balancer(
            "DFW",
            "1",
            LoadBalancerSeed::new(2, "b", "HTTP").status("DELETED"),
        )
        .start()?;
    let lb = Lb::new(&emulator, "DFW", "1", "u")?;
    assert_eq!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]["status"],
        "BUILD"
    );
    assert_eq!(ids(&lb.get("/loadbalancers")?.json()?), [1]);
    assert_eq!(lb.get("/loadbalancers/2/sessionpersistence")?.status, 410);
    Ok(())
}
