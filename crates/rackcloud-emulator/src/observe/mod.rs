//! What the emulator tells its user: counters and the bounded request record.

pub(crate) mod record;
pub(crate) mod stats;
