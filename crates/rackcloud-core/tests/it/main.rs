//! The integration tests of rackcloud-core, in one binary: each module runs the SDK against the
//! emulator on loopback.

mod ca_file;
mod common;
mod connect_proxy;
mod durations;
mod endpoints;
mod far_expiry;
mod fleet;
mod identity;
mod mfa;
mod pacing;
mod proxies;
mod reauth;
mod refresh;
mod requests;
mod secrets;
mod send_sync;
mod tls;
mod token_ops;
mod trace_logs;
mod waits;
