//! The integration tests of `lb_ssl`, one binary: every module runs against the emulator.

mod checks;
mod common;
mod mappings;
mod not_found;
mod rules;
mod secrets;
mod wire;
mod workflows;
