//! [`apply`]: sends a plan's changes, one load balancer's in order with waits between, load
//! balancers in parallel.

use std::fmt;

use rackcloud_core::kit::{Turn, run_paced};
use rackcloud_core::{Error, FleetOpts, ServiceClient, WaitOpts};

use crate::change::Change;
use crate::change_display::plural;
use crate::plan::{LbPlan, Plan};
use crate::send::send;

/// What [`apply`] did to one load balancer.
#[derive(Debug)]
pub struct LbApplyOutcome {
    name: String,
    id: Option<u64>,
    applied: Vec<Change>,
    failed: Option<(Change, Error)>,
    not_sent: Vec<Change>,
}

impl LbApplyOutcome {
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

    /// The changes not sent: after the failure, or all of them when the deadline
    /// ([`FleetOpts::deadline`]) had passed before the load balancer's turn.
    pub fn not_sent(&self) -> &[Change] {
        &self.not_sent
    }
}

/// What [`apply`] did, one entry per load balancer of the plan, in plan order.
#[derive(Debug, Default)]
pub struct ApplyReport {
    lbs: Vec<LbApplyOutcome>,
}

impl ApplyReport {
    /// The outcomes.
    pub fn lbs(&self) -> &[LbApplyOutcome] {
        &self.lbs
    }

    /// Whether every change was applied.
    pub fn is_complete(&self) -> bool {
        self.lbs
            .iter()
            .all(|l| l.failed.is_none() && l.not_sent.is_empty())
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
            let changes = plural(lb.applied.len(), "change", "changes");
            writeln!(f, "{} ({id}): {changes} applied", lb.name)?;
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

/// One change sent by [`apply_with`], as it ends.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ChangeEvent<'a> {
    /// The load balancer's name.
    pub name: &'a str,
    /// Its id (`None` when its creation failed).
    pub id: Option<u64>,
    /// The change.
    pub change: &'a Change,
    /// Why it failed; `None` when it was applied.
    pub error: Option<&'a Error>,
}

/// Sends `plan`'s changes: each load balancer's in order, stopping at its first error, waiting
/// for it to be `ACTIVE` after each change; load balancers in parallel through the fleet
/// machinery ([`run_paced`]): [`FleetOpts::parallelism`] at once, waits paced to the
/// account's GET budget, none started after [`FleetOpts::deadline`]. The callback of
/// [`FleetOpts::on_event`] is not called: the report says what happened, and [`apply_with`]
/// tells each change as it ends.
///
/// Errors are in the report ([`ApplyReport::is_complete`], [`LbApplyOutcome::failed`]); planning
/// again after fixing the cause gives the changes that remain.
pub fn apply(client: &ServiceClient, plan: &Plan, opts: &FleetOpts) -> ApplyReport {
    apply_with(client, plan, opts, |_| {})
}

/// [`apply`], calling `on_change` (from the worker threads) as each change ends.
pub fn apply_with(
    client: &ServiceClient,
    plan: &Plan,
    opts: &FleetOpts,
    on_change: impl Fn(&ChangeEvent<'_>) + Sync,
) -> ApplyReport {
    let lbs = run_paced(client, plan.lbs(), opts, |lb, turn| match turn {
        Turn::Run(wait) => apply_one(client, lb, wait, &on_change),
        _ => LbApplyOutcome {
            name: lb.name().to_owned(),
            id: lb.id(),
            applied: Vec::new(),
            failed: None,
            not_sent: lb.changes().to_vec(),
        },
    });
    ApplyReport { lbs }
}

fn apply_one(
    client: &ServiceClient,
    lb: &LbPlan,
    wait: &WaitOpts,
    on_change: &dyn Fn(&ChangeEvent<'_>),
) -> LbApplyOutcome {
    let mut outcome = LbApplyOutcome {
        name: lb.name().to_owned(),
        id: lb.id(),
        applied: Vec::new(),
        failed: None,
        not_sent: Vec::new(),
    };
    let mut changes = lb.changes().iter();
    for change in changes.by_ref() {
        let result = send(client, outcome.id, change, wait);
        let error = match &result {
            Ok(id) => {
                outcome.id = Some(*id);
                None
            }
            Err((id, e)) => {
                outcome.id = outcome.id.or(*id);
                Some(e)
            }
        };
        on_change(&ChangeEvent {
            name: lb.name(),
            id: outcome.id,
            change,
            error,
        });
        match result {
            Ok(_) => outcome.applied.push(change.clone()),
            Err((_, e)) => {
                outcome.failed = Some((change.clone(), e));
                break;
            }
        }
    }
    outcome.not_sent = changes.cloned().collect();
    outcome
}
