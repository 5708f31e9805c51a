//! The integration tests of `lb_monitors`, one binary: every module runs against the emulator.

mod bounds;
mod common;
mod partial;
mod rules;
mod wire;
