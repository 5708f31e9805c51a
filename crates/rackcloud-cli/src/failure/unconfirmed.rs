//! [`Unconfirmed`]: a change accepted whose wait ended before it was applied (exit status 3).

use std::time::Duration;

use rackcloud_lb::core::{Error, WaitOpts};
use rackcloud_lb::lbs::Status;

/// A change the server accepted whose wait passed its deadline before the load balancer showed
/// it applied. The change stands: sending it again would be a second change (or a `422`, such as
/// `Duplicate nodes detected`), so the tool exits with its own status
/// ([`EXIT_UNCONFIRMED`](super::EXIT_UNCONFIRMED)) and never suggests a retry.
#[derive(Debug)]
pub(crate) struct Unconfirmed {
    lb_id: u64,
    target: Status,
    deadline: Duration,
    last_status: Option<String>,
}

impl Unconfirmed {
    /// Load balancer `lb_id` did not become `target` within `opts`' deadline: `e` says so and
    /// names the last status seen.
    pub(crate) fn new(lb_id: u64, target: Status, opts: &WaitOpts, e: &Error) -> Unconfirmed {
        Unconfirmed {
            lb_id,
            target,
            deadline: opts.wait_deadline(),
            last_status: e.lb_status().map(str::to_owned),
        }
    }

    /// The status the load balancer was last seen in, if a poll saw one.
    pub(crate) fn last_status(&self) -> Option<&str> {
        self.last_status.as_deref()
    }

    /// `accepted, not confirmed: load balancer 1 was last seen PENDING_UPDATE when the 1.0 s
    /// wait for ACTIVE ended; the change stands and is being applied: do not send it again; see
    /// `rackcloud lb show 1``.
    pub(crate) fn reason(&self) -> String {
        let id = self.lb_id;
        let seen = match self.last_status() {
            Some(status) => format!("load balancer {id} was last seen {status}"),
            None => format!("no poll of load balancer {id} was answered"),
        };
        let next = if self.target == Status::Deleted {
            "the deletion goes on"
        } else {
            "the change stands and is being applied"
        };
        format!(
            "accepted, not confirmed: {seen} when the {:.1} s wait for {} ended; {next}: do not \
             send it again; see `rackcloud lb show {id}`",
            self.deadline.as_secs_f64(),
            self.target
        )
    }
}
