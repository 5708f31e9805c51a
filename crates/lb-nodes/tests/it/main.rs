//! The integration tests of `lb_nodes`, one binary: every module runs against the emulator.

mod common;
mod rotation_traffic;
mod rules;
mod wire;
mod workflow_failures;
mod workflows;
