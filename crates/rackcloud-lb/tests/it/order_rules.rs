//! Orders the service's rules demand beyond the usual one: a port taken from the secure port,
//! nodes enabled before others are disabled, limits kept by removing first, weights under a
//! weighted algorithm, addresses compared as the service does.

use rackcloud_lb::nodes::Condition;
use rackcloud_lb::{Change, Current, plan};
use serde_json::{Value, json};

use crate::common::{doc, doc_in, full_lb};

fn plan_from(have: Value, want: Value) -> Vec<Change> {
    let have = doc(&[have]).load_balancers.remove(0);
    let p = plan(&doc(&[want]), &[Current::from_spec(5, have)]).expect("planned");
    p.lbs()[0].changes().to_vec()
}

#[test]
fn a_port_that_was_the_secure_port_waits_for_the_termination_to_move() {
    let dir = tempfile::tempdir().expect("a folder");
    let cert = rackcloud_testing::tls::self_signed("shop.example.com");
    let files = [("c.crt", cert.cert.as_str()), ("c.key", cert.key.as_str())];
    let mut lb = full_lb("shop");
    lb["ssl_termination"] = json!({"certificate_file": "c.crt", "private_key_file": "c.key",
                                   "secure_port": 443});
    let have = doc_in(dir.path(), &[lb.clone()], &files)
        .load_balancers
        .remove(0);
    lb["port"] = json!(443);
    lb["ssl_termination"]["secure_port"] = json!(8443);
    let want = doc_in(dir.path(), &[lb.clone()], &files);
    let p = plan(&want, &[Current::from_spec(5, have.clone())]).expect("planned");
    let changes = p.lbs()[0].changes();
    assert!(
        matches!(
            &changes[0],
            Change::SetSslTermination { ssl, certificate: false, .. } if ssl.secure_port == 8443
        ),
        "{p}"
    );
    assert!(
        matches!(
            changes[1],
            Change::UpdateLb {
                port: Some(443),
                ..
            }
        ),
        "{p}"
    );
    // A swap cannot be done in any order: refused, naming the field.
    lb["ssl_termination"]["secure_port"] = json!(80);
    let want = doc_in(dir.path(), &[lb], &files);
    let err = plan(&want, &[Current::from_spec(5, have)]).expect_err("refused");
    assert!(err.is_invalid_input());
    assert!(
        err.to_string()
            .contains("load_balancers[0] (\"shop\").port: the port (80 to 443) and the SSL termination's secure port (443 to 80) swap places"),
        "{err}"
    );
}

#[test]
fn a_node_is_enabled_before_another_is_disabled() {
    let mut have = full_lb("n");
    have["nodes"] = json!([{"address": "10.0.0.1", "port": 80},
                           {"address": "10.0.0.2", "port": 80, "condition": "DISABLED"}]);
    let mut want = have.clone();
    want["nodes"] = json!([{"address": "10.0.0.1", "port": 80, "condition": "DISABLED"},
                           {"address": "10.0.0.2", "port": 80}]);
    let changes = plan_from(have, want);
    assert!(
        matches!(
            &changes[..],
            [
                Change::UpdateNode { id: 2, .. },
                Change::UpdateNode { id: 1, .. }
            ]
        ),
        "{changes:?}"
    );
}

#[test]
fn removals_go_first_when_adds_would_pass_the_limits() {
    let nodes = |from: u32, n: u32| -> Value {
        (from..from + n)
            .map(|i| json!({"address": format!("10.0.1.{i}"), "port": 80}))
            .collect()
    };
    let meta = |prefix: &str| -> Value {
        (0..20)
            .map(|i| (format!("{prefix}{i}"), json!("v")))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let mut have = full_lb("l");
    have["nodes"] = nodes(1, 15);
    have["metadata"] = meta("old");
    let mut want = full_lb("l");
    want["nodes"] = nodes(1, 1)
        .as_array()
        .expect("a list")
        .iter()
        .cloned()
        .chain(nodes(100, 14).as_array().expect("a list").iter().cloned())
        .collect();
    want["metadata"] = meta("new");
    let changes = plan_from(have, want);
    let at = |f: fn(&Change) -> bool| changes.iter().position(f).expect("planned");
    // 15 + 14 nodes would pass 25: the 14 leave first while 10.0.1.1 carries the traffic.
    assert!(
        at(|c| matches!(c, Change::RemoveNodes { .. })) < at(|c| matches!(c, Change::AddNodes(_)))
    );
    // 20 + 20 metadata items would pass 25: removals (ten a request) first.
    assert!(
        at(|c| matches!(c, Change::RemoveMetadata { .. }))
            < at(|c| matches!(c, Change::AddMetadata(_)))
    );
    // Few adds: adds first, so the new nodes serve before the old ones leave; each old one is
    // drained before the removal, so its connections finish.
    let mut have = full_lb("s");
    have["nodes"] = nodes(1, 2);
    let mut want = full_lb("s");
    want["nodes"] = nodes(50, 2);
    let changes = plan_from(have, want);
    let drain = |c: &Change, want: u64| matches!(c, Change::UpdateNode { id, condition: Some(Condition::Draining), .. } if *id == want);
    assert!(
        matches!(
            &changes[..],
            [Change::AddNodes(_), a, b, Change::RemoveNodes { .. }] if drain(a, 1) && drain(b, 2)
        ),
        "{changes:?}"
    );
}

#[test]
fn weights_are_planned_under_a_weighted_algorithm_and_addresses_compare_canonically() {
    let mut have = full_lb("w");
    have["nodes"] = json!([{"address": "2001:db8:0::1", "port": 80}]);
    let mut want = have.clone();
    want["nodes"] = json!([{"address": "2001:DB8::1", "port": 80, "weight": 5}]);
    // Not weighted: the service shows no weight, nothing to compare.
    assert_eq!(plan_from(have.clone(), want.clone()), []);
    want["algorithm"] = json!("WEIGHTED_ROUND_ROBIN");
    let changes = plan_from(have, want);
    assert!(
        matches!(
            &changes[..],
            [
                Change::UpdateLb { .. },
                Change::UpdateNode {
                    weight: Some(5),
                    ..
                }
            ]
        ),
        "{changes:?}"
    );
}
