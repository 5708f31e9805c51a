//! [`WorkflowError`]: which step of which workflow failed, and what was already applied.

use std::error::Error as StdError;
use std::fmt;

use rackcloud_core::Error;

use rackcloud_core::model::Node;

/// A workflow of this crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Workflow {
    /// [`add_nodes`](crate::workflows::add_nodes).
    AddNodes,
    /// [`drain_and_remove`](crate::workflows::drain_and_remove).
    DrainAndRemove,
    /// [`add_safely`](crate::workflows::add_safely).
    AddSafely,
    /// [`converge`](crate::workflows::converge).
    Converge,
}

/// A step of a workflow. Every step that changes the load balancer includes the wait until
/// the change is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// Reading the nodes the load balancer has ([`converge`](crate::workflows::converge)).
    Read,
    /// Adding nodes (one request), then waiting.
    Add,
    /// Waiting until every added node is `ONLINE` (its health check passes).
    WaitOnline,
    /// Setting nodes `ENABLED`, then waiting.
    Enable,
    /// Setting a node `DRAINING`, then waiting.
    SetDraining,
    /// The grace period for connections to finish.
    Grace,
    /// Changing nodes (bulk update), then waiting.
    Update,
    /// Deleting nodes, then waiting.
    Remove,
}

impl fmt::Display for Workflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Workflow::AddNodes => "add nodes",
            Workflow::DrainAndRemove => "drain and remove",
            Workflow::AddSafely => "add safely",
            Workflow::Converge => "converge",
        })
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Read => "read the nodes",
            Step::Add => "add",
            Step::WaitOnline => "wait until online",
            Step::Enable => "enable",
            Step::SetDraining => "set draining",
            Step::Grace => "grace period",
            Step::Update => "update",
            Step::Remove => "remove",
        })
    }
}

/// Why a workflow stopped: the step that failed, whether the server had accepted that step's
/// change (it failed while waiting), the steps completed before it, and the nodes added,
/// updated and removed so far. It is the [`source`](std::error::Error::source) of the
/// [`Error`] a workflow returns (same [`kind`](Error::kind) as [`cause`](Self::cause)); find it
/// with [`WorkflowError::of`].
#[derive(Debug)]
pub struct WorkflowError {
    pub(crate) workflow: Workflow,
    pub(crate) step: Step,
    pub(crate) accepted: bool,
    pub(crate) completed: Vec<Step>,
    pub(crate) added: Vec<Node>,
    pub(crate) updated: Vec<u64>,
    pub(crate) removed: Vec<u64>,
    pub(crate) cause: Error,
}

impl WorkflowError {
    /// The workflow error behind an error a workflow returned, if it is one.
    pub fn of(error: &Error) -> Option<&WorkflowError> {
        StdError::source(error)?.downcast_ref::<WorkflowError>()
    }

    /// The workflow.
    pub fn workflow(&self) -> Workflow {
        self.workflow
    }

    /// The step that failed.
    pub fn step(&self) -> Step {
        self.step
    }

    /// Whether the server accepted the failed step's change (the failure came while waiting
    /// for it to be applied, or after part of a bulk change).
    pub fn accepted(&self) -> bool {
        self.accepted
    }

    /// The steps completed before the failure, in order.
    pub fn completed(&self) -> &[Step] {
        &self.completed
    }

    /// The nodes added so far (they stay on the load balancer).
    pub fn added(&self) -> &[Node] {
        &self.added
    }

    /// The ids of the nodes changed so far.
    pub fn updated(&self) -> &[u64] {
        &self.updated
    }

    /// The ids of the nodes deleted so far.
    pub fn removed(&self) -> &[u64] {
        &self.removed
    }

    /// The error of the failed step.
    pub fn cause(&self) -> &Error {
        &self.cause
    }
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: step '{}' failed", self.workflow, self.step)?;
        if self.accepted {
            // Its change stands: never "nothing was applied".
            f.write_str(" after the server accepted it (its change stands)")?;
        }
        let ids = |ids: &[u64]| {
            ids.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let added: Vec<u64> = self.added.iter().map(Node::id).collect();
        if added.is_empty() && self.updated.is_empty() && self.removed.is_empty() {
            if !self.accepted {
                f.write_str("; nothing was applied")?;
            }
        } else {
            write!(
                f,
                "; applied: nodes added [{}], updated [{}], removed [{}]",
                ids(&added),
                ids(&self.updated),
                ids(&self.removed)
            )?;
        }
        Ok(())
    }
}

impl StdError for WorkflowError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.cause)
    }
}
