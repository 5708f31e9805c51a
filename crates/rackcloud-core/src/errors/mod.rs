//! The one error type: its kinds, display, the statuses and faults it is classified from, `Retry-After`, secrets a server echoes.

pub(crate) mod classify;
pub(crate) mod echoes;
pub(crate) mod error;
pub(crate) mod error_display;
pub(crate) mod error_kind;
mod error_predicates;
pub(crate) mod fault;
pub(crate) mod retry_after;
pub(crate) mod status_error;
