//! [`apply`]: sends a plan's changes, one load balancer's in order with waits between, load
//! balancers in parallel.

use std::fmt;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use lb_lbs::{NodeCondition, VipOpts};
use lb_metadata::Owner;
use rackcloud_core::{Error, ServiceClient, WaitOpts, change_and_wait, wait_until_active};

use crate::change::Change;
use crate::document::{access_opts, metadata_opts};
use crate::plan::{LbPlan, Plan};

/// How many load balancers [`apply`] changes at once.
pub const PARALLEL_LBS: usize = 4;

/// What [`apply`] did to one load balancer.
#[derive(Debug)]
pub struct LbOutcome {
    name: String,
    id: Option<u64>,
    applied: Vec<Change>,
    failed: Option<(Change, Error)>,
    not_sent: Vec<Change>,
}

impl LbOutcome {
    /// The load balancer's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its id (`None` when its creation failed).
    pub fn id(&self) -> Option<u64> {
        self.id
    }

    /// The changes applied, in order.
    pub fn applied(&self) -> &[Change] {
        &self.applied
    }

    /// The change that failed and why; the sequence stopped there.
    pub fn failed(&self) -> Option<&(Change, Error)> {
        self.failed.as_ref()
    }

    /// The changes not sent after the failure.
    pub fn not_sent(&self) -> &[Change] {
        &self.not_sent
    }
}

/// What [`apply`] did, one entry per load balancer of the plan, in plan order.
#[derive(Debug, Default)]
pub struct ApplyReport {
    lbs: Vec<LbOutcome>,
}

impl ApplyReport {
    /// The outcomes.
    pub fn lbs(&self) -> &[LbOutcome] {
        &self.lbs
    }

    /// Whether every change was applied.
    pub fn is_complete(&self) -> bool {
        self.lbs.iter().all(|l| l.failed.is_none())
    }

    /// The number of changes applied.
    pub fn applied(&self) -> usize {
        self.lbs.iter().map(|l| l.applied.len()).sum()
    }
}

impl fmt::Display for ApplyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for lb in &self.lbs {
            let id = lb
                .id
                .map_or_else(|| "not created".to_owned(), |id| id.to_string());
            writeln!(
                f,
                "{} ({id}): {} change(s) applied",
                lb.name,
                lb.applied.len()
            )?;
            for change in &lb.applied {
                writeln!(f, "  done: {change}")?;
            }
            if let Some((change, error)) = &lb.failed {
                writeln!(f, "  FAILED: {change}: {error}")?;
            }
            for change in &lb.not_sent {
                writeln!(f, "  not sent: {change}")?;
            }
        }
        Ok(())
    }
}

