//! `/loadbalancers/{id}[/nodes/{nodeId}]/metadata`: every rule of docs/api/metadata.md, in check
//! order, for both owners.

use std::time::Duration;

use crate::common::{Lb, flat, validation};
use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
use serde_json::{Value, json};

const TENANT: &str = "502";

/// Load balancers 1 and 2 (HTTP, ACTIVE, two nodes each), 3 in ERROR, 4 deleted.
fn emulator() -> anyhow::Result<(Emulator, Lb)> {
    let emulator = Emulator::builder()
        .user(User::new("meta", TENANT).api_key("k"))
        .load_balancer("DFW", TENANT, LoadBalancerSeed::new(1, "web", "HTTP"))
        .load_balancer("DFW", TENANT, LoadBalancerSeed::new(2, "api", "HTTP"))
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(3, "broken", "HTTP").status("ERROR"),
        )
        .load_balancer(
            "DFW",
            TENANT,
            LoadBalancerSeed::new(4, "gone", "HTTP").status("DELETED"),
        )
        .pending_time(Duration::from_secs(30))
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "meta")?;
    Ok((emulator, lb))
}

fn lb_path(id: u64) -> String {
    format!("/loadbalancers/{id}/metadata")
}

fn node_path(id: u64, node: u64) -> String {
    format!("/loadbalancers/{id}/nodes/{node}/metadata")
}

/// The first node of load balancer `id`.
fn first_node(lb: &Lb, id: u64) -> anyhow::Result<u64> {
    let detail = lb.get(&format!("/loadbalancers/{id}"))?.json()?;
    detail["loadBalancer"]["nodes"][0]["id"]
        .as_u64()
        .ok_or_else(|| anyhow::anyhow!("no node"))
}

fn items(pairs: &[(&str, &str)]) -> String {
    let list: Vec<Value> = pairs
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v}))
        .collect();
    json!({"metadata": list}).to_string()
}

fn many(prefix: &str, n: usize) -> String {
    let keys: Vec<String> = (0..n).map(|i| format!("{prefix}{i}")).collect();
    let pairs: Vec<(&str, &str)> = keys.iter().map(|k| (k.as_str(), "v")).collect();
    items(&pairs)
}

fn immutable(id: u64, status: &str) -> Value {
    flat(
        422,
        &format!("Load Balancer '{id}' has a status of '{status}' and is considered immutable."),
    )
}

fn schema() -> Value {
    json!({"message": ["JSON does not match the expected schema"]})
}

const DUPLICATE_LB: &str = "Duplicate metadata keys detected. One or more metadata keys already configured on load balancer.";

#[test]
fn add_answers_200_with_ids_and_the_load_balancer_stays_active() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    assert_eq!(lb.get(&lb_path(1))?.json()?, json!({"metadata": []}));
    let answer = lb.post(&lb_path(1), &items(&[("color", "red"), ("label", "web")]))?;
    assert_eq!(answer.status, 200);
    let expected = json!({"metadata": [
        {"id": 1, "key": "color", "value": "red"},
        {"id": 2, "key": "label", "value": "web"},
    ]});
    assert_eq!(answer.json()?, expected);
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("ACTIVE")
    );
    assert_eq!(lb.get(&lb_path(1))?.json()?, expected);
    // GET /loadbalancers/{id} embeds the load balancer's items, and only when there are some.
    let detail = lb.get("/loadbalancers/1")?.json()?;
    assert_eq!(detail["loadBalancer"]["metadata"], expected["metadata"]);
    assert!(
        lb.get("/loadbalancers/2")?.json()?["loadBalancer"]
            .get("metadata")
            .is_none()
    );
    // The root key is optional, and numbers are read as text.
    let bare = lb.post(&lb_path(2), r#"[{"key":"n","value":7}]"#)?;
    assert_eq!(
        bare.json()?,
        json!({"metadata": [{"id": 1, "key": "n", "value": "7"}]})
    );
    Ok(())
}

