//! What [`run_fleet`](crate::run_fleet) reports: one [`LbOutcome`] per load balancer, and
//! [`FleetEvent`]s as it goes.

use std::time::Duration;

use crate::error::Error;

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

/// Progress of [`run_fleet`](crate::run_fleet), as given to
/// [`FleetOpts::on_event`](crate::FleetOpts::on_event).
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
