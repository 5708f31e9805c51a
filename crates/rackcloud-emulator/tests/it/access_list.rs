//! `/loadbalancers/{id}/accesslist`: the server's rules, their order and their exact words.

use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

use crate::common::{Lb, flat, validation, wait_for_status};

const PATH: &str = "/loadbalancers/1/accesslist";

fn items(n: usize) -> String {
    let list: Vec<_> = (0..n)
        .map(|i| json!({"address": format!("10.0.{}.{}", i / 200, i % 200), "type": "DENY"}))
        .collect();
    json!({"accessList": list}).to_string()
}

fn settle(emulator: &Emulator) -> anyhow::Result<()> {
    wait_for_status(emulator, "DFW", DEMO_TENANT, 1, "ACTIVE")
}

/// Changes stay pending long enough for the next request to find them so on a loaded machine,
/// and short enough for the tests that wait them out.
fn quick() -> anyhow::Result<Emulator> {
    Ok(Emulator::builder()
        .default_seed()
        .pending_time(std::time::Duration::from_millis(250))
        .start()?)
}

#[test]
fn append_show_and_embed() -> anyhow::Result<()> {
    let emulator = quick()?;
    let lb = Lb::demo(&emulator)?;
    assert_eq!(lb.get(PATH)?.json()?, json!({"accessList": []}));
    assert!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]
            .get("accessList")
            .is_none()
    );
    let body = r#"{"accessList":[{"address":"0.0.0.0/0","type":"DENY"},{"address":"2001:DB8::/32","type":"ALLOW"}]}"#;
    let answer = lb.post(PATH, body)?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("PENDING_UPDATE")
    );
    let want = json!([
        {"id": 100_001, "address": "0.0.0.0/0", "type": "DENY"},
        {"id": 100_002, "address": "2001:DB8::/32", "type": "ALLOW"},
    ]);
    assert_eq!(lb.get(PATH)?.json()?, json!({"accessList": want}));
    assert_eq!(
        lb.get("/loadbalancers/1")?.json()?["loadBalancer"]["accessList"],
        want
    );
    settle(&emulator)?;
    // A bare array is read like the wrapped body.
    assert_eq!(
        lb.post(PATH, r#"[{"address":"192.0.2.1","type":"ALLOW"}]"#)?
            .status,
        202
    );
    Ok(())
}

#[test]
fn validation_comes_first_then_lookup() -> anyhow::Result<()> {
    let emulator = quick()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.post("/loadbalancers/999/accesslist", r#"{"accessList":[]}"#)?;
    assert_eq!(
        answer.json()?,
        validation(&["Must provide at least one network item to the access list."])
    );
    let answer = lb.post(
        PATH,
        r#"{"accessList":[{"id":5,"address":"192.0.2.300"},{"address":"0.0.0.0","type":"DENY"}]}"#,
    )?;
    assert_eq!(
        answer.json()?,
        validation(&[
            "Network item id field cannot be modified.",
            "Must provide a valid type for the network item.",
            "Network Address must be valid Ip Address",
            "Please specify a valid network item address.",
        ])
    );
    let answer = lb.post(PATH, r#"{"accessList":{}}"#)?;
    assert_eq!(
        answer.json()?,
        json!({"message": ["JSON does not match the expected schema"]})
    );
    let answer = lb.post("/loadbalancers/999/accesslist", &items(1))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    Ok(())
}

#[test]
fn status_then_size_then_duplicates() -> anyhow::Result<()> {
    let emulator = quick()?;
    let lb = Lb::demo(&emulator)?;
    assert_eq!(lb.post(PATH, &items(99))?.status, 202);
    // Busy: 422 before the size and duplicate checks.
    let answer = lb.post(PATH, &items(5))?;
    assert_eq!(
        answer.json()?,
        flat(
            422,
            "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable."
        )
    );
    settle(&emulator)?;
    // 99 + 2 > 100: the size limit, a 400, before the duplicates.
    let answer = lb.post(PATH, &items(2))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            400,
            flat(400, "Access list size must not exceed 100 items.")
        )
    );
    let answer = lb.post(PATH, &items(1))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (
            400,
            flat(
                400,
                "Must supply a unique access list item to update the current list."
            )
        )
    );
    let twice = r#"[{"address":"192.0.2.1","type":"DENY"},{"address":"192.0.2.1","type":"ALLOW"}]"#;
    assert_eq!(lb.post("/loadbalancers/2/accesslist", twice)?.status, 400);
    // Exactly 100 is allowed.
    assert_eq!(
        lb.post(PATH, r#"[{"address":"192.0.2.1","type":"ALLOW"}]"#)?
            .status,
        202
    );
    settle(&emulator)?;
    assert_eq!(
        lb.get(PATH)?.json()?["accessList"].as_array().map(Vec::len),
        Some(100)
    );
    Ok(())
}