/// Sends `plan`'s changes: each load balancer's in order, stopping at its first error, waiting
/// for it to be `ACTIVE` after each change; up to [`PARALLEL_LBS`] load balancers at once.
///
/// Errors are in the report ([`ApplyReport::is_complete`], [`LbOutcome::failed`]); planning
/// again after fixing the cause gives the changes that remain.
pub fn apply(client: &ServiceClient, plan: &Plan, wait: &WaitOpts) -> ApplyReport {
    let lbs = plan.lbs();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<LbOutcome>>> = Mutex::new((0..lbs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..PARALLEL_LBS.min(lbs.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(lb) = lbs.get(i) else { break };
                    let outcome = apply_one(client, lb, wait);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(outcome);
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_default();
    ApplyReport {
        lbs: results.into_iter().flatten().collect(),
    }
}

fn apply_one(client: &ServiceClient, lb: &LbPlan, wait: &WaitOpts) -> LbOutcome {
    let mut outcome = LbOutcome {
        name: lb.name().to_owned(),
        id: lb.id(),
        applied: Vec::new(),
        failed: None,
        not_sent: Vec::new(),
    };
    let mut changes = lb.changes().iter();
    for change in changes.by_ref() {
        match send(client, outcome.id, change, wait) {
            Ok(id) => {
                outcome.id = Some(id);
                outcome.applied.push(change.clone());
            }
            Err(e) => {
                outcome.failed = Some((change.clone(), e));
                break;
            }
        }
    }
    outcome.not_sent = changes.cloned().collect();
    outcome
}

/// Sends one change and waits; gives the load balancer's id.
fn send(
    client: &ServiceClient,
    id: Option<u64>,
    change: &Change,
    wait: &WaitOpts,
) -> Result<u64, Error> {
    let Some(id) = id else {
        let Change::CreateLb(spec) = change else {
            return Err(Error::invalid_input("the load balancer does not exist yet"));
        };
        let mut opts = lb_lbs::CreateOpts::new(&spec.name, spec.protocol.clone()).port(spec.port);
        if let Some(a) = &spec.algorithm {
            opts = opts.algorithm(a.clone());
        }
        if let Some(t) = spec.timeout {
            opts = opts.timeout(t);
        }
        if spec.virtual_ips.is_empty() {
            opts = opts.virtual_ip(VipOpts::public());
        }
        for vip in &spec.virtual_ips {
            let mut v = VipOpts::new(vip.kind.clone());
            if let Some(version) = &vip.ip_version {
                v = v.ip_version(version.clone());
            }
            opts = opts.virtual_ip(v);
        }
        for n in &spec.nodes {
            let mut node = lb_lbs::NodeOpts::new(&n.address, n.port)
                .condition(NodeCondition::from(n.condition.as_str()));
            if let Some(w) = n.weight {
                node = node.weight(w);
            }
            opts = opts.node(node);
        }
        let id = lb_lbs::create(client, &opts).extract()?.id();
        wait_until_active(client, id, wait)?;
        return Ok(id);
    };
    let owner = Owner::LoadBalancer(id);
    let no_wait = WaitOpts::default();
    change_and_wait(client, id, wait, |c, id| match change {
        Change::CreateLb(_) => Err(Error::invalid_input("the load balancer exists already")),
        Change::UpdateLb {
            protocol,
            port,
            algorithm,
            timeout,
        } => {
            let mut opts = lb_lbs::UpdateOpts::new();
            if let Some(p) = protocol {
                opts = opts.protocol(p.clone());
            }
            if let Some(p) = port {
                opts = opts.port(*p);
            }
            if let Some(a) = algorithm {
                opts = opts.algorithm(a.clone());
            }
            if let Some(t) = timeout {
                opts = opts.timeout(*t);
            }
            lb_lbs::update(c, id, &opts).extract_err()
        }
        Change::SetMonitor(m) => lb_monitors::update(c, id, &m.opts()).extract_err(),
        Change::DeleteMonitor => lb_monitors::delete(c, id).extract_err(),
        Change::AddNodes(nodes) => {
            let opts = lb_nodes::CreateOpts::new(nodes.iter().map(|n| n.opts()));
            lb_nodes::create(c, id, &opts).extract_err()
        }
        Change::UpdateNode {
            id: node_id,
            condition,
            kind,
            weight,
            ..
        } => {
            let mut opts = lb_nodes::UpdateOpts::new();
            if let Some(x) = condition {
                opts = opts.condition(x.clone());
            }
            if let Some(x) = kind {
                opts = opts.node_type(x.clone());
            }
            if let Some(x) = weight {
                opts = opts.weight(*x);
            }
            lb_nodes::update(c, id, *node_id, &opts).extract_err()
        }
        Change::RemoveNodes { ids, .. } => {
            lb_nodes::bulk_delete(c, id, ids, &no_wait).extract_err()
        }
        Change::SetSessionPersistence(t) => {
            lb_sessions::enable(c, id, &lb_sessions::CreateOpts::new(t.clone())).extract_err()
        }
        Change::DisableSessionPersistence => lb_sessions::disable(c, id).extract_err(),
        Change::AppendAccess(items) => lb_acl::append(c, id, &access_opts(items)).extract_err(),
        Change::RemoveAccess { ids, .. } => lb_acl::bulk_delete(c, id, ids, &no_wait).extract_err(),
        Change::SetThrottle(t) => lb_throttle::set(c, id, &t.opts()).extract_err(),
        Change::DeleteThrottle => lb_throttle::delete(c, id).extract_err(),
        Change::SetLogging(true) => lb_lbs::enable_logging(c, id).extract_err(),
        Change::SetLogging(false) => lb_lbs::disable_logging(c, id).extract_err(),
        Change::SetCaching(true) => lb_lbs::enable_caching(c, id).extract_err(),
        Change::SetCaching(false) => lb_lbs::disable_caching(c, id).extract_err(),
        Change::AddMetadata(items) => lb_metadata::add(c, owner, &metadata_opts(items.iter()))
            .extract()
            .map(drop),
        Change::UpdateMetadata {
            id: meta_id, value, ..
        } => lb_metadata::update(c, owner, *meta_id, &lb_metadata::UpdateOpts::new(value))
            .extract_err(),
        Change::RemoveMetadata { ids, .. } => lb_metadata::bulk_delete(c, owner, ids).extract_err(),
    })?;
    Ok(id)
}
