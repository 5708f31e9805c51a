//! [`Unconfirmed`]: a change accepted whose wait ended before it was applied (exit status 3).

use std::fmt;
use std::time::Duration;

use rackcloud_lb::core::{BulkOutcome, Error, ErrorKind, WaitOpts};
use rackcloud_lb::lbs::Status;
use rackcloud_lb::nodes::workflows::WorkflowError;

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
    /// What was accepted, when more than the one change: a workflow's steps, a bulk
    /// operation's requests.
    accepted: Option<String>,
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
            accepted: None,
        }
    }

    /// The workflow error behind `e` when its failed step was accepted and its wait (with
    /// `opts`) passed the deadline: the workflow's words say what was accepted and applied.
    pub(crate) fn of_workflow(lb_id: u64, opts: &WaitOpts, e: &Error) -> Option<Unconfirmed> {
        let failure = WorkflowError::of(e)?;
        if !failure.accepted() || failure.cause().kind() != ErrorKind::Timeout {
            return None;
        }
        let mut unconfirmed = Unconfirmed::new(lb_id, Status::Active, opts, failure.cause());
        unconfirmed.accepted = Some(failure.to_string());
        Some(unconfirmed)
    }

    /// A bulk operation's wait between requests (with `opts`) that passed its deadline after
    /// some requests were accepted: which ids went through and which were not sent.
    pub(crate) fn of_chunks(
        lb_id: u64,
        what: &str,
        opts: &WaitOpts,
        outcome: &BulkOutcome,
    ) -> Option<Unconfirmed> {
        let e = outcome.error()?;
        if e.kind() != ErrorKind::Timeout || outcome.done().is_empty() {
            return None;
        }
        let ids = |ids: &[u64]| -> String {
            let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
            if ids.is_empty() {
                "none".to_owned()
            } else {
                ids.join(", ")
            }
        };
        let mut unsent = outcome.failed().to_vec();
        unsent.extend_from_slice(outcome.not_attempted());
        let mut unconfirmed = Unconfirmed::new(lb_id, Status::Active, opts, e);
        unconfirmed.accepted = Some(format!(
            "{what} accepted: {}; not sent: {}",
            ids(outcome.done()),
            ids(&unsent)
        ));
        Some(unconfirmed)
    }

    /// The one [`Unconfirmed`] behind `e`, as [`into_error`](Self::into_error) made it.
    pub(crate) fn of(e: &Error) -> Option<&Unconfirmed> {
        std::error::Error::source(e)?.downcast_ref::<Unconfirmed>()
    }

    /// A [`Timeout`](ErrorKind::Timeout) that says [`reason`](Self::reason), with the status
    /// last seen and this as its source: a fleet's step fails with it, and its summary counts it
    /// as accepted, not confirmed ([`of`](Self::of)).
    pub(crate) fn into_error(self) -> Error {
        let told = Error::new(ErrorKind::Timeout, self.reason());
        let told = match self.last_status() {
            Some(status) => told.with_lb_status(status),
            None => told,
        };
        told.with_source(self)
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
        let accepted = match &self.accepted {
            Some(accepted) => format!("; {accepted}"),
            None => String::new(),
        };
        format!(
            "accepted, not confirmed: {seen} when the {:.1} s wait for {} ended{accepted}; {next}: \
             do not send it again; see `rackcloud lb show {id}`",
            self.deadline.as_secs_f64(),
            self.target
        )
    }
}

impl fmt::Display for Unconfirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason())
    }
}

impl std::error::Error for Unconfirmed {}
