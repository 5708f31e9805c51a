//! Pure planning: the order of changes, with no account.

use rackcloud_lb::nodes::Condition;
use rackcloud_lb::{Change, Current, plan};
use serde_json::json;

use crate::common::{doc, full_lb};

#[test]
fn a_new_load_balancer_is_one_creation_with_its_whole_configuration() {
    let d = doc(&[full_lb("shop")]);
    let p = plan(&d, &[]).expect("in the document");
    let changes = p.lbs()[0].changes();
    let [Change::CreateLb(spec)] = changes else {
        panic!("one creation, nothing after it: {p}")
    };
    // Secondary nodes too: the monitor they need is in the same request.
    assert_eq!(spec.nodes.len(), 3);
    assert!(spec.health_monitor.is_some());
    assert_eq!(spec.access_list.len(), 2);
    assert_eq!(spec.metadata.len(), 2);
    assert!(spec.connection_throttle.is_some() && spec.session_persistence.is_some());
    assert!(spec.connection_logging && spec.content_caching);
    assert_eq!(
        p.to_string(),
        "shop (new): 1 change\n  + create load balancer \"shop\" (HTTP port 80, 3 nodes) with \
         HTTP health monitor, throttle max_connections=100, 2 access rules, 2 metadata items, \
         connection logging, content caching, HTTP_COOKIE persistence\n"
    );
}

#[test]
fn adds_before_updates_before_removes_and_monitor_removed_after_nodes() {
    let have = doc(&[full_lb("shop")]).load_balancers.remove(0);
    let current = Current::from_spec(7, have);
    let mut want = full_lb("shop");
    want["nodes"] = json!([{"address": "10.2.0.1", "port": 80},
                           {"address": "10.1.0.1", "port": 8080, "condition": "DRAINING"}]);
    want.as_object_mut()
        .expect("in the document")
        .remove("health_monitor");
    let p = plan(&doc(&[want]), &[current]).expect("in the document");
    let changes = p.lbs()[0].changes();
    assert_eq!(p.lbs()[0].id(), Some(7));
    assert!(matches!(changes[0], Change::AddNodes(_)), "{p}");
    assert!(
        matches!(changes[1], Change::UpdateNode { id: 1, .. }),
        "{p}"
    );
    // The removed node that is ENABLED (3, SECONDARY) is drained first; 2 is DRAINING already.
    assert!(
        matches!(
            &changes[2],
            Change::UpdateNode {
                id: 3,
                condition: Some(Condition::Draining),
                ..
            }
        ),
        "{p}"
    );
    assert!(
        matches!(&changes[3], Change::RemoveNodes { ids, .. } if ids == &[2, 3]),
        "{p}"
    );
    assert_eq!(changes[4], Change::DeleteMonitor, "{p}");
    assert_eq!(changes.len(), 5);
    let text = p.to_string();
    // One line per node: added (+), changed in place with its old and new values (~), removed;
    // draining and removing can cut connections: destructive.
    for line in [
        "  + node 10.2.0.1:80: condition ENABLED, type PRIMARY",
        "  ~ node 10.1.0.1:8080: condition ENABLED → DRAINING (destructive)",
        "  - node 10.1.0.2:8080: condition DRAINING, type PRIMARY (destructive)",
    ] {
        assert!(text.lines().any(|l| l == line), "{line}: {text}");
    }
}

#[test]
fn more_than_ten_removals_are_several_operations() {
    let mut have = full_lb("shop");
    let many: Vec<_> = (1..=12)
        .map(|i| json!({"address": format!("10.9.0.{i}"), "port": 80}))
        .collect();
    have["metadata"] = json!(
        (1..=12)
            .map(|i| (format!("k{i}"), "v".to_owned()))
            .collect::<std::collections::BTreeMap<_, _>>()
    );
    have["nodes"] = json!(many);
    let current = Current::from_spec(7, doc(&[have]).load_balancers.remove(0));
    let p = plan(&doc(&[full_lb("shop")]), &[current]).expect("in the document");
    let removes = p
        .changes()
        .filter(|(_, c)| matches!(c, Change::RemoveNodes { .. }))
        .count();
    let meta = p
        .changes()
        .filter(|(_, c)| matches!(c, Change::RemoveMetadata { .. }))
        .count();
    assert_eq!((removes, meta), (2, 2), "{p}");
}

#[test]
fn a_protocol_change_under_ssl_deletes_it_first_and_installs_it_again_after() {
    let dir = tempfile::tempdir().expect("a folder");
    let cert = rackcloud_testing::tls::self_signed("shop.example.com");
    let mut lb = full_lb("shop");
    lb["ssl_termination"] = json!({"certificate_file": "c.crt", "private_key_file": "c.key",
                                   "secure_port": 443});
    let files = [("c.crt", cert.cert.as_str()), ("c.key", cert.key.as_str())];
    let have = crate::common::doc_in(dir.path(), &[lb.clone()], &files)
        .load_balancers
        .remove(0);
    lb["protocol"] = json!("TCP");
    lb["port"] = json!(8443);
    lb["health_monitor"] = json!({"type": "CONNECT", "delay": 10, "timeout": 5,
                                  "attempts_before_deactivation": 2});
    lb["session_persistence"] = json!("SOURCE_IP");
    lb["content_caching"] = json!(false);
    let want = crate::common::doc_in(dir.path(), &[lb], &files);
    let p = plan(&want, &[Current::from_spec(3, have)]).expect("planned");
    let changes = p.lbs()[0].changes();
    assert_eq!(changes[0], Change::DeleteSslTermination, "{p}");
    assert!(
        matches!(
            changes[1],
            Change::UpdateLb {
                protocol: Some(_),
                port: Some(8443),
                ..
            }
        ),
        "{p}"
    );
    let set = changes
        .iter()
        .position(|c| {
            matches!(
                c,
                Change::SetSslTermination {
                    certificate: true,
                    ..
                }
            )
        })
        .expect("installed again");
    assert_eq!(set, changes.len() - 1, "{p}");
}
