//! The integration tests of `lb_usage`, one binary: every module runs against the emulator.

mod common;
mod records;
mod wire;
