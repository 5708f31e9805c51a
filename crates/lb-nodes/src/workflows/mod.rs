//! The node workflows: each one call, bounded by one deadline, reporting each step, and on
//! failure saying which step failed and what was already applied ([`WorkflowError`]).

mod add;
mod converge;
mod drain;
mod error;
mod run;

pub use add::{add_nodes, add_safely};
pub use converge::{NodePlan, converge, plan};
pub use drain::drain_and_remove;
pub use error::{Step, Workflow, WorkflowError};
pub use run::{StepEvent, StepProgress, WorkflowOpts};
