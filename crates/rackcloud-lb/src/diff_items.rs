//! The changes to a load balancer's lists: virtual IPs, nodes, access rules and metadata, each
//! matched by its key, adds before removals where one must always remain.

use std::collections::BTreeMap;
use std::net::IpAddr;

use lb_nodes::{Condition, Type};
use rackcloud_core::Error;
use rackcloud_core::kit::MAX_IDS_PER_REQUEST;
use rackcloud_core::model::RuleType;
use rackcloud_core::model::{IpVersion, VipType};

use crate::change::Change;
use crate::current::Current;
use crate::lb_spec::LbSpec;
use crate::specs::{AccessSpec, NodeSpec, VipSpec};

fn node_key(n: &NodeSpec) -> (String, u16) {
    (address_key(&n.address), n.port)
}

/// An address as the service compares it: an IP address in canonical form (`2001:db8::1`), a
/// network with its address so, a host name in lower case without a final dot.
fn address_key(address: &str) -> String {
    let (ip, prefix) = match address.split_once('/') {
        Some((ip, prefix)) => (ip, Some(prefix)),
        None => (address, None),
    };
    match (ip.parse::<IpAddr>(), prefix) {
        (Ok(ip), Some(prefix)) => format!("{ip}/{prefix}"),
        (Ok(ip), None) => ip.to_string(),
        _ => address.trim_end_matches('.').to_ascii_lowercase(),
    }
}

fn access_key(a: &AccessSpec) -> (String, RuleType) {
    (address_key(&a.address), a.kind.clone())
}

fn label(n: &NodeSpec) -> String {
    format!("{}:{}", n.address, n.port)
}

fn chunks<T: Clone>(
    ids: &[u64],
    what: &[T],
    make: impl Fn(Vec<u64>, Vec<T>) -> Change,
) -> Vec<Change> {
    ids.chunks(MAX_IDS_PER_REQUEST)
        .zip(what.chunks(MAX_IDS_PER_REQUEST))
        .map(|(i, w)| make(i.to_vec(), w.to_vec()))
        .collect()
}

/// The most nodes a load balancer may have.
const MAX_NODES: usize = 25;

/// Adds, then updates (those that enable or promote a node first), then removals, each
/// `ENABLED` node drained before it is removed: an `ENABLED` `PRIMARY` node always remains. When the adds would pass the node limit, the removals go
/// first, if a node that stays is `ENABLED` `PRIMARY` to carry the traffic meanwhile. Weights
/// are compared when both sides show one, or when the algorithm is weighted (the service shows
/// weights only then).
pub(crate) fn nodes(want: &LbSpec, have: &Current, weighted: bool, out: &mut Vec<Change>) {
    let cur = &have.spec().nodes;
    let wanted = |c: &NodeSpec| want.nodes.iter().find(|w| node_key(w) == node_key(c));
    let adds: Vec<NodeSpec> = want
        .nodes
        .iter()
        .filter(|w| !cur.iter().any(|c| node_key(c) == node_key(w)))
        .cloned()
        .collect();
    let mut updates = Vec::new();
    for (c, id) in cur.iter().zip(have.node_ids()) {
        let Some(w) = wanted(c) else {
            continue;
        };
        let condition = (w.condition != c.condition).then(|| w.condition.clone());
        let kind = (w.kind != c.kind).then(|| w.kind.clone());
        let weight = match (w.weight, c.weight) {
            (Some(a), Some(b)) if a != b => Some(a),
            (Some(a), None) if weighted => Some(a),
            _ => None,
        };
        if condition.is_some() || kind.is_some() || weight.is_some() {
            let later = condition != Some(Condition::Enabled) && kind != Some(Type::Primary);
            let change = Change::UpdateNode {
                id: *id,
                node: label(c),
                condition,
                kind,
                weight,
            };
            updates.push((later, change));
        }
    }
    updates.sort_by_key(|(later, _)| *later);
    let (ids, labels): (Vec<u64>, Vec<String>) = cur
        .iter()
        .zip(have.node_ids())
        .filter(|(c, _)| wanted(c).is_none())
        .map(|(c, id)| (*id, label(c)))
        .unzip();
    let mut removals = drains(want, have, &ids);
    removals.extend(chunks(&ids, &labels, |ids, nodes| Change::RemoveNodes {
        ids,
        nodes,
    }));
    let carried = cur.iter().any(|c| {
        wanted(c).is_some() && c.condition == Condition::Enabled && c.kind == Type::Primary
    });
    let removals_first = cur.len() + adds.len() > MAX_NODES && carried;
    if removals_first {
        out.extend(removals.iter().cloned());
    }
    if !adds.is_empty() {
        out.push(Change::AddNodes(adds));
    }
    out.extend(updates.into_iter().map(|(_, change)| change));
    if !removals_first {
        out.extend(removals);
    }
}