#[test]
fn add_bodies_are_checked_first() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator()?;
    let cases = [
        (
            r#"{"metadata":[]}"#,
            vec!["Must provide at least one metadata item"],
        ),
        (
            r#"{"metadata":[{"key":"a"},{"value":"b"},{"key":""}]}"#,
            vec![
                "Must provide a value for the node metadata item.",
                "Must provide a value for the node metadata item.",
                "Must provide a key for the node metadata item.",
                "Must provide a key for the node metadata item.",
                "Must provide a key for the node metadata item.",
                "Must provide a value for the node metadata item.",
                "Must provide a value for the node metadata item.",
            ],
        ),
        (
            r#"{"metadata":[{"id":3,"key":"a","value":"b"}]}"#,
            vec!["Must not specify an id for node meta data"],
        ),
    ];
    for (body, messages) in cases {
        let answer = lb.post(&lb_path(99), body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&messages)),
            "{body}"
        );
    }
    for body in [
        r#"{"meta":{"key":"a","value":"b"}}"#,
        r#"{"metadata":{"key":"a","value":"b"}}"#,
        r#"{"metadata":["a"]}"#,
        r#"{"metadata":[{"key":{},"value":"b"}]}"#,
        "nope",
    ] {
        let answer = lb.post(&lb_path(1), body)?;
        assert_eq!((answer.status, answer.json()?), (400, schema()), "{body}");
    }
    let missing = lb.post(&lb_path(99), &items(&[("a", "b")]))?;
    assert_eq!(
        (missing.status, missing.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    let gone = lb.post(&lb_path(4), &items(&[("a", "b")]))?;
    assert_eq!(gone.status, 410);
    Ok(())
}

#[test]
fn status_then_the_limit_then_duplicates() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    // Not ACTIVE: 422 even for a body that would also be a duplicate of an existing key.
    let busy = lb.post(&lb_path(3), &items(&[("a", "1"), ("b", "2")]))?;
    assert_eq!((busy.status, busy.json()?), (422, immutable(3, "ERROR")));

    assert_eq!(lb.post(&lb_path(1), &many("k", 24))?.status, 200);
    let again = lb.post(&lb_path(1), &items(&[("k3", "x")]))?;
    assert_eq!(
        (again.status, again.json()?),
        (422, flat(422, DUPLICATE_LB))
    );
    // 24 + 2 > 25: a 400 (not a 413), found before a duplicate of an existing key.
    let over = lb.post(&lb_path(1), &many("new", 2))?;
    let message = "Metadata must not exceed 25 per load balancer.";
    assert_eq!((over.status, over.json()?), (400, flat(400, message)));
    let both = lb.post(&lb_path(1), &items(&[("k3", "x"), ("other", "y")]))?;
    assert_eq!((both.status, both.json()?), (400, flat(400, message)));
    assert_eq!(lb.post(&lb_path(1), &many("new", 1))?.status, 200);
    assert_eq!(
        lb.post(&lb_path(1), &many("last", 1))?.json()?,
        flat(400, message)
    );
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("ACTIVE")
    );
    Ok(())
}

#[test]
fn node_metadata_is_separate_and_has_its_own_limit() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator()?;
    let node = first_node(&lb, 1)?;
    let foreign = first_node(&lb, 2)?;
    let answer = lb.get(&node_path(1, foreign))?;
    let message = format!("Node with id #{foreign} not found for loadbalancer #1");
    assert_eq!((answer.status, answer.json()?), (404, flat(404, &message)));
    assert_eq!(
        lb.post(&node_path(1, foreign), &items(&[("a", "b")]))?
            .status,
        404
    );
    assert_eq!(lb.get("/loadbalancers/1/nodes/x/metadata")?.status, 404);

    assert_eq!(lb.post(&lb_path(1), &items(&[("a", "lb")]))?.status, 200);
    let added = lb.post(&node_path(1, node), &items(&[("a", "node")]))?;
    assert_eq!(
        added.json()?,
        json!({"metadata": [{"id": 2, "key": "a", "value": "node"}]})
    );
    assert_eq!(lb.get(&lb_path(1))?.json()?["metadata"][0]["value"], "lb");
    // An item of the load balancer is not one of the node's.
    assert_eq!(lb.get(&format!("{}/1", node_path(1, node)))?.status, 404);

    assert_eq!(lb.post(&node_path(1, node), &many("k", 24))?.status, 200);
    let over = lb.post(&node_path(1, node), &many("z", 1))?;
    assert_eq!(
        (over.status, over.json()?),
        (400, flat(400, "Metadata must not exceed 25 per node."))
    );
    // Full: the limit is checked before a duplicate of an existing key.
    let twice = lb.post(&node_path(1, node), &items(&[("a", "x")]))?;
    assert_eq!(
        twice.json()?,
        flat(400, "Metadata must not exceed 25 per node.")
    );
    let node2 = first_node(&lb, 2)?;
    lb.post(&node_path(2, node2), &items(&[("a", "x")]))?;
    let twice = lb.post(&node_path(2, node2), &items(&[("a", "y")]))?;
    let duplicate =
        "Duplicate metadata keys detected. One or more metadata keys already configured on node.";
    assert_eq!(twice.json()?, flat(422, duplicate));
    Ok(())
}

