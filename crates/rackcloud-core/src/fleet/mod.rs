//! Many load balancers at once: pacing per method, the bounded scoped-thread runner, fleet jobs and outcomes.

pub(crate) mod fleet_event;
pub(crate) mod fleet_opts;
pub(crate) mod job;
pub(crate) mod paced_run;
pub(crate) mod pacing;
