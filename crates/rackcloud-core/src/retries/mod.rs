//! The retry loop and its policy: attempts, deadlines, back-off, what is worth repeating.

pub(crate) mod deadline;
pub(crate) mod retry;
pub(crate) mod retry_policy;
pub(crate) mod retry_reason;
