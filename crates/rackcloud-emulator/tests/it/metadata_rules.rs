//! The service's item rules of a metadata add or update (docs/api/metadata.md): duplicate keys
//! inside one request, the 32-character key and 256-character value limits, at most 25 items,
//! every message at once and in the service's order, for both owners.

use crate::common::{Lb, validation};
use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
use serde_json::{Value, json};

const TENANT: &str = "503";
const DUPLICATE: &str =
    "Duplicate keys detected. Please ensure that the key is unique for each metadata item.";

fn emulator() -> anyhow::Result<(Emulator, Lb, String)> {
    let emulator = Emulator::builder()
        .user(User::new("rules", TENANT).api_key("k"))
        .load_balancer("DFW", TENANT, LoadBalancerSeed::new(1, "web", "HTTP"))
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "rules")?;
    let detail = lb.get("/loadbalancers/1")?.json()?;
    let node = detail["loadBalancer"]["nodes"][0]["id"]
        .as_u64()
        .ok_or_else(|| anyhow::anyhow!("no node"))?;
    Ok((
        emulator,
        lb,
        format!("/loadbalancers/1/nodes/{node}/metadata"),
    ))
}

fn body(items: &[Value]) -> String {
    json!({ "metadata": items }).to_string()
}

#[test]
fn duplicate_keys_inside_one_post_are_a_400_validation_error() -> anyhow::Result<()> {
    let (_e, lb, node) = emulator()?;
    for path in ["/loadbalancers/1/metadata", node.as_str()] {
        let twice = body(&[
            json!({"key": "a", "value": "1"}),
            json!({"key": "a", "value": "2"}),
        ]);
        let answer = lb.post(path, &twice)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&[DUPLICATE])),
            "{path}"
        );
        assert_eq!(lb.get(path)?.json()?, json!({"metadata": []}));
    }
    Ok(())
}

#[test]
fn keys_over_32_and_values_over_256_characters_are_refused() -> anyhow::Result<()> {
    let (_e, lb, node) = emulator()?;
    let key = "k".repeat(33);
    let value = "v".repeat(257);
    for path in ["/loadbalancers/1/metadata", node.as_str()] {
        let long = body(&[
            json!({"key": key, "value": "ok"}),
            json!({"key": "fine", "value": value}),
            json!({"id": 4, "key": "", "value": "x"}),
        ]);
        let answer = lb.post(path, &long)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (
                400,
                validation(&[
                    "Node meta key must not exceed 32 characters.",
                    "Node meta value must not exceed 256 characters.",
                    "Must not specify an id for node meta data",
                    "Must provide a key for the node metadata item.",
                ])
            ),
            "{path}"
        );
        // At the limits (in characters, not bytes) the item is accepted.
        let at = body(&[json!({"key": "é".repeat(32), "value": "ü".repeat(256)})]);
        let answer = lb.post(path, &at)?;
        assert_eq!(answer.status, 200, "{path}");
        let id = answer.json()?["metadata"][0]["id"].as_u64().expect("id");
        let put = lb.put(
            &format!("{path}/{id}"),
            &json!({"meta": {"value": value}}).to_string(),
        )?;
        assert_eq!(
            (put.status, put.json()?),
            (
                400,
                validation(&["Node meta value must not exceed 256 characters."])
            )
        );
    }
    Ok(())
}

#[test]
fn more_than_25_items_in_one_request_is_a_validation_error() -> anyhow::Result<()> {
    let (_e, lb, _node) = emulator()?;
    let items: Vec<Value> = (0..26)
        .map(|i| json!({"key": format!("k{i}"), "value": "v"}))
        .collect();
    let answer = lb.post("/loadbalancers/1/metadata", &body(&items))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            400,
            validation(&[
                "Must not provide more than twenty five metadata items per load balancer."
            ])
        )
    );
    Ok(())
}
