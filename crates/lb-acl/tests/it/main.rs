//! The integration tests of `lb_acl`, one binary: every module runs against the emulator.

mod common;
mod rules;
mod wire;
