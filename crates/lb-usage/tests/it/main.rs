//! The integration tests of `lb_usage`, one binary: every module runs against the emulator.

mod common;
mod documented;
mod records;
mod wire;
