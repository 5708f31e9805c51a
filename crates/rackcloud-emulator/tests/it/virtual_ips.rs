//! `/loadbalancers/{id}/virtualips`: every rule of docs/api/virtual-ips.md, in check order.

use std::time::Duration;

use crate::common::{Lb, flat, validation, wait_for_status};
use rackcloud_emulator::{Emulator, LoadBalancerSeed, User};
use serde_json::{Value, json};

const TENANT: &str = "501";
const IPV6_ONLY: &str = "Only IPV6 virtual ips can be added.";
const PUBLIC_ONLY: &str = "Only PUBLIC virtual ips can be added.";
const LAST_VIP: &str = "A load balancer must keep at least one virtual ip.";

/// Load balancers 1 and 2 (HTTP, ACTIVE), 3 in ERROR, 4 deleted; each seeded with one public
/// IPv4 and one public IPv6 virtual IP.
fn emulator(pending: Duration) -> anyhow::Result<(Emulator, Lb)> {
    let emulator = Emulator::builder()
        .user(User::new("vips", TENANT).api_key("k"))
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
        .pending_time(pending)
        .start()?;
    let lb = Lb::new(&emulator, "DFW", TENANT, "vips")?;
    Ok((emulator, lb))
}

fn path(id: u64) -> String {
    format!("/loadbalancers/{id}/virtualips")
}

