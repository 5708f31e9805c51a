//! The `rackcloud` binary's tests, in one test binary: each module runs the built binary with a
//! cleared environment, mostly against an in-process emulator, and checks what it prints and its
//! exit status.

mod access_list;
mod catalog;
mod common;
mod coverage;
mod declarative;
mod demo;
mod docs_cli;
mod emulator;
mod emulator_hosts;
mod errors;
mod files;
mod fleet;
mod generated;
mod health_monitor;
mod hostile;
mod lb_features;
mod lbs;
mod lost_answer;
mod node_traffic;
mod nodes;
mod operator;
mod pipes;
mod plan_diff;
mod reference;
mod retries;
mod secrets;
mod session_persistence;
mod ssl;
mod ssl_not_found;
mod standin;
mod throttle;
mod tls_mfa;
mod unconfirmed;
mod unconfirmed_many;
mod unix;
mod usage_errors;
mod usage_reports;
mod vips_metadata;
mod wait;
