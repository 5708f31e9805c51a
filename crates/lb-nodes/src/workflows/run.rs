//! [`WorkflowOpts`] and the bookkeeping of one workflow run: the deadline, the progress
//! callback, and what was applied.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rackcloud_core::{Error, ErrorKind, ServiceClient, WaitOpts, wait_until_active};

use super::error::{Step, Workflow, WorkflowError};
use crate::Status;
use rackcloud_core::model::Node;

/// What a step is doing, as given to [`WorkflowOpts::on_step`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum StepEvent<'a> {
    /// The step begins.
    Started,
    /// A poll of a node while waiting for it to be `ONLINE`.
    NodePolled {
        /// The node.
        node_id: u64,
        /// Its status.
        status: &'a Status,
    },
    /// The step is done (its change applied).
    Done,
}

/// One report of a workflow's progress.
#[derive(Debug)]
#[non_exhaustive]
pub struct StepProgress<'a> {
    /// The workflow.
    pub workflow: Workflow,
    /// The step.
    pub step: Step,
    /// What happened.
    pub event: StepEvent<'a>,
    /// The time since the workflow began.
    pub elapsed: Duration,
}

type StepCallback = Arc<dyn Fn(&StepProgress<'_>) + Send + Sync>;

/// How a workflow runs: the [`WaitOpts`] of its waits (their interval; their deadline bounds
/// the **whole** workflow, every wait and the grace period included) and a callback for each
/// step. The waits' own progress callback, if any, still reports every poll of the load
/// balancer.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use lb_nodes::workflows::WorkflowOpts;
/// use rackcloud_core::WaitOpts;
///
/// let opts = WorkflowOpts::new(WaitOpts::new().deadline(Duration::from_secs(15 * 60)))
///     .on_step(|p| eprintln!("{}: {} {:?}", p.workflow, p.step, p.event));
/// ```
#[derive(Clone, Default)]
pub struct WorkflowOpts {
    wait: WaitOpts,
    on_step: Option<StepCallback>,
}

impl WorkflowOpts {
    /// Waits as `wait` says; the workflow ends by `wait`'s deadline.
    pub fn new(wait: WaitOpts) -> WorkflowOpts {
        WorkflowOpts {
            wait,
            on_step: None,
        }
    }

    /// Called when each step starts and ends, and at each poll of a node.
    pub fn on_step(
        mut self,
        f: impl Fn(&StepProgress<'_>) + Send + Sync + 'static,
    ) -> WorkflowOpts {
        self.on_step = Some(Arc::new(f));
        self
    }

    /// The wait options.
    pub fn wait_opts(&self) -> &WaitOpts {
        &self.wait
    }
}

impl fmt::Debug for WorkflowOpts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkflowOpts")
            .field("wait", &self.wait)
            .field("on_step", &self.on_step.is_some())
            .finish()
    }
}

/// One run of a workflow.
pub(crate) struct Run<'a> {
    workflow: Workflow,
    opts: &'a WorkflowOpts,
    start: Instant,
    pub(crate) completed: Vec<Step>,
    pub(crate) added: Vec<Node>,
    pub(crate) updated: Vec<u64>,
    pub(crate) removed: Vec<u64>,
}

impl<'a> Run<'a> {
    /// Starts a run; checks the wait options for load balancer `lb_id` first.
    pub(crate) fn start(
        workflow: Workflow,
        lb_id: u64,
        opts: &'a WorkflowOpts,
    ) -> Result<Run<'a>, Error> {
        opts.wait.check(lb_id)?;
        Ok(Run {
            workflow,
            opts,
            start: Instant::now(),
            completed: Vec::new(),
            added: Vec::new(),
            updated: Vec::new(),
            removed: Vec::new(),
        })
    }

    /// The time left before the deadline.
    pub(crate) fn remaining(&self) -> Duration {
        self.opts
            .wait
            .wait_deadline()
            .saturating_sub(self.start.elapsed())
    }

    /// The wait options with the time left as their deadline.
    pub(crate) fn wait_opts(&self) -> WaitOpts {
        self.opts.wait.clone().deadline(self.remaining())
    }

    pub(crate) fn report(&self, step: Step, event: StepEvent<'_>) {
        if let Some(f) = &self.opts.on_step {
            f(&StepProgress {
                workflow: self.workflow,
                step,
                event,
                elapsed: self.start.elapsed(),
            });
        }
    }

    /// Begins `step`: reported, or a timeout when the deadline has passed.
    pub(crate) fn begin(&mut self, step: Step) -> Result<(), Error> {
        if self.remaining().is_zero() {
            let e = self.deadline_error(step);
            return Err(self.fail(step, false, e));
        }
        self.report(step, StepEvent::Started);
        Ok(())
    }

    /// The timeout of a step the deadline cut.
    pub(crate) fn deadline_error(&self, step: Step) -> Error {
        Error::new(
            ErrorKind::Timeout,
            format!(
                "the workflow's deadline of {:?} passed before step '{step}' could finish",
                self.opts.wait.wait_deadline()
            ),
        )
    }

    /// Ends `step` successfully.
    pub(crate) fn done(&mut self, step: Step) {
        self.completed.push(step);
        self.report(step, StepEvent::Done);
    }

    /// Waits until the change of `step` is applied; a failure is the step's, accepted.
    pub(crate) fn wait_applied(
        &mut self,
        step: Step,
        client: &ServiceClient,
        lb_id: u64,
    ) -> Result<(), Error> {
        match wait_until_active(client, lb_id, &self.wait_opts()) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.fail(step, true, e)),
        }
    }

    /// The error a workflow returns: the cause's kind and load balancer status, with the
    /// [`WorkflowError`] as its source.
    pub(crate) fn fail(&mut self, step: Step, accepted: bool, cause: Error) -> Error {
        let failure = WorkflowError {
            workflow: self.workflow,
            step,
            accepted,
            completed: self.completed.clone(),
            added: self.added.clone(),
            updated: self.updated.clone(),
            removed: self.removed.clone(),
            cause,
        };
        let mut e = Error::new(
            failure.cause.kind(),
            format!("{failure}: {}", failure.cause),
        );
        if let Some(status) = failure.cause.lb_status() {
            e = e.with_lb_status(status);
        }
        e.with_source(failure)
    }
}
