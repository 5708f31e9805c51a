//! Waiting for a load balancer: the one poll loop, its options, change-then-wait.

pub(crate) mod change_target;
pub(crate) mod change_wait;
pub(crate) mod lb_status;
pub(crate) mod wait;
pub(crate) mod wait_opts;