#[test]
fn delete_all_has_its_own_words() -> anyhow::Result<()> {
    let emulator = quick()?;
    let lb = Lb::demo(&emulator)?;
    let answer = lb.delete(PATH)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (422, flat(422, "No access list found to delete"))
    );
    lb.post(PATH, &items(3))?;
    let answer = lb.delete(PATH)?;
    assert_eq!(
        (answer.status, answer.json()?),
        (422, flat(422, "LoadBalancer is not ACTIVE"))
    );
    settle(&emulator)?;
    assert_eq!(lb.delete(PATH)?.status, 202);
    assert_eq!(lb.get(PATH)?.json()?, json!({"accessList": []}));
    assert_eq!(lb.delete("/loadbalancers/999/accesslist")?.status, 404);
    Ok(())
}

#[test]
fn bulk_delete_is_all_or_nothing_and_at_most_ten() -> anyhow::Result<()> {
    let emulator = quick()?;
    let lb = Lb::demo(&emulator)?;
    lb.post(PATH, &items(12))?;
    settle(&emulator)?;
    let eleven: Vec<String> = (100_001..=100_011).map(|i| format!("id={i}")).collect();
    let answer = lb.delete(&format!("{PATH}?{}", eleven.join("&")))?;
    assert_eq!(
        answer.json()?,
        flat(
            400,
            "Currently, the limit of accepted parameters is: 10 :please review your request and try again."
        )
    );
    assert_eq!(lb.delete(&format!("{PATH}?id=x"))?.status, 400);
    let answer = lb.delete(&format!("{PATH}?id=100001&id=7&id=200001"))?;
    assert_eq!(
        answer.json()?,
        flat(400, "Network items with ids 7, 200001 not found.")
    );
    let answer = lb.delete(&format!("{PATH}?id=7"))?;
    assert_eq!(
        answer.json()?,
        flat(400, "Network item with id 7 not found.")
    );
    assert_eq!(
        lb.get(PATH)?.json()?["accessList"].as_array().map(Vec::len),
        Some(12)
    );
    assert_eq!(
        lb.delete(&format!("{PATH}?id=100001&id=100002"))?.status,
        202
    );
    let answer = lb.delete(&format!("{PATH}?id=100003"))?;
    assert_eq!(answer.status, 422);
    settle(&emulator)?;
    assert_eq!(
        lb.get(PATH)?.json()?["accessList"].as_array().map(Vec::len),
        Some(10)
    );
    Ok(())
}

#[test]
fn delete_one_looks_the_item_up_before_the_status() -> anyhow::Result<()> {
    let emulator = quick()?;
    let lb = Lb::demo(&emulator)?;
    lb.post(PATH, &items(2))?;
    let answer = lb.delete(&format!("{PATH}/7"))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (404, flat(404, "Network Item not found"))
    );
    assert_eq!(lb.delete(&format!("{PATH}/100001"))?.status, 422);
    settle(&emulator)?;
    assert_eq!(lb.delete(&format!("{PATH}/100001"))?.status, 202);
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("PENDING_UPDATE")
    );
    assert_eq!(lb.call("PUT", PATH, Some("{}"))?.status, 405);
    Ok(())
}
