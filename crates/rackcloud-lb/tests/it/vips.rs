//! Virtual IPs after creation: a PUBLIC IPv6 one added, others removed after, anything else
//! refused before anything is sent.

use rackcloud_emulator::Emulator;
use rackcloud_lb::{Change, apply, plan_account};
use serde_json::json;

use crate::common::{dfw, doc, fleet, full_lb};

#[test]
fn an_ipv6_vip_is_added_then_the_ipv4_one_removed() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    assert!(
        apply(
            &client,
            &plan_account(&client, &doc(&[full_lb("v")]))?,
            &fleet()
        )
        .is_complete()
    );

    let mut lb = full_lb("v");
    lb["virtual_ips"] = json!([{"type": "PUBLIC", "ip_version": "IPV4"},
                               {"type": "PUBLIC", "ip_version": "IPV6"}]);
    let plan = plan_account(&client, &doc(&[lb]))?;
    assert!(
        matches!(plan.lbs()[0].changes(), [Change::AddVirtualIp(v)] if v.ip_version.as_ref().is_some_and(|v| v.as_str() == "IPV6")),
        "{plan}"
    );
    assert!(apply(&client, &plan, &fleet()).is_complete());

    let mut lb = full_lb("v");
    lb["virtual_ips"] = json!([{"type": "PUBLIC", "ip_version": "IPV6"}]);
    let d = doc(&[lb]);
    let plan = plan_account(&client, &d)?;
    assert!(
        matches!(plan.lbs()[0].changes(), [Change::RemoveVirtualIps { vips, ids, .. }] if vips == &["PUBLIC IPV4"] && ids.len() == 1),
        "{plan}"
    );
    assert!(plan.lbs()[0].changes()[0].is_destructive());
    assert!(apply(&client, &plan, &fleet()).is_complete());
    assert!(plan_account(&client, &d)?.is_empty());
    // Not listed: left as they are.
    let mut lb = full_lb("v");
    lb.as_object_mut().expect("an entry").remove("virtual_ips");
    assert!(plan_account(&client, &doc(&[lb]))?.is_empty());
    Ok(())
}

#[test]
fn a_vip_the_api_cannot_add_is_refused_naming_it() -> anyhow::Result<()> {
    let emulator = Emulator::start()?;
    let client = dfw(&emulator);
    assert!(
        apply(
            &client,
            &plan_account(&client, &doc(&[full_lb("w")]))?,
            &fleet()
        )
        .is_complete()
    );
    let mut lb = full_lb("w");
    lb["virtual_ips"] = json!([{"type": "PUBLIC"}, {"type": "SERVICENET"}]);
    emulator.clear_requests();
    let err = plan_account(&client, &doc(&[lb])).expect_err("refused");
    assert!(err.is_invalid_input(), "{err}");
    assert!(
        err.to_string().contains(
            "load_balancers[0] (\"w\").virtual_ips[1]: a SERVICENET IPV4 virtual IP cannot be added"
        ),
        "{err}"
    );
    assert!(emulator.requests().iter().all(|r| r.method == "GET"));
    Ok(())
}
