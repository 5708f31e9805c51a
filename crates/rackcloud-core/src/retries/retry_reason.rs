//! [`RetryReason`]: which failures are worth repeating, and why.
//!
//! A 413 rate limit, a 422 immutable answer while the load balancer is `PENDING_UPDATE` or
//! `BUILD`, a 503, a connection that failed before the request was sent, and a connection cut
//! before the whole answer of an idempotent request (`GET`, `PUT`) arrived; nothing else
//! (docs/api/conventions.md, docs/api/faults.md, docs/errors-and-retries.md).

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
    /// The connection was cut before the whole answer of an idempotent request (`GET`, `PUT`)
    /// arrived: sending it again leaves the service as one request would.
    ConnectionLost,
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
            RetryReason::ConnectionLost => f.write_str("the connection was cut"),
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
        ErrorKind::Transport | ErrorKind::Timeout
            if error.not_sent() && !error.repeat_cannot_help() =>
        {
            Some(RetryReason::ConnectFailed)
        }
        ErrorKind::Transport if error.connection_lost() && repeatable(error.method()) => {
            Some(RetryReason::ConnectionLost)
        }
        _ => None,
    }
}

/// Whether a request of this method may be sent again after its connection was cut with the
/// request already sent: `GET` reads, and the API's `PUT`s replace a whole setting, so two leave
/// what one leaves. Never `POST` (a second node, a second load balancer), nor `DELETE` (a second
/// one answers 404 or 422 for the removal the first one did, a failure for a success).
pub(crate) fn repeatable(method: Option<&str>) -> bool {
    matches!(method, Some("GET" | "HEAD" | "PUT"))
}

impl Error {
    /// Whether a later attempt may succeed: a rate limit, a load balancer busy in
    /// `PENDING_UPDATE` or `BUILD`, an unavailable service, a connection that failed before
    /// anything was sent, or a connection cut during a `GET` or `PUT`. These are what
    /// [`RetryPolicy`](crate::RetryPolicy) repeats.
    pub fn is_transient(&self) -> bool {
        transient_reason(self).is_some()
    }
}
