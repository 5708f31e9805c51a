//! [`run_paced`]: the machinery under every fleet-wide operation: items worked on by a bounded
//! number of threads, in the order given, waits paced to the account's GET budget, a deadline
//! after which nothing new starts.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::fleet_opts::FleetOpts;
use crate::service::ServiceClient;
use crate::wait_opts::WaitOpts;

/// What [`run_paced`] gives the work for one item.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Turn<'a> {
    /// Work on it, waiting with these options (polls spaced, when needed, so that all the
    /// threads' polls together stay within the client's GET budget: [`WaitOpts::within_budget`]).
    Run(&'a WaitOpts),
    /// The deadline ([`FleetOpts::deadline`]) had passed before its turn came: do nothing, and
    /// say so in the result.
    TooLate,
}

/// Runs `work` on each of `items` with up to [`FleetOpts::parallelism`] threads, starting them
/// in the order given; returns `work`'s results in the same order.
///
/// [`run_fleet`](crate::run_fleet) is built on it; use it for fleet-wide work whose steps differ
/// from one item to the next. The callback of [`FleetOpts::on_event`] is not called: `work`
/// reports its own progress. A panic in `work` is raised again once every thread has stopped.
///
/// # Examples
///
/// ```
/// use rackcloud_core::{FleetOpts, ServiceClient};
/// use rackcloud_core::kit::{Turn, run_paced};
///
/// # fn main() -> Result<(), rackcloud_core::Error> {
/// let client = ServiceClient::with_token("http://127.0.0.1:9/v1.0/123456", "token")?;
/// let names = ["web", "api", "admin"];
/// let lengths = run_paced(&client, &names, &FleetOpts::new().parallel(2), |name, turn| {
///     match turn {
///         Turn::Run(_wait) => Some(name.len()),
///         _ => None,
///     }
/// });
/// assert_eq!(lengths, [Some(3), Some(3), Some(5)]);
/// # Ok(())
/// # }
/// ```
pub fn run_paced<T, R>(
    client: &ServiceClient,
    items: &[T],
    opts: &FleetOpts,
    work: impl Fn(&T, Turn<'_>) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let start = Instant::now();
    let parallel = opts.parallelism().min(items.len()).max(1);
    let wait = opts
        .wait_opts()
        .clone()
        .within_budget(client.provider().pacing(), parallel);
    let next = AtomicUsize::new(0);
    // Each thread hands back what it did with the index of each item; a thread that panicked
    // inside `work` raises its panic again here, once the others have stopped.
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..parallel)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(item) = items.get(i) else { break };
                        let late = opts.deadline_after().is_some_and(|d| start.elapsed() >= d);
                        let turn = if late {
                            Turn::TooLate
                        } else {
                            Turn::Run(&wait)
                        };
                        done.push((i, work(item, turn)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => {
                    for (i, result) in done {
                        results[i] = Some(result);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    results.into_iter().flatten().collect()
}
