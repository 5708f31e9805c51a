//! The `rackcloud` binary's tests, in one test binary: each module runs the built binary with a
//! cleared environment, mostly against an in-process emulator, and checks what it prints and its
//! exit status.

mod catalog;
mod common;
mod demo;
mod emulator;
mod errors;
mod hostile;
mod lbs;
mod retries;
mod secrets;
mod session_persistence;
mod tls_mfa;
mod usage_errors;
mod wait;
