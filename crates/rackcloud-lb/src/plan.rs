//! [`plan`]: the changes from what the account has to the document, computed without sending.

use std::fmt;

use lb_nodes::Type;
use rackcloud_core::{Error, MAX_IDS_PER_REQUEST};

use crate::change::Change;
use crate::current::Current;
use crate::document::{Document, LbSpec, MonitorSpec, NodeSpec, ThrottleSpec};

/// The changes for one load balancer of the document, in the order apply sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LbPlan {
    name: String,
    id: Option<u64>,
    changes: Vec<Change>,
}

impl LbPlan {
    /// The load balancer's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its id, `None` when it is to be created.
    pub fn id(&self) -> Option<u64> {
        self.id
    }

    /// The changes, in order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }
}

/// The changes for a whole document ([`plan`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    lbs: Vec<LbPlan>,
}

impl Plan {
    /// One entry per load balancer of the document, in document order (also those with no
    /// change).
    pub fn lbs(&self) -> &[LbPlan] {
        &self.lbs
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.lbs.iter().map(|l| l.changes.len()).sum()
    }

    /// Whether the account already matches the document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All changes, with the name of their load balancer.
    pub fn changes(&self) -> impl Iterator<Item = (&str, &Change)> {
        self.lbs
            .iter()
            .flat_map(|l| l.changes.iter().map(move |c| (l.name.as_str(), c)))
    }
}

impl fmt::Display for Plan {
    /// One line per change: `-` for destructive ones, `+` for the others.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for lb in &self.lbs {
            let id = lb.id.map_or_else(|| "new".to_owned(), |id| id.to_string());
            writeln!(f, "{} ({id}): {} change(s)", lb.name, lb.changes.len())?;
            for change in &lb.changes {
                let mark = if change.is_destructive() { "-" } else { "+" };
                writeln!(f, "  {mark} {change}")?;
            }
        }
        Ok(())
    }
}

/// Computes the changes from `current` (load balancers of the account, matched by name) to
/// `doc`, sending nothing: each change is one API operation, in an order the API accepts.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when the document is invalid
/// ([`Document::check`]) or when two load balancers of `current` have a name of the document.
pub fn plan(doc: &Document, current: &[Current]) -> Result<Plan, Error> {
    doc.check()?;
    let mut lbs = Vec::new();
    for want in &doc.load_balancers {
        let mut found = current.iter().filter(|c| c.spec().name == want.name);
        let have = found.next();
        if found.next().is_some() {
            return Err(Error::invalid_input(format!(
                "several load balancers are named {:?}; names must be unique to be matched",
                want.name
            )));
        }
        let (id, changes) = match have {
            Some(have) => (Some(have.id()), diff(want, have)),
            None => (None, create(want)),
        };
        lbs.push(LbPlan {
            name: want.name.clone(),
            id,
            changes,
        });
    }
    Ok(Plan { lbs })
}

/// A new load balancer: created with its `PRIMARY` nodes, then brought to the document like an
/// existing one.
fn create(want: &LbSpec) -> Vec<Change> {
    let mut first = want.clone();
    first.nodes.retain(|n| n.kind == Type::Primary);
    let created = LbSpec {
        health_monitor: None,
        access_list: Vec::new(),
        connection_throttle: None,
        session_persistence: None,
        connection_logging: false,
        content_caching: false,
        metadata: Default::default(),
        ..first.clone()
    };
    let mut changes = vec![Change::CreateLb(Box::new(first))];
    changes.extend(diff(want, &Current::from_spec(0, created)));
    changes
}

fn node_key(n: &NodeSpec) -> (String, u16) {
    (n.address.to_ascii_lowercase(), n.port)
}

fn label(n: &NodeSpec) -> String {
    format!("{}:{}", n.address, n.port)
}

fn throttle_matches(want: &ThrottleSpec, have: &ThrottleSpec) -> bool {
    let same = |w: Option<u32>, h: Option<u32>| w.is_none() || w == h;
    want.max_connections == have.max_connections
        && same(want.min_connections, have.min_connections)
        && same(want.max_connection_rate, have.max_connection_rate)
        && same(want.rate_interval, have.rate_interval)
}

