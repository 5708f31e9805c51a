//! [`run_fleet`]: one job over many load balancers, a bounded number at a time, each one's steps
//! in order, with one outcome per load balancer.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::service::ServiceClient;
use crate::wait_opts::WaitOpts;

type StepFn = Arc<dyn Fn(&ServiceClient, u64, &WaitOpts) -> Result<(), Error> + Send + Sync>;
type EventCallback = Arc<dyn Fn(&FleetEvent<'_>) + Send + Sync>;

/// The steps to run on each load balancer, in order. Each step is given the client, the load
/// balancer's id and the [`WaitOpts`] to wait with (its interval raised to what the GET budget
/// allows), and should leave the load balancer `ACTIVE` (use the `*_and_wait` functions).
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

/// How [`run_fleet`] runs: how many load balancers at once, until when new ones may start, how
/// to wait, and who hears about progress.
#[derive(Clone)]
pub struct FleetOpts {
    parallel: usize,
    deadline: Option<Duration>,
    wait: WaitOpts,
    on_event: Option<EventCallback>,
}

impl FleetOpts {
    /// The default number of load balancers worked on at once.
    pub const DEFAULT_PARALLEL: usize = 10;

    /// [`DEFAULT_PARALLEL`](FleetOpts::DEFAULT_PARALLEL) at once, no deadline, the default
    /// [`WaitOpts`], no callback.
    pub fn new() -> FleetOpts {
        FleetOpts {
            parallel: FleetOpts::DEFAULT_PARALLEL,
            deadline: None,
            wait: WaitOpts::new(),
            on_event: None,
        }
    }

    /// How many load balancers are worked on at once (taken as at least 1).
    pub fn parallel(mut self, n: usize) -> FleetOpts {
        self.parallel = n.max(1);
        self
    }

    /// No load balancer is started after this much time; those are
    /// [`NotStarted`](FleetOutcome::NotStarted). Started ones run to their end.
    pub fn deadline(mut self, d: Duration) -> FleetOpts {
        self.deadline = Some(d);
        self
    }

    /// How steps wait. Its interval is raised, when needed, so that polling all the load
    /// balancers at once stays within the client's GET budget.
    pub fn wait(mut self, wait: WaitOpts) -> FleetOpts {
        self.wait = wait;
        self
    }

    /// Called, from the worker threads, as load balancers start, pass steps and finish.
    pub fn on_event(mut self, f: impl Fn(&FleetEvent<'_>) + Send + Sync + 'static) -> FleetOpts {
        self.on_event = Some(Arc::new(f));
        self
    }

    /// The number of load balancers worked on at once.
    pub fn parallelism(&self) -> usize {
        self.parallel
    }
}

impl Default for FleetOpts {
    fn default() -> FleetOpts {
        FleetOpts::new()
    }
}

impl fmt::Debug for FleetOpts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FleetOpts")
            .field("parallel", &self.parallel)
            .field("deadline", &self.deadline)
            .field("wait", &self.wait)
            .field("on_event", &self.on_event.is_some())
            .finish()
    }
}

/// What happened to one load balancer.
#[derive(Debug)]
#[non_exhaustive]
pub enum FleetOutcome {
    /// Every step succeeded.
    Done,
    /// Step `step` (counting from 1) failed; later steps were not run.
    Failed {
        /// The failed step, counting from 1.
        step: usize,
        /// Its name.
        name: String,
        /// Why.
        error: Error,
    },
    /// The deadline had passed before its turn came.
    NotStarted,
}

/// One load balancer's outcome and how long its job took.
#[derive(Debug)]
#[non_exhaustive]
pub struct LbOutcome {
    /// The load balancer.
    pub lb_id: u64,
    /// What happened.
    pub outcome: FleetOutcome,
    /// From its first step's start to its end (zero when not started).
    pub elapsed: Duration,
}

impl LbOutcome {
    /// Whether every step succeeded.
    pub fn is_done(&self) -> bool {
        matches!(self.outcome, FleetOutcome::Done)
    }
}

/// Progress of [`run_fleet`], as given to [`FleetOpts::on_event`].
#[derive(Debug)]
#[non_exhaustive]
pub enum FleetEvent<'a> {
    /// A load balancer's job starts.
    Started {
        /// The load balancer.
        lb_id: u64,
    },
    /// A step succeeded.
    StepDone {
        /// The load balancer.
        lb_id: u64,
        /// The step, counting from 1.
        step: usize,
        /// Its name.
        name: &'a str,
    },
    /// A load balancer's job ended (or was not started); `finished` of `total` have ended.
    Finished {
        /// Its outcome.
        outcome: &'a LbOutcome,
        /// How many load balancers have ended so far, this one included.
        finished: usize,
        /// How many there are.
        total: usize,
    },
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
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// use std::time::Duration;
/// use rackcloud_core::{FleetJob, FleetOpts, WaitOpts, change_and_wait, run_fleet};
/// use serde_json::json;
///
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
    let start = Instant::now();
    let parallel = opts.parallel.min(lb_ids.len()).max(1);
    let floor = client.provider().pacing().poll_interval(parallel);
    let wait = if opts.wait.poll_interval() < floor {
        opts.wait.clone().interval(floor)
    } else {
        opts.wait.clone()
    };
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<LbOutcome>>> = lb_ids.iter().map(|_| Mutex::new(None)).collect();
    let notify = |event: &FleetEvent<'_>| {
        if let Some(f) = &opts.on_event {
            f(event);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..parallel {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&lb_id) = lb_ids.get(i) else { break };
                    let late = opts.deadline.is_some_and(|d| start.elapsed() >= d);
                    let outcome = if late {
                        LbOutcome {
                            lb_id,
                            outcome: FleetOutcome::NotStarted,
                            elapsed: Duration::ZERO,
                        }
                    } else {
                        run_one(client, lb_id, job, &wait, &notify)
                    };
                    let done = finished.fetch_add(1, Ordering::SeqCst) + 1;
                    notify(&FleetEvent::Finished {
                        outcome: &outcome,
                        finished: done,
                        total: lb_ids.len(),
                    });
                    *slots[i].lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(lb_ids)
        .map(|(slot, &lb_id)| {
            slot.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .unwrap_or(LbOutcome {
                    lb_id,
                    outcome: FleetOutcome::NotStarted,
                    elapsed: Duration::ZERO,
                })
        })
        .collect()
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
