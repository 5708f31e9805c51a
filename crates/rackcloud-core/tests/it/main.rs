//! The integration tests of rackcloud-core, in one binary: each module runs the SDK against the
//! emulator on loopback.

mod common;
mod durations;
mod endpoints;
mod identity;
mod reauth;
mod refresh;
mod requests;
mod secrets;
mod send_sync;
