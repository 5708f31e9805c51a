//! The views of changes to a load balancer's lists: virtual IPs, nodes, access rules and
//! metadata, one view per item.

use serde_json::{Value, json};

use super::view::{ChangeAction, ChangeView, pairs, quoted, shown};
use crate::change::Change;
use crate::current::Current;
use crate::specs::NodeSpec;

fn node(n: Option<&NodeSpec>) -> [(&'static str, Value); 3] {
    [
        ("condition", json!(n.map(|n| n.condition.as_str()))),
        ("type", json!(n.map(|n| n.kind.as_str()))),
        ("weight", json!(n.and_then(|n| n.weight))),
    ]
}

/// The views of a change to items of a list (virtual IPs, nodes, access rules, metadata): one
/// per item.
pub(crate) fn item_views(change: &Change, have: &Current) -> Vec<ChangeView> {
    let spec = have.spec();
    let d = change.is_destructive();
    let one = |v: ChangeView| vec![v];
    let node_of = |id: u64| {
        have.node_ids()
            .iter()
            .position(|n| *n == id)
            .and_then(|i| spec.nodes.get(i))
    };
    match change {
        Change::AddVirtualIp(vip) => one(ChangeView::new("virtual IP", ChangeAction::Add, d)
            .field("type", Value::Null, json!(vip.kind.as_str()))
            .field(
                "ip_version",
                Value::Null,
                json!(vip.ip_version.as_ref().map_or("IPV4", |v| v.as_str())),
            )),
        Change::RemoveVirtualIps { vips, .. } => vips
            .iter()
            .map(|vip| {
                ChangeView::new(
                    format!("virtual IP {}", shown(vip)),
                    ChangeAction::Remove,
                    d,
                )
            })
            .collect(),
        Change::AddNodes(nodes) => nodes
            .iter()
            .map(|n| {
                let name = format!("node {}:{}", shown(&n.address), n.port);
                pairs(
                    ChangeView::new(name, ChangeAction::Add, d),
                    node(None),
                    node(Some(n)),
                )
            })
            .collect(),
        Change::UpdateNode {
            id,
            node: name,
            condition,
            kind,
            weight,
        } => {
            let had = node_of(*id);
            let [c, k, w] = node(had);
            let mut v = ChangeView::new(format!("node {}", shown(name)), ChangeAction::Update, d);
            if let Some(x) = condition {
                v = v.field("condition", c.1, json!(x.as_str()));
            }
            if let Some(x) = kind {
                v = v.field("type", k.1, json!(x.as_str()));
            }
            if let Some(x) = weight {
                v = v.field("weight", w.1, json!(x));
            }
            one(v)
        }
        Change::RemoveNodes { ids, nodes } => ids
            .iter()
            .zip(nodes)
            .map(|(id, name)| {
                let view =
                    ChangeView::new(format!("node {}", shown(name)), ChangeAction::Remove, d);
                pairs(view, node(node_of(*id)), node(None))
            })
            .collect(),
        Change::AppendAccess(items) => items
            .iter()
            .map(|i| {
                ChangeView::new(
                    format!("access rule {} {}", i.kind, shown(&i.address)),
                    ChangeAction::Add,
                    d,
                )
            })
            .collect(),
        Change::RemoveAccess { items, .. } => items
            .iter()
            .map(|i| ChangeView::new(format!("access rule {}", shown(i)), ChangeAction::Remove, d))
            .collect(),
        Change::AddMetadata(items) => items
            .iter()
            .map(|(k, v)| {
                ChangeView::new(format!("metadata {}", quoted(k)), ChangeAction::Add, d).field(
                    "value",
                    Value::Null,
                    json!(v),
                )
            })
            .collect(),
        Change::UpdateMetadata { key, value, .. } => {
            one(
                ChangeView::new(format!("metadata {}", quoted(key)), ChangeAction::Update, d)
                    .field("value", json!(spec.metadata.get(key)), json!(value)),
            )
        }
        Change::RemoveMetadata { keys, .. } => {
            keys.iter()
                .map(|k| {
                    ChangeView::new(format!("metadata {}", quoted(k)), ChangeAction::Remove, d)
                        .field("value", json!(spec.metadata.get(k)), Value::Null)
                })
                .collect()
        }
        _ => super::settings::setting_views(change, have),
    }
}
