//! [`RetryReason`]: which failures are worth repeating, and why.
//!
//! A 413 rate limit, a 422 immutable answer while the load balancer is `PENDING_UPDATE` or
//! `BUILD`, a 503, and a connection that failed before the request was sent; nothing else
//! (docs/api/conventions.md, docs/api/faults.md).

use std::fmt;

use crate::error::Error;
use crate::error_kind::ErrorKind;

/// Why a request is being repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryReason {
    /// 413 `overLimit`: the API's rate limit.
    RateLimited,
    /// 422: the load balancer is busy applying another change (its status is named).
    #[non_exhaustive]
    Immutable {
        /// `PENDING_UPDATE` or `BUILD`.
        lb_status: String,
    },
    /// 503: the service is unavailable.
    Unavailable,
    /// The connection failed before the request was sent.
    ConnectFailed,
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::RateLimited => f.write_str("rate limited (413)"),
            RetryReason::Immutable { lb_status } => {
                write!(f, "load balancer is {lb_status} (422)")
            }
            RetryReason::Unavailable => f.write_str("service unavailable (503)"),
            RetryReason::ConnectFailed => f.write_str("could not connect"),
        }
    }
}

/// Why `error` is worth repeating, or `None`.
pub(crate) fn transient_reason(error: &Error) -> Option<RetryReason> {
    match error.kind() {
        ErrorKind::RateLimited => Some(RetryReason::RateLimited),
        ErrorKind::Unavailable => Some(RetryReason::Unavailable),
        ErrorKind::Immutable => match error.lb_status() {
            Some(status @ ("PENDING_UPDATE" | "BUILD")) => Some(RetryReason::Immutable {
                lb_status: status.to_owned(),
            }),
            _ => None,
        },
        ErrorKind::Transport | ErrorKind::Timeout if error.not_sent() => {
            Some(RetryReason::ConnectFailed)
        }
        _ => None,
    }
}

impl Error {
    /// Whether a later attempt may succeed: a rate limit, a load balancer busy in
    /// `PENDING_UPDATE` or `BUILD`, an unavailable service, or a connection that failed before
    /// anything was sent. These are what [`RetryPolicy`](crate::RetryPolicy) repeats.
    pub fn is_transient(&self) -> bool {
        transient_reason(self).is_some()
    }
}
