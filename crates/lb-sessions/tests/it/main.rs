//! The integration tests of `lb_sessions`, one binary: every module runs against the emulator.

mod common;
mod fault_bodies;
mod fault_matrix;
mod rules;
mod soak;
mod wait;
mod wire;
