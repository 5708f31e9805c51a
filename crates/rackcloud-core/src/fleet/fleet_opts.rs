//! [`FleetOpts`]: how many load balancers are worked on at once, until when new ones may
//! start, how to wait, and who hears about progress.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::fleet_event::FleetEvent;
use crate::wait_opts::WaitOpts;

pub(crate) type EventCallback = Arc<dyn Fn(&FleetEvent<'_>) + Send + Sync>;

/// How [`run_fleet`](crate::run_fleet) and [`run_paced`](crate::kit::run_paced) run: how many load
/// balancers at once, until when new ones may start, how to wait, and who hears about progress.
#[derive(Clone)]
#[must_use = "a builder does nothing until it is used"]
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
    /// [`NotStarted`](crate::FleetOutcome::NotStarted). Started ones run to their end.
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

    /// The time after which nothing new starts, if any.
    pub fn deadline_after(&self) -> Option<Duration> {
        self.deadline
    }

    /// How steps wait (before the raise to the GET budget).
    pub fn wait_opts(&self) -> &WaitOpts {
        &self.wait
    }

    pub(crate) fn event_callback(&self) -> Option<&EventCallback> {
        self.on_event.as_ref()
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
