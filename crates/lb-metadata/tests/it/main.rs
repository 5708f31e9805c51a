//! The integration tests of `lb_metadata`, one binary: every module runs against the emulator.

mod common;
mod rules;
mod wire;
mod workflows;