/// A removed node that is `ENABLED` is set `DRAINING` first, so that the connections it
/// carries finish (the removal waits for the drain to be applied) rather than being cut; only
/// while a wanted node is `ENABLED` `PRIMARY` to take the new ones.
fn drains(want: &LbSpec, have: &Current, removed: &[u64]) -> Vec<Change> {
    let takes_over = want
        .nodes
        .iter()
        .any(|w| w.condition == Condition::Enabled && w.kind == Type::Primary);
    if !takes_over {
        return Vec::new();
    }
    have.spec()
        .nodes
        .iter()
        .zip(have.node_ids())
        .filter(|(c, id)| removed.contains(id) && c.condition == Condition::Enabled)
        .map(|(c, id)| Change::UpdateNode {
            id: *id,
            node: label(c),
            condition: Some(Condition::Draining),
            kind: None,
            weight: None,
        })
        .collect()
}

/// Rules matched by address (IP addresses and networks in canonical form) and type: removals
/// first (a rule that changes type is removed, then added again), then one append.
pub(crate) fn access(want: &LbSpec, have: &Current, out: &mut Vec<Change>) {
    let cur = &have.spec().access_list;
    let wanted = |c: &AccessSpec| {
        want.access_list
            .iter()
            .any(|w| access_key(w) == access_key(c))
    };
    let (ids, items): (Vec<u64>, Vec<String>) = cur
        .iter()
        .zip(have.access_ids())
        .filter(|(c, _)| !wanted(c))
        .map(|(c, id)| (*id, format!("{} {}", c.kind, c.address)))
        .unzip();
    out.extend(chunks(&ids, &items, |ids, items| Change::RemoveAccess {
        ids,
        items,
    }));
    let adds: Vec<_> = want
        .access_list
        .iter()
        .filter(|w| !cur.iter().any(|c| access_key(c) == access_key(w)))
        .cloned()
        .collect();
    if !adds.is_empty() {
        out.push(Change::AppendAccess(adds));
    }
}

/// Removals first (they keep the count under the limit of 25 items), then one add, then an
/// update per changed value.
pub(crate) fn metadata(want: &LbSpec, have: &Current, out: &mut Vec<Change>) {
    let cur = &have.spec().metadata;
    let (ids, keys): (Vec<u64>, Vec<String>) = cur
        .keys()
        .filter(|k| !want.metadata.contains_key(*k))
        .map(|k| (have.metadata_id(k), k.clone()))
        .unzip();
    out.extend(chunks(&ids, &keys, |ids, keys| Change::RemoveMetadata {
        ids,
        keys,
    }));
    let adds: BTreeMap<String, String> = want
        .metadata
        .iter()
        .filter(|(k, _)| !cur.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !adds.is_empty() {
        out.push(Change::AddMetadata(adds));
    }
    for (key, value) in &want.metadata {
        if cur.get(key).is_some_and(|v| v != value) {
            let id = have.metadata_id(key);
            out.push(Change::UpdateMetadata {
                id,
                key: key.clone(),
                value: value.clone(),
            });
        }
    }
}

fn vip_key(v: &VipSpec) -> (VipType, IpVersion) {
    (
        v.kind.clone(),
        v.ip_version.clone().unwrap_or(IpVersion::Ipv4),
    )
}

/// Compared only when the document lists them: the missing ones added (the API adds only
/// `PUBLIC` IPv6 ones), then the others removed, so that one always remains.
pub(crate) fn virtual_ips(
    want: &LbSpec,
    have: &Current,
    prefix: &str,
    out: &mut Vec<Change>,
) -> Result<(), Error> {
    if want.virtual_ips.is_empty() {
        return Ok(());
    }
    let cur = &have.spec().virtual_ips;
    let mut unmatched: Vec<usize> = (0..cur.len()).collect();
    let mut adds = Vec::new();
    for (j, w) in want.virtual_ips.iter().enumerate() {
        match unmatched
            .iter()
            .position(|&i| vip_key(&cur[i]) == vip_key(w))
        {
            Some(pos) => {
                unmatched.remove(pos);
            }
            None if vip_key(w) == (VipType::Public, IpVersion::Ipv6) => adds.push(w.clone()),
            None => {
                let (kind, version) = vip_key(w);
                return Err(Error::invalid_input(format!(
                    "{prefix}.virtual_ips[{j}]: a {kind} {version} virtual IP cannot be added to an existing load balancer (the API adds only PUBLIC IPV6 ones); create a new load balancer for it"
                )));
            }
        }
    }
    out.extend(adds.into_iter().map(Change::AddVirtualIp));
    let (ids, labels): (Vec<u64>, Vec<String>) = unmatched
        .iter()
        .map(|&i| {
            let (kind, version) = vip_key(&cur[i]);
            (have.vip_ids()[i], format!("{kind} {version}"))
        })
        .unzip();
    out.extend(chunks(&ids, &labels, |ids, vips| {
        Change::RemoveVirtualIps { ids, vips }
    }));
    Ok(())
}
