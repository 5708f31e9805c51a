//! `/loadbalancers` and `/loadbalancers/{id}`: list and paging, show, create, update, delete and
//! the status transitions.

use crate::common::{Lb, flat, ids};
use rackcloud_emulator::{DEMO_TENANT, DEMO_USERNAME, Emulator, LoadBalancerSeed, User};
use serde_json::{Value, json};

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .into_iter()
        .flat_map(|o| o.keys().cloned())
        .collect();
    keys.sort();
    keys
}

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
            "timeout",
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
    let ord = Lb::new(&emulator, "ORD", DEMO_TENANT, DEMO_USERNAME)?;
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
