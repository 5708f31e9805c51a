//! The integration tests of `lb_vips`, one binary: every module runs against the emulator.

mod common;
mod rules;
mod wire;
