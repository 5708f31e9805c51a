//! [`apply`]: sends a plan's changes, one load balancer's in order with waits between, load
//! balancers in parallel.

use std::fmt;
use std::time::Instant;

use rackcloud_core::kit::{Turn, run_paced};
use rackcloud_core::{Error, ErrorKind, FleetOpts, ServiceClient, WaitOpts};

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
    unconfirmed: Option<(Change, Error)>,
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

    /// The change the server accepted whose wait passed its deadline before the load balancer
    /// was `ACTIVE` again, and the wait's [`Timeout`](ErrorKind::Timeout); the sequence stopped
    /// there. The change stands and is being applied: sending it again would be a second
    /// change, so plan again once the load balancer is `ACTIVE`.
    pub fn unconfirmed(&self) -> Option<&(Change, Error)> {
        self.unconfirmed.as_ref()
    }

    /// The changes not sent: after the failure or the unconfirmed change, or from the first
    /// one the deadline ([`FleetOpts::deadline`]) had passed before (all of them when it had
    /// passed before the load balancer's turn).
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
            .all(|l| l.failed.is_none() && l.unconfirmed.is_none() && l.not_sent.is_empty())
    }

    /// Whether no change failed: every change was applied, or accepted and not yet confirmed
    /// ([`LbApplyOutcome::unconfirmed`]) with the load balancer's later changes not sent.
    pub fn only_unconfirmed(&self) -> bool {
        self.lbs
            .iter()
            .all(|l| l.failed.is_none() && (l.unconfirmed.is_some() || l.not_sent.is_empty()))
    }

    /// The number of changes accepted whose wait passed its deadline.
    pub fn unconfirmed(&self) -> usize {
        self.lbs.iter().filter(|l| l.unconfirmed.is_some()).count()
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
            match (lb.applied.len(), &lb.unconfirmed) {
                (0, Some(_)) => {
                    writeln!(f, "{} ({id}): 1 change accepted, not confirmed", lb.name)?
                }
                (_, Some(_)) => writeln!(
                    f,
                    "{} ({id}): {changes} applied, 1 accepted, not confirmed",
                    lb.name
                )?,
                (_, None) => writeln!(f, "{} ({id}): {changes} applied", lb.name)?,
            }
            for change in &lb.applied {
                writeln!(f, "  done: {change}")?;
            }
            if let Some((change, error)) = &lb.failed {
                writeln!(f, "  FAILED: {change}: {error}")?;
            }
            if let Some((change, error)) = &lb.unconfirmed {
                writeln!(
                    f,
                    "  accepted, not confirmed: {change}: {error}; it stands: do not send it again"
                )?;
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
    /// Whether the server accepted it and only its wait passed the deadline
    /// ([`LbApplyOutcome::unconfirmed`]); `error` is then the wait's.
    pub unconfirmed: bool,
}

/// Sends `plan`'s changes: each load balancer's in order, stopping at its first error, waiting
/// for it to be `ACTIVE` after each change; load balancers in parallel through the fleet
/// machinery ([`run_paced`]): [`FleetOpts::parallelism`] at once, waits paced to the
/// account's GET budget, none started after [`FleetOpts::deadline`], which also ends every
/// wait and stops a load balancer's sequence before its next change. The callback of
/// [`FleetOpts::on_event`] is not called: the report says what happened, and [`apply_with`]
/// tells each change as it ends.
///
/// Errors are in the report ([`ApplyReport::is_complete`], [`LbApplyOutcome::failed`]); planning
/// again after fixing the cause gives the changes that remain. A change accepted whose wait
/// passed its deadline is [`LbApplyOutcome::unconfirmed`], not failed.
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
    let ends = opts.deadline_after().map(|after| Instant::now() + after);
    let lbs = run_paced(client, plan.lbs(), opts, |lb, turn| match turn {
        Turn::Run(wait) => apply_one(client, lb, wait, ends, &on_change),
        _ => LbApplyOutcome {
            name: lb.name().to_owned(),
            id: lb.id(),
            applied: Vec::new(),
            failed: None,
            unconfirmed: None,
            not_sent: lb.changes().to_vec(),
        },
    });
    ApplyReport { lbs }
}

fn apply_one(
    client: &ServiceClient,
    lb: &LbPlan,
    wait: &WaitOpts,
    ends: Option<Instant>,
    on_change: &dyn Fn(&ChangeEvent<'_>),
) -> LbApplyOutcome {
    let mut outcome = LbApplyOutcome {
        name: lb.name().to_owned(),
        id: lb.id(),
        applied: Vec::new(),
        failed: None,
        unconfirmed: None,
        not_sent: Vec::new(),
    };
    let mut changes = lb.changes().iter().peekable();
    while let Some(change) = changes.peek().copied() {
        // The deadline ends each wait, and no change is sent once it has passed.
        let left = ends.map(|end| end.saturating_duration_since(Instant::now()));
        if left.is_some_and(|left| left.is_zero()) {
            break;
        }
        changes.next();
        let wait = match left {
            Some(left) => &wait.clone().deadline(wait.wait_deadline().min(left)),
            None => wait,
        };
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
        let unconfirmed = outcome.id.is_some() && error.is_some_and(is_wait_deadline);
        on_change(&ChangeEvent {
            name: lb.name(),
            id: outcome.id,
            change,
            error,
            unconfirmed,
        });
        match result {
            Ok(_) => outcome.applied.push(change.clone()),
            Err((_, e)) if unconfirmed => {
                outcome.unconfirmed = Some((change.clone(), e));
                break;
            }
            Err((_, e)) => {
                outcome.failed = Some((change.clone(), e));
                break;
            }
        }
    }
    outcome.not_sent = changes.cloned().collect();
    outcome
}

/// Whether `e` is a wait's deadline passing, after the change was accepted: a
/// [`Timeout`](ErrorKind::Timeout) that names no request (a request that timed out names its
/// method and URL, and its change may not have been accepted).
fn is_wait_deadline(e: &Error) -> bool {
    e.kind() == ErrorKind::Timeout && e.method().is_none()
}
