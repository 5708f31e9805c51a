//! The integration tests of `lb_lbs`, one binary: every module runs against the emulator.

mod bulk_and_filters;
mod change_and_wait;
mod common;
mod create_configured;
mod feature_rules;
mod feature_wire;
mod paging;
mod rules;
mod wait;
mod wire;
mod wire_refusals;