fn monitor_matches(want: &MonitorSpec, have: &MonitorSpec) -> bool {
    let empty = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
    want.kind == have.kind
        && want.delay == have.delay
        && want.timeout == have.timeout
        && want.attempts_before_deactivation == have.attempts_before_deactivation
        && empty(&want.path) == have.path
        && empty(&want.status_regex) == have.status_regex
        && empty(&want.body_regex) == have.body_regex
        && empty(&want.host_header) == have.host_header
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

/// The changes from `have` to `want`, in sending order.
fn diff(want: &LbSpec, have: &Current) -> Vec<Change> {
    let cur = have.spec();
    let mut out = Vec::new();
    // Persistence that goes away goes first: it may not fit a new protocol.
    if want.session_persistence.is_none() && cur.session_persistence.is_some() {
        out.push(Change::DisableSessionPersistence);
    }
    let update = Change::UpdateLb {
        protocol: (want.protocol != cur.protocol).then(|| want.protocol.clone()),
        port: (want.port != cur.port).then_some(want.port),
        algorithm: want
            .algorithm
            .clone()
            .filter(|a| cur.algorithm.as_ref() != Some(a)),
        timeout: want.timeout.filter(|t| cur.timeout != Some(*t)),
    };
    if update
        != (Change::UpdateLb {
            protocol: None,
            port: None,
            algorithm: None,
            timeout: None,
        })
    {
        out.push(update);
    }
    // A monitor before SECONDARY nodes.
    if let Some(m) = &want.health_monitor
        && cur
            .health_monitor
            .as_ref()
            .is_none_or(|h| !monitor_matches(m, h))
    {
        out.push(Change::SetMonitor(m.clone()));
    }
    nodes(want, have, &mut out);
    if want.health_monitor.is_none() && cur.health_monitor.is_some() {
        out.push(Change::DeleteMonitor);
    }
    if let Some(t) = &want.session_persistence
        && cur.session_persistence.as_ref() != Some(t)
    {
        out.push(Change::SetSessionPersistence(t.clone()));
    }
    access(want, have, &mut out);
    match (&want.connection_throttle, &cur.connection_throttle) {
        (Some(w), Some(h)) if throttle_matches(w, h) => {}
        (Some(w), _) => out.push(Change::SetThrottle(w.clone())),
        (None, Some(_)) => out.push(Change::DeleteThrottle),
        (None, None) => {}
    }
    if want.connection_logging != cur.connection_logging {
        out.push(Change::SetLogging(want.connection_logging));
    }
    if want.content_caching != cur.content_caching {
        out.push(Change::SetCaching(want.content_caching));
    }
    metadata(want, have, &mut out);
    out
}

/// Adds, then updates, then removes: an enabled PRIMARY node always remains.
fn nodes(want: &LbSpec, have: &Current, out: &mut Vec<Change>) {
    let cur = &have.spec().nodes;
    let adds: Vec<NodeSpec> = want
        .nodes
        .iter()
        .filter(|w| !cur.iter().any(|c| node_key(c) == node_key(w)))
        .cloned()
        .collect();
    if !adds.is_empty() {
        out.push(Change::AddNodes(adds));
    }
    for (c, id) in cur.iter().zip(have.node_ids()) {
        let Some(w) = want.nodes.iter().find(|w| node_key(w) == node_key(c)) else {
            continue;
        };
        let condition = (w.condition != c.condition).then(|| w.condition.clone());
        let kind = (w.kind != c.kind).then(|| w.kind.clone());
        let weight = match (w.weight, c.weight) {
            (Some(a), Some(b)) if a != b => Some(a),
            _ => None,
        };
        if condition.is_some() || kind.is_some() || weight.is_some() {
            out.push(Change::UpdateNode {
                id: *id,
                node: label(c),
                condition,
                kind,
                weight,
            });
        }
    }
    let (ids, labels): (Vec<u64>, Vec<String>) = cur
        .iter()
        .zip(have.node_ids())
        .filter(|(c, _)| !want.nodes.iter().any(|w| node_key(w) == node_key(c)))
        .map(|(c, id)| (*id, label(c)))
        .unzip();
    out.extend(chunks(&ids, &labels, |ids, nodes| Change::RemoveNodes {
        ids,
        nodes,
    }));
}

/// Rules matched by address and type: removals first (a rule that changes type is removed,
/// then added again), then one append.
fn access(want: &LbSpec, have: &Current, out: &mut Vec<Change>) {
    let cur = &have.spec().access_list;
    let (ids, items): (Vec<u64>, Vec<String>) = cur
        .iter()
        .zip(have.access_ids())
        .filter(|(c, _)| !want.access_list.contains(c))
        .map(|(c, id)| (*id, format!("{} {}", c.kind, c.address)))
        .unzip();
    out.extend(chunks(&ids, &items, |ids, items| Change::RemoveAccess {
        ids,
        items,
    }));
    let adds: Vec<_> = want
        .access_list
        .iter()
        .filter(|w| !cur.contains(w))
        .cloned()
        .collect();
    if !adds.is_empty() {
        out.push(Change::AppendAccess(adds));
    }
}

fn metadata(want: &LbSpec, have: &Current, out: &mut Vec<Change>) {
    let cur = &have.spec().metadata;
    let adds: std::collections::BTreeMap<String, String> = want
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
    let (ids, keys): (Vec<u64>, Vec<String>) = cur
        .keys()
        .filter(|k| !want.metadata.contains_key(*k))
        .map(|k| (have.metadata_id(k), k.clone()))
        .unzip();
    out.extend(chunks(&ids, &keys, |ids, keys| Change::RemoveMetadata {
        ids,
        keys,
    }));
}
