//! Programmable faults: what to answer instead, the queue of faults still owed, path patterns.

pub(crate) mod injected_fault;
pub(crate) mod injection_queue;
pub(crate) mod pattern;
