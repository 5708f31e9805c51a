//! The per-minute rate limits, checked after the token check (the account must be known) and
//! before the handlers.

use std::time::Duration;

use jiff::Timestamp;

use crate::http::Reply;
use crate::injected_fault;
use crate::rate_limit;
use crate::state::Shared;
use crate::time;

/// `Ok` within the limits; else the gateway's wrapped 413 with `Retry-After` in seconds until the
/// window frees a slot and `retryAfter` as that date.
pub(crate) fn check(shared: &Shared, tenant: &str, method: &str) -> Result<(), Reply> {
    let Err(wait) = shared
        .rate_limits
        .check(tenant, method, shared.config.clock.now())
    else {
        return Ok(());
    };
    let seconds = rate_limit::retry_after_seconds(shared.config.clock.real_time(wait));
    let date = time::lb_time(time::later(Timestamp::now(), Duration::from_secs(seconds)));
    let body = injected_fault::json_bytes(injected_fault::over_limit(413, &date));
    Err(Reply::with_payload(413, body).with_header("Retry-After", seconds.to_string()))
}
