//! [`run_fleet`]: one job over many load balancers, a bounded number at a time, each one's steps
//! in order, with one outcome per load balancer.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::fleet_event::{FleetEvent, FleetOutcome, LbOutcome};
use crate::fleet_opts::FleetOpts;
use crate::paced_run::{Turn, run_paced};
use crate::service::ServiceClient;
use crate::wait_opts::WaitOpts;

type StepFn = Arc<dyn Fn(&ServiceClient, u64, &WaitOpts) -> Result<(), Error> + Send + Sync>;

/// The steps to run on each load balancer, in order. Each step is given the client, the load
/// balancer's id and the [`WaitOpts`] to wait with (its interval raised to what the GET budget
/// allows), and should leave the load balancer `ACTIVE` (wait with each change's `and_wait`).
///
/// A step that fails ends that load balancer's job: later steps are not run and nothing is
/// repeated beyond what the client's retry policy does for each request.
#[derive(Clone, Default)]
pub struct FleetJob {
    steps: Vec<(String, StepFn)>,
}

impl FleetJob {
    /// A job with no steps.
    pub fn new() -> FleetJob {
        FleetJob::default()
    }

    /// Adds a step named `name` (shown in progress and outcomes).
    pub fn step(
        mut self,
        name: impl Into<String>,
        f: impl Fn(&ServiceClient, u64, &WaitOpts) -> Result<(), Error> + Send + Sync + 'static,
    ) -> FleetJob {
        self.steps.push((name.into(), Arc::new(f)));
        self
    }

    /// The steps' names, in order.
    pub fn step_names(&self) -> Vec<&str> {
        self.steps.iter().map(|(name, _)| name.as_str()).collect()
    }
}

impl fmt::Debug for FleetJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FleetJob")
            .field("steps", &self.step_names())
            .finish()
    }
}

/// Runs `job` on each of `lb_ids` with threads, `opts.parallel` at a time, in the order given;
/// returns one outcome per id, in the same order.
///
/// Load balancers are independent: a failure on one does not stop the others. Requests go
/// through the client's pacing (see [`Pacing`](crate::Pacing)), so the threads together stay
/// within the account's budgets.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use std::time::Duration;
/// use rackcloud_core::{FleetJob, FleetOpts, WaitOpts, change_and_wait, run_fleet};
/// use serde_json::json;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let job = FleetJob::new().step("enable session persistence", |client, id, wait| {
///     change_and_wait(client, id, wait, |c, id| {
///         let body = json!({"sessionPersistence": {"persistenceType": "SOURCE_IP"}});
///         c.put(&c.lb_url(id, &["sessionpersistence"]), &body).extract_err()
///     })
/// });
/// let opts = FleetOpts::new().parallel(4).wait(WaitOpts::new().interval(Duration::from_millis(20)));
/// let outcomes = run_fleet(&client, &[1, 2, 3], &job, &opts);
/// assert!(outcomes.iter().all(|o| o.is_done()));
/// # Ok(())
/// # }
/// ```
pub fn run_fleet(
    client: &ServiceClient,
    lb_ids: &[u64],
    job: &FleetJob,
    opts: &FleetOpts,
) -> Vec<LbOutcome> {
    let finished = AtomicUsize::new(0);
    let notify = |event: &FleetEvent<'_>| {
        if let Some(f) = opts.event_callback() {
            f(event);
        }
    };
    run_paced(client, lb_ids, opts, |&lb_id, turn| {
        let outcome = match turn {
            Turn::Run(wait) => run_one(client, lb_id, job, wait, &notify),
            Turn::TooLate => LbOutcome {
                lb_id,
                outcome: FleetOutcome::NotStarted,
                elapsed: Duration::ZERO,
            },
        };
        let done = finished.fetch_add(1, Ordering::SeqCst) + 1;
        notify(&FleetEvent::Finished {
            outcome: &outcome,
            finished: done,
            total: lb_ids.len(),
        });
        outcome
    })
}

fn run_one(
    client: &ServiceClient,
    lb_id: u64,
    job: &FleetJob,
    wait: &WaitOpts,
    notify: &dyn Fn(&FleetEvent<'_>),
) -> LbOutcome {
    let began = Instant::now();
    notify(&FleetEvent::Started { lb_id });
    for (i, (name, step)) in job.steps.iter().enumerate() {
        if let Err(error) = step(client, lb_id, wait) {
            return LbOutcome {
                lb_id,
                outcome: FleetOutcome::Failed {
                    step: i + 1,
                    name: name.clone(),
                    error,
                },
                elapsed: began.elapsed(),
            };
        }
        notify(&FleetEvent::StepDone {
            lb_id,
            step: i + 1,
            name,
        });
    }
    LbOutcome {
        lb_id,
        outcome: FleetOutcome::Done,
        elapsed: began.elapsed(),
    }
}