#[test]
fn show_update_and_delete_one_item() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    let node = first_node(&lb, 1)?;
    for base in [lb_path(1), node_path(1, node)] {
        let added = lb.post(&base, &items(&[("color", "red")]))?.json()?;
        let id = added["metadata"][0]["id"].as_u64().expect("id");
        let item = format!("{base}/{id}");
        assert_eq!(
            lb.get(&item)?.json()?,
            json!({"meta": {"id": id, "key": "color", "value": "red"}})
        );
        let answer = lb.put(&item, r#"{"meta":{"value":"blue"}}"#)?;
        assert_eq!(answer.status, 200);
        if base.contains("/nodes/") {
            let blue = json!({"meta": {"id": id, "key": "color", "value": "blue"}});
            assert_eq!(answer.json()?, blue);
        } else {
            assert!(answer.body.is_empty());
        }
        assert_eq!(lb.get(&item)?.json()?["meta"]["value"], "blue");
        assert_eq!(lb.put(&item, r#"{"value":"green"}"#)?.status, 200);
        let missing = lb.get(&format!("{base}/999"))?;
        let message = "Metadata item with id #999 not found.";
        assert_eq!((missing.status, missing.json()?), (404, flat(404, message)));
        assert_eq!(
            lb.put(&format!("{base}/999"), r#"{"meta":{"value":"x"}}"#)?
                .status,
            404
        );
        assert_eq!(lb.delete(&format!("{base}/999"))?.status, 404);
        let answer = lb.delete(&item)?;
        assert_eq!(answer.status, 200);
        assert_eq!(lb.get(&item)?.status, 404);
    }
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("ACTIVE")
    );
    let key = lb.put(
        &format!("{}/1", lb_path(1)),
        r#"{"meta":{"key":"k","value":"v"}}"#,
    )?;
    let message = "Node meta key field cannot be modified.";
    assert_eq!((key.status, key.json()?), (400, validation(&[message])));
    let none = lb.put(&format!("{}/1", lb_path(99)), r#"{"meta":{}}"#)?;
    assert_eq!(
        none.json()?,
        validation(&[
            "Must provide a value to update for the node metadata item.",
            "Must provide a value for the node metadata item.",
        ])
    );
    assert_eq!(
        lb.put(&format!("{}/1", lb_path(1)), "[]")?.json()?,
        schema()
    );
    Ok(())
}

#[test]
fn changes_need_an_active_load_balancer() -> anyhow::Result<()> {
    let (emulator, lb) = emulator()?;
    let id = lb.post(&lb_path(1), &items(&[("a", "1")]))?.json()?["metadata"][0]["id"]
        .as_u64()
        .expect("id");
    emulator.set_load_balancer_status("DFW", TENANT, 1, "PENDING_UPDATE");
    let item = format!("{}/{id}", lb_path(1));
    for answer in [
        lb.post(&lb_path(1), &items(&[("b", "2")]))?,
        lb.put(&item, r#"{"meta":{"value":"x"}}"#)?,
        lb.delete(&item)?,
        lb.delete(&format!("{}?id={id}", lb_path(1)))?,
    ] {
        assert_eq!(
            (answer.status, answer.json()?),
            (422, immutable(1, "PENDING_UPDATE"))
        );
    }
    // Reads work in any status.
    assert_eq!(lb.get(&item)?.status, 200);
    Ok(())
}

#[test]
fn bulk_delete_is_all_or_nothing() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator()?;
    let node = first_node(&lb, 1)?;
    let added = lb.post(&lb_path(1), &many("k", 12))?.json()?;
    let ids: Vec<u64> = added["metadata"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["id"].as_u64())
        .collect();
    let query = |ids: &[u64]| {
        ids.iter()
            .map(|i| format!("id={i}"))
            .collect::<Vec<_>>()
            .join("&")
    };
    let over = lb.delete(&format!("{}?{}", lb_path(1), query(&ids[..11])))?;
    let message = "Request to delete 11 metadata items exceeds the account limit BATCH_DELETE_LIMIT of 10, please attempt to delete fewer than 10.";
    assert_eq!((over.status, over.json()?), (400, flat(400, message)));
    let none = lb.delete(&lb_path(1))?;
    assert_eq!(
        none.json()?,
        flat(400, "Must supply one or more id's to process this request.")
    );
    // Items of the load balancer are not the node's.
    let foreign = lb.delete(&format!(
        "{}?id={}&id={}",
        node_path(1, node),
        ids[0],
        ids[1]
    ))?;
    let named = format!(
        "Metadata ids {},{} are not a part of your node",
        ids[0], ids[1]
    );
    assert_eq!(
        (foreign.status, foreign.json()?),
        (400, validation(&[&named]))
    );
    let mixed = lb.delete(&format!("{}?id={}&id=999", lb_path(1), ids[0]))?;
    assert_eq!(
        mixed.json()?,
        validation(&["Metadata ids 999 are not a part of your loadbalancer"])
    );
    assert_eq!(
        lb.get(&lb_path(1))?.json()?["metadata"]
            .as_array()
            .map(Vec::len),
        Some(12)
    );
    let answer = lb.delete(&format!("{}?{}", lb_path(1), query(&ids[..10])))?;
    assert_eq!(answer.status, 200);
    assert_eq!(
        lb.get(&lb_path(1))?.json()?["metadata"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    Ok(())
}