fn vip_ids(lb: &Lb, id: u64) -> anyhow::Result<Vec<u64>> {
    let list = lb.get(&path(id))?.json()?;
    Ok(list["virtualIps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["id"].as_u64())
        .collect())
}

fn immutable(id: u64, status: &str) -> Value {
    flat(
        422,
        &format!("Load Balancer '{id}' has a status of '{status}' and is considered immutable."),
    )
}

const IPV6: &str = r#"{"type":"PUBLIC","ipVersion":"IPV6"}"#;

#[test]
fn list_shows_every_virtual_ip_and_lookup_comes_first() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let answer = lb.get(&path(1))?;
    assert_eq!(answer.status, 200);
    let list = answer.json()?;
    let vips = list["virtualIps"].as_array().cloned().unwrap_or_default();
    assert_eq!(vips.len(), 2);
    assert_eq!(
        (vips[0]["type"].clone(), vips[0]["ipVersion"].clone()),
        (json!("PUBLIC"), json!("IPV4"))
    );
    assert_eq!(vips[1]["ipVersion"], "IPV6");
    assert!(vips[1]["address"].as_str().unwrap_or("").contains(':'));
    assert_eq!(lb.get(&path(3))?.status, 200);
    let missing = lb.get(&path(99))?;
    assert_eq!(
        (missing.status, missing.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    let gone = lb.get(&path(4))?;
    assert_eq!(
        (gone.status, gone.json()?),
        (410, flat(410, "The loadbalancer is marked as deleted."))
    );
    Ok(())
}

#[test]
fn add_answers_the_unwrapped_virtual_ip_and_makes_the_load_balancer_pending() -> anyhow::Result<()>
{
    let (emulator, lb) = emulator(Duration::from_secs(30))?;
    let answer = lb.post(&path(1), IPV6)?;
    assert_eq!(answer.status, 202);
    let vip = answer.json()?;
    assert_eq!(
        (vip["type"].clone(), vip["ipVersion"].clone()),
        (json!("PUBLIC"), json!("IPV6"))
    );
    let id = vip["id"].as_u64().expect("an id");
    assert!(vip_ids(&lb, 1)?.contains(&id));
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    let busy = lb.post(&path(1), IPV6)?;
    assert_eq!(
        (busy.status, busy.json()?),
        (422, immutable(1, "PENDING_UPDATE"))
    );
    // The root key is optional on input.
    let wrapped = lb.post(&path(2), &format!(r#"{{"virtualIp":{IPV6}}}"#))?;
    assert_eq!(wrapped.status, 202);
    Ok(())
}

#[test]
fn add_refuses_all_but_public_ipv6_in_the_validation_shape() -> anyhow::Result<()> {
    let (_emulator, lb) = emulator(Duration::ZERO)?;
    let cases = [
        (r#"{"type":"PUBLIC","ipVersion":"IPV4"}"#, vec![IPV6_ONLY]),
        (
            r#"{"type":"SERVICENET","ipVersion":"IPV6"}"#,
            vec![PUBLIC_ONLY],
        ),
        (
            r#"{"type":"SERVICENET","ipVersion":"IPV4"}"#,
            vec![PUBLIC_ONLY, IPV6_ONLY],
        ),
        (
            r#"{"type":null}"#,
            vec![
                "Must provide a virtual ip type of PUBLIC.",
                "Must provide an ipVersion of IPV6.",
            ],
        ),
        (r#"{"id":1000}"#, vec!["Cannot add a shared virtual ip."]),
        (
            r#"{"id":"1000","type":"PUBLIC","ipVersion":"IPV6"}"#,
            vec!["Cannot add a shared virtual ip."],
        ),
    ];
    for (body, messages) in cases {
        let answer = lb.post(&path(1), body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, validation(&messages)),
            "{body}"
        );
    }
    let schema = json!({"message": ["JSON does not match the expected schema"]});
    for body in [
        "nope",
        "[]",
        r#"{"type":"public","ipVersion":"IPV6"}"#,
        r#"{"type":1}"#,
        r#"{"id":{}}"#,
    ] {
        let answer = lb.post(&path(1), body)?;
        assert_eq!(
            (answer.status, answer.json()?),
            (400, schema.clone()),
            "{body}"
        );
    }
    // The body is checked before the lookup.
    assert_eq!(
        lb.post(&path(99), r#"{"type":"PUBLIC","ipVersion":"IPV4"}"#)?
            .status,
        400
    );
    assert_eq!(lb.post(&path(99), IPV6)?.status, 404);
    Ok(())
}

#[test]
fn the_ipv6_limit_is_a_flat_413_checked_before_the_status() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    // One IPv6 address is seeded: 24 more reach the limit of 25.
    for _ in 0..24 {
        assert_eq!(lb.post(&path(1), IPV6)?.status, 202);
    }
    let answer = lb.post(&path(1), IPV6)?;
    let message = "Your load balancer cannot have more than 25 IPv6 virtual ips.";
    assert_eq!((answer.status, answer.json()?), (413, flat(413, message)));
    assert_eq!(vip_ids(&lb, 1)?.len(), 26);
    emulator.set_load_balancer_status("DFW", TENANT, 1, "ERROR");
    assert_eq!(lb.post(&path(1), IPV6)?.status, 413);
    let busy = lb.post(&path(3), IPV6)?;
    assert_eq!((busy.status, busy.json()?), (422, immutable(3, "ERROR")));
    Ok(())
}

#[test]
fn delete_checks_the_virtual_ip_then_the_last_one_then_the_status() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::from_millis(200))?;
    let [first, second] = vip_ids(&lb, 1)?[..] else {
        anyhow::bail!("two virtual ips expected");
    };
    let other = vip_ids(&lb, 2)?[0];
    let answer = lb.delete(&format!("{}/{other}", path(1)))?;
    let message = format!("Virtual ip with id #{other} not found for loadbalancer #1");
    assert_eq!((answer.status, answer.json()?), (404, flat(404, &message)));
    assert_eq!(lb.delete(&format!("{}/abc", path(1)))?.status, 404);

    let answer = lb.delete(&format!("{}/{first}", path(1)))?;
    assert_eq!(answer.status, 202);
    assert!(answer.body.is_empty());
    assert_eq!(
        emulator.load_balancer_status("DFW", TENANT, 1).as_deref(),
        Some("PENDING_UPDATE")
    );
    // The last one: 400, before the status is looked at.
    let last = lb.delete(&format!("{}/{second}", path(1)))?;
    assert_eq!((last.status, last.json()?), (400, flat(400, LAST_VIP)));
    wait_for_status(&emulator, "DFW", TENANT, 1, "ACTIVE")?;
    assert_eq!(vip_ids(&lb, 1)?, [second]);

    let broken = vip_ids(&lb, 3)?[0];
    let answer = lb.delete(&format!("{}/{broken}", path(3)))?;
    assert_eq!(
        (answer.status, answer.json()?),
        (422, immutable(3, "ERROR"))
    );
    Ok(())
}

#[test]
fn bulk_delete_is_all_or_nothing_in_the_documented_order() -> anyhow::Result<()> {
    let (emulator, lb) = emulator(Duration::ZERO)?;
    let bulk = |id: u64, query: &str| lb.delete(&format!("{}{query}", path(id)));
    let none = bulk(1, "")?;
    let must = "Must supply one or more id's to process this request.";
    assert_eq!((none.status, none.json()?), (400, flat(400, must)));
    assert_eq!(
        bulk(1, "?id=x")?.json()?,
        flat(400, "Ids must be whole numbers.")
    );
    let eleven: String = (1..=11).map(|i| format!("&id={i}")).collect();
    let answer = bulk(99, &format!("?{}", &eleven[1..]))?;
    let over = "Request to delete 11 virtual ips exceeds the account limit BATCH_DELETE_LIMIT of 10, please attempt to delete fewer than 10.";
    assert_eq!((answer.status, answer.json()?), (400, flat(400, over)));
    assert_eq!(bulk(99, "?id=1")?.status, 404);

    for _ in 0..2 {
        lb.post(&path(1), IPV6)?;
    }
    let ids = vip_ids(&lb, 1)?;
    let other = vip_ids(&lb, 2)?;
    let answer = bulk(
        1,
        &format!("?id={}&id={}&id={}", ids[0], other[0], other[1]),
    )?;
    let named = format!(
        "Virtual ip ids {},{} are not a part of your loadbalancer",
        other[0], other[1]
    );
    assert_eq!(
        (answer.status, answer.json()?),
        (400, validation(&[&named]))
    );
    assert_eq!(vip_ids(&lb, 1)?, ids, "nothing deleted");
    let all: String = ids.iter().map(|i| format!("id={i}&")).collect();
    assert_eq!(bulk(1, &format!("?{all}"))?.json()?, flat(400, LAST_VIP));

    emulator.set_load_balancer_status("DFW", TENANT, 1, "ERROR");
    let busy = bulk(1, &format!("?id={}", ids[0]))?;
    assert_eq!((busy.status, busy.json()?), (422, immutable(1, "ERROR")));
    emulator.set_load_balancer_status("DFW", TENANT, 1, "ACTIVE");
    let answer = bulk(1, &format!("?id={}&id={}", ids[0], ids[1]))?;
    assert_eq!(answer.status, 202);
    assert_eq!(vip_ids(&lb, 1)?, ids[2..]);
    Ok(())
}
