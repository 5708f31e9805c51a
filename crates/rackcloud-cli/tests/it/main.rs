//! The `rackcloud` binary's tests, in one test binary: each module runs the built binary with a
//! cleared environment, mostly against an in-process emulator, and checks what it prints and its
//! exit status.

mod catalog;
mod common;
mod demo;
mod emulator;
mod errors;
mod lbs;
mod nodes;
mod retries;
mod secrets;
mod session_persistence;
mod usage_errors;
mod wait;
