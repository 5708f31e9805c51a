//! Shared set-up: the helpers of every crate's tests, and nothing of this crate's own.

pub use rackcloud_testing::{dfw, dfw_no_retries, lb_path};
