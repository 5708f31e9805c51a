//! Several load balancers at once: the ids given or `--all`, each changed by the same step with
//! `rackcloud_lb::core::run_fleet` (`--parallel` at a time, paced by the client), one progress line
//! per load balancer on stderr and a summary on stdout. Any failure makes the exit status 1; a
//! change accepted whose wait passed its deadline, when nothing else failed, 3.

use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::Arc;

use rackcloud_lb::core::{
    Error, FleetEvent, FleetJob, FleetOpts, FleetOutcome, MAX_PAGE_SIZE, ServiceClient, WaitOpts,
    run_fleet,
};
use rackcloud_lb::lbs::{ListOpts, Status};

use crate::auth::Connect;
use crate::cli::{FleetArgs, WaitArgs};
use crate::failure::{Failure, Operation, Unconfirmed, describe};
use crate::output::{FleetSummary, Output};

/// Whether the command has one load balancer, to be run as before, or several.
pub(crate) fn is_single(ids: &[u64], fleet: &FleetArgs) -> Option<u64> {
    match ids {
        [one] if !fleet.all => Some(*one),
        _ => None,
    }
}

/// The step a command runs on each load balancer: given the client, the id and, with `--wait`,
/// the wait options.
pub(crate) type Step =
    Arc<dyn Fn(&ServiceClient, u64, Option<&WaitOpts>) -> Result<(), Error> + Send + Sync>;

/// Runs `step` (called `what`) on `ids` (or on every load balancer with `--all`) and prints the
/// summary.
pub(crate) fn run_many(
    what: &str,
    ids: &[u64],
    fleet: &FleetArgs,
    wait: &WaitArgs,
    step: Step,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let op = Operation::new(what.to_owned());
    if ids.is_empty() && !fleet.all {
        return Err(Failure::usage(
            "give one or more load balancer ids, or --all",
        ));
    }
    if fleet.all && !ids.is_empty() {
        return Err(Failure::usage("give load balancer ids or --all, not both"));
    }
    if fleet.all && !fleet.yes && !io::stdin().is_terminal() {
        return Err(Failure::usage(
            "--all changes every load balancer of the region: add --yes to confirm when not on a terminal",
        ));
    }
    let (client, ids) = op.run(|| {
        let client = connect.lb_client()?;
        if !fleet.all {
            return Ok((client, ids.to_vec()));
        }
        let all = rackcloud_lb::lbs::list_all(&client, ListOpts::new().limit(MAX_PAGE_SIZE))?;
        let ids: Vec<u64> = all
            .iter()
            .filter(|lb| !matches!(lb.status(), Status::Deleted | Status::PendingDelete))
            .map(|lb| lb.id())
            .collect();
        if !fleet.yes && !confirm(what, &ids)? {
            return Err(anyhow::anyhow!("not confirmed; nothing was changed").into());
        }
        Ok((client, ids))
    })?;
    let waiting = wait.wait.then(|| wait_opts(&connect, wait));
    let job = FleetJob::new().step(what.to_owned(), move |c, id, w| {
        step(c, id, waiting.as_ref().map(|_| w))
    });
    let stderr = connect.stderr().clone();
    let json = out.is_json();
    let verbose = connect.global().verbose;
    let mut opts = FleetOpts::new()
        .parallel(
            fleet
                .parallel
                .map_or(FleetOpts::DEFAULT_PARALLEL, usize::from),
        )
        .on_event(move |event| {
            if let FleetEvent::Finished {
                outcome,
                finished,
                total,
            } = event
                && !json
            {
                let line = match &outcome.outcome {
                    FleetOutcome::Done => format!("done in {:.1?}", outcome.elapsed),
                    // Its words begin `accepted, not confirmed`.
                    FleetOutcome::Failed { error, .. } => match Unconfirmed::of(error) {
                        Some(u) => u.reason(),
                        None => format!("failed: {}", describe(error, verbose)),
                    },
                    FleetOutcome::NotStarted => "not started".to_owned(),
                    _ => "unknown".to_owned(),
                };
                stderr.line(&format!(
                    "[{finished}/{total}] load balancer {}: {line}",
                    outcome.lb_id
                ));
            }
        });
    if let Some(w) = wait.wait.then(|| wait_opts(&connect, wait)) {
        opts = opts.wait(w);
    }
    if let Some(left) = connect.time_left() {
        opts = opts.deadline(left);
    }
    let outcomes = run_fleet(&client, &ids, &job, &opts);
    let summary = FleetSummary::new(what, &outcomes, verbose);
    op.run(|| Ok(out.report(&summary)?))?;
    let total = outcomes.len();
    match (summary.failed(), summary.unconfirmed()) {
        (0, 0) => Ok(()),
        (0, n) => Err(op
            .unconfirmed(format!(
                "accepted, not confirmed on {n} of {total} load balancers: their changes stand \
                 and are being applied (see above): do not send them again"
            ))
            .summarised()),
        (n, 0) => Err(op
            .failed_other(anyhow::anyhow!(
                "{n} of {total} load balancers failed or were not started"
            ))
            .summarised()),
        (n, u) => Err(op
            .failed_other(anyhow::anyhow!(
                "{n} of {total} load balancers failed or were not started; on {u} the change \
                 was accepted, not confirmed (do not send it again there)"
            ))
            .summarised()),
    }
}

/// The wait options of `--wait`, `--wait-interval` and `--timeout`, without a spinner (the
/// progress lines say what happens).
fn wait_opts(connect: &Connect<'_>, wait: &WaitArgs) -> WaitOpts {
    let mut opts = WaitOpts::new();
    if let Some(interval) = wait.wait_interval {
        opts = opts.interval(interval);
    }
    if let Some(left) = connect.time_left() {
        opts = opts.deadline(left);
    }
    opts
}

/// Asks on the terminal whether to change these load balancers.
fn confirm(what: &str, ids: &[u64]) -> io::Result<bool> {
    let mut stderr = io::stderr().lock();
    write!(
        stderr,
        "{what} on {} load balancers ({})? [y/N] ",
        ids.len(),
        ids.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    stderr.flush()?;
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
}
