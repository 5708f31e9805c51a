//! The integration tests of `lb_lbs`, one binary: every module runs against the emulator.

mod common;
mod paging;
mod rules;
mod wait;
mod wire;
